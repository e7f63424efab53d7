//===- CachedSummaries.h - The cache as the editor checks read it -*- C++ -*-===//
//
// The summaries that the last purpose-check run left in the cache
// (SummaryCache.h), read for a check that runs on every keystroke. Entries are
// parsed once and kept for the life of the process; an entry is parsed again
// only when its file's size or modification time changes, and forgotten when
// its file goes away. Safe to call from several threads (clangd builds ASTs
// of different files in parallel).
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TIDY_CACHEDSUMMARIES_H
#define PURPOSE_TIDY_CACHEDSUMMARIES_H

#include "Summary.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>
#include <vector>

namespace purpose {

struct CachedProgram {
  /// Every readable entry but the open file's, sorted by main file.
  std::vector<std::shared_ptr<const TUSummary>> Others;
  /// The open file's own entry, stale while the user types, reduced to what
  /// it knows of other files: the functions, declarations and types that the
  /// headers of the open file define (their bodies are skipped in clangd's
  /// preamble). Null if the cache has no entry for the open file.
  std::shared_ptr<const TUSummary> OwnHeaders;
  /// Entries that could not be read, named by path with the reason.
  std::vector<std::string> Damaged;
};

/// Reads the cache in \p CacheDir, written with source root \p SourceRoot,
/// for a check on \p MainFile (absolute). A missing cache reads as empty.
CachedProgram loadCachedProgram(llvm::StringRef CacheDir,
                                llvm::StringRef SourceRoot,
                                llvm::StringRef MainFile);

/// \p Stale without the functions and declarations located in \p MainFile.
TUSummary withoutFile(const TUSummary &Stale, llvm::StringRef MainFile);

} // namespace purpose

#endif
