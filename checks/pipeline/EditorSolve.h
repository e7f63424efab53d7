//===- EditorSolve.h - The solve behind each editor rebuild -----*- C++ -*-===//
//
// clangd runs the purpose checks on every rebuild of the open file, that is
// on nearly every pause in typing. Two things keep that cheap:
//   - the solve looks only for flows into the open file's sink calls
//     (SolveScope), the only ones the editor shows;
//   - the last result for each open file is kept with what it was solved
//     from: the live summary, byte for byte as the cache would store it, and
//     the cached entries, by identity (ProgramLoader.h keeps one object per
//     entry until its file changes). While both are the same, the result is
//     returned again without a solve: an edit the analysis does not see (a
//     comment, a blank line at the end) costs only the live summary.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_PIPELINE_EDITORSOLVE_H
#define PURPOSE_PIPELINE_EDITORSOLVE_H

#include "ProgramLoader.h"
#include "Solver.h"

namespace purpose {

/// Solves the program made of \p Live (the open file \p MainPath, analyzed
/// now) and \p Cached for the flows into \p MainPath. \p Reused, if given,
/// is set to whether the kept result of an identical program was returned.
/// Safe to call from several threads.
SolveResult solveForEditor(const TUSummary &Live, const CachedProgram &Cached,
                           llvm::StringRef MainPath, bool *Reused = nullptr);

} // namespace purpose

#endif
