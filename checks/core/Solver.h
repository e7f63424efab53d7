//===- Solver.h - Whole-program solve over TU summaries ---------*- C++ -*-===//
//
// Joins the summaries of every TU into one flow graph and finds, for each
// limited origin, every sink call it reaches for a purpose outside its limit,
// with one shortest trace.
//
// The graph's nodes are the labels and outputs of every function (Summary.h)
// plus one node per field, global, whole-object type and origin. Calls are
// bound context-sensitively, as in IFDS: phase 1 computes, per function, which
// parameters reach its return value and out-parameters (a worklist fixpoint
// over the call graph that re-queues callers only when a summary grew, within
// SolverOptions::MaxSummaryRounds per function); phase 2 searches from each
// origin, entering callees through their parameters and leaving them only
// through the summary edges of the call site that entered them, or through any
// call site when the data was read inside the callee.
//
// The solve keeps finding flows apart from diagnosing them:
// ProgramGraph.h (declarations, nodes, edges; calls are bound in
// CallBinding.cpp), SummaryFixpoint.h (phase 1) and OriginSearch.h (phase 2,
// raw flows) find flows, both with ShortestPaths.h; FindingBuilder.h turns
// them into findings (trace, message, fingerprint).
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_SOLVER_H
#define PURPOSE_CORE_SOLVER_H

#include "Finding.h"
#include "Summary.h"
#include <memory>
#include <vector>

namespace purpose {

/// Every budget of the whole-program solve, in one place. Hitting one never
/// cuts silently: the solve adds a RunError naming the function(s) involved,
/// which makes the run incomplete (exit status 2).
struct SolverOptions {
  /// Phase 1: how many times one function may be re-summarized before the
  /// fixpoint counts as divergent. Summaries only grow, so this bounds a
  /// function's parameter-to-exit facts; on the corpus and the real code
  /// bases of docs/real-code.md no function needs more than a handful.
  unsigned MaxSummaryRounds = 200;
  /// Rounds of binding calls through function pointers and std::function:
  /// binding one call can carry more function values to another, so this
  /// repeats until nothing changes. Chains of such hand-offs longer than 8
  /// have not been seen; a longer one is reported, not truncated.
  unsigned MaxIndirectRounds = 8;
  /// How deeply callee summaries nest when one trace is expanded (a call
  /// inside a call ...). 64 is far beyond real call chains; it guards the
  /// recursion, and a deeper trace is reported rather than cut short.
  unsigned MaxTraceDepth = 64;
};

/// Which flows a solve looks for. By default, every one.
struct SolveScope {
  /// If not empty, only the flows to sink calls in this file (absolute, as
  /// SourcePos spells it): the editor shows no others. The search then skips
  /// every node from which no such call can be reached, so a keystroke costs
  /// a search of the flows into the open file, not of the whole program.
  /// The flows it finds, their traces and their order are the same as the
  /// whole solve's for that file; budget errors met only on other files'
  /// flows are not seen.
  std::string SinkFile;
};

struct SolveResult {
  std::vector<Finding> Violations;
  std::vector<Finding> Declassified;
  /// Flows to uses that the origin's limit allows, one per (origin, sink
  /// call, purpose): the inventory's "where does it go".
  std::vector<Finding> Allowed;
  std::vector<RunError> Errors; ///< An exhausted budget, naming functions.
  unsigned Functions = 0;
};

/// Solves the whole program made of \p TUs. Where several TUs define a
/// function (inline functions in headers), the first TU in \p TUs order wins:
/// pass them sorted for deterministic output.
/// Joins \p From, another TU's view of a declaration, into \p Into, as the
/// solve does: a policy's view replaces annotations; otherwise the purposes
/// are the union, and the first use, declassifier and category stay (of two
/// categories, the first in sort order, so that TU order does not matter).
void mergeDeclInfo(DeclInfo &Into, const DeclInfo &From);

SolveResult solveProgram(const std::vector<const TUSummary *> &TUs,
                         const SolverOptions &Opts = SolverOptions(),
                         const SolveScope &Scope = SolveScope());

} // namespace purpose

#endif
