//===- OriginSearch.h - Phase 2: where each origin goes ---------*- C++ -*-===//
//
// From an origin's node, the shortest path to every use it reaches, entering
// callees through their parameters and leaving them only through the summary
// edges of the call site that entered them (or anywhere, once the data went
// through a global). The result is raw: which use, along which edges, and
// through which declassifier; FindingBuilder.h renders it.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_ORIGINSEARCH_H
#define PURPOSE_CORE_ORIGINSEARCH_H

#include "ProgramGraph.h"
#include "ShortestPaths.h"
#include <set>
#include <string>
#include <vector>

namespace purpose {
namespace solver {

/// Unfolding the paths that summary edges stand for, which nest as deeply
/// as calls do, within SolverOptions::MaxTraceDepth.
class SummaryUnfolding {
public:
  SummaryUnfolding(const ProgramGraph &G, unsigned MaxDepth)
      : G(G), MaxDepth(MaxDepth) {}
  /// Whether edge \p E, reached at nesting \p Depth, may be unfolded; if
  /// not, the exhausted budget is recorded.
  bool mayUnfold(int E, unsigned Depth);
  /// The first declassifier site on edge \p E (through summaries), or -1.
  int declassifierSite(int E, unsigned Depth = 0);
  /// Budget errors found while unfolding, each once, in order.
  const std::set<std::string> &errors() const { return Errors; }

  const ProgramGraph &G;

private:
  unsigned MaxDepth;
  std::set<std::string> Errors;
};

/// Phase 2's edge filter (an EdgeFilter once bound to \p G): a path that
/// entered a callee through a parameter leaves it only through the summary
/// edge of its call site, not through Return edges; through a global node
/// it may go anywhere.
bool followFromOrigin(const ProgramGraph &G, const PathState &From,
                      const Edge &E, PathState &To);

/// One flow from an origin to a use.
struct RawFlow {
  const DeclInfo *Origin;
  const SinkHit *Hit;    ///< The use: a sink call's site and purpose.
  std::vector<int> Path; ///< Edges from the origin's node to the use.
  bool Declassified;     ///< The path went through a declassifier.
  bool Allowed;          ///< The origin's limit allows the use.
  /// Of a declassified flow, the first declassifier on the path (into
  /// ProgramGraph::Sites), or -1.
  int DeclassifierSite = NoIndex;
};

/// Whether the sink call of \p Hit is in \p File (absolute, as SourcePos
/// spells it).
inline bool isSinkCallIn(const ProgramGraph &G, const SinkHit &Hit,
                         llvm::StringRef File) {
  return G.Sites[Hit.SiteId].CS->Pos.File == File;
}

/// The nodes of \p G from which some sink call in \p File can be reached,
/// along any edges (so also along every path that phase 2 may take), as a
/// mask over the nodes.
std::vector<bool> nodesReachingSinksIn(const ProgramGraph &G,
                                       llvm::StringRef File);

/// The flows from the origin \p OriginKey, declared by \p O, in the order
/// the search settles their uses. One per (site, use) and kind: a
/// declassified path does not hide a direct one. With \p Within, only
/// nodes in that mask are searched, which finds the same flows to the uses
/// that every node on their path can reach (nodesReachingSinksIn): a node
/// on a shortest path to such a use reaches it too.
std::vector<RawFlow> searchOrigin(SummaryUnfolding &U,
                                  const std::string &OriginKey,
                                  const DeclInfo &O,
                                  const std::vector<bool> *Within = nullptr);

} // namespace solver
} // namespace purpose

#endif
