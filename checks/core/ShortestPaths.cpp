//===- ShortestPaths.cpp --------------------------------------------------===//
#include "ShortestPaths.h"
#include <algorithm>
#include <queue>

namespace purpose {
namespace solver {

std::vector<int> PathTree::pathTo(PathState S) const {
  std::vector<int> Path;
  for (int Cur = S.id();;) {
    const Entry &E = Entries.at(Cur);
    if (E.Edge < 0)
      break;
    Path.push_back(E.Edge);
    Cur = E.Pred;
  }
  std::reverse(Path.begin(), Path.end());
  return Path;
}

int PathTree::dist(PathState S) const {
  auto It = Entries.find(S.id());
  return It == Entries.end() ? -1 : It->second.Dist;
}

PathTree shortestPaths(const ProgramGraph &G, PathState Start,
                       EdgeFilter Follow) {
  PathTree T;
  // (distance, state id): the smallest first, so ties go to the smaller
  // node, then to the state not in a callee, then to the undeclassified.
  using QE = std::pair<int, int>;
  std::priority_queue<QE, std::vector<QE>, std::greater<QE>> Q;
  T.Entries[Start.id()] = {0, -1, -1};
  Q.push({0, Start.id()});
  while (!Q.empty()) {
    auto [D, S] = Q.top();
    Q.pop();
    if (T.Entries.at(S).Dist != D)
      continue; // A shorter path settled it already.
    PathState From = PathState::fromId(S);
    T.Order.push_back({From, D});
    for (int E : G.OutEdges[From.Node]) {
      const Edge &Ed = G.Edges[E];
      PathState To{Ed.To, From.InCallee, From.Declassified || Ed.Declassifies};
      if (!Follow(From, Ed, To))
        continue;
      int ND = D + Ed.Weight;
      auto [It, New] = T.Entries.try_emplace(To.id(), PathTree::Entry{});
      if (!New && It->second.Dist <= ND)
        continue;
      It->second = {ND, E, S};
      Q.push({ND, To.id()});
    }
  }
  return T;
}

} // namespace solver
} // namespace purpose
