//===- OriginSearch.cpp ---------------------------------------------------===//
#include "OriginSearch.h"
#include "Purpose.h"
#include "ShortestPaths.h"
#include <tuple>

namespace purpose {
namespace solver {

bool SummaryUnfolding::mayUnfold(int E, unsigned Depth) {
  if (Depth <= MaxDepth)
    return true;
  Errors.insert(
      "analysis budget exhausted while building a trace: the calls in '" +
      G.ownerName(G.Edges[E].From) + "' nest more than " +
      std::to_string(MaxDepth) + " deep (trace-depth)");
  return false;
}

int SummaryUnfolding::declassifierSite(int E, unsigned Depth) {
  const Edge &Ed = G.Edges[E];
  if (!Ed.Declassifies)
    return NoIndex;
  if (Ed.Kind == EdgeKind::Declassify)
    return Ed.DeclassifierSite;
  // A declassifying summary edge: the site is in the callee's path.
  if (!mayUnfold(E, Depth))
    return NoIndex;
  for (int Inner : G.Paths[Ed.Path])
    if (int S = declassifierSite(Inner, Depth + 1); S >= 0)
      return S;
  return NoIndex;
}

bool followFromOrigin(const ProgramGraph &G, const PathState &From,
                      const Edge &E, PathState &To) {
  if (E.Kind == EdgeKind::Return && From.InCallee)
    return false;
  if (E.Kind == EdgeKind::CallIn)
    To.InCallee = true;
  if (G.isGlobalNode(E.To))
    To.InCallee = false;
  return true;
}

std::vector<bool> nodesReachingSinksIn(const ProgramGraph &G,
                                       llvm::StringRef File) {
  std::vector<bool> Reaches(G.Nodes.size(), false);
  std::vector<int> Work;
  for (const auto &[Node, Hits] : G.SinkNodes)
    for (const SinkHit &Hit : Hits)
      if (isSinkCallIn(G, Hit, File) && !Reaches[Node]) {
        Reaches[Node] = true;
        Work.push_back(Node);
      }
  if (Work.empty())
    return Reaches;
  std::vector<std::vector<int>> InEdges(G.Nodes.size());
  for (const Edge &E : G.Edges)
    InEdges[E.To].push_back(E.From);
  while (!Work.empty()) {
    int N = Work.back();
    Work.pop_back();
    for (int From : InEdges[N])
      if (!Reaches[From]) {
        Reaches[From] = true;
        Work.push_back(From);
      }
  }
  return Reaches;
}

std::vector<RawFlow> searchOrigin(SummaryUnfolding &U,
                                  const std::string &OriginKey,
                                  const DeclInfo &O,
                                  const std::vector<bool> *Within) {
  const ProgramGraph &G = U.G;
  std::vector<RawFlow> Flows;
  int Origin = G.findNode(NodeKind::Origin, -1, 0, 0, OriginKey);
  if (Origin < 0 || (Within && !(*Within)[Origin]))
    return Flows;
  PathTree T = shortestPaths(
      G, PathState{Origin},
      [&](const PathState &From, const Edge &E, PathState &To) {
        return (!Within || (*Within)[E.To]) && followFromOrigin(G, From, E, To);
      });
  // (site, use, 2 if allowed else declassified): a declassified path must
  // not hide a direct one.
  std::set<std::tuple<int, std::string, int>> Found;
  for (const PathTree::Settled &S : T.settled()) {
    auto SN = G.SinkNodes.find(S.State.Node);
    if (SN == G.SinkNodes.end())
      continue;
    for (const SinkHit &Hit : SN->second) {
      bool Allowed = useAllowed(Hit.Use, O.Limited);
      bool Declassified = S.State.Declassified;
      if (!Found.insert({Hit.SiteId, Hit.Use, Allowed ? 2 : Declassified})
               .second)
        continue;
      RawFlow F{&O, &Hit, T.pathTo(S.State), Declassified, Allowed};
      if (Declassified)
        for (int E : F.Path)
          if (int DS = U.declassifierSite(E); DS >= 0) {
            F.DeclassifierSite = DS;
            break;
          }
      Flows.push_back(std::move(F));
    }
  }
  return Flows;
}

} // namespace solver
} // namespace purpose
