// The path search that both phases of the solve share
// (checks/core/ShortestPaths.h), on small hand-built program graphs.
#include "ShortestPaths.h"
#include "OriginSearch.h"
#include <catch2/catch.hpp>

using namespace purpose;
using namespace purpose::solver;

namespace {

/// Takes every edge, as it arrives.
bool followAll(const PathState &, const Edge &, PathState &) { return true; }

} // namespace

TEST_CASE("shortestPaths keeps the shortest path, the first of equals",
          "[solver]") {
  ProgramGraph G({});
  int P = G.node(NodeKind::Param, 0, 0);
  int A = G.node(NodeKind::CallRet, 0, 1);
  int B = G.node(NodeKind::CallRet, 0, 2);
  int R = G.node(NodeKind::Ret, 0);
  int PA = G.addEdge(P, A, EdgeKind::Library, 1);
  int PB = G.addEdge(P, B, EdgeKind::Library, 1);
  int BR = G.addEdge(B, R, EdgeKind::Library, 1);
  int AR = G.addEdge(A, R, EdgeKind::Library, 1);
  G.addEdge(P, R, EdgeKind::Global, 5); // Direct, but longer.

  PathTree T = shortestPaths(G, PathState{P}, followAll);
  CHECK(T.dist(PathState{R}) == 2);
  // A and B are as far; A (the smaller node) settles first, so its path
  // to R is found first and B's, as long, does not replace it.
  CHECK(T.pathTo(PathState{R}) == std::vector<int>{PA, AR});
  CHECK(T.pathTo(PathState{B}) == std::vector<int>{PB});
  CHECK(T.pathTo(PathState{P}).empty());
  (void)BR;

  std::vector<int> Order;
  for (const PathTree::Settled &S : T.settled()) {
    CHECK_FALSE(S.State.Declassified);
    CHECK(S.Dist == T.dist(S.State));
    Order.push_back(S.State.Node);
  }
  CHECK(Order == std::vector<int>{P, A, B, R});
  // No path to the start is declassified.
  CHECK(T.dist(PathState{P, false, true}) == -1);
}

TEST_CASE("shortestPaths keeps declassified and direct paths apart",
          "[solver]") {
  ProgramGraph G({});
  int P = G.node(NodeKind::Param, 0, 0);
  int D = G.node(NodeKind::CallRet, 0, 0);
  int S = G.node(NodeKind::CallRet, 0, 1);
  int R = G.node(NodeKind::Ret, 0);
  int St = G.extraStep(SourcePos(), "declassified");
  int PD = G.addDeclassifyEdge(P, D, St, /*SiteId=*/0);
  int DR = G.addEdge(D, R, EdgeKind::Library, 0);
  int PS = G.addEdge(P, S, EdgeKind::Library, 2);
  // A summary edge whose path declassifies, and one whose path does not.
  int SR = G.addSummaryEdge(S, R, 1, {}, /*Declassifies=*/false);
  int SRDecl = G.addSummaryEdge(S, R, 1, {}, /*Declassifies=*/true);

  PathTree T = shortestPaths(G, PathState{P}, followAll);
  // The declassified path is shorter, yet the direct one is still found.
  CHECK(T.dist(PathState{R, false, true}) == 1);
  CHECK(T.pathTo(PathState{R, false, true}) == std::vector<int>{PD, DR});
  CHECK(T.dist(PathState{R}) == 3);
  CHECK(T.pathTo(PathState{R}) == std::vector<int>{PS, SR});
  (void)SRDecl;
  // Once declassified, a path stays declassified.
  CHECK(T.dist(PathState{D}) == -1);
  CHECK(T.dist(PathState{D, false, true}) == 1);

  // Settled by distance, then by node, then undeclassified first.
  std::vector<std::pair<int, bool>> Order;
  for (const PathTree::Settled &X : T.settled())
    Order.push_back({X.State.Node, X.State.Declassified});
  CHECK(Order == std::vector<std::pair<int, bool>>{
                     {P, false}, {D, true}, {R, true}, {S, false}, {R, false}});
}

TEST_CASE("shortestPaths follows only the edges the filter takes", "[solver]") {
  // Function 0 calls function 1: argument -> parameter -> return -> result.
  ProgramGraph G({});
  int Arg = G.node(NodeKind::CallArg, 0, 0, 0);
  int Param = G.node(NodeKind::Param, 1, 0);
  int Ret = G.node(NodeKind::Ret, 1);
  int Result = G.node(NodeKind::CallRet, 0, 0);
  int Field = G.globalNode(NodeKind::Field, "f");
  int Other = G.node(NodeKind::CallRet, 2, 0);
  int In = G.addEdge(Arg, Param, EdgeKind::CallIn, 0);
  G.addEdge(Param, Ret, EdgeKind::Library, 1);
  G.addEdge(Ret, Result, EdgeKind::Return, 0);
  int Store = G.addEdge(Param, Field, EdgeKind::Global, 1);
  int Read = G.addEdge(Field, Other, EdgeKind::Library, 1);

  // Phase 2's own filter: entering through a parameter forbids leaving through
  // a Return edge, until the path passes a global node.
  PathTree T =
      shortestPaths(G, PathState{Arg},
                    [&](const PathState &From, const Edge &E, PathState &To) {
                      return followFromOrigin(G, From, E, To);
                    });
  CHECK(T.dist(PathState{Param, true}) == 0);
  CHECK(T.dist(PathState{Param}) == -1);
  CHECK(T.dist(PathState{Ret, true}) == 1);
  CHECK(T.dist(PathState{Result}) == -1);
  CHECK(T.dist(PathState{Result, true}) == -1);
  CHECK(T.dist(PathState{Other}) == 2);
  CHECK(T.pathTo(PathState{Other}) == std::vector<int>{In, Store, Read});

  // As phase 1: inside function 1 only.
  PathTree Inside = shortestPaths(
      G, PathState{Param}, [&](const PathState &, const Edge &E, PathState &) {
        return E.Kind != EdgeKind::Global && G.owner(E.To) == 1;
      });
  std::vector<int> Nodes;
  for (const PathTree::Settled &X : Inside.settled())
    Nodes.push_back(X.State.Node);
  CHECK(Nodes == std::vector<int>{Param, Ret});
}
