//===- Solver.cpp ---------------------------------------------------------===//
#include "Solver.h"
#include "Purpose.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/xxhash.h"
#include <array>
#include <deque>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

namespace purpose {
namespace {

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
/// by Key, A = B = 0).
struct NodeKey {
  NodeKind Kind;
  int F = -1, A = 0, B = 0;
  std::string Key;
};

enum class EdgeKind : uint8_t {
  Local,      ///< Inside a function: Ref = FlowEdge.
  CallIn,     ///< Argument -> callee parameter; enters the callee.
  Return,     ///< Callee return/out-parameter -> call site; leaves it.
  Summary,    ///< Argument -> call result, through the callee: Ref = path.
  Library,    ///< The default library rule at a call site: Ref = step.
  Declassify, ///< Through a declassifier: Ref = step.
  Global,     ///< Between global nodes (field -> object, origin -> read).
};

struct Edge {
  int From, To;
  EdgeKind Kind;
  int Weight;
  const FlowEdge *Local = nullptr;
  int Ref = -1; ///< Summary: index into Paths; others: into ExtraSteps.
  int Site = -1; ///< Declassify: the site (index into Sites).
};

struct SinkUse {
  std::string Purpose;
};

/// A call site of the program, with its role.
struct Site {
  int F, K;
  const CallSite *CS;
  const DeclInfo *Callee; ///< Null if the callee has no role.
};

class ProgramSolver {
public:
  ProgramSolver(const std::vector<const TUSummary *> &TUs,
                const SolverOptions &Opts);
  SolveResult run();

private:
  void merge(const std::vector<const TUSummary *> &TUs);
  int node(NodeKind K, int F = -1, int A = 0, int B = 0,
           llvm::StringRef Key = "");
  /// The node, or -1 if there is none.
  int findNode(NodeKind K, int F, int A, int B, llvm::StringRef Key) const;
  int owner(int N) const { return Nodes[N].F; }
  bool isGlobalNode(int N) const { return Nodes[N].F < 0; }
  int addEdge(int From, int To, EdgeKind K, int Weight,
              const FlowEdge *Local = nullptr, int Ref = -1, int Site = -1);
  int extraStep(const SourcePos &P, std::string Msg) {
    ExtraSteps.push_back({P, std::move(Msg)});
    return (int)ExtraSteps.size() - 1;
  }
  int labelNode(int F, const Label &L);
  int outputNode(int F, const Output &O);
  void buildLocal();
  void bindCalls();
  void bindTarget(int SiteId, int G);
  /// Makes indirect site \p SiteId a use of \p Sink's purposes.
  void bindSink(int SiteId, const DeclInfo &Sink);
  void resolveIndirect(SolveResult &R);
  std::vector<int> targets(const CallSite &CS);
  void fieldClosure(const std::string &Type, std::set<std::string> &Fields,
                    std::set<std::string> &Seen);
  void readClosure(int F, std::set<std::string> &Fields);
  bool summarize(SolveResult &R);
  void search(const std::string &OriginKey, const DeclInfo &O,
              SolveResult &R);
  void expand(int E, std::vector<TraceStep> &Out, unsigned Depth);
  /// The first declassifier site on edge \p E (through summaries), or -1.
  int declassifierSite(int E, unsigned Depth);
  /// Records that a trace through edge \p E nests deeper than the budget.
  void traceTooDeep(int E);

  SolverOptions Opts;
  /// Budget errors found while building traces, each once.
  std::set<std::string> DepthErrors;

  // Program.
  std::vector<const FunctionSummary *> Fns;
  llvm::StringMap<int> FnIndex;
  std::map<std::string, DeclInfo> Decls; ///< Ordered: origins are searched in order.
  llvm::StringMap<const DeclInfo *> DeclIndex; ///< Decls, hashed.
  std::map<std::string, TypeInfo> Types;
  llvm::StringMap<std::vector<int>> Overriders;
  const DeclInfo *declOf(llvm::StringRef USR) const {
    auto It = DeclIndex.find(USR);
    return It == DeclIndex.end() ? nullptr : It->second;
  }

  // Graph.
  std::vector<NodeKey> Nodes;
  /// Hashed: a warm run over a large program spends most of its solve on
  /// these lookups.
  llvm::DenseMap<std::tuple<unsigned, int, int, int>, int> FunctionNodeIds;
  std::array<llvm::StringMap<int>, NumNodeKinds> GlobalNodeIds;
  std::vector<Edge> Edges;
  std::vector<std::vector<int>> OutEdges;
  llvm::DenseSet<std::tuple<int, int, int>> EdgeSet; ///< (from, to, kind)
  std::vector<TraceStep> ExtraSteps;
  std::vector<std::vector<int>> Paths;

