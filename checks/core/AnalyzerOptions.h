//===- AnalyzerOptions.h - Budgets of the function analyzer -----*- C++ -*-===//
//
// Every limit of the per-function analysis (FunctionAnalyzer.h), in one
// place, as SolverOptions (Solver.h) holds those of the whole-program solve.
// None cuts silently: running out, like a function whose control-flow graph
// Clang cannot build, is a RunError naming the function and the limit, which
// makes the translation unit, and so the run, incomplete (exit status 2).
//
// The defaults are far above what real code needs (docs/analysis.md gives
// the figures); they only stop an analysis that would not end, or would
// take unbounded time or stack.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_ANALYZEROPTIONS_H
#define PURPOSE_CORE_ANALYZEROPTIONS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace purpose {

struct AnalyzerOptions {
  /// Visits of one CFG block by the dataflow worklist. The state of a block
  /// only grows (labels, or shorter traces for them), so loops converge; a
  /// loop visited this often means a state that keeps changing, and the
  /// function's summary would be cut short. Real code needs at most 54.
  unsigned MaxVisitsPerBlock = 512;
  /// Passes of the flow-insensitive points-to map over the statements of a
  /// function, until a pass changes nothing. A pass follows at least one
  /// more link of a chain of aliases whose assignments come in the reverse
  /// of the order in which blocks are visited (`p3 = p2; p2 = p1;` in a
  /// loop); the sets only grow, so the map converges. Real code needs at
  /// most 6 passes.
  unsigned MaxPointsToRounds = 32;
  /// How deeply library templates may nest in a type whose records are
  /// sought (TUContext::heldRecords: `std::map<K, std::vector<std::pair<A,
  /// std::unique_ptr<B>>>>` nests B four deep). It guards the recursion
  /// against expression-template types; real code needs at most 3.
  unsigned MaxHeldTypeDepth = 32;
};

/// A budget by the name the hidden option --analyzer-budget=NAME=N and the
/// error messages use.
struct AnalyzerBudget {
  const char *Name;
  unsigned AnalyzerOptions::*Field;
};

inline constexpr AnalyzerBudget AnalyzerBudgets[] = {
    {"block-visits", &AnalyzerOptions::MaxVisitsPerBlock},
    {"points-to-rounds", &AnalyzerOptions::MaxPointsToRounds},
    {"held-type-depth", &AnalyzerOptions::MaxHeldTypeDepth},
};

/// The field of \p Opts named \p Name; null for an unknown name.
inline unsigned *analyzerBudget(AnalyzerOptions &Opts, llvm::StringRef Name) {
  for (const AnalyzerBudget &B : AnalyzerBudgets)
    if (Name == B.Name)
      return &(Opts.*B.Field);
  return nullptr;
}

/// The budgets of \p Opts that differ from the defaults, as "NAME=N" joined
/// by ','; empty for the defaults. Part of the summary cache's key: a TU
/// analyzed with other budgets may have other summaries or errors.
inline std::string nonDefaultBudgets(const AnalyzerOptions &Opts) {
  const AnalyzerOptions Defaults;
  std::string S;
  for (const AnalyzerBudget &B : AnalyzerBudgets)
    if (Opts.*B.Field != Defaults.*B.Field)
      S += (S.empty() ? "" : ",") + std::string(B.Name) + "=" +
           std::to_string(Opts.*B.Field);
  return S;
}

} // namespace purpose

#endif
