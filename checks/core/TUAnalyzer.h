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

#include "AnalyzerOptions.h"
#include "Policy.h"
#include "Summary.h"
#include "clang/AST/ASTContext.h"
#include <map>

namespace purpose {

/// A function of the program (not the library) that the TU calls directly
/// but does not define: its summary must come from another TU.
struct ExternalCallee {
  std::string Name; ///< Fully qualified.
  SourcePos Decl;   ///< Its first declaration.
};

/// Analyzes every function defined in \p Ctx's TU into \p Out, within the
/// budgets \p Opts. A function that could not be analyzed in full (a budget
/// ran out, or Clang has no CFG for it) is named in \p Errors and has no
/// summary: the TU's summaries are then incomplete. With \p Callees, also
/// lists the TU's external callees by USR (for front ends that see one TU
/// and must say when another TU's summary is missing).
void analyzeTranslationUnit(
    clang::ASTContext &Ctx, const Policy &Pol, TUSummary &Out,
    std::vector<RunError> &Errors,
    std::map<std::string, ExternalCallee> *Callees = nullptr,
    const AnalyzerOptions &Opts = AnalyzerOptions());

/// True for a declaration located in a system header: library code, which
/// the analysis models at its calls and never reads the body of. False for
/// one without a location (see TUContext::isLibrary).
bool isInLibraryHeader(const clang::Decl *D);

} // namespace purpose

#endif