  std::vector<Site> Sites;
  std::vector<std::vector<int>> CallersOf; ///< Function -> sites that bind it.
  struct SinkHit {
    int SiteId;
    std::string Use;
    std::string Name; ///< The sink function.
  };
  std::map<int, std::vector<SinkHit>> SinkNodes;
};

} // namespace

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

namespace {

ProgramSolver::ProgramSolver(const std::vector<const TUSummary *> &TUs,
                             const SolverOptions &Opts)
    : Opts(Opts) {
  merge(TUs);
}

void ProgramSolver::traceTooDeep(int E) {
  int F = owner(Edges[E].From);
  DepthErrors.insert(
      "analysis budget exhausted while building a trace: the calls in '" +
      (F >= 0 ? Fns[F]->Name : std::string("<global>")) + "' nest more than " +
      std::to_string(Opts.MaxTraceDepth) + " deep (trace-depth)");
}

void ProgramSolver::merge(const std::vector<const TUSummary *> &TUs) {
  for (const TUSummary *TU : TUs) {
    for (const FunctionSummary &F : TU->Functions)
      if (FnIndex.try_emplace(F.USR, (int)Fns.size()).second)
        Fns.push_back(&F);
    for (const auto &[K, D] : TU->Decls) {
      auto [It, New] = Decls.emplace(K, D);
      if (!New)
        mergeDeclInfo(It->second, D);
    }
    for (const auto &[K, T] : TU->Types) {
      // A TU that sees only a declaration (a pimpl's Impl) knows no fields.
      auto [It, New] = Types.emplace(K, T);
      if (!New && It->second.Fields.empty() && !T.Fields.empty())
        It->second = T;
    }
  }
  for (size_t I = 0; I < Fns.size(); ++I)
    for (const std::string &O : Fns[I]->Overrides)
      Overriders[O].push_back((int)I);
  for (const auto &[USR, D] : Decls)
    DeclIndex[USR] = &D;
}

int ProgramSolver::node(NodeKind K, int F, int A, int B, llvm::StringRef Key) {
  assert((F >= 0 ? Key.empty() : A == 0 && B == 0) &&
         "a node is a function's or global");
  int Id = (int)Nodes.size();
  int Found = F >= 0 ? FunctionNodeIds.try_emplace({(unsigned)K, F, A, B}, Id)
                           .first->second
                     : GlobalNodeIds[(size_t)K].try_emplace(Key, Id)
                           .first->second;
  if (Found != Id)
    return Found;
  Nodes.push_back(NodeKey{K, F, A, B, Key.str()});
  OutEdges.emplace_back();
  return Id;
}

int ProgramSolver::findNode(NodeKind K, int F, int A, int B,
                            llvm::StringRef Key) const {
  if (F >= 0) {
    auto It = FunctionNodeIds.find({(unsigned)K, F, A, B});
    return It == FunctionNodeIds.end() ? -1 : It->second;
  }
  const llvm::StringMap<int> &Ids = GlobalNodeIds[(size_t)K];
  auto It = Ids.find(Key);
  return It == Ids.end() ? -1 : It->second;
}

int ProgramSolver::addEdge(int From, int To, EdgeKind K, int Weight,
                           const FlowEdge *Local, int Ref, int Site) {
  if (K != EdgeKind::Summary && K != EdgeKind::Local &&
      !EdgeSet.insert({From, To, (int)K}).second)
    return -1;
  Edges.push_back({From, To, K, Weight, Local, Ref, Site});
  int Id = (int)Edges.size() - 1;
  OutEdges[From].push_back(Id);
  return Id;
}

int ProgramSolver::labelNode(int F, const Label &L) {
  switch (L.Kind) {
  case LabelKind::Param:
    return node(NodeKind::Param, F, L.A);
  case LabelKind::Origin:
    return node(NodeKind::Origin, -1, 0, 0, L.Key);
  case LabelKind::Field:
    return node(NodeKind::Field, -1, 0, 0, L.Key);
  case LabelKind::Global:
    return node(NodeKind::Global, -1, 0, 0, L.Key);
  case LabelKind::Object:
    return node(NodeKind::Object, -1, 0, 0, L.Key);
  case LabelKind::CallRet:
    return node(NodeKind::CallRet, F, L.A);
  case LabelKind::CallOut:
    return node(NodeKind::CallOut, F, L.A, L.B);
  case LabelKind::FuncRef:
    return node(NodeKind::FuncRef, -1, 0, 0, L.Key);
  case LabelKind::PointsTo:
    break; // Never in a summary.
  }
  return -1;
}

int ProgramSolver::outputNode(int F, const Output &O) {
  switch (O.Kind) {
  case OutputKind::Return:
    return node(NodeKind::Ret, F);
  case OutputKind::OutParam:
    return node(NodeKind::Out, F, O.A);
  case OutputKind::FieldStore:
    return node(NodeKind::Field, -1, 0, 0, O.Key);
  case OutputKind::GlobalStore:
    return node(NodeKind::Global, -1, 0, 0, O.Key);
  case OutputKind::CallArg:
    return node(NodeKind::CallArg, F, O.A, O.B);
  case OutputKind::StoreViaCall:
    return node(NodeKind::StoreVia, F, O.A);
  }
  return -1;
}

void ProgramSolver::buildLocal() {
  for (size_t F = 0; F < Fns.size(); ++F)
    for (const FlowEdge &E : Fns[F]->Edges) {
      int From = labelNode((int)F, E.Src);
      int To = outputNode((int)F, E.Dst);
      addEdge(From, To, EdgeKind::Local, (int)E.Steps.size(), &E);
    }
}

std::vector<int> ProgramSolver::targets(const CallSite &CS) {
  std::vector<int> T;
  auto It = FnIndex.find(CS.CalleeUSR);
  if (It != FnIndex.end())
    T.push_back(It->second);
  if (!CS.Virtual)
    return T;
  std::set<int> Seen(T.begin(), T.end());
  // Every override that the program defines, transitively.
  std::deque<std::string> Work{CS.CalleeUSR};
  std::set<std::string> Visited{CS.CalleeUSR};
  while (!Work.empty()) {
    std::string U = Work.front();
    Work.pop_front();
    auto O = Overriders.find(U);
    if (O == Overriders.end())
      continue;
    for (int F : O->second) {
      if (Seen.insert(F).second)
        T.push_back(F);
      if (Visited.insert(Fns[F]->USR).second)
        Work.push_back(Fns[F]->USR);
    }
  }
  return T;
}

void ProgramSolver::fieldClosure(const std::string &Type,
                                 std::set<std::string> &Fields,
                                 std::set<std::string> &Seen) {
  if (!Seen.insert(Type).second)
    return;
  auto It = Types.find(Type);
  if (It == Types.end())
    return;
  Fields.insert(It->second.Fields.begin(), It->second.Fields.end());
  for (const std::string &N : It->second.Nested)
    fieldClosure(N, Fields, Seen);
}

void ProgramSolver::readClosure(int F, std::set<std::string> &Fields) {
  // The fields a function reads, through the functions it calls.
  std::set<int> Seen{F};
  std::deque<int> Work{F};
  while (!Work.empty()) {
    int G = Work.front();
    Work.pop_front();
    Fields.insert(Fns[G]->FieldsRead.begin(), Fns[G]->FieldsRead.end());
    for (const CallSite &CS : Fns[G]->Calls)
      for (int T : targets(CS))
        if (Seen.insert(T).second)
          Work.push_back(T);
  }
}

void ProgramSolver::bindSink(int SiteId, const DeclInfo &Sink) {
  // An indirect call of a sink is a use, as a direct one.
  const Site &Si = Sites[SiteId];
  const CallSite &CS = *Si.CS;
  for (int J = CS.HasObject ? ObjectIndex : 0; J < (int)CS.NumArgs; ++J) {
    auto PU = Sink.ParamUses.find(J);
    std::string U = PU != Sink.ParamUses.end() ? PU->second : Sink.Use;
    if (!U.empty())
      SinkNodes[node(NodeKind::CallArg, Si.F, Si.K, J)].push_back(
          {SiteId, U, Sink.Name});
  }
}

void ProgramSolver::bindTarget(int SiteId, int G) {
  const Site &Si = Sites[SiteId];
  const CallSite &CS = *Si.CS;
  const FunctionSummary &GS = *Fns[G];
  if (llvm::is_contained(CallersOf[G], SiteId))
    return;
  CallersOf[G].push_back(SiteId);
  auto argNode = [&](int J) { return node(NodeKind::CallArg, Si.F, Si.K, J); };
  int FirstArg = CS.HasObject ? ObjectIndex : 0;
  const DeclInfo *DI = declOf(GS.USR);
  if (CS.Indirect && DI && DI->isSink())
    return bindSink(SiteId, *DI);
  for (int J = FirstArg; J < (int)CS.NumArgs; ++J) {
    if (J == ObjectIndex && !GS.IsMethod)
      continue;
    if (J >= (int)GS.NumParams) {
      // Every extra argument of a variadic function goes to the parameter
      // one past the last, which its body's va_list reads (if it does).
      int Variadic = findNode(NodeKind::Param, G, (int)GS.NumParams, 0, "");
      if (Variadic < 0)
        break;
      addEdge(argNode(J), Variadic, EdgeKind::CallIn, 0);
      continue;
    }
    addEdge(argNode(J), node(NodeKind::Param, G, J), EdgeKind::CallIn, 0);
  }
  // Through std::function or a pointer to a lambda, the callee value is the
  // closure object.
  if (CS.Indirect && !CS.HasObject && GS.IsMethod)
    addEdge(argNode(CalleeIndex), node(NodeKind::Param, G, ObjectIndex),
            EdgeKind::CallIn, 0);
  addEdge(node(NodeKind::Ret, G), node(NodeKind::CallRet, Si.F, Si.K),
          EdgeKind::Return, 0);
  // Stores through the reference it returns reach what that refers to.
  if (!GS.ReturnsRefTo.empty()) {
    int Via = node(NodeKind::StoreVia, Si.F, Si.K);
    for (const Output &O : GS.ReturnsRefTo)
      addEdge(Via, outputNode(G, O), EdgeKind::Global, 0);
  }
  for (int J = ObjectIndex; J < (int)GS.NumParams; ++J)
    addEdge(node(NodeKind::Out, G, J),
            node(NodeKind::CallOut, Si.F, Si.K, J), EdgeKind::Return, 0);
}

void ProgramSolver::resolveIndirect(SolveResult &Result) {
  // Calls through function pointers and std::function go to the functions
  // whose values reach the callee. Binding a call can carry more function
  // values, so this repeats until nothing changes, within the budget.
  std::vector<int> Indirect;
  for (size_t I = 0; I < Sites.size(); ++I)
    if (Sites[I].CS->Indirect)
      Indirect.push_back((int)I);
  if (Indirect.empty())
    return;
  // Function values: of functions with a body, and of sinks the program
  // only declares (an SDK's upload function), whose calls are uses.
  std::vector<int> Refs;
  for (size_t N = 0; N < Nodes.size(); ++N) {
    if (Nodes[N].Kind != NodeKind::FuncRef)
      continue;
    const DeclInfo *D = declOf(Nodes[N].Key);
    if (FnIndex.count(Nodes[N].Key) || (D && D->isSink()))
      Refs.push_back((int)N);
  }
  std::set<std::pair<int, const DeclInfo *>> SinkBound;
  // One round: binds (or, with Apply false, only collects) every indirect
  // site that a function value reaches and that is not bound to it yet.
  auto round = [&](bool Apply, std::set<int> &Unbound) {
    for (int R : Refs) {
      auto FnIt = FnIndex.find(Nodes[R].Key);
      int G = FnIt == FnIndex.end() ? -1 : FnIt->second;
      const DeclInfo *BodilessSink = G < 0 ? declOf(Nodes[R].Key) : nullptr;
      std::vector<bool> Seen(Nodes.size(), false);
      std::deque<int> Work{R};
      Seen[R] = true;
      while (!Work.empty()) {
        int N = Work.front();
        Work.pop_front();
        for (int E : OutEdges[N])
          if (!Seen[Edges[E].To]) {
            Seen[Edges[E].To] = true;
            Work.push_back(Edges[E].To);
          }
      }
      for (int SiteId : Indirect) {
        const Site &Si = Sites[SiteId];
        int Callee = findNode(NodeKind::CallArg, Si.F, Si.K, CalleeIndex, "");
        if (Callee < 0 || Callee >= (int)Seen.size() || !Seen[Callee])
          continue;
        if (BodilessSink) {
          // A use, as a direct call of the sink; nothing flows on.
          if (SinkBound.insert({SiteId, BodilessSink}).second && Apply)
            bindSink(SiteId, *BodilessSink);
          continue;
        }
        if (llvm::is_contained(CallersOf[G], SiteId))
          continue;
        Unbound.insert(SiteId);
        if (Apply)
          bindTarget(SiteId, G);
      }
    }
  };
  for (unsigned Round = 0; Round < Opts.MaxIndirectRounds; ++Round) {
    std::set<int> Bound;
    round(/*Apply=*/true, Bound);
    if (Bound.empty())
      return;
  }
  std::set<int> Pending;
  round(/*Apply=*/false, Pending);
  if (Pending.empty())
    return;
  std::set<std::string> Names;
  for (int SiteId : Pending)
    Names.insert("'" + Fns[Sites[SiteId].F]->Name + "'");
  Result.Errors.push_back(
      {"analysis budget exhausted while binding calls through function "
       "pointers (" + std::to_string(Opts.MaxIndirectRounds) +
       " rounds, indirect-rounds); still binding calls in " +
       llvm::join(Names, ", ")});
}

void ProgramSolver::bindCalls() {
  CallersOf.assign(Fns.size(), {});
  for (size_t F = 0; F < Fns.size(); ++F) {
    const FunctionSummary &FS = *Fns[F];
    for (size_t K = 0; K < FS.Calls.size(); ++K) {
      const CallSite &CS = FS.Calls[K];
      const DeclInfo *Info = declOf(CS.CalleeUSR);
      int SiteId = (int)Sites.size();
      Sites.push_back({(int)F, (int)K, &CS, Info});
      int Ret = node(NodeKind::CallRet, (int)F, (int)K);
      auto argNode = [&](int J) {
        return node(NodeKind::CallArg, (int)F, (int)K, J);
      };
      int FirstArg = CS.HasObject ? ObjectIndex : 0;

      if (Info && Info->isSink()) {
        // Sinks consume what they are passed: nothing flows on.
        std::vector<int> T = targets(CS);
        for (int J = FirstArg; J < (int)CS.NumArgs; ++J) {
          std::string U;
          auto PU = Info->ParamUses.find(J);
          if (PU != Info->ParamUses.end())
            U = PU->second;
          else if (J >= 0 || T.empty())
            U = Info->Use;
          if (!U.empty())
            SinkNodes[argNode(J)].push_back({SiteId, U, CS.CalleeName});
        }
        if (CS.HasObject && !Info->Use.empty() && !T.empty()) {
          // The object of a sink with a body counts as the fields that the
          // body reads, transitively.
          std::set<std::string> Read;
          readClosure(T.front(), Read);
          int SO = node(NodeKind::SinkObj, (int)F, (int)K);
          SinkNodes[SO].push_back({SiteId, Info->Use, CS.CalleeName});
          for (const std::string &Fld : Read)
            addEdge(node(NodeKind::Field, -1, 0, 0, Fld), SO, EdgeKind::Global,
                    1, nullptr,
                    extraStep(CS.Pos, "read by '" + CS.CalleeName + "'"));
        }
        // What a sink returns carries what it was given (an exported
        // vCard holds the contact), as for any library call.
        if (!CS.ReturnsTruth) {
          int St = extraStep(CS.Pos, "returned by '" + CS.CalleeName + "'");
          for (int J = FirstArg; J < (int)CS.NumArgs; ++J)
            addEdge(argNode(J), Ret, EdgeKind::Library, 1, nullptr, St);
        }
        // A sink that is also a source (an out-parameter it fills and
        // consumes) is both: its outputs reach later calls.
        if (!Info->isSource())
          continue;
      }
      if (Info && Info->Declassify) {
        int St = extraStep(CS.Pos, "declassified by '" + CS.CalleeName + "'");
        for (int J = FirstArg; J < (int)CS.NumArgs; ++J)
          addEdge(argNode(J), Ret, EdgeKind::Declassify, 1, nullptr, St,
                  SiteId);
        continue;
      }
      if (Info && Info->isSource()) {
        // Policy entries and annotations take precedence over a body.
        int O = node(NodeKind::Origin, -1, 0, 0, CS.CalleeUSR);
        addEdge(O, Ret, EdgeKind::Global, 1, nullptr,
                extraStep(CS.Pos, "read of '" + CS.CalleeName + "'"));
        for (int J : Info->OutParamSources)
          addEdge(O, node(NodeKind::CallOut, (int)F, (int)K, J),
                  EdgeKind::Global, 1, nullptr,
                  extraStep(CS.Pos, "read of '" + CS.CalleeName +
                                        "' through argument " +
                                        std::to_string(J + 1)));
        continue;
      }
      if (CS.Indirect)
        continue; // Bound by resolveIndirect().
      std::vector<int> T = targets(CS);
      if (T.empty()) {
        // The default rule for library code.
        int St = extraStep(CS.Pos, "through '" + CS.CalleeName + "'");
        for (int J = FirstArg; J < (int)CS.NumArgs; ++J) {
          if (!CS.ReturnsTruth)
            addEdge(argNode(J), Ret, EdgeKind::Library, 1, nullptr, St);
          if (CS.ObjectMutable && J != ObjectIndex)
            addEdge(argNode(J), node(NodeKind::CallOut, (int)F, (int)K,
                                     ObjectIndex),
                    EdgeKind::Library, 1, nullptr, St);
          for (int O = 0; O < (int)CS.OutArg.size() && O < (int)CS.NumArgs;
               ++O)
            if (CS.OutArg[O] && O != J)
              addEdge(argNode(J), node(NodeKind::CallOut, (int)F, (int)K, O),
                      EdgeKind::Library, 1, nullptr, St);
        }
        continue;
      }
      for (int G : T)
        bindTarget(SiteId, G);
    }
  }
  // Whole objects: a value of a type carries the state of every field the
  // type holds.
  for (const auto &[Type, Info] : Types) {
    std::set<std::string> Fields, Seen;
    fieldClosure(Type, Fields, Seen);
    int Obj = node(NodeKind::Object, -1, 0, 0, Type);
    for (const std::string &Fld : Fields) {
      auto DI = Decls.find(Fld);
      std::string Name = DI != Decls.end() ? DI->second.Name : "";
      SourcePos P = DI != Decls.end() ? DI->second.Pos : SourcePos();
      addEdge(node(NodeKind::Field, -1, 0, 0, Fld), Obj, EdgeKind::Global, 1,
              nullptr,
              extraStep(P, "'" + Info.Name + "' holds " +
                               (Name.empty() ? std::string("a field")
                                             : "'" + Name + "'")));
    }
  }
  // Limited fields and globals: reading them reads the origin.
  for (const auto &[Key, D] : Decls) {
    if (!D.isSource())
      continue;
    if (D.Kind == DeclInfo::Field)
      addEdge(node(NodeKind::Origin, -1, 0, 0, Key),
              node(NodeKind::Field, -1, 0, 0, Key), EdgeKind::Global, 0);
    else if (D.Kind == DeclInfo::Global)
      addEdge(node(NodeKind::Origin, -1, 0, 0, Key),
              node(NodeKind::Global, -1, 0, 0, Key), EdgeKind::Global, 0);
  }
}

bool ProgramSolver::summarize(SolveResult &R) {
  // Phase 1: parameter -> exit summaries, as summary edges at call sites.
  std::deque<int> Work;
  std::vector<bool> Queued(Fns.size(), true);
  std::vector<unsigned> Rounds(Fns.size(), 0);
  for (size_t F = 0; F < Fns.size(); ++F)
    Work.push_back((int)F);
  std::set<std::tuple<int, int, int, bool>> Have; // site, j, exit node, flag
  while (!Work.empty()) {
    int F = Work.front();
    Work.pop_front();
    Queued[F] = false;
    if (++Rounds[F] > Opts.MaxSummaryRounds) {
      std::string Names;
      for (size_t I = 0; I < Fns.size() && Names.size() < 400; ++I)
        if (Queued[I])
          Names += (Names.empty() ? "'" : ", '") + Fns[I]->Name + "'";
      R.Errors.push_back({"analysis budget exhausted while solving "
                          "summaries; still changing: '" +
                          Fns[F]->Name + "'" +
                          (Names.empty() ? "" : ", " + Names)});
      return false;
    }
    const FunctionSummary &FS = *Fns[F];
    // J == NumParams: the variadic arguments (bindTarget).
    for (int J = FS.IsMethod ? ObjectIndex : 0; J <= (int)FS.NumParams; ++J) {
      int Param = findNode(NodeKind::Param, F, J, 0, "");
      if (Param < 0)
        continue;
      // Dijkstra over (node, declassified) inside F.
      using St = std::pair<int, bool>;
      struct Pred {
        int Dist;
        int Edge;
        St From;
      };
      std::map<St, Pred> Dist;
      using QE = std::tuple<int, int, bool>;
      std::priority_queue<QE, std::vector<QE>, std::greater<QE>> Q;
      Dist[{Param, false}] = {0, -1, {-1, false}};
      Q.push({0, Param, false});
      std::vector<std::pair<St, int>> Exits;
      while (!Q.empty()) {
        auto [D, N, Flag] = Q.top();
        Q.pop();
        if (Dist[{N, Flag}].Dist != D)
          continue;
        NodeKind K = Nodes[N].Kind;
        if (K == NodeKind::Ret || K == NodeKind::Out)
          Exits.push_back({{N, Flag}, D});
        for (int E : OutEdges[N]) {
          const Edge &Ed = Edges[E];
          if (Ed.Kind == EdgeKind::CallIn || Ed.Kind == EdgeKind::Return ||
              Ed.Kind == EdgeKind::Global || owner(Ed.To) != F)
            continue;
          bool NF = Flag || Ed.Kind == EdgeKind::Declassify ||
                    (Ed.Kind == EdgeKind::Summary && Ed.Site == -2);
          int ND = D + Ed.Weight;
          auto It = Dist.find({Ed.To, NF});
          if (It != Dist.end() && It->second.Dist <= ND)
            continue;
          Dist[{Ed.To, NF}] = {ND, E, {N, Flag}};
          Q.push({ND, Ed.To, NF});
        }
      }
      for (auto &[S, D] : Exits) {
        // The path from the parameter to this exit.
        std::vector<int> Path;
        for (St Cur = S; Dist[Cur].Edge >= 0; Cur = Dist[Cur].From)
          Path.push_back(Dist[Cur].Edge);
        std::reverse(Path.begin(), Path.end());
        const NodeKey &X = Nodes[S.first];
        for (int SiteId : CallersOf[F]) {
          const Site &Si = Sites[SiteId];
          // The variadic parameter stands for every extra argument.
          int LastArg = J == (int)FS.NumParams ? (int)Si.CS->NumArgs - 1 : J;
          for (int A = J; A <= LastArg; ++A) {
            if (A >= (int)Si.CS->NumArgs ||
                (A == ObjectIndex && !Si.CS->HasObject))
              continue;
            int Exit = X.Kind == NodeKind::Ret
                           ? node(NodeKind::CallRet, Si.F, Si.K)
                           : node(NodeKind::CallOut, Si.F, Si.K, X.A);
            if (!Have.insert({SiteId, A, Exit, S.second}).second)
              continue;
            Paths.push_back(Path);
            int E = addEdge(node(NodeKind::CallArg, Si.F, Si.K, A), Exit,
                            EdgeKind::Summary, D, nullptr,
                            (int)Paths.size() - 1);
            if (S.second)
              Edges[E].Site = -2; // Declassifying; the site is in the path.
            if (!Queued[Si.F]) {
              Queued[Si.F] = true;
              Work.push_back(Si.F);
            }
          }
        }
      }
    }
  }
  return true;
}

void ProgramSolver::expand(int E, std::vector<TraceStep> &Out,
                           unsigned Depth) {
  const Edge &Ed = Edges[E];
  if (Ed.Local) {
    Out.insert(Out.end(), Ed.Local->Steps.begin(), Ed.Local->Steps.end());
    return;
  }
  if (Ed.Kind == EdgeKind::Summary) {
    if (Depth > Opts.MaxTraceDepth)
      return traceTooDeep(E);
    for (int Inner : Paths[Ed.Ref])
      expand(Inner, Out, Depth + 1);
    return;
  }
  // A step without a position (a field whose declaration no TU described)
  // is left out rather than reported at "file 0".
  if (Ed.Ref >= 0 && !ExtraSteps[Ed.Ref].Pos.File.empty())
    Out.push_back(ExtraSteps[Ed.Ref]);
}

int ProgramSolver::declassifierSite(int E, unsigned Depth) {
  const Edge &Ed = Edges[E];
  if (Ed.Kind == EdgeKind::Declassify)
    return Ed.Site;
  if (Ed.Kind != EdgeKind::Summary || Ed.Site != -2)
    return -1;
  if (Depth > Opts.MaxTraceDepth) {
    traceTooDeep(E);
    return -1;
  }
  for (int Inner : Paths[Ed.Ref])
    if (int S = declassifierSite(Inner, Depth + 1); S >= 0)
      return S;
  return -1;
}

std::string fingerprint(const std::string &Origin, const std::string &Sink,
                        const std::string &Enclosing, unsigned Ordinal,
                        const std::string &Purpose) {
  std::string S = Origin + "\x1f" + Sink + "\x1f" + Enclosing + "\x1f" +
                  std::to_string(Ordinal) + "\x1f" + Purpose;
  return llvm::utohexstr(llvm::xxh3_64bits(S), /*LowerCase=*/true, 16);
}

void ProgramSolver::search(const std::string &OriginKey, const DeclInfo &O,
                           SolveResult &R) {
  int Origin = findNode(NodeKind::Origin, -1, 0, 0, OriginKey);
  if (Origin < 0)
    return;
  // State: node * 4 + mode * 2 + declassified; mode 1 = entered a callee
  // through a parameter (may not leave through Return edges).
  auto sid = [](int N, int Mode, int Flag) { return N * 4 + Mode * 2 + Flag; };
  std::unordered_map<int, std::pair<int, int>> Dist; // -> (dist, pred edge)
  std::unordered_map<int, int> PredState;
  using QE = std::pair<int, int>;
  std::priority_queue<QE, std::vector<QE>, std::greater<QE>> Q;
  int Start = sid(Origin, 0, 0);
  Dist[Start] = {0, -1};
  Q.push({0, Start});
  // A declassified path must not hide a direct one: found per flag.
  std::set<std::tuple<int, std::string, int>> Found;
  while (!Q.empty()) {
    auto [D, S] = Q.top();
    Q.pop();
    if (Dist[S].first != D)
      continue;
    int N = S / 4, Mode = (S / 2) % 2, Flag = S % 2;
    auto SN = SinkNodes.find(N);
    if (SN != SinkNodes.end()) {
      for (const SinkHit &Hit : SN->second) {
        int SiteId = Hit.SiteId;
        const std::string &Use = Hit.Use;
        bool Allowed = useAllowed(Use, O.Limited);
        if (!Found.insert({SiteId, Use, Allowed ? 2 : Flag}).second)
          continue;
        const Site &Si = Sites[SiteId];
        // Rebuild the trace.
        std::vector<int> Path;
        for (int Cur = S; Dist[Cur].second >= 0; Cur = PredState[Cur])
          Path.push_back(Dist[Cur].second);
        std::reverse(Path.begin(), Path.end());
        Finding Fd;
        Fd.OriginName = O.Name;
        Fd.OriginPurposes = O.Limited;
        Fd.OriginPos = O.Pos;
        Fd.SinkName = Hit.Name;
        if (Si.Callee)
          Fd.SinkDeclPos = Si.Callee->Pos;
        Fd.SinkPurpose = Use;
        Fd.SinkPos = Si.CS->Pos;
        for (int E : Path)
          expand(E, Fd.Trace, 0);
        if (Flag)
          for (int E : Path)
            if (int DS = declassifierSite(E, 0); DS >= 0) {
              Fd.Declassifier = Sites[DS].CS->CalleeName;
              Fd.Reason = *Sites[DS].Callee->Declassify;
              break;
            }
        std::string Purposes = llvm::join(O.Limited, ", ");
        Fd.Message = "'" + O.Name + "', limited to '" + Purposes +
                     "', reaches '" + Fd.SinkName + "', a use for '" + Use +
                     "'";
        Fd.Fingerprint = fingerprint(O.Name, Fd.SinkName,
                                     fingerprintIdentity(Fns[Si.F]->USR),
                                     Si.CS->Ordinal, Use);
        if (Allowed) {
          Fd.Kind = FindingKind::Allowed;
          Fd.Message = "'" + O.Name + "', limited to '" + Purposes +
                       "', reaches '" + Fd.SinkName + "', a use for '" + Use +
                       "', which its limit allows";
          R.Allowed.push_back(std::move(Fd));
        } else if (Flag) {
          Fd.Kind = FindingKind::Declassified;
          R.Declassified.push_back(std::move(Fd));
        } else {
          Fd.Kind = FindingKind::Violation;
          R.Violations.push_back(std::move(Fd));
        }
      }
    }
    for (int E : OutEdges[N]) {
      const Edge &Ed = Edges[E];
      int NMode = Mode;
      if (Ed.Kind == EdgeKind::Return && Mode == 1)
        continue; // Leave a callee only through its call site's summary.
      if (Ed.Kind == EdgeKind::CallIn)
        NMode = 1;
      if (isGlobalNode(Ed.To))
        NMode = 0;
      int NFlag = Flag || Ed.Kind == EdgeKind::Declassify ||
                  (Ed.Kind == EdgeKind::Summary && Ed.Site == -2);
      int NS = sid(Ed.To, NMode, NFlag);
      int ND = D + Ed.Weight;
      auto It = Dist.find(NS);
      if (It != Dist.end() && It->second.first <= ND)
        continue;
      Dist[NS] = {ND, E};
      PredState[NS] = S;
      Q.push({ND, NS});
    }
  }
}

SolveResult ProgramSolver::run() {
  SolveResult R;
  R.Functions = Fns.size();
  buildLocal();
  bindCalls();
  resolveIndirect(R);
  if (!summarize(R))
    return R;
  for (const auto &[Key, D] : Decls)
    if (D.isSource())
      search(Key, D, R);
  for (const std::string &E : DepthErrors)
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

} // namespace

SolveResult solveProgram(const std::vector<const TUSummary *> &TUs,
                         const SolverOptions &Opts) {
  ProgramSolver S(TUs, Opts);
  return S.run();
}

} // namespace purpose
