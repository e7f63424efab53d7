//===- AnnotationChecks.h - Mistakes in purpose annotations -----*- C++ -*-===//
//
// The rule `purpose-annotation`, shared by the CLI (through the TU analysis)
// and the clang-tidy check of the same name, so that both report the same
// mistakes with the same words:
//   - a malformed purpose string (an error);
//   - an unknown "purpose_..." annotation kind;
//   - an annotation on a declaration it cannot apply to: PURPOSE_LIMITED on
//     anything but a field, a global or static variable, a parameter or a
//     function returning a value; PURPOSE_USE on anything but a function or
//     a parameter; PURPOSE_DECLASSIFY on anything but a function returning a
//     value;
//   - PURPOSE_USE and PURPOSE_LIMITED on the same declaration;
//   - PURPOSE_DECLASSIFY without a reason;
//   - a suppression of purpose-limitation without a reason.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_ANNOTATIONCHECKS_H
#define PURPOSE_CORE_ANNOTATIONCHECKS_H

#include "Summary.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class Decl;
}

namespace purpose {

struct AnnotationMistake {
  clang::SourceLocation Loc; ///< The annotation's expansion location.
  std::string Message;
  bool IsError = false; ///< A malformed purpose: the annotation is ignored.
  /// Where the other half of a conflict stands, with what to say there.
  clang::SourceLocation NoteLoc;
  std::string Note;
};

/// The mistakes in the purpose annotations written on \p D itself (inherited
/// ones are reported where they are written).
void findAnnotationMistakes(const clang::Decl *D,
                            llvm::SmallVectorImpl<AnnotationMistake> &Out);

/// The message for a suppression of purpose-limitation without a reason.
extern const char UnjustifiedSuppressionMessage[];

/// Which suppressions of purpose-limitation without a reason to find.
enum class UnjustifiedKind {
  /// Those that name a purpose-* check: a mistake wherever they are.
  NamingPurposeCheck,
  /// Bare NOLINT comments and "*" lists, meant for every tool: a mistake
  /// only where they hide a purpose-limitation finding, which the caller
  /// decides.
  ForEveryCheck,
};

/// The suppressions of purpose-limitation in \p Text (the contents of
/// \p File) that give no reason, of kind \p Kind.
std::vector<Suppression> unjustifiedSuppressions(llvm::StringRef File,
                                                 llvm::StringRef Text,
                                                 UnjustifiedKind Kind);

} // namespace purpose

#endif
