//===- SummaryFixpoint.cpp ------------------------------------------------===//
#include "SummaryFixpoint.h"
#include "ShortestPaths.h"
#include <deque>
#include <set>
#include <tuple>

namespace purpose {
namespace solver {
namespace {

/// The worklist over functions: a function is queued again when a summary
/// edge is added at one of its call sites.
class SummaryFixpoint {
public:
  SummaryFixpoint(ProgramGraph &G, const SolverOptions &Opts)
      : G(G), Opts(Opts), Queued(G.Fns.size(), true), Rounds(G.Fns.size(), 0) {}
  bool run(std::vector<RunError> &Errors);

private:
  void summarizeParam(int F, int J);
  /// Adds, at every call site bound to \p F, the summary edges from the
  /// arguments for parameter \p J to exit \p Exit, reached along \p Path.
  void bindExit(int F, int J, const PathTree::Settled &Exit,
                const std::vector<int> &Path);
  RunError divergent(int F) const;

  ProgramGraph &G;
  const SolverOptions &Opts;
  std::deque<int> Work;
  std::vector<bool> Queued;
  std::vector<unsigned> Rounds;
  /// The summary edges there are: (site, argument, exit node, declassified).
  std::set<std::tuple<int, int, int, bool>> Have;
};

bool SummaryFixpoint::run(std::vector<RunError> &Errors) {
  for (size_t F = 0; F < G.Fns.size(); ++F)
    Work.push_back((int)F);
  while (!Work.empty()) {
    int F = Work.front();
    Work.pop_front();
    Queued[F] = false;
    if (++Rounds[F] > Opts.MaxSummaryRounds) {
      Errors.push_back(divergent(F));
      return false;
    }
    const FunctionSummary &FS = *G.Fns[F];
    // J == NumParams: the variadic arguments (bindTarget).
    for (int J = FS.IsMethod ? ObjectIndex : 0; J <= (int)FS.NumParams; ++J)
      summarizeParam(F, J);
  }
  return true;
}

RunError SummaryFixpoint::divergent(int F) const {
  std::string Names;
  for (size_t I = 0; I < G.Fns.size() && Names.size() < 400; ++I)
    if (Queued[I])
      Names += (Names.empty() ? "'" : ", '") + G.Fns[I]->Name + "'";
  return {"analysis budget exhausted while solving summaries; still "
          "changing: '" +
          G.Fns[F]->Name + "'" + (Names.empty() ? "" : ", " + Names)};
}

void SummaryFixpoint::summarizeParam(int F, int J) {
  int Param = G.findNode(NodeKind::Param, F, J, 0, "");
  if (Param < 0)
    return;
  // Inside F only: calls are crossed through their summary edges.
  PathTree T = shortestPaths(
      G, PathState{Param}, [&](const PathState &, const Edge &E, PathState &) {
        return E.Kind != EdgeKind::CallIn && E.Kind != EdgeKind::Return &&
               E.Kind != EdgeKind::Global && G.owner(E.To) == F;
      });
  for (const PathTree::Settled &S : T.settled()) {
    NodeKind K = G.Nodes[S.State.Node].Kind;
    if (K == NodeKind::Ret || K == NodeKind::Out)
      bindExit(F, J, S, T.pathTo(S.State));
  }
}

void SummaryFixpoint::bindExit(int F, int J, const PathTree::Settled &Exit,
                               const std::vector<int> &Path) {
  // Copied: adding nodes below may move G.Nodes.
  const NodeKind ExitKind = G.Nodes[Exit.State.Node].Kind;
  const int ExitParam = G.Nodes[Exit.State.Node].A;
  const bool Declassified = Exit.State.Declassified;
  const FunctionSummary &FS = *G.Fns[F];
  for (int SiteId : G.CallersOf[F]) {
    const Site &Si = G.Sites[SiteId];
    // The variadic parameter stands for every extra argument.
    int LastArg = J == (int)FS.NumParams ? (int)Si.CS->NumArgs - 1 : J;
    for (int A = J; A <= LastArg; ++A) {
      if (A >= (int)Si.CS->NumArgs || (A == ObjectIndex && !Si.CS->HasObject))
        continue;
      // An argument no data flows into is a dead end (CallBinding.cpp).
      int From = G.findNode(NodeKind::CallArg, Si.Caller, Si.Call, A, "");
      if (From < 0)
        continue;
      int To = ExitKind == NodeKind::Ret
                   ? G.node(NodeKind::CallRet, Si.Caller, Si.Call)
                   : G.node(NodeKind::CallOut, Si.Caller, Si.Call, ExitParam);
      if (!Have.insert({SiteId, A, To, Declassified}).second)
        continue;
      G.addSummaryEdge(From, To, Exit.Dist, Path, Declassified);
      if (!Queued[Si.Caller]) {
        Queued[Si.Caller] = true;
        Work.push_back(Si.Caller);
      }
    }
  }
}

} // namespace

bool solveSummaries(ProgramGraph &G, const SolverOptions &Opts,
                    std::vector<RunError> &Errors) {
  return SummaryFixpoint(G, Opts).run(Errors);
}

} // namespace solver
} // namespace purpose
