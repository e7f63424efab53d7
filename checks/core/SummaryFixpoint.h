//===- SummaryFixpoint.h - Phase 1: parameter-to-exit summaries -*- C++ -*-===//
//
// For every function and parameter, the shortest path inside the function
// to each exit (its return value and out-parameters), with and without a
// declassifier on it. Each becomes a summary edge from the matching argument
// to the matching result at every call site bound to the function; a
// function is summarized again when a summary edge inside it grows.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_SUMMARYFIXPOINT_H
#define PURPOSE_CORE_SUMMARYFIXPOINT_H

#include "ProgramGraph.h"

namespace purpose {
namespace solver {

/// Adds the summary edges of every call site to \p G. False, with an error
/// naming the functions still changing added to \p Errors, if a function
/// needs more than SolverOptions::MaxSummaryRounds rounds.
bool solveSummaries(ProgramGraph &G, const SolverOptions &Opts,
                    std::vector<RunError> &Errors);

} // namespace solver
} // namespace purpose

#endif
