//===- PurposeAnnotationCheck.h - purpose-annotation ------------*- C++ -*-===//
//
// Checks the annotations of annotations/purpose.h (INTERFACE.md section 2) and
// the suppressions of purpose-limitation (section 5):
//   - a malformed purpose string (an error, as for the CLI);
//   - an unknown "purpose_..." annotation kind;
//   - an annotation on a declaration it cannot apply to: PURPOSE_LIMITED on
//     anything but a field, a global or static variable, a parameter or a
//     function; PURPOSE_USE on anything but a function or a parameter;
//     PURPOSE_DECLASSIFY on anything but a function;
//   - PURPOSE_USE and PURPOSE_LIMITED on the same declaration;
//   - PURPOSE_DECLASSIFY without a reason;
//   - a NOLINT, NOLINTNEXTLINE or NOLINTBEGIN comment naming
//     purpose-limitation (or a purpose-* glob) without ": reason".
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TIDY_PURPOSEANNOTATIONCHECK_H
#define PURPOSE_TIDY_PURPOSEANNOTATIONCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

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
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  /// Scans the main file's text for suppressions without a reason.
  void onEndOfTranslationUnit() override;

private:
  void checkAttribute(const clang::Decl *D, const clang::AnnotateAttr *A);
  void checkConflict(const clang::Decl *D);

  const clang::SourceManager *SM = nullptr;
  /// Attributes and declarations already reported on: template
  /// instantiations and redeclarations repeat them.
  llvm::DenseSet<clang::SourceLocation> SeenAttrs;
  llvm::DenseSet<clang::SourceLocation> SeenConflicts;
};

} // namespace purpose

#endif
