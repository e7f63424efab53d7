//===- FunctionAnalyzer.cpp -----------------------------------------------===//
//
// The driver of one function's analysis: its CFG, the entry state, the block
// worklist, catch handler edges, statement transfer, the extraction of the
// summary, and the errors of a function that cannot be analyzed in full (a
// budget of AnalyzerOptions.h ran out, or there is no CFG). Points-to,
// expression and call transfer live in PointsTo.cpp, ExprTransfer.cpp and
// CallTransfer.cpp (AnalyzerImpl.h).
//
//===----------------------------------------------------------------------===//
#include "FunctionAnalyzer.h"
#include "AnalyzerImpl.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SetVector.h"
#include <algorithm>
#include <set>

using namespace clang;

namespace purpose {
namespace detail {
namespace {

void collectStmts(const Stmt *S, llvm::DenseSet<const Stmt *> &Out) {
  if (!S || !Out.insert(S).second)
    return;
  for (const Stmt *C : S->children())
    collectStmts(C, Out);
}

/// The blocks of a CFG in reverse post-order.
struct BlockOrder {
  std::vector<unsigned> RPO; ///< By block ID: the position in the order.
  std::vector<const CFGBlock *> ByID;
};

BlockOrder reversePostOrder(const CFG &G) {
  BlockOrder Order;
  Order.RPO.assign(G.getNumBlockIDs(), 0);
  Order.ByID.assign(G.getNumBlockIDs(), nullptr);
  std::vector<const CFGBlock *> Post;
  std::vector<bool> Visited(G.getNumBlockIDs(), false);
  std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>> Stack;
  Stack.push_back({&G.getEntry(), G.getEntry().succ_begin()});
  Visited[G.getEntry().getBlockID()] = true;
  while (!Stack.empty()) { // Iterative: no recursion on huge functions.
    auto &[B, It] = Stack.back();
    if (It == B->succ_end()) {
      Post.push_back(B);
      Stack.pop_back();
      continue;
    }
    const CFGBlock *S = *It++;
    if (S && !Visited[S->getBlockID()]) {
      Visited[S->getBlockID()] = true;
      Stack.push_back({S, S->succ_begin()});
    }
  }
  unsigned N = 0;
  for (auto I = Post.rbegin(); I != Post.rend(); ++I)
    Order.RPO[(*I)->getBlockID()] = N++;
  for (const CFGBlock *B : G)
    Order.ByID[B->getBlockID()] = B;
  return Order;
}

} // namespace

HandlerEdges handlerEdges(const CFG &G) {
  HandlerEdges EH;
  EH.Preds.resize(G.getNumBlockIDs());
  EH.Succs.resize(G.getNumBlockIDs());
  // Each try statement terminates its dispatch block.
  llvm::SetVector<const CXXTryStmt *> Tries;
  for (const CFGBlock *B : G)
    if (const auto *T = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
      Tries.insert(T);
  for (const CXXTryStmt *T : Tries) {
    llvm::DenseSet<const Stmt *> Inside;
    collectStmts(T->getTryBlock(), Inside);
    llvm::DenseSet<const Stmt *> Handlers;
    for (unsigned I = 0; I < T->getNumHandlers(); ++I)
      Handlers.insert(T->getHandler(I));
    std::set<unsigned> From;
    std::vector<unsigned> To;
    for (const CFGBlock *B : G) {
      if (B->getLabel() && Handlers.count(B->getLabel()))
        To.push_back(B->getBlockID());
      bool In = B->getTerminatorStmt() && Inside.count(B->getTerminatorStmt());
      for (const CFGElement &El : *B)
        if (auto St = El.getAs<CFGStmt>())
          In |= Inside.count(St->getStmt()) > 0;
      if (!In)
        continue;
      From.insert(B->getBlockID());
      for (const CFGBlock *P : B->preds())
        if (P)
          From.insert(P->getBlockID());
    }
    for (unsigned H : To)
      for (unsigned F : From) {
        EH.Preds[H].push_back(F);
        EH.Succs[F].push_back(H);
      }
  }
  return EH;
}

// --- statements and blocks ---

void Analyzer::varInit(const VarDecl *VD) {
  const Expr *Init = VD->getInit();
  if (!Init)
    return;
  Taint V = eval(Init);
  if (isTrackedPointer(VD))
    joinTaint(V, targetLabel(Init), Steps);
  if (VD->getType()->isReferenceType() && !isGlobalVar(VD)) {
    // A reference aliases what it is bound to (PointsTo); when that is not
    // known (a temporary, a call result), it holds the value itself.
    auto It = PointsTo.find(VD);
    if (It != PointsTo.end() && It->second.size())
      return;
  }
  Locs L;
  if (isGlobalVar(VD))
    L.Globals.insert(VD);
  else
    L.Locals.insert(LocKey::variable(VD));
  store(L, V, /*Strong=*/true, VD->getLocation(), "assigned to");
}

void Analyzer::transfer(const Stmt *St) {
  if (const auto *E = dyn_cast<Expr>(St)) {
    Taint T = compute(E);
    joinTaint(ExprVal[E], T, Steps);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        varInit(VD);
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
    returnValue(RS);
    return;
  }
}

void Analyzer::returnValue(const ReturnStmt *RS) {
  const Expr *RV = RS->getRetValue();
  if (!RV || !FD)
    return;
  emit(eval(RV), Output{OutputKind::Return, 0, 0, ""}, RS->getBeginLoc(),
       "returned from " + quoted(FD));
  // What a returned reference or pointer refers to, for stores through it:
  // fields, globals and what a callee's result refers to. A caller's local
  // passed in and handed back (`*Pick(&s) = v`) is the caller's business:
  // there, the result may refer to any argument of its own type
  // (refArgLocations; test-corpus/cases/returned_param_pointer.cpp).
  QualType R = FD->getReturnType();
  if (R->isReferenceType() || R->isPointerType()) {
    Locs L = R->isReferenceType() ? locationsOf(RV) : pointerTargets(RV);
    for (const FieldDecl *F : L.Fields)
      RetRefs.insert(Output{OutputKind::FieldStore, 0, 0, TU.usrOf(F)});
    for (const VarDecl *G : L.Globals)
      RetRefs.insert(Output{OutputKind::GlobalStore, 0, 0, TU.usrOf(G)});
    // What a call of this function returns a reference to, handed on
    // (protobuf's mutable_x() returning _internal_mutable_x()).
    for (int K : L.ViaCalls)
      RetRefs.insert(Output{OutputKind::StoreViaCall, K, 0, ""});
  }
}

void Analyzer::transferBlock(const CFGBlock *B, State &S) {
  Cur = &S;
  if (const auto *Catch = dyn_cast_or_null<CXXCatchStmt>(B->getLabel()))
    if (const VarDecl *VD = Catch->getExceptionDecl()) {
      Taint T;
      T[label(LabelKind::Global, 0, 0,
              exceptionKeys(VD->getType(), false).front())] =
          step(-1, VD->getLocation(), "caught as " + varName(VD));
      S[LocKey::variable(VD)] = T;
    }
  for (const CFGElement &El : *B) {
    if (auto St = El.getAs<CFGStmt>()) {
      transfer(St->getStmt());
    } else if (auto I = El.getAs<CFGInitializer>()) {
      const CXXCtorInitializer *Init = I->getInitializer();
      if (const FieldDecl *F = Init->getMember()) {
        Taint V = eval(Init->getInit());
        if (TU.isUserRecord(F->getParent()))
          store(Locs{{}, {F}, {}, {}}, V, false, Init->getSourceLocation(),
                "stored in");
      }
    }
  }
  Cur = nullptr;
}

// --- the function ---

FunctionSummary Analyzer::summaryHeader() {
  FunctionSummary Sum;
  if (GlobalInit) {
    Sum.USR = TU.usrOf(GlobalInit) + GlobalInitSuffix;
    Sum.Name = nameOf(GlobalInit);
    Sum.Pos = TU.posOf(GlobalInit->getLocation());
  } else {
    Sum.USR = TU.usrOf(FD);
    Sum.Name = nameOf(FD);
    Sum.Pos = TU.posOf(FD->getLocation());
    Sum.NumParams = FD->getNumParams();
    for (const ParmVarDecl *P : FD->parameters())
      Sum.ParamNames.push_back(P->getNameAsString());
  }
  if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD)) {
    Sum.IsMethod = MD->isInstance();
    for (const CXXMethodDecl *O : MD->overridden_methods())
      Sum.Overrides.push_back(TU.usrOf(O));
  }
  return Sum;
}

std::unique_ptr<CFG> Analyzer::buildCFG() {
  CFG::BuildOptions Opts;
  Opts.AddInitializers = true;
  Opts.AddEHEdges = true; // Calls in a try block reach its handlers.
  Opts.AddImplicitDtors = false;
  Opts.AddTemporaryDtors = false;
  Opts.AddCXXDefaultInitExprInCtors = true;
  Opts.AddCXXDefaultInitExprInAggregates = true;
  Opts.setAllAlwaysAdd();
  if (GlobalInit) {
    // The initializer as the one statement of a function: `T g = init;`.
    auto *VD = const_cast<VarDecl *>(GlobalInit);
    auto *DS = new (Ctx)
        DeclStmt(DeclGroupRef(VD), VD->getBeginLoc(), VD->getEndLoc());
    return CFG::buildCFG(VD, DS, &Ctx, Opts);
  }
  return CFG::buildCFG(FD, FD->getBody(), &Ctx, Opts);
}

State Analyzer::entryState(const CFG &G) {
  // Entry state: parameters hold what the caller passed.
  State Entry;
  for (unsigned I = 0; FD && I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    Taint T;
    T[label(LabelKind::Param, (int)I)] = -1;
    // A limited parameter is an origin wherever its value goes, aliases
    // included; direct reads restart the trace at the read.
    std::string Key = TU.paramOrigin(FD, I);
    if (!Key.empty())
      T[label(LabelKind::Origin, 0, 0, Key)] =
          step(-1, P->getLocation(),
               "read of '" + nameOf(FD) + "::" + P->getNameAsString() + "'");
    Entry[LocKey::variable(P)] = T;
    if (P->getType()->isPointerType() || P->getType()->isReferenceType())
      Entry[LocKey::pointee(P)] = T;
  }
  // Captured variables (in a lambda's body) are part of the closure object.
  for (const CFGBlock *B : G)
    for (const CFGElement &El : *B)
      if (auto S = El.getAs<CFGStmt>())
        if (const auto *D = dyn_cast<DeclRefExpr>(S->getStmt()))
          if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
            if (isCapture(VD)) {
              Taint T;
              T[label(LabelKind::Param, ObjectIndex)] = -1;
              Entry[LocKey::variable(VD)] = T;
              if (VD->getType()->isReferenceType())
                PointsTo.erase(VD);
            }
  return Entry;
}

llvm::Error Analyzer::solve(const CFG &G, const State &Entry,
                            const FunctionSummary &Sum) {
  std::vector<State> Out(G.getNumBlockIDs());
  std::vector<bool> Seen(G.getNumBlockIDs(), false);
  std::vector<unsigned> Visits(G.getNumBlockIDs(), 0);
  // The worklist is ordered by reverse post-order, so that a block is
  // visited after its predecessors and loops converge in few rounds.
  BlockOrder Order = reversePostOrder(G);
  const std::vector<unsigned> &RPO = Order.RPO;
  HandlerEdges EH = handlerEdges(G);
  std::set<std::pair<unsigned, unsigned>> Work; // (RPO index, block ID)
  Work.insert({RPO[G.getEntry().getBlockID()], G.getEntry().getBlockID()});
  while (!Work.empty()) {
    const CFGBlock *B = Order.ByID[Work.begin()->second];
    Work.erase(Work.begin());
    if (++Visits[B->getBlockID()] > TU.options().MaxVisitsPerBlock)
      return budgetError(Sum,
                         "a block of its control-flow graph was visited " +
                             std::to_string(Visits[B->getBlockID()] - 1) +
                             " times and its state still changed",
                         "block-visits");
    // The join of the predecessors' states. The first is copied, not
    // joined into an empty state: most blocks have one predecessor.
    State In;
    bool First = true;
    auto joinIn = [&](const State &S) {
      if (First)
        In = S;
      else
        joinState(In, S, Steps);
      First = false;
    };
    if (B == &G.getEntry())
      joinIn(Entry);
    for (const CFGBlock *P : B->preds())
      if (P && Seen[P->getBlockID()])
        joinIn(Out[P->getBlockID()]);
    for (unsigned P : EH.Preds[B->getBlockID()])
      if (Seen[P])
        joinIn(Out[P]);
    transferBlock(B, In);
    bool Changed = true;
    if (!Seen[B->getBlockID()])
      Out[B->getBlockID()] = std::move(In); // Nothing was there to join.
    else
      Changed = joinState(Out[B->getBlockID()], In, Steps);
    Seen[B->getBlockID()] = true;
    if (!Changed)
      continue;
    for (const CFGBlock *S : B->succs())
      if (S)
        Work.insert({RPO[S->getBlockID()], S->getBlockID()});
    for (unsigned S : EH.Succs[B->getBlockID()])
      Work.insert({RPO[S], S});
  }
  return llvm::Error::success();
}

void Analyzer::numberCalls() {
  // Ordinals of calls among the calls of the same callee, in source order.
  std::vector<int> Order(Calls.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = (int)I;
  std::stable_sort(Order.begin(), Order.end(), [&](int A, int B) {
    return SM.isBeforeInTranslationUnit(CallLocs[A], CallLocs[B]);
  });
  std::map<std::string, unsigned> Seq;
  for (int I : Order)
    // By name, as fingerprints name the callee: two overloads of one sink
    // called in one function get ordinals 0 and 1, never both 0.
    Calls[I].Ordinal = Seq[Calls[I].CalleeName]++;
}

void Analyzer::extractSummary(FunctionSummary &Sum) {
  Sum.Calls = std::move(Calls);
  auto toLabel = [&](const Lbl &L) {
    return Label{L.Kind, L.A, L.B, Keys[L.Key]};
  };
  for (const auto &[Key, Tail] : Edges) {
    FlowEdge E;
    E.Src = toLabel(Key.first);
    E.Dst = Key.second;
    for (int S = Tail; S >= 0; S = Steps[S].Parent)
      E.Steps.push_back({TU.posOf(Steps[S].Loc), Steps[S].Msg});
    std::reverse(E.Steps.begin(), E.Steps.end());
    Sum.Edges.push_back(std::move(E));
  }
  Sum.FieldsRead.assign(FieldsRead.begin(), FieldsRead.end());
  Sum.ReturnsRefTo.assign(RetRefs.begin(), RetRefs.end());
}

/// "'NAME' (FILE:LINE)": the function of \p Sum, for errors.
static std::string whereIs(const FunctionSummary &Sum) {
  return "'" + Sum.Name + "' (" + Sum.Pos.File + ":" +
         std::to_string(Sum.Pos.Line) + ")";
}

llvm::Error Analyzer::budgetError(const FunctionSummary &Sum,
                                  const std::string &What,
                                  llvm::StringRef Budget) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "analysis budget exhausted in " +
                                     whereIs(Sum) + ": " + What + " (" +
                                     Budget.str() + ")");
}

