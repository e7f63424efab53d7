//===- ShortestPaths.h - The one path search of the solver ------*- C++ -*-===//
//
// Both phases of the solve search the program graph the same way: Dijkstra
// over states that pair a node with what the path so far implies. Phase 1
// (SummaryFixpoint.h) stays inside one function; phase 2 (OriginSearch.h)
// enters callees and may leave one only through the call site that entered
// it. They differ only in which edges they follow, which the caller says.
//
// The order is deterministic: states are settled by (distance, node,
// entered a callee, declassified), and of two paths of the same length the
// one found first is kept. Findings, their traces and the summary edges'
// order all follow from it.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_SHORTESTPATHS_H
#define PURPOSE_CORE_SHORTESTPATHS_H

#include "ProgramGraph.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <unordered_map>
#include <vector>

namespace purpose {
namespace solver {

/// A state of the search: a node and what the path that reached it implies.
struct PathState {
  int Node = -1;
  /// The path entered a callee through a parameter, so it may leave that
  /// callee only through the summary edges of the call site.
  bool InCallee = false;
  /// The path went through a declassifier.
  bool Declassified = false;

  /// One number per state. Of states at the same distance, the one with the
  /// smaller id is settled first.
  int id() const { return Node * 4 + InCallee * 2 + Declassified; }
  static PathState fromId(int Id) {
    return PathState{Id / 4, (Id / 2) % 2 == 1, Id % 2 == 1};
  }
};

/// Decides whether the search takes edge \p E out of state \p From. \p To
/// arrives filled in: E's target, \p From's InCallee, and Declassified if
/// \p From is or \p E declassifies; the filter may change its InCallee.
using EdgeFilter = llvm::function_ref<bool(const PathState &From, const Edge &E,
                                           PathState &To)>;

/// The states a search reached, with one shortest path to each.
class PathTree {
public:
  struct Settled {
    PathState State;
    int Dist;
  };
  /// Every reached state, in the order the search settled it.
  const std::vector<Settled> &settled() const { return Order; }
  /// The edges of the shortest path from the start to \p S (reached).
  std::vector<int> pathTo(PathState S) const;
  /// The distance of \p S from the start, or -1 if it was not reached.
  int dist(PathState S) const;

private:
  friend PathTree shortestPaths(const ProgramGraph &G, PathState Start,
                                EdgeFilter Follow);
  struct Entry {
    int Dist;
    int Edge; ///< The last edge of the path, or -1 at the start.
    int Pred; ///< The state before it (an id).
  };
  std::unordered_map<int, Entry> Entries; ///< State id -> best path.
  std::vector<Settled> Order;
};

/// Settles every state reachable from \p Start along edges that \p Follow
/// takes, each with a shortest path (edge weights are never negative).
PathTree shortestPaths(const ProgramGraph &G, PathState Start,
                       EdgeFilter Follow);

} // namespace solver
} // namespace purpose

#endif
