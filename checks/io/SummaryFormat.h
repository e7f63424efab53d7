//===- SummaryFormat.h - Shared vocabulary of cache entries -----*- C++ -*-===//
//
// Internal to checks/io and its tests: what the summary writer
// (SummaryWriter.cpp), the reader (SummaryReader.cpp), the schema they share
// (SummarySchema.h) and the cache (SummaryCache.cpp) share about the entry
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

/// The start of an entry (EntryHead: enough to tell whether it is current),
/// its checksum verified and its functions left unread; std::nullopt where
/// parseSummary would not read the entry, or fails beyond its head.
std::optional<EntryHead> readEntryHead(llvm::StringRef Contents,
                                       llvm::StringRef SourceRoot,
                                       SharedInputsResolver Resolve);
/// The checksum of an entry whose envelope starts as serializeSummary
/// writes it, unverified (for an entry already read); "" for any other.
llvm::StringRef entryChecksum(llvm::StringRef Contents);

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
  /// Stored relative paths (in normal form) are joined to the root.
  std::string toMemory(llvm::StringRef Stored) const;

  /// The same for a position key "FILE:LINE:COL" (PolicyParamFits): FILE is
  /// mapped as a path; a key of another shape is kept verbatim.
  std::string keyToStored(llvm::StringRef Key) const;
  std::string keyToMemory(llvm::StringRef Key) const;

  /// True for what is stored and read verbatim rather than relative to the
  /// root: "", absolute paths, pseudo-files such as "<built-in>", and
  /// relative paths not in normal form (which toStored never writes).
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
    if (!HaveLast || Stored != LastStored) {
      LastStored = Stored.str();
      LastMemory = Paths.toMemory(Stored);
      HaveLast = true;
    }
    return LastMemory;
  }

private:
  const CachePaths &Paths;
  /// No sentinel path: any bytes may be a stored path (the fuzzer's "\x01"
  /// read back as "" when one was the sentinel).
  bool HaveLast = false;
  std::string LastStored, LastMemory;
};

/// The index of the first edge of \p F whose label or output names a call
/// site that \p F does not have, or -1. Readers reject such an entry: the
/// solver keys its nodes by call-site index.
int firstEdgeWithBadCallIndex(const FunctionSummary &F);

} // namespace purpose

#endif