llvm::Error Analyzer::analyzeBody(const FunctionSummary &Sum) {
  std::unique_ptr<CFG> G = buildCFG();
  if (!G)
    // Clang gives up on some constructs (a `break` inside a statement
    // expression in a loop's condition): the body's flows are unknown.
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot analyze " + whereIs(Sum) +
            ": Clang cannot build its control-flow graph, so its flows are "
            "unknown");
  for (const CFGBlock *B : *G)
    for (const CFGElement &El : *B)
      if (auto S = El.getAs<CFGStmt>())
        Elements.insert(S->getStmt());
  if (!computePointsTo(*G))
    return budgetError(Sum,
                       "its points-to map still changed after " +
                           std::to_string(TU.options().MaxPointsToRounds) +
                           " rounds",
                       "points-to-rounds");
  State Entry = entryState(*G);
  return solve(*G, Entry, Sum);
}

llvm::Expected<FunctionSummary> Analyzer::run() {
  FunctionSummary Sum = summaryHeader();
  llvm::Error Err = analyzeBody(Sum);
  // A type that this function's analysis did not look into is this
  // function's, whether or not another budget ran out as well.
  std::string Cut = TU.takeHeldTypeCut();
  if (Err)
    return std::move(Err);
  if (!Cut.empty()) {
    constexpr size_t MaxShown = 200; // Expression templates run to pages.
    if (Cut.size() > MaxShown)
      Cut = Cut.substr(0, MaxShown) + "...";
    return budgetError(Sum,
                       "a type it holds nests library templates more than " +
                           std::to_string(TU.options().MaxHeldTypeDepth) +
                           " deep, down to '" + Cut + "'",
                       "held-type-depth");
  }
  numberCalls();
  extractSummary(Sum);
  return Sum;
}

} // namespace detail

bool runsMemberInitializers(const FunctionDecl *FD) {
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD);
  if (!Ctor || !Ctor->isDefaultConstructor() || !Ctor->hasBody())
    return false;
  return llvm::any_of(Ctor->getParent()->fields(), [](const FieldDecl *F) {
    return F->hasInClassInitializer();
  });
}

llvm::Expected<FunctionSummary> analyzeFunction(TUContext &TU,
                                                const FunctionDecl *FD) {
  detail::Analyzer A(TU, FD);
  return A.run();
}

llvm::Expected<FunctionSummary> analyzeGlobalInitializer(TUContext &TU,
                                                         const VarDecl *VD) {
  detail::Analyzer A(TU, nullptr, VD);
  return A.run();
}

} // namespace purpose
