//===- SummaryFormat.h - Shared vocabulary of cache entries -----*- C++ -*-===//
//
// Internal to checks/io and its tests: what the summary writer
// (SummaryWriter.cpp), readers (SummaryReader.cpp, CanonicalEntryReader.cpp)
// and cache (SummaryCache.cpp) share about the entry
// format of docs/cache-format.md: its name, the names of enumerators, and
// how paths map to and from the source root.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_SUMMARYFORMAT_H
#define PURPOSE_IO_SUMMARYFORMAT_H

#include "Summary.h"
#include "SummaryCache.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace purpose {

/// The value of an entry's "format" member.
constexpr llvm::StringLiteral SummaryFormatName = "purpose-check-summary";
/// The value of a shared input set's "format" member.
constexpr llvm::StringLiteral SharedInputsFormatName = "purpose-check-inputs";

/// The name of an enumerator in an entry; null for a value that is not an
/// enumerator.
const char *kindName(LabelKind K);
const char *kindName(OutputKind K);
const char *kindName(DeclInfo::KindTy K);

/// The enumerator of \p EnumT that kindName calls \p Name, if any. Every
/// enum named here has a uint8_t-sized range.
template <typename EnumT> std::optional<EnumT> kindNamed(llvm::StringRef Name) {
  for (int I = 0; I < 256; ++I)
    if (const char *N = kindName(static_cast<EnumT>(I)); N && Name == N)
      return static_cast<EnumT>(I);
  return std::nullopt;
}

/// parseSummary's two readers, which the tests and the entry fuzzer also
/// call alone. The canonical one reads an entry that is byte for byte what
/// serializeSummary writes (printable ASCII strings; any other entry gives
/// std::nullopt, never an error); the validating one reads any JSON spelling
/// of the format and names the position of the first problem. Where the
/// canonical reader gives a summary, the validating one gives the same.
std::optional<TUSummary> readCanonicalSummary(llvm::StringRef Contents,
                                              llvm::StringRef SourceRoot,
                                              SharedInputsResolver Resolve);
/// The start of an entry exactly as serializeSummary writes it, its
/// checksum verified: enough to tell whether it is current (EntryHead).
/// std::nullopt for any other entry, never an error.
std::optional<EntryHead> readCanonicalHead(llvm::StringRef Contents,
                                           llvm::StringRef SourceRoot,
                                           SharedInputsResolver Resolve);
/// The checksum of an entry whose envelope is spelled as serializeSummary
/// spells it, unverified; "" for any other.
llvm::StringRef canonicalEntryChecksum(llvm::StringRef Contents);
/// The same pair for shared input sets (parseSharedInputs): the canonical
/// reader takes a set byte for byte as serializeSummary writes it, with the
/// checksum \p Id, and leaves everything else to the validating reader.
std::optional<SharedInputs>
readCanonicalSharedInputs(llvm::StringRef Contents, llvm::StringRef SourceRoot,
                          llvm::StringRef Id);
llvm::Expected<TUSummary> parseSummaryValidating(llvm::StringRef Contents,
                                                 llvm::StringRef SourceRoot,
                                                 llvm::StringRef Name,
                                                 SharedInputsResolver Resolve);

/// Maps paths between memory (absolute) and an entry (relative to the source
/// root where they lie under it).
///
/// A stored relative path is never empty, never starts with '/' or '<', and
/// has no empty, "." or ".." segment, so that toMemory(toStored(P)) == P.
/// Whatever does not qualify is stored and read verbatim: absolute paths
/// outside the root or not in normal form, "" (no file) and Clang's
/// pseudo-files such as "<built-in>". The root itself is stored as ".".
class CachePaths {
public:
  /// An empty \p SourceRoot stores every path verbatim.
  explicit CachePaths(llvm::StringRef SourceRoot);

  std::string toStored(llvm::StringRef Path) const;
  /// Relative paths are joined to the root and normalised.
  std::string toMemory(llvm::StringRef Stored) const;

  /// The same for a position key "FILE:LINE:COL" (PolicyParamFits): FILE is
  /// mapped as a path; a key of another shape is kept verbatim.
  std::string keyToStored(llvm::StringRef Key) const;
  std::string keyToMemory(llvm::StringRef Key) const;

  /// True for what is stored and read verbatim rather than relative to the
  /// root: "", absolute paths and pseudo-files such as "<built-in>".
  static bool isVerbatim(llvm::StringRef Stored);

private:
  std::string Root; ///< Normalised, no trailing separator unless "/".
};

/// CachePaths::toMemory for the paths of one entry, in order: positions
/// repeat the same few files, so each run of one stored path is mapped once.
class StoredPathMapper {
public:
  explicit StoredPathMapper(const CachePaths &Paths) : Paths(Paths) {}
  const std::string &toMemory(llvm::StringRef Stored) {
    if (Stored != LastStored) {
      LastStored = Stored.str();
      LastMemory = Paths.toMemory(Stored);
    }
    return LastMemory;
  }

private:
  const CachePaths &Paths;
  std::string LastStored = "\x01", LastMemory; ///< No stored path is "\x01".
};

/// The index of the first edge of \p F whose label or output names a call
/// site that \p F does not have, or -1. Readers reject such an entry: the
/// solver keys its nodes by call-site index.
int firstEdgeWithBadCallIndex(const FunctionSummary &F);

} // namespace purpose

#endif
