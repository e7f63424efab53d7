//===- Solver.cpp - The phases of the whole-program solve -----------------===//
//
// The framework (ProgramGraph.h, SummaryFixpoint.h, OriginSearch.h, all on
// ShortestPaths.h) finds flows; FindingBuilder.h turns them into findings.
//
//===----------------------------------------------------------------------===//
#include "Solver.h"
#include "FindingBuilder.h"
#include "OriginSearch.h"
#include "ProgramGraph.h"
#include "SummaryFixpoint.h"
#include "llvm/ADT/STLExtras.h"
#include <set>

namespace purpose {

void mergeDeclInfo(DeclInfo &M, const DeclInfo &D) {
  if (D.FromPolicy && !M.FromPolicy) {
    M = D;
    return;
  }
  if (M.FromPolicy && !D.FromPolicy)
    return;
  for (const std::string &P : D.Limited)
    if (llvm::find(M.Limited, P) == M.Limited.end())
      M.Limited.push_back(P);
  llvm::sort(M.Limited);
  if (M.Use.empty())
    M.Use = D.Use;
  for (const auto &[I, U] : D.ParamUses)
    M.ParamUses.emplace(I, U);
  if (!M.Declassify)
    M.Declassify = D.Declassify;
  if (M.Category.empty() || (!D.Category.empty() && D.Category < M.Category))
    M.Category = D.Category;
}

SolveResult solveProgram(const std::vector<const TUSummary *> &TUs,
                         const SolverOptions &Opts, const SolveScope &Scope) {
  using namespace solver;
  SolveResult R;
  ProgramGraph G(TUs);
  R.Functions = G.Fns.size();
  G.build(Opts, R.Errors);
  if (!solveSummaries(G, Opts, R.Errors))
    return R;
  SummaryUnfolding U(G, Opts.MaxTraceDepth);
  FindingBuilder Builder(U);
  // A scoped search may still meet other files' sinks on its way.
  const bool Scoped = !Scope.SinkFile.empty();
  std::vector<bool> Within;
  if (Scoped)
    Within = nodesReachingSinksIn(G, Scope.SinkFile);
  for (const auto &[Key, D] : G.Decls)
    if (D.isSource())
      for (const RawFlow &F :
           searchOrigin(U, Key, D, Scoped ? &Within : nullptr))
        if (!Scoped || isSinkCallIn(G, *F.Hit, Scope.SinkFile))
          Builder.add(F, R);
  for (const std::string &E : U.errors())
    R.Errors.push_back({E});
  // A flow both declassified and not is a violation only.
  std::set<std::string> Violating;
  for (const Finding &F : R.Violations)
    Violating.insert(F.Fingerprint);
  llvm::erase_if(R.Declassified, [&](const Finding &F) {
    return Violating.count(F.Fingerprint);
  });
  return R;
}

} // namespace purpose
