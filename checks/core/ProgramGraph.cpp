//===- ProgramGraph.cpp - Declarations, nodes and edges -------------------===//
//
// Joining the TUs, the node and edge tables, the local edges and the edges
// between global nodes. Binding calls is in CallBinding.cpp.
//
//===----------------------------------------------------------------------===//
#include "ProgramGraph.h"
#include <deque>

namespace purpose {
namespace solver {

ProgramGraph::ProgramGraph(const std::vector<const TUSummary *> &TUs) {
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
  int Calls = 0;
  for (const FunctionSummary *F : Fns) {
    SiteBase.push_back(Calls);
    Calls += (int)F->Calls.size();
    FnDecls.push_back(declOf(F->USR));
  }
  SiteCallees.resize(Calls);
}

void ProgramGraph::build(const SolverOptions &Opts,
                         std::vector<RunError> &Errors) {
  // Most nodes and edges are a function's own or a call's: reserved, the
  // tables are not copied as they grow.
  size_t Local = 0, Calls = SiteCallees.size();
  for (const FunctionSummary *F : Fns)
    Local += F->Edges.size();
  Nodes.reserve(Local + Calls);
  OutEdges.reserve(Local + Calls);
  Edges.reserve(Local + 2 * Calls);
  buildLocal();
  bindCalls();
  bindObjectsAndOrigins();
  resolveIndirect(Opts, Errors);
}

std::string ProgramGraph::ownerName(int N) const {
  int F = owner(N);
  return F >= 0 ? Fns[F]->Name : std::string("<global>");
}

int ProgramGraph::node(NodeKind K, int F, int A, int B, llvm::StringRef Key) {
  assert((F >= 0 ? Key.empty() : A == 0 && B == 0) &&
         "a node is a function's or global");
  int Id = (int)Nodes.size();
  llvm::StringRef StoredKey;
  int Found;
  if (F >= 0) {
    Found =
        FunctionNodeIds.try_emplace({(unsigned)K, F, A, B}, Id).first->second;
  } else {
    auto It = GlobalNodeIds[(size_t)K].try_emplace(Key, Id).first;
    Found = It->second;
    StoredKey = It->getKey();
  }
  if (Found != Id)
    return Found;
  Nodes.push_back(NodeKey{K, F, A, B, StoredKey});
  OutEdges.emplace_back();
  return Id;
}

int ProgramGraph::findNode(NodeKind K, int F, int A, int B,
                           llvm::StringRef Key) const {
  if (F >= 0) {
    auto It = FunctionNodeIds.find({(unsigned)K, F, A, B});
    return It == FunctionNodeIds.end() ? -1 : It->second;
  }
  const llvm::StringMap<int> &Ids = GlobalNodeIds[(size_t)K];
  auto It = Ids.find(Key);
  return It == Ids.end() ? -1 : It->second;
}

int ProgramGraph::insertEdge(const Edge &E) {
  // Local and summary edges each carry their own trace, so two of them
  // between the same nodes are both kept.
  if (E.Kind != EdgeKind::Summary && E.Kind != EdgeKind::Local &&
      !EdgeSet.insert({E.From, E.To, (int)E.Kind}).second)
    return -1;
  Edges.push_back(E);
  int Id = (int)Edges.size() - 1;
  OutEdges[E.From].push_back(Id);
  return Id;
}

int ProgramGraph::addEdge(int From, int To, EdgeKind K, int Weight, int Step) {
  assert(K != EdgeKind::Local && K != EdgeKind::Summary &&
         K != EdgeKind::Declassify && "use the edge kind's own adder");
  Edge E{From, To, K, Weight};
  E.Step = Step;
  return insertEdge(E);
}

int ProgramGraph::addLocalEdge(int From, int To, const FlowEdge &Flow) {
  Edge E{From, To, EdgeKind::Local, (int)Flow.Steps.size()};
  E.Local = &Flow;
  return insertEdge(E);
}

int ProgramGraph::addSummaryEdge(int From, int To, int Weight,
                                 std::vector<int> Path, bool Declassifies) {
  Paths.push_back(std::move(Path));
  Edge E{From, To, EdgeKind::Summary, Weight};
  E.Path = (int)Paths.size() - 1;
  E.Declassifies = Declassifies;
  return insertEdge(E);
}

int ProgramGraph::addDeclassifyEdge(int From, int To, int Step, int SiteId) {
  Edge E{From, To, EdgeKind::Declassify, 1};
  E.Step = Step;
  E.DeclassifierSite = SiteId;
  E.Declassifies = true;
  return insertEdge(E);
}

int ProgramGraph::labelNode(int F, const Label &L) {
  switch (L.Kind) {
  case LabelKind::Param:
    return node(NodeKind::Param, F, L.A);
  case LabelKind::Origin:
    return globalNode(NodeKind::Origin, L.Key);
  case LabelKind::Field:
    return globalNode(NodeKind::Field, L.Key);
  case LabelKind::Global:
    return globalNode(NodeKind::Global, L.Key);
  case LabelKind::Object:
    return globalNode(NodeKind::Object, L.Key);
  case LabelKind::CallRet:
    return node(NodeKind::CallRet, F, L.A);
  case LabelKind::CallOut:
    return node(NodeKind::CallOut, F, L.A, L.B);
  case LabelKind::FuncRef:
    return globalNode(NodeKind::FuncRef, L.Key);
  case LabelKind::PointsTo:
    break; // Never in a summary.
  }
  return -1;
}

int ProgramGraph::outputNode(int F, const Output &O) {
  switch (O.Kind) {
  case OutputKind::Return:
    return node(NodeKind::Ret, F);
  case OutputKind::OutParam:
    return node(NodeKind::Out, F, O.A);
  case OutputKind::FieldStore:
    return globalNode(NodeKind::Field, O.Key);
  case OutputKind::GlobalStore:
    return globalNode(NodeKind::Global, O.Key);
  case OutputKind::CallArg:
    return node(NodeKind::CallArg, F, O.A, O.B);
  case OutputKind::StoreViaCall:
    return node(NodeKind::StoreVia, F, O.A);
  }
  return -1;
}

void ProgramGraph::buildLocal() {
  for (size_t F = 0; F < Fns.size(); ++F)
    for (const FlowEdge &E : Fns[F]->Edges) {
      int From = labelNode((int)F, E.Src);
      int To = outputNode((int)F, E.Dst);
      addLocalEdge(From, To, E);
    }
}

void ProgramGraph::bindObjectsAndOrigins() {
  // Whole objects: a value of a type carries the state of every field the
  // type holds.
  for (const auto &[Type, Info] : Types) {
    std::set<std::string> Fields, Seen;
    fieldClosure(Type, Fields, Seen);
    int Obj = globalNode(NodeKind::Object, Type);
    for (const std::string &Fld : Fields) {
      auto DI = Decls.find(Fld);
      std::string Name = DI != Decls.end() ? DI->second.Name : "";
      SourcePos P = DI != Decls.end() ? DI->second.Pos : SourcePos();
      addEdge(globalNode(NodeKind::Field, Fld), Obj, EdgeKind::Global, 1,
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
      addEdge(globalNode(NodeKind::Origin, Key),
              globalNode(NodeKind::Field, Key), EdgeKind::Global, 0);
    else if (D.Kind == DeclInfo::Global)
      addEdge(globalNode(NodeKind::Origin, Key),
              globalNode(NodeKind::Global, Key), EdgeKind::Global, 0);
  }
}

void ProgramGraph::resolve(int F, int K) {
  Callee &C = SiteCallees[SiteBase[F] + K];
  if (C.Resolved)
    return;
  C.Resolved = true;
  const CallSite &CS = Fns[F]->Calls[K];
  // Both tables are keyed by USR: hash it once.
  uint32_t Hash = llvm::StringMapImpl::hash(CS.CalleeUSR);
  auto D = DeclIndex.find(CS.CalleeUSR, Hash);
  C.Decl = D == DeclIndex.end() ? nullptr : D->second;
  std::vector<int> &T = C.Targets;
  auto It = FnIndex.find(CS.CalleeUSR, Hash);
  if (It != FnIndex.end())
    T.push_back(It->second);
  if (!CS.Virtual)
    return;
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
    for (int G : O->second) {
      if (Seen.insert(G).second)
        T.push_back(G);
      if (Visited.insert(Fns[G]->USR).second)
        Work.push_back(Fns[G]->USR);
    }
  }
}

const std::vector<int> &ProgramGraph::targets(int F, int K) {
  resolve(F, K);
  return SiteCallees[SiteBase[F] + K].Targets;
}

void ProgramGraph::fieldClosure(const std::string &Type,
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

void ProgramGraph::readClosure(int F, std::set<std::string> &Fields) {
  // The fields a function reads, through the functions it calls.
  std::set<int> Seen{F};
  std::deque<int> Work{F};
  while (!Work.empty()) {
    int G = Work.front();
    Work.pop_front();
    Fields.insert(Fns[G]->FieldsRead.begin(), Fns[G]->FieldsRead.end());
    for (size_t K = 0; K < Fns[G]->Calls.size(); ++K)
      for (int T : targets(G, (int)K))
        if (Seen.insert(T).second)
          Work.push_back(T);
  }
}

} // namespace solver
} // namespace purpose
