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
// MaxSolveRounds per function); phase 2 searches from each origin, entering
// callees through their parameters and leaving them only through the summary
// edges of the call site that entered them, or through any call site when the
// data was read inside the callee.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_SOLVER_H
#define PURPOSE_CORE_SOLVER_H

#include "Finding.h"
#include "Summary.h"
#include <memory>
#include <vector>

namespace purpose {

/// Phase 1 may re-summarize each function at most this many times.
constexpr unsigned MaxSolveRounds = 200;

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
SolveResult solveProgram(const std::vector<const TUSummary *> &TUs);

} // namespace purpose

#endif
