//===- SnippetUtil.h - Snippets parsed and summarized ----------*- C++ -*-===//
//
// The analysis tests parse a snippet against the real standard library and
// annotations/purpose.h, and reduce it with analyzeTranslationUnit, as the
// CLI does with one translation unit.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_UNITTESTS_SNIPPETUTIL_H
#define PURPOSE_UNITTESTS_SNIPPETUTIL_H

#include "LLVMCompat.h"
#include "Policy.h"
#include "TUAnalyzer.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace purpose {
namespace test {

/// The directory of purpose.h: PURPOSE_DOCS_DIR is <root>/docs.
inline std::string annotationsDir() {
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(PURPOSE_DOCS_DIR));
  llvm::sys::path::append(Dir, "annotations");
  return std::string(Dir);
}

/// Parses \p Code as the file \p MainFile (C++17, with annotations/purpose.h
/// on the include path, \p ExtraArgs and the in-memory \p Files) and reduces
/// it into \p S. \p Problems receives compiler errors, analysis errors and
/// annotation errors: a snippet that does not compile must not pass for
/// reporting nothing. False if there is no AST at all.
inline bool
summarizeSnippet(llvm::StringRef Code, llvm::StringRef MainFile, TUSummary &S,
                 std::string &Problems,
                 const std::vector<std::string> &ExtraArgs = {},
                 const clang::tooling::FileContentMappings &Files = {}) {
  std::vector<std::string> Args = {"-std=c++17", "-I" + annotationsDir()};
  Args.insert(Args.end(), ExtraArgs.begin(), ExtraArgs.end());
  std::string Diags;
  llvm::raw_string_ostream DiagOS(Diags);
  compat::PrinterDiagnosticOptions DiagOpts;
  clang::TextDiagnosticPrinter Printer(DiagOS, DiagOpts.forPrinter());
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(
          Code, Args, MainFile, "purpose-unittest",
          std::make_shared<clang::PCHContainerOperations>(),
          clang::tooling::getClangStripDependencyFileAdjuster(), Files,
          &Printer);
  if (!AST || Printer.getNumErrors()) {
    Problems += "the snippet does not compile:\n" + Diags;
    if (!AST)
      return false;
  }
  S.MainFile = MainFile.str();
  std::vector<RunError> Errors;
  analyzeTranslationUnit(AST->getASTContext(), Policy(), S, Errors);
  for (const RunError &E : Errors)
    Problems += E.Message + "\n";
  for (const TraceStep &F : S.AnnotationFindings)
    Problems += F.Message + "\n";
  return true;
}

} // namespace test
} // namespace purpose

#endif
