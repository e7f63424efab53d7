//===- ProgramGraph.h - The flow graph of the whole program -----*- C++ -*-===//
//
// The solver's framework part: the declarations of every TU joined, and the
// graph over which both searches run (Solver.h describes the nodes). It
// knows nothing of findings; OriginSearch.h finds flows in it and
// FindingBuilder.h renders them.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_PROGRAMGRAPH_H
#define PURPOSE_CORE_PROGRAMGRAPH_H

#include "Solver.h"
#include "Summary.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace purpose {
namespace solver {

enum class NodeKind : uint8_t {
  Param,
  Ret,
  Out,
  CallRet,
  CallOut,
  CallArg,
  SinkObj,
  StoreVia,
  Field,
  Global,
  Object,
  Origin,
  FuncRef
};
constexpr size_t NumNodeKinds = static_cast<size_t>(NodeKind::FuncRef) + 1;

/// A node is either a function's (F >= 0, no Key) or global (F < 0, named
/// by Key, A = B = 0). Trivially copyable: a graph has tens of thousands.
struct NodeKey {
  NodeKind Kind;
  int F = -1, A = 0, B = 0;
  /// Owned by the graph's table of global nodes (stable while it lives).
  llvm::StringRef Key;
};

enum class EdgeKind : uint8_t {
  Local,      ///< Inside a function: see Edge::Local.
  CallIn,     ///< Argument -> callee parameter; enters the callee.
  Return,     ///< Callee return/out-parameter -> call site; leaves it.
  Summary,    ///< Argument -> call result, through the callee: Edge::Path.
  Library,    ///< The default library rule at a call site.
  Declassify, ///< Through a declassifier: Edge::DeclassifierSite.
  Global,     ///< Between global nodes (field -> object, origin -> read).
};

/// No index: the field does not apply to the edge.
constexpr int NoIndex = -1;

struct Edge {
  int From, To;
  EdgeKind Kind;
  int Weight;
  /// Local: the flow inside the function, with its trace steps.
  const FlowEdge *Local = nullptr;
  /// Library, Declassify, Global: the trace step (into ExtraSteps).
  int Step = NoIndex;
  /// Summary: the callee's path from parameter to exit (into Paths).
  int Path = NoIndex;
  /// Declassify: the declassifier's call site (into Sites).
  int DeclassifierSite = NoIndex;
  /// Data that passes this edge is declassified: a Declassify edge, or a
  /// Summary edge whose path passes one (the site is then in the path).
  bool Declassifies = false;
};

/// A call site of the program, with its role.
struct Site {
  int Caller; ///< The function that makes the call.
  int Call;   ///< Its index in the caller's Calls.
  const CallSite *CS;
  const DeclInfo *Callee; ///< Null if the callee has no role.
};

/// A use of data that reaches a node: an argument of a sink call.
struct SinkHit {
  int SiteId;
  std::string Use;
  std::string Name; ///< The sink function.
};

class ProgramGraph {
public:
  /// Joins \p TUs; the graph stays empty until build().
  explicit ProgramGraph(const std::vector<const TUSummary *> &TUs);

  /// Adds the local edges, binds every call (direct, virtual, indirect) and
  /// links fields, objects and origins. A budget of \p Opts that runs out
  /// adds to \p Errors.
  void build(const SolverOptions &Opts, std::vector<RunError> &Errors);

  // Nodes.
  int node(NodeKind K, int F = -1, int A = 0, int B = 0,
           llvm::StringRef Key = "");
  int globalNode(NodeKind K, llvm::StringRef Key) {
    return node(K, -1, 0, 0, Key);
  }
  /// The node, or -1 if there is none.
  int findNode(NodeKind K, int F, int A, int B, llvm::StringRef Key) const;
  int owner(int N) const { return Nodes[N].F; }
  bool isGlobalNode(int N) const { return Nodes[N].F < 0; }

