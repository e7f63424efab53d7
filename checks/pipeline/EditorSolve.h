//===- EditorSolve.h - The solve behind each editor rebuild -----*- C++ -*-===//
//
// clangd runs the purpose checks on every rebuild of the open file, that is
// on nearly every pause in typing. Three things keep that cheap:
//   - the solve looks only for flows into the open file's sink calls
//     (SolveScope), the only ones the editor shows;
//   - the last result for each open file is kept with what it was solved
//     from: the live summary, byte for byte as the cache would store it, and
//     the cached entries, by identity (ProgramLoader.h keeps one object per
//     entry until its file changes). While both are the same, the result is
//     returned again without a solve: an edit the analysis does not see (a
//     comment, a blank line at the end) costs only the live summary;
//   - an edit that only moves the open file's code (lines inserted or
//     removed above it, a comment, a change of spacing) changes the live
//     summary's positions and nothing else. The solve reads positions only
//     to copy them into findings, so the kept result is returned with each
//     of the open file's positions moved where the live summary moved it:
//     the result a solve would give, without one. The positions that
//     USRs hold (Clang's byte offset of a lambda or a local class, our
//     lambda position) are names to the solve: they are renamed with the
//     move, where the solve cannot tell the renamed program from the old
//     one (EditorSolve.cpp, renamingKeeps). Anything else the edit changes
//     (a name, a call, a flow) is solved again.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_PIPELINE_EDITORSOLVE_H
#define PURPOSE_PIPELINE_EDITORSOLVE_H

#include "ProgramLoader.h"
#include "Solver.h"

namespace purpose {

/// How solveForEditor got its result.
enum class EditorReuse {
  Solved, ///< It solved the program.
  Same,   ///< The kept result of the same program.
  Moved,  ///< The kept result, with the open file's positions moved.
};

/// Solves the program made of \p Live (the open file \p MainPath, analyzed
/// now) and \p Cached for the flows into \p MainPath. \p How, if given,
/// is set to how the result was made. Safe to call from several threads.
SolveResult solveForEditor(const TUSummary &Live, const CachedProgram &Cached,
                           llvm::StringRef MainPath,
                           EditorReuse *How = nullptr);

namespace detail {
/// Whether the solve gives the same result, names aside, for a program
/// whose USRs are \p Old and for one with each renamed to the one at its
/// index in \p New: it walks maps keyed by USR, so their order as text must
/// stay; a fingerprint ranks a function's lambdas by Clang's offset in their
/// USRs, so in each file the offsets' order by number must stay too.
bool keepsOrder(llvm::ArrayRef<std::string> Old,
                llvm::ArrayRef<std::string> New);
/// The contents of the strings of \p Serialized (JSON, as the cache writer
/// writes it), escapes kept, as the shape splits them.
std::vector<std::string> jsonStrings(llvm::StringRef Serialized);
} // namespace detail

} // namespace purpose

#endif
