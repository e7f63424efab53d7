//===- TUAnalysis.h - Parse one TU and reduce it to summaries ---*- C++ -*-===//
//
// The map step of the driver: runs Clang on one compile command and hands the
// AST to analyzeTranslationUnit, recording what the TU read (TUInputs) so the
// summary cache can tell when it is stale.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TOOL_TUANALYSIS_H
#define PURPOSE_TOOL_TUANALYSIS_H

#include "AnalyzerOptions.h"
#include "Policy.h"
#include "Summary.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace purpose {

struct TUJob {
  std::string File;
  /// The file system to parse from: the real one, or an overlay of it
  /// (--vfsoverlay, as clang-tidy's), e.g. a commit's staged contents.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
  std::string SourceRoot; ///< For commandHash.
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> ExtraArgs;
  AnalyzerOptions Analyzer; ///< The budgets of the function analysis.
};

/// Where analyzeTU spent its time (--timings), in seconds.
struct TUTimes {
  double Parse = 0;     ///< Setting Clang up, preprocessing and parsing.
  double Summarize = 0; ///< The TU's summaries and its inputs' digests.
  double Rest = 0;      ///< Freeing the AST, the command hash and the rest.
  double Cpu = 0;       ///< CPU time of the thread over all of analyzeTU.
  /// When the parse ended and when the summaries were done (analyzeTU's).
  std::chrono::steady_clock::time_point ParseEnd, SummaryEnd;
};

struct TUResult {
  std::set<std::string> DroppedFlags; ///< GCC-only flags removed.
  TUSummary Summary;
  bool Failed = false;
  bool FromCache = false;
  std::string Diagnostics; ///< Clang's, for a failed TU.
  std::vector<RunError> Errors;
  TUTimes Times; ///< Of analyzeTU; zero for a TU from the cache.
};

/// Removes from \p Args (a compile command, compiler first) the flags that
/// Clang does not know, as clangd does: GCC-only options from GCC builds.
/// The removed flags are added to \p Dropped.
std::vector<std::string> dropUnknownFlags(const std::vector<std::string> &Args,
                                          std::set<std::string> &Dropped);

/// The hash of everything but file contents that a TU's summary depends on:
/// its compile commands, the extra arguments, the policy, the tool version
/// and the analyzer's budgets where they are not the defaults.
/// Paths under \p SourceRoot are hashed relative to it, so that caches made
/// in different checkouts of one project match.
std::string commandHash(const clang::tooling::CompilationDatabase &DB,
                        const TUJob &Job, const Policy &Pol,
                        llvm::StringRef SourceRoot);

/// Parses and analyzes \p Job. Never throws; a TU that does not parse is
/// marked Failed with Clang's diagnostics. A function that could not be
/// analyzed in full is named in R.Errors: the summaries are then incomplete
/// and must not be cached.
void analyzeTU(const clang::tooling::CompilationDatabase &DB, const TUJob &Job,
               const Policy &Pol, TUResult &R);

} // namespace purpose

#endif
