//===- ProgramLoader.h - The program the editor sees ------------*- C++ -*-===//
//
// The summaries that the last purpose-check run left in the cache
// (SummaryCache.h), read for a check that runs on every keystroke, and what
// that program lacks: checkProgramTrust names the called functions of other
// files that have no summary, or a stale one, and the entries that cannot be
// read, so that the editor never trusts the cache blindly. Entries are
// parsed once and kept for the life of the process; an entry is parsed again
// only when its file's size or modification time changes, and forgotten when
// its file goes away. Safe to call from several threads (clangd builds ASTs
// of different files in parallel).
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_PIPELINE_PROGRAMLOADER_H
#define PURPOSE_PIPELINE_PROGRAMLOADER_H

#include "Summary.h"
#include "TUAnalyzer.h"
#include "llvm/ADT/StringRef.h"
#include <map>
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
  /// The open file's own entry, whole (what the last run knew of it).
  std::shared_ptr<const TUSummary> Own;
  /// Readable entries in the cache, the open file's included.
  size_t Entries = 0;
  /// Entries that could not be read, named by path with the reason.
  std::vector<std::string> Damaged;
};

/// Reads the cache in \p CacheDir, written with source root \p SourceRoot,
/// for a check on \p MainFile (absolute). A missing cache reads as empty.
CachedProgram loadCachedProgram(llvm::StringRef CacheDir,
                                llvm::StringRef SourceRoot,
                                llvm::StringRef MainFile);

/// What a program made of \p Live (the open file's live analysis, whose
/// external callees are \p Callees) and \p Cached lacks, one message per
/// kind of problem, each naming \p RefreshCommand: no cache at all, called
/// functions without a summary, summaries older than the file that defines
/// them, entries that cannot be read. Empty when the program can be trusted.
std::vector<std::string>
checkProgramTrust(const CachedProgram &Cached, const TUSummary &Live,
                  const std::map<std::string, ExternalCallee> &Callees,
                  llvm::StringRef CacheDir, llvm::StringRef RefreshCommand);

/// \p Stale without the functions and declarations located in \p MainFile.
TUSummary withoutFile(const TUSummary &Stale, llvm::StringRef MainFile);

} // namespace purpose

#endif
