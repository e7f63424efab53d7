//===- SummaryCache.h - Per-TU summaries on disk ----------------*- C++ -*-===//
//
// The persistent cache of TUSummary, one file per translation unit, in a
// documented, versioned format (docs/cache-format.md). Paths inside an entry
// are stored relative to a source root, so that caches made in different
// checkouts and on different machines merge; they are absolute in memory.
//
// Entries are written atomically (temporary file + rename), so concurrent
// writers and interrupted runs never leave a partial entry. A truncated,
// corrupt or foreign-version entry reads as an error; callers re-analyze.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_SUMMARYCACHE_H
#define PURPOSE_IO_SUMMARYCACHE_H

#include "Summary.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace purpose {

/// The cache format version; bump on any change to the entry layout.
constexpr int CacheFormatVersion = 1;

/// Serializes \p S (paths made relative to \p SourceRoot where they lie under
/// it) with a checksum of the payload. Deterministic: same summary, same bytes.
std::string serializeSummary(const TUSummary &S, llvm::StringRef SourceRoot);

/// Parses what serializeSummary wrote; paths are made absolute against
/// \p SourceRoot. Any damage (bad JSON, wrong version, checksum mismatch,
/// missing members) is an error naming \p Name.
llvm::Expected<TUSummary> parseSummary(llvm::StringRef Contents,
                                       llvm::StringRef SourceRoot,
                                       llvm::StringRef Name);

class SummaryCache {
public:
  /// \p Dir is created on first store.
  SummaryCache(std::string Dir, std::string SourceRoot);

  const std::string &dir() const { return Dir; }

  /// The entry file for the TU whose main file is \p MainFile (absolute):
  /// DIR/v<version>/<xxh3 of the root-relative path>.json
  std::string entryPath(llvm::StringRef MainFile) const;

  /// The cached summary of \p MainFile: std::nullopt if there is none, an
  /// error if the entry is damaged.
  llvm::Expected<std::optional<TUSummary>> load(llvm::StringRef MainFile) const;

  /// Writes \p S atomically. Errors name the path.
  llvm::Error store(const TUSummary &S) const;

  /// Every readable entry in the cache, sorted by main file. Damaged entries
  /// are skipped and named in \p Damaged.
  std::vector<TUSummary> loadAll(std::vector<std::string> &Damaged) const;

private:
  std::string Dir;
  std::string SourceRoot;
};

/// True iff every input of \p In is unchanged on disk: each file has the same
/// digest, and no absent shadow exists now. \p Why names the first change.
bool inputsUpToDate(const TUInputs &In, std::string &Why);

/// xxh3 hex digest of \p Data (16 lower-case hex digits).
std::string contentDigest(llvm::StringRef Data);

} // namespace purpose

#endif