  // Edges. Each returns the edge's index, or -1 if the edge (of a kind that
  // is never duplicated: all but Local and Summary) was there already.
  int addEdge(int From, int To, EdgeKind K, int Weight, int Step = NoIndex);
  int addLocalEdge(int From, int To, const FlowEdge &Flow);
  int addSummaryEdge(int From, int To, int Weight, std::vector<int> Path,
                     bool Declassifies);
  int addDeclassifyEdge(int From, int To, int Step, int SiteId);
  int extraStep(const SourcePos &P, std::string Msg) {
    ExtraSteps.push_back({P, std::move(Msg)});
    return (int)ExtraSteps.size() - 1;
  }

  const DeclInfo *declOf(llvm::StringRef USR) const {
    auto It = DeclIndex.find(USR);
    return It == DeclIndex.end() ? nullptr : It->second;
  }
  /// The name of the function that owns node \p N, or "<global>".
  std::string ownerName(int N) const;

  // Program.
  std::vector<const FunctionSummary *> Fns;
  llvm::StringMap<int> FnIndex;
  /// Ordered: origins are searched in order.
  std::map<std::string, DeclInfo> Decls;
  std::map<std::string, TypeInfo> Types;

  // Graph.
  std::vector<NodeKey> Nodes;
  std::vector<Edge> Edges;
  std::vector<std::vector<int>> OutEdges;
  std::vector<TraceStep> ExtraSteps;
  /// Paths through callees, of summary edges: edges inside the callee.
  std::vector<std::vector<int>> Paths;
  std::vector<Site> Sites;
  std::vector<std::vector<int>> CallersOf; ///< Function -> sites that bind it.
  std::map<int, std::vector<SinkHit>> SinkNodes;

private:
  int insertEdge(const Edge &E);
  int labelNode(int F, const Label &L);
  int outputNode(int F, const Output &O);
  void buildLocal();
  void bindCalls();
  void bindSite(int F, int K);
  /// Binds a call of a sink; true if nothing else flows through the call.
  bool bindSinkCall(int SiteId);
  void bindLibraryCall(int SiteId);
  void bindTarget(int SiteId, int G);
  /// Makes indirect site \p SiteId a use of \p Sink's purposes.
  void bindSink(int SiteId, const DeclInfo &Sink);
  void bindObjectsAndOrigins();
  void resolveIndirect(const SolverOptions &Opts,
                       std::vector<RunError> &Errors);
  /// Function values that an indirect call may be bound to.
  std::vector<int> functionValues() const;
  /// The nodes that node \p R reaches, as a mask over the current nodes.
  std::vector<bool> reachable(int R) const;
  struct IndirectState;
  /// One round: binds (or, with \p Apply false, only collects into
  /// \p Unbound) every indirect site that a function value reaches and that
  /// is not bound to it yet.
  void indirectRound(IndirectState &S, bool Apply, std::set<int> &Unbound);
  /// The functions with a body that call \p K of function \p F may run,
  /// computed once per site (readClosure asks again for every sink call).
  const std::vector<int> &targets(int F, int K);
  /// The declaration of \p K's callee, hashed once with its targets.
  const DeclInfo *calleeDecl(int F, int K) {
    resolve(F, K);
    return SiteCallees[SiteBase[F] + K].Decl;
  }
  void resolve(int F, int K);
  void fieldClosure(const std::string &Type, std::set<std::string> &Fields,
                    std::set<std::string> &Seen);
  void readClosure(int F, std::set<std::string> &Fields);

  llvm::StringMap<const DeclInfo *> DeclIndex; ///< Decls, hashed.
  /// What each call site resolves to, by SiteBase[F] + K.
  struct Callee {
    bool Resolved = false;
    const DeclInfo *Decl = nullptr;
    std::vector<int> Targets;
  };
  std::vector<int> SiteBase;
  std::vector<Callee> SiteCallees;
  /// The declaration of each function of Fns, or null.
  std::vector<const DeclInfo *> FnDecls;
  llvm::StringMap<std::vector<int>> Overriders;
  /// Hashed: a warm run over a large program spends most of its solve on
  /// these lookups.
  llvm::DenseMap<std::tuple<unsigned, int, int, int>, int> FunctionNodeIds;
  std::array<llvm::StringMap<int>, NumNodeKinds> GlobalNodeIds;
  llvm::DenseSet<std::tuple<int, int, int>> EdgeSet; ///< (from, to, kind)
};

} // namespace solver
} // namespace purpose

#endif
