//===- PurposeUnannotatedContactCheck.h - The check -------------*- C++ -*-===//
//
// Finds what to annotate: a field, or a function returning a value (an
// accessor), whose name or type name looks like contact data but that has no
// purpose annotation on any declaration. Skipped: bool fields and functions
// (flags such as has_phone), and functions that transform data limited
// already: their body uses a PURPOSE_LIMITED declaration (an accessor of an
// annotated field), or a parameter's name looks like contact data
// (NormalizeEmail(email)).
//
// Options:
//   Patterns  case-insensitive substrings, separated by ';'; default
//             "phone;msisdn;email;e_mail;e-mail"
//
// Not enabled by default: it asks for annotations, it does not find flows.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TIDY_PURPOSEUNANNOTATEDCONTACTCHECK_H
#define PURPOSE_TIDY_PURPOSEUNANNOTATEDCONTACTCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace purpose {

class PurposeUnannotatedContactCheck : public clang::tidy::ClangTidyCheck {
public:
  PurposeUnannotatedContactCheck(llvm::StringRef Name,
                                 clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  /// The first pattern that \p Text contains, ignoring case; empty if none.
  llvm::StringRef matchingPattern(llvm::StringRef Text) const;

  const std::string RawPatterns;
  std::vector<std::string> Patterns; ///< Lower case.
  /// Locations of the canonical declarations reported on: redeclarations and
  /// template instantiations repeat them.
  llvm::DenseSet<clang::SourceLocation> Seen;
};

} // namespace purpose

#endif
