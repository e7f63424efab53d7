//===- CallBinding.cpp - The edges of calls in the program graph ----------===//
//
// Each call site becomes edges according to its callee's role: a sink's
// arguments are uses, a declassifier's result is declassified, a source's
// result is an origin, a call with a body enters it through its parameters
// and leaves it through its exits, and a library call without one follows
// the default rule. Calls through function pointers are bound to the
// function values that reach them, round by round.
//
//===----------------------------------------------------------------------===//
#include "ProgramGraph.h"
#include "llvm/ADT/StringExtras.h"
#include <deque>

namespace purpose {
namespace solver {

void ProgramGraph::bindCalls() {
  CallersOf.assign(Fns.size(), {});
  for (size_t F = 0; F < Fns.size(); ++F)
    for (size_t K = 0; K < Fns[F]->Calls.size(); ++K)
      bindSite((int)F, (int)K);
}

void ProgramGraph::bindSite(int F, int K) {
  const CallSite &CS = Fns[F]->Calls[K];
  const DeclInfo *Info = calleeDecl(F, K);
  int SiteId = (int)Sites.size();
  Sites.push_back({F, K, &CS, Info});
  int Ret = node(NodeKind::CallRet, F, K);
  int FirstArg = CS.HasObject ? ObjectIndex : 0;

  if (Info && Info->isSink() && bindSinkCall(SiteId))
    return;
  if (Info && Info->Declassify) {
    int St = extraStep(CS.Pos, "declassified by '" + CS.CalleeName + "'");
    for (int J = FirstArg; J < (int)CS.NumArgs; ++J)
      addDeclassifyEdge(node(NodeKind::CallArg, F, K, J), Ret, St, SiteId);
    return;
  }
  if (Info && Info->isSource()) {
    // Policy entries and annotations take precedence over a body.
    int O = globalNode(NodeKind::Origin, CS.CalleeUSR);
    addEdge(O, Ret, EdgeKind::Global, 1,
            extraStep(CS.Pos, "read of '" + CS.CalleeName + "'"));
    for (int J : Info->OutParamSources)
      addEdge(O, node(NodeKind::CallOut, F, K, J), EdgeKind::Global, 1,
              extraStep(CS.Pos, "read of '" + CS.CalleeName +
                                    "' through argument " +
                                    std::to_string(J + 1)));
    return;
  }
  if (CS.Indirect)
    return; // Bound by resolveIndirect().
  const std::vector<int> &T = targets(F, K);
  if (T.empty())
    return bindLibraryCall(SiteId);
  for (int G : T)
    bindTarget(SiteId, G);
}

bool ProgramGraph::bindSinkCall(int SiteId) {
  // Sinks consume what they are passed: nothing flows on.
  const Site &Si = Sites[SiteId];
  const CallSite &CS = *Si.CS;
  const DeclInfo &Info = *Si.Callee;
  int F = Si.Caller, K = Si.Call;
  auto argNode = [&](int J) { return node(NodeKind::CallArg, F, K, J); };
  int FirstArg = CS.HasObject ? ObjectIndex : 0;
  const std::vector<int> &T = targets(F, K);
  for (int J = FirstArg; J < (int)CS.NumArgs; ++J) {
    std::string U;
    auto PU = Info.ParamUses.find(J);
    if (PU != Info.ParamUses.end())
      U = PU->second;
    else if (J >= 0 || T.empty())
      U = Info.Use;
    if (!U.empty())
      SinkNodes[argNode(J)].push_back({SiteId, U, CS.CalleeName});
  }
  if (CS.HasObject && !Info.Use.empty() && !T.empty()) {
    // The object of a sink with a body counts as the fields that the body
    // reads, transitively.
    std::set<std::string> Read;
    readClosure(T.front(), Read);
    int SO = node(NodeKind::SinkObj, F, K);
    SinkNodes[SO].push_back({SiteId, Info.Use, CS.CalleeName});
    for (const std::string &Fld : Read)
      addEdge(globalNode(NodeKind::Field, Fld), SO, EdgeKind::Global, 1,
              extraStep(CS.Pos, "read by '" + CS.CalleeName + "'"));
  }
  // What a sink returns carries what it was given (an exported vCard holds
  // the contact), as for any library call.
  if (!CS.ReturnsTruth) {
    int Ret = node(NodeKind::CallRet, F, K);
    int St = extraStep(CS.Pos, "returned by '" + CS.CalleeName + "'");
    for (int J = FirstArg; J < (int)CS.NumArgs; ++J)
      addEdge(argNode(J), Ret, EdgeKind::Library, 1, St);
  }
  // A sink that is also a source (an out-parameter it fills and consumes)
  // is both: its outputs reach later calls.
  return !Info.isSource();
}

void ProgramGraph::bindLibraryCall(int SiteId) {
  // The default rule for library code.
  const Site &Si = Sites[SiteId];
  const CallSite &CS = *Si.CS;
  int F = Si.Caller, K = Si.Call;
  auto argNode = [&](int J) { return node(NodeKind::CallArg, F, K, J); };
  int Ret = node(NodeKind::CallRet, F, K);
  int St = extraStep(CS.Pos, "through '" + CS.CalleeName + "'");
  for (int J = CS.HasObject ? ObjectIndex : 0; J < (int)CS.NumArgs; ++J) {
    if (!CS.ReturnsTruth)
      addEdge(argNode(J), Ret, EdgeKind::Library, 1, St);
    if (CS.ObjectMutable && J != ObjectIndex)
      addEdge(argNode(J), node(NodeKind::CallOut, F, K, ObjectIndex),
              EdgeKind::Library, 1, St);
    for (int O = 0; O < (int)CS.OutArg.size() && O < (int)CS.NumArgs; ++O)
      if (CS.OutArg[O] && O != J)
        addEdge(argNode(J), node(NodeKind::CallOut, F, K, O), EdgeKind::Library,
                1, St);
  }
}

void ProgramGraph::bindSink(int SiteId, const DeclInfo &Sink) {
  // An indirect call of a sink is a use, as a direct one.
  const Site &Si = Sites[SiteId];
  const CallSite &CS = *Si.CS;
  for (int J = CS.HasObject ? ObjectIndex : 0; J < (int)CS.NumArgs; ++J) {
    auto PU = Sink.ParamUses.find(J);
    std::string U = PU != Sink.ParamUses.end() ? PU->second : Sink.Use;
    if (!U.empty())
      SinkNodes[node(NodeKind::CallArg, Si.Caller, Si.Call, J)].push_back(
          {SiteId, U, Sink.Name});
  }
}

void ProgramGraph::bindTarget(int SiteId, int G) {
  const Site &Si = Sites[SiteId];
  const CallSite &CS = *Si.CS;
  const FunctionSummary &GS = *Fns[G];
  if (llvm::is_contained(CallersOf[G], SiteId))
    return;
  CallersOf[G].push_back(SiteId);
  const DeclInfo *DI = FnDecls[G];
  if (CS.Indirect && DI && DI->isSink())
    return bindSink(SiteId, *DI);
  // The edges into and out of the callee join nodes that the local edges
  // made, and only those: an argument no data flows into, a parameter the
  // body never reads, or an exit it never writes is a dead end, whose edge
  // no search could take. (Most parameters of most calls are one: binding
  // them all made half the graph.) No later phase gives such a node an edge
  // on its dead side: argument nodes get in-edges, parameter nodes
  // out-edges, only from local edges, which are all made before calls are
  // bound.
  auto edge = [&](NodeKind FromK, int FromF, int FromA, int FromB, NodeKind ToK,
                  int ToF, int ToA, int ToB, EdgeKind K) {
    int From = findNode(FromK, FromF, FromA, FromB, "");
    int To = From < 0 ? -1 : findNode(ToK, ToF, ToA, ToB, "");
    if (To >= 0)
      addEdge(From, To, K, 0);
  };
  const int Caller = Si.Caller, Call = Si.Call;
  int FirstArg = CS.HasObject ? ObjectIndex : 0;
  for (int J = FirstArg; J < (int)CS.NumArgs; ++J) {
    if (J == ObjectIndex && !GS.IsMethod)
      continue;
    // Every extra argument of a variadic function goes to the parameter
    // one past the last, which its body's va_list reads (if it does).
    int P = std::min(J, (int)GS.NumParams);
    edge(NodeKind::CallArg, Caller, Call, J, NodeKind::Param, G, P, 0,
         EdgeKind::CallIn);
  }
  // Through std::function or a pointer to a lambda, the callee value is the
  // closure object.
  if (CS.Indirect && !CS.HasObject && GS.IsMethod)
    edge(NodeKind::CallArg, Caller, Call, CalleeIndex, NodeKind::Param, G,
         ObjectIndex, 0, EdgeKind::CallIn);
  edge(NodeKind::Ret, G, 0, 0, NodeKind::CallRet, Caller, Call, 0,
       EdgeKind::Return);
  // Stores through the reference it returns reach what that refers to.
  if (!GS.ReturnsRefTo.empty()) {
    int Via = node(NodeKind::StoreVia, Si.Caller, Si.Call);
    for (const Output &O : GS.ReturnsRefTo)
      addEdge(Via, outputNode(G, O), EdgeKind::Global, 0);
  }
  for (int J = ObjectIndex; J < (int)GS.NumParams; ++J)
    edge(NodeKind::Out, G, J, 0, NodeKind::CallOut, Caller, Call, J,
         EdgeKind::Return);
}

/// What the rounds of resolveIndirect() share.
struct ProgramGraph::IndirectState {
  std::vector<int> Indirect; ///< The indirect call sites.
  std::vector<int> Refs;     ///< The function values (functionValues()).
  std::set<std::pair<int, const DeclInfo *>> SinkBound;
};

std::vector<int> ProgramGraph::functionValues() const {
  // Of functions with a body, and of sinks the program only declares (an
  // SDK's upload function), whose calls are uses.
  std::vector<int> Refs;
  for (size_t N = 0; N < Nodes.size(); ++N) {
    if (Nodes[N].Kind != NodeKind::FuncRef)
      continue;
    const DeclInfo *D = declOf(Nodes[N].Key);
    if (FnIndex.count(Nodes[N].Key) || (D && D->isSink()))
      Refs.push_back((int)N);
  }
  return Refs;
}

std::vector<bool> ProgramGraph::reachable(int R) const {
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
  return Seen;
}

void ProgramGraph::indirectRound(IndirectState &S, bool Apply,
                                 std::set<int> &Unbound) {
  for (int R : S.Refs) {
    auto FnIt = FnIndex.find(Nodes[R].Key);
    int G = FnIt == FnIndex.end() ? -1 : FnIt->second;
    const DeclInfo *BodilessSink = G < 0 ? declOf(Nodes[R].Key) : nullptr;
    // Over the graph as this round has bound it so far.
    std::vector<bool> Seen = reachable(R);
    for (int SiteId : S.Indirect) {
      const Site &Si = Sites[SiteId];
      int Callee =
          findNode(NodeKind::CallArg, Si.Caller, Si.Call, CalleeIndex, "");
      if (Callee < 0 || Callee >= (int)Seen.size() || !Seen[Callee])
        continue;
      if (BodilessSink) {
        // A use, as a direct call of the sink; nothing flows on.
        if (S.SinkBound.insert({SiteId, BodilessSink}).second && Apply)
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
}

void ProgramGraph::resolveIndirect(const SolverOptions &Opts,
                                   std::vector<RunError> &Errors) {
  // Calls through function pointers and std::function go to the functions
  // whose values reach the callee. Binding a call can carry more function
  // values, so this repeats until nothing changes, within the budget.
  IndirectState S;
  for (size_t I = 0; I < Sites.size(); ++I)
    if (Sites[I].CS->Indirect)
      S.Indirect.push_back((int)I);
  if (S.Indirect.empty())
    return;
  S.Refs = functionValues();
  for (unsigned Round = 0; Round < Opts.MaxIndirectRounds; ++Round) {
    std::set<int> Bound;
    indirectRound(S, /*Apply=*/true, Bound);
    if (Bound.empty())
      return;
  }
  std::set<int> Pending;
  indirectRound(S, /*Apply=*/false, Pending);
  if (Pending.empty())
    return;
  std::set<std::string> Names;
  for (int SiteId : Pending)
    Names.insert("'" + Fns[Sites[SiteId].Caller]->Name + "'");
  Errors.push_back(
      {"analysis budget exhausted while binding calls through function "
       "pointers (" +
       std::to_string(Opts.MaxIndirectRounds) +
       " rounds, indirect-rounds); still binding calls in " +
       llvm::join(Names, ", ")});
}

} // namespace solver
} // namespace purpose
