//===- TUAnalyzer.h - Reduce one translation unit to summaries --*- C++ -*-===//
//
// Entry point shared by the CLI, the clang-tidy check and purpose-clangd:
// given a parsed AST, produce the TU's summaries. Every function that the TU
// defines outside system headers is analyzed, called or not, including each
// template instantiation and each lambda.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_TUANALYZER_H
#define PURPOSE_CORE_TUANALYZER_H

#include "Policy.h"
#include "Summary.h"
#include "clang/AST/ASTContext.h"

namespace purpose {

/// Analyzes every function defined in \p Ctx's TU into \p Out. A function
/// whose analysis ran out of budget is named in \p Errors.
void analyzeTranslationUnit(clang::ASTContext &Ctx, const Policy &Pol,
                            TUSummary &Out, std::vector<RunError> &Errors);

/// True for a declaration located in a system header: library code, which
/// the analysis models at its calls and never reads the body of. False for
/// one without a location (see TUContext::isLibrary).
bool isInLibraryHeader(const clang::Decl *D);

} // namespace purpose

#endif
