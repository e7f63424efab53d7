//===- PurposeAnnotationCheck.h - purpose-annotation ------------*- C++ -*-===//
//
// The purpose-annotation rule (core/AnnotationChecks.h, shared with the CLI)
// on every annotated declaration of the TU and on the main file's
// suppression comments. A bare NOLINT without a reason is reported by
// purpose-limitation where it hides one of its findings, since only it knows.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TIDY_PURPOSEANNOTATIONCHECK_H
#define PURPOSE_TIDY_PURPOSEANNOTATIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include <set>
#include <string>

namespace purpose {

class PurposeAnnotationCheck : public clang::tidy::ClangTidyCheck {
public:
  PurposeAnnotationCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  /// Scans the main file's text for suppressions without a reason.
  void onEndOfTranslationUnit() override;

private:
  const clang::SourceManager *SM = nullptr;
  /// Mistakes already reported on.
  std::set<std::pair<clang::SourceLocation, std::string>> Seen;
};

} // namespace purpose

#endif
