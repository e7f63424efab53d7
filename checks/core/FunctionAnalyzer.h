//===- FunctionAnalyzer.h - Intraprocedural taint dataflow ------*- C++ -*-===//
//
// Reduces one function body to a FunctionSummary: a flow-sensitive dataflow
// over Clang's CFG whose abstract state maps each local storage location to
// the labels (Summary.h) it may carry, each with the shortest chain of trace
// steps found so far.
//
// Transfer rules follow INTERFACE.md section 1: assignment to a local replaces
// what it held; stores to fields, globals, containers and through pointers
// only add; comparisons and logical operators carry nothing; calls of library
// functions without a role are folded in by the default library rule; every
// other call becomes a CallSite that the whole-program solver resolves.
//
// Why not clang::dataflow: its Environment models values and storage for
// path-sensitive checks (optional access, null pointers). Taint needs a set of
// labels per location and per expression, with traces; the framework's
// per-element model would cost more than this whole file and give nothing the
// lattice needs. The CFG, its element order and its worklist shape are the
// same as the framework's.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_FUNCTIONANALYZER_H
#define PURPOSE_CORE_FUNCTIONANALYZER_H

#include "Summary.h"
#include "TUContext.h"
#include "clang/AST/Decl.h"
#include "llvm/Support/Error.h"

namespace purpose {

/// A default constructor (often implicit or defaulted) that runs default
/// member initializers (`std::string to = CurrentUserPhone();`): analyzed as a
/// function, since those initializers can read limited data.
bool runsMemberInitializers(const clang::FunctionDecl *FD);

/// Analyzes the body of \p FD within the budgets of TU.options(). An error
/// means that a budget ran out (AnalyzerOptions.h) or that Clang cannot
/// build the function's control-flow graph; the message names the function
/// and why. Its summary would be incomplete, so there is none.
llvm::Expected<FunctionSummary> analyzeFunction(TUContext &TU,
                                                const clang::FunctionDecl *FD);

/// Analyzes the initializer of \p VD, a variable at namespace scope or a
/// static data member, as a function without parameters whose one statement
/// is the definition. Its summary's USR is the variable's plus
/// GlobalInitSuffix. Errors as for analyzeFunction.
llvm::Expected<FunctionSummary>
analyzeGlobalInitializer(TUContext &TU, const clang::VarDecl *VD);

/// Appended to a variable's USR to name its initializer's summary.
constexpr const char GlobalInitSuffix[] = "@initializer";

} // namespace purpose

#endif
