//===- PurposeLimitationCheck.h - purpose-limitation ------------*- C++ -*-===//
//
// Reports, in the file being checked, each sink call that a value limited to
// other purposes reaches. The open file is analyzed live; the rest of the
// program comes from the summaries that the last purpose-check run left in
// the cache, found through the project's .purpose-check.json, else through
// the compilation database's directory (the compile command's). The cache's
// own entry for this file is stale while the user types, so the live analysis
// replaces it; only what it knew of the file's headers is kept (clangd skips
// header function bodies). What the cached program lacks (no cache, missing
// or stale summaries of called functions, unreadable entries) is one warning
// at the top of the file that names the command refreshing the cache
// (ProgramLoader.h). A finding hidden by a NOLINT without a reason that does
// not name a purpose check (bare, or "*") is reported as an error of
// purpose-annotation at the comment, which no NOLINT hides.
//
// Options:
//   CacheDir  the summary cache; default: the config's cache_dir, else
//             BUILD_DIR/.purpose-check-cache for the compile command's build
//             directory, else the config's build_dir's
//   Policies  policy files, separated by ';', added to the config's
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TIDY_PURPOSELIMITATIONCHECK_H
#define PURPOSE_TIDY_PURPOSELIMITATIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include <string>
#include <vector>

namespace purpose {

struct Finding;
struct Project;
class Locator;
struct SolveResult;

class PurposeLimitationCheck : public clang::tidy::ClangTidyCheck {
public:
  PurposeLimitationCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  /// Only records the ASTContext: the work needs the whole TU, and clangd
  /// offers no single node that stands for it (its traversal covers only the
  /// main file's top-level declarations), so it happens at the end.
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// The program solved: this TU analyzed live and the rest from the cache.
  /// What the cached program lacks and what the analysis could not do are
  /// reported at \p FileStart.
  SolveResult solveWithCache(clang::ASTContext &AST, const Project &Setup,
                             llvm::StringRef MainPath, llvm::StringRef BuildDir,
                             clang::SourceLocation FileStart);
  /// The findings whose sink lies in the main file, in the order of their
  /// sinks, with an error at each NOLINT without a reason that hides one.
  void reportViolations(const clang::SourceManager &SM, const Project &Setup,
                        llvm::StringRef MainPath,
                        std::vector<Finding> &Violations);
  /// One finding at its sink call, with a note per trace step.
  void reportWithNotes(Locator &Where, const Finding &F,
                       clang::SourceLocation SinkLoc,
                       llvm::StringRef SourceRoot);

  const std::string CacheDir;
  const std::string Policies;
  clang::tidy::ClangTidyContext *TidyContext;
  clang::ASTContext *Ctx = nullptr;
};

} // namespace purpose

#endif
