//===- FunctionAnalyzer.cpp -----------------------------------------------===//
#include "FunctionAnalyzer.h"
#include "LibraryModels.h"
#include "TaintLattice.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/Builtins.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <map>
#include <set>

using namespace clang;

namespace purpose {
namespace {

/// A local storage location: a variable (Tag 0), what a pointer or
/// reference parameter designates (Tag 1), or memory allocated in this
/// function by malloc & co or a new-expression (Tag 2: D is null, Alloc is
/// the allocating expression).
struct LocKey {
  const ValueDecl *D;
  int Tag;
  const Expr *Alloc = nullptr;
  bool operator<(const LocKey &O) const {
    return std::tie(D, Tag, Alloc) < std::tie(O.D, O.Tag, O.Alloc);
  }
  bool operator==(const LocKey &O) const {
    return D == O.D && Tag == O.Tag && Alloc == O.Alloc;
  }
};
constexpr int HeapTag = 2;

/// Library functions that return fresh memory: malloc, calloc, realloc,
/// aligned_alloc, strdup, strndup, and any declared with the malloc
/// attribute.
bool isAllocationFunction(const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (FD->hasAttr<RestrictAttr>())
    return true;
  switch (FD->getBuiltinID()) {
  case Builtin::BImalloc:
  case Builtin::BIcalloc:
  case Builtin::BIrealloc:
  case Builtin::BIstrdup:
  case Builtin::BIstrndup:
    return true;
  default:
    break;
  }
  if (!FD->getDeclName().isIdentifier())
    return false;
  llvm::StringRef N = FD->getName();
  return N == "malloc" || N == "calloc" || N == "realloc" ||
         N == "aligned_alloc" || N == "strdup" || N == "strndup";
}

using State = std::map<LocKey, Taint>;

/// Where an lvalue may refer to.
struct Locs {
  std::set<LocKey> Locals;
  std::set<const FieldDecl *> Fields;
  std::set<const VarDecl *> Globals;
  /// Whatever the reference or pointer returned by these call sites refers
  /// to (resolved by the solver from the callee's ReturnsRefTo).
  std::set<int> ViaCalls;
  size_t size() const {
    return Locals.size() + Fields.size() + Globals.size() + ViaCalls.size();
  }
  void add(const Locs &O) {
    Locals.insert(O.Locals.begin(), O.Locals.end());
    Fields.insert(O.Fields.begin(), O.Fields.end());
    Globals.insert(O.Globals.begin(), O.Globals.end());
    ViaCalls.insert(O.ViaCalls.begin(), O.ViaCalls.end());
  }
};

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *C = dyn_cast<ImplicitCastExpr>(E)) {
      if (C->getCastKind() == CK_NoOp || C->getCastKind() == CK_DerivedToBase ||
          C->getCastKind() == CK_UncheckedDerivedToBase ||
          C->getCastKind() == CK_LValueToRValue) {
        E = C->getSubExpr();
        continue;
      }
    }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
      continue;
    }
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
      continue;
    }
    if (const auto *W = dyn_cast<ExprWithCleanups>(E)) {
      E = W->getSubExpr();
      continue;
    }
    return E;
  }
}

/// Library rule: a parameter that taint may flow into, i.e. a non-const T&
/// or T* whose T is not a bare template parameter (never T&&).
bool isOutParamType(QualType T) {
  if (T->isRValueReferenceType())
    return false;
  QualType Pointee;
  if (T->isLValueReferenceType())
    Pointee = T->getPointeeType();
  else if (T->isPointerType())
    Pointee = T->getPointeeType();
  else
    return false;
  if (Pointee.isConstQualified() || Pointee->isFunctionType())
    return false;
  if (Pointee->getAs<TemplateTypeParmType>() ||
      Pointee->getAs<SubstTemplateTypeParmType>())
    return false;
  return true;
}

/// Library rule: an out-parameter of a library function, except a pointer to
/// a type the program never sees the inside of (`GMimeParserOptions *`,
/// `LDAP *`): such an opaque handle is the library's state, not an output.
bool isLibraryOutParamType(QualType T) {
  if (!isOutParamType(T))
    return false;
  QualType Pointee = T->getPointeeType();
  return !(Pointee->isRecordType() && Pointee->isIncompleteType());
}

/// The declaration whose parameter types say how arguments bind: the
/// template pattern for instantiations, so that `T&&` stays a forwarding
/// reference.
const FunctionDecl *bindingDecl(const FunctionDecl *FD) {
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    return P;
  return FD;
}

bool isTrivialSpecial(const FunctionDecl *FD) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    if (runsMemberInitializers(Ctor))
      return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    if (MD->isDefaulted() || MD->isTrivial())
      if (isa<CXXConstructorDecl>(MD) || MD->isCopyAssignmentOperator() ||
          MD->isMoveAssignmentOperator() || isa<CXXDestructorDecl>(MD))
        return true;
  }
  return false;
}

bool isIteratorLike(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    return true;
  if (const auto *RD = T->getAsCXXRecordDecl()) {
    if (RD->isLambda())
      return true;
    llvm::StringRef N = RD->getName();
    return N.contains_insensitive("iterator") || N.ends_with("_iter") ||
           N == "reference_wrapper";
  }
  return false;
}

/// Whether \p A and \p B are the same type, references and qualifiers aside.
bool sameBareType(QualType A, QualType B) {
  auto Bare = [](QualType T) {
    return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  };
  return Bare(A) == Bare(B);
}

/// Whether storing to \p E overwrites a whole variable (`x = v`, or `*p = v`
/// and `p->clear()` when \p ThroughPointer), so that a strong update may
/// replace what it held. An element, a member of a library type or what a
/// call returns a reference to (`m["k"] = v`, `p.first = v`, `v.at(0)`) is
/// part of an object: storing to it only adds.
bool designatesWhole(const Expr *E, bool ThroughPointer = false) {
  E = strip(E);
  if (!ThroughPointer)
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      if (U->getOpcode() == UO_Deref) {
        E = strip(U->getSubExpr());
        ThroughPointer = true;
      }
  if (const auto *C = dyn_cast<ImplicitCastExpr>(E))
    if (ThroughPointer && C->getCastKind() == CK_ArrayToPointerDecay)
      return false; // `*array` is its first element.
  const auto *D = dyn_cast<DeclRefExpr>(E);
  const auto *VD = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  if (!VD)
    return false;
  // A local reference may be bound to an element (`auto& r = m["k"]`); a
  // reference parameter stands for its whole referent.
  return !VD->getType()->isReferenceType() || isa<ParmVarDecl>(VD);
}

/// Extra CFG edges into catch handlers: from every block of the handler's
/// try block, and from those blocks' predecessors, since a new-expression, a
/// constructor or a throw may leave the try block at any point (Clang's CFG
/// has exception edges only from calls).
struct HandlerEdges {
  std::vector<std::vector<unsigned>> Preds, Succs; // By block ID.
};

void collectTries(const Stmt *S, llvm::SmallVectorImpl<const CXXTryStmt *> &Out) {
  if (!S)
    return;
  if (const auto *T = dyn_cast<CXXTryStmt>(S))
    Out.push_back(T);
  for (const Stmt *C : S->children())
    collectTries(C, Out);
}

void collectStmts(const Stmt *S, llvm::DenseSet<const Stmt *> &Out) {
  if (!S || !Out.insert(S).second)
    return;
  for (const Stmt *C : S->children())
    collectStmts(C, Out);
}

HandlerEdges handlerEdges(const CFG &G, const Stmt *Body) {
  HandlerEdges EH;
  EH.Preds.resize(G.getNumBlockIDs());
  EH.Succs.resize(G.getNumBlockIDs());
  llvm::SmallVector<const CXXTryStmt *, 4> Tries;
  collectTries(Body, Tries);
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

class Analyzer {
public:
  /// Analyzes the body of \p FD, or with \p GlobalInit, the initializer of
  /// that namespace-scope or static member variable (FD is then null).
  Analyzer(TUContext &TU, const FunctionDecl *FD,
           const VarDecl *GlobalInit = nullptr)
      : TU(TU), Ctx(TU.ast()), SM(Ctx.getSourceManager()), FD(FD),
        GlobalInit(GlobalInit) {}

  llvm::Expected<FunctionSummary> run();

private:
  // --- labels, steps, edges ---
  unsigned intern(const std::string &S) {
    auto [It, New] = KeyIds.insert({S, (unsigned)Keys.size()});
    if (New)
      Keys.push_back(S);
    return It->second;
  }
  Lbl label(LabelKind K, int A = 0, int B = 0, const std::string &Key = "") {
    return Lbl{K, A, B, Key.empty() ? 0u : intern(Key)};
  }
  int step(int Parent, SourceLocation Loc, std::string Msg) {
    unsigned Len = Parent < 0 ? 1 : Steps[Parent].Len + 1;
    Steps.push_back({Parent, Loc, std::move(Msg), Len});
    return (int)Steps.size() - 1;
  }
  Taint withStep(const Taint &T, SourceLocation Loc, const std::string &Msg) {
    Taint R;
    for (const auto &[L, S] : T)
      R[L] = step(S, Loc, Msg);
    return R;
  }
  void emit(const Taint &T, const Output &O, SourceLocation Loc,
            const std::string &Msg);

  // --- names ---
  std::string nameOf(const NamedDecl *D) { return TU.qualifiedName(D); }
  std::string quoted(const NamedDecl *D) { return "'" + nameOf(D) + "'"; }
  std::string varName(const ValueDecl *D) {
    if (isa<ParmVarDecl>(D) || (isa<VarDecl>(D) &&
                                cast<VarDecl>(D)->isLocalVarDeclOrParm()))
      return "'" + D->getNameAsString() + "'";
    return quoted(D);
  }

  // --- classification ---
  bool isLocalVar(const VarDecl *VD) {
    if (!VD->isLocalVarDeclOrParm() || VD->isStaticLocal())
      return false;
    return true;
  }
  bool isGlobalVar(const VarDecl *VD) {
    return VD->hasGlobalStorage() || VD->isStaticDataMember();
  }
  int paramIndex(const ValueDecl *D) {
    for (unsigned I = 0; FD && I < FD->getNumParams(); ++I)
      if (FD->getParamDecl(I) == D)
        return (int)I;
    return -2;
  }
  /// A variable of the enclosing function that a lambda's body uses, or an
  /// init-capture: part of the closure object.
  bool isCapture(const VarDecl *VD) {
    if (VD->isInitCapture())
      return true;
    return isLocalVar(VD) && VD->getParentFunctionOrMethod() != FD &&
           paramIndex(VD) == -2;
  }

  // --- pointer locals, flow-sensitively ---
  /// A local pointer or iterator (not a parameter, capture or reference):
  /// its value carries PointsTo labels, so a read follows the targets of the
  /// assignments that reach it.
  bool isTrackedPointer(const VarDecl *VD) {
    return isLocalVar(VD) && paramIndex(VD) < 0 && !isCapture(VD) &&
           !VD->getType()->isReferenceType() && isIteratorLike(VD->getType());
  }
  /// The PointsTo label for what \p E, assigned to a tracked pointer, points
  /// to; empty when that is nothing known.
  Taint targetLabel(const Expr *E) {
    Locs L = pointerTargets(E);
    if (!L.size())
      return {};
    auto [It, New] = TargetIds.insert({E, (int)TargetSets.size()});
    if (New)
      TargetSets.push_back(L);
    else
      TargetSets[It->second] = L;
    Taint T;
    T[label(LabelKind::PointsTo, It->second)] = -1;
    return T;
  }
  /// What a dereference of \p Ptr reads besides \p Ptr's value: nothing more
  /// for a tracked pointer (its value already holds its targets), else the
  /// flow-insensitive targets.
  Locs derefTargets(const Expr *Ptr) {
    if (const auto *D = dyn_cast<DeclRefExpr>(strip(Ptr)))
      if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
        if (isTrackedPointer(VD))
          return Locs();
    return pointerTargets(Ptr);
  }

  // --- evaluation ---
  void transferBlock(const CFGBlock *B, State &S);
  void transfer(const Stmt *St);
  Taint eval(const Expr *E);
  Taint compute(const Expr *E);
  Taint readVar(const VarDecl *VD, SourceLocation Loc);
  Taint readLoc(const LocKey &K);
  Taint readLocs(const Locs &L, SourceLocation Loc);
  Taint readField(const FieldDecl *F, SourceLocation Loc);
  Taint readGlobal(const VarDecl *VD, SourceLocation Loc);
  /// Keys of the program-wide states that model exceptions of type \p T:
  /// its own, and with \p WithBases those of all its base classes and the
  /// catch-all, for a throw.
  std::vector<std::string> exceptionKeys(QualType T, bool WithBases) {
    T = T.getNonReferenceType().getUnqualifiedType().getCanonicalType();
    std::vector<std::string> Keys;
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD) {
      Keys.push_back(std::string(ExceptionKey) + ":" + T.getAsString());
    } else {
      llvm::SmallVector<const CXXRecordDecl *, 4> Work{RD};
      while (!Work.empty()) {
        const CXXRecordDecl *R = Work.pop_back_val();
        std::string K = std::string(ExceptionKey) + ":" + nameOf(R);
        if (llvm::is_contained(Keys, K))
          continue;
        Keys.push_back(K);
        if (!WithBases || !R->hasDefinition())
          continue;
        for (const CXXBaseSpecifier &B : R->bases())
          if (const CXXRecordDecl *BR = B.getType()->getAsCXXRecordDecl())
            Work.push_back(BR);
      }
    }
    if (WithBases)
      Keys.push_back(ExceptionKey);
    return Keys;
  }
  Taint funcRef(const FunctionDecl *F) {
    Taint T;
    if (F && !TU.isLibrary(F))
      T[label(LabelKind::FuncRef, 0, 0, TU.usrOf(F))] = -1;
    return T;
  }
  Taint indirectCall(const CallExpr *CE, const Expr *CalleeE, const Expr *Obj,
                     llvm::ArrayRef<const Expr *> Args, const Taint &ObjVal,
                     llvm::ArrayRef<Taint> ArgVals, SourceLocation Loc);
  void addObjects(Taint &T, QualType Ty, bool ThroughIndirection = true);
  Locs locationsOf(const Expr *E);
  Locs pointerTargets(const Expr *E);
  Locs varLocs(const VarDecl *VD);
  void store(const Locs &L, const Taint &T, bool Strong, SourceLocation Loc,
             const std::string &How);
  Taint assign(const BinaryOperator *BO);
  void varInit(const VarDecl *VD);
  Taint call(const Expr *E);
  Taint construct(const CXXConstructExpr *E);
  Taint initList(const InitListExpr *E);
  Taint libraryCall(const Expr *E, const FunctionDecl *Callee,
                    const Expr *Obj, llvm::ArrayRef<const Expr *> Args,
                    const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals);
  int callSite(const Expr *E, const FunctionDecl *Callee, SourceLocation Loc);
  Taint callCallable(const Expr *Arg, const Taint &In, const Taint &ArgVal);
  void computePointsTo(const CFG &G);
  void pointsToStmt(const Stmt *S, bool &Changed);
  Locs constructedOver(const Expr *Init);

  TUContext &TU;
  ASTContext &Ctx;
  SourceManager &SM;
  const FunctionDecl *FD;
  const VarDecl *GlobalInit;

  std::vector<std::string> Keys{""};
  llvm::StringMap<unsigned> KeyIds;
  std::vector<Step> Steps;
  std::map<std::pair<Lbl, Output>, int> Edges;
  std::map<const Expr *, Taint> ExprVal;
  /// Expressions that are CFG elements: their values are kept in ExprVal.
  llvm::DenseSet<const Stmt *> Elements;
  std::map<const VarDecl *, Locs> PointsTo;
  /// Location sets named by PointsTo labels, by the expression assigned.
  std::vector<Locs> TargetSets;
  std::map<const Expr *, int> TargetIds;
  State *Cur = nullptr;

  std::vector<CallSite> Calls;
  std::vector<SourceLocation> CallLocs;
  llvm::DenseMap<const Expr *, int> CallIndex;
  std::set<std::string> FieldsRead;
  std::set<Output> RetRefs;
};

void Analyzer::emit(const Taint &T, const Output &O, SourceLocation Loc,
                    const std::string &Msg) {
  for (const auto &[L, S] : T) {
    if (L.Kind == LabelKind::PointsTo)
      continue; // Internal: what a pointer local points to.
    auto Key = std::make_pair(L, O);
    auto It = Edges.find(Key);
    unsigned NewLen = (S < 0 ? 0 : Steps[S].Len) + 1;
    if (It != Edges.end() && Steps[It->second].Len <= NewLen)
      continue;
    int St = step(S, Loc, Msg);
    Edges[Key] = St;
  }
}

Taint Analyzer::readField(const FieldDecl *F, SourceLocation Loc) {
  Taint T;
  std::string USR = TU.usrOf(F);
  FieldsRead.insert(USR);
  TU.declInfo(F);
  T[label(LabelKind::Field, 0, 0, USR)] =
      step(-1, Loc, "read of " + quoted(F));
  return T;
}

Taint Analyzer::readGlobal(const VarDecl *VD, SourceLocation Loc) {
  Taint T;
  TU.declInfo(VD);
  T[label(LabelKind::Global, 0, 0, TU.usrOf(VD))] =
      step(-1, Loc, "read of " + quoted(VD));
  return T;
}

void Analyzer::addObjects(Taint &T, QualType Ty, bool ThroughIndirection) {
  llvm::SmallVector<std::string, 4> Held;
  TU.heldRecords(Ty, Held, ThroughIndirection);
  for (const std::string &R : Held)
    T.insert({label(LabelKind::Object, 0, 0, R), -1});
}

Taint Analyzer::readLoc(const LocKey &K) {
  auto It = Cur->find(K);
  return It == Cur->end() ? Taint() : It->second;
}

Taint Analyzer::readLocs(const Locs &L, SourceLocation Loc) {
  Taint T;
  for (const LocKey &K : L.Locals)
    joinTaint(T, readLoc(K), Steps);
  for (const FieldDecl *F : L.Fields)
    joinTaint(T, readField(F, Loc), Steps);
  for (const VarDecl *G : L.Globals)
    joinTaint(T, readGlobal(G, Loc), Steps);
  for (int K : L.ViaCalls)
    T.insert({label(LabelKind::CallRet, K), -1});
  return T;
}

Locs Analyzer::varLocs(const VarDecl *VD) {
  Locs L;
  if (isGlobalVar(VD)) {
    L.Globals.insert(VD);
    return L;
  }
  int PI = paramIndex(VD);
  if (PI >= 0 && VD->getType()->isReferenceType()) {
    L.Locals.insert({VD, 1});
    return L;
  }
  if (VD->getType()->isReferenceType()) {
    auto It = PointsTo.find(VD);
    if (It != PointsTo.end() && It->second.size())
      return It->second;
  }
  L.Locals.insert({VD, 0});
  return L;
}

Taint Analyzer::readVar(const VarDecl *VD, SourceLocation Loc) {
  Taint T;
  if (isGlobalVar(VD)) {
    T = readGlobal(VD, Loc);
  } else {
    T = readLocs(varLocs(VD), Loc);
    if (isTrackedPointer(VD)) {
      // What it points to here: the targets its value says.
      Taint Targets;
      for (const auto &[L, S] : T)
        if (L.Kind == LabelKind::PointsTo)
          joinTaint(Targets, readLocs(TargetSets[L.A], Loc), Steps);
      joinTaint(T, Targets, Steps);
    } else if (!VD->getType()->isReferenceType()) {
      auto It = PointsTo.find(VD);
      if (It != PointsTo.end())
        joinTaint(T, readLocs(It->second, Loc), Steps);
    }
    int PI = paramIndex(VD);
    if (PI >= 0) {
      std::string Key = TU.paramOrigin(FD, PI);
      if (!Key.empty())
        T[label(LabelKind::Origin, 0, 0, Key)] =
            step(-1, Loc, "read of '" + nameOf(FD) + "::" +
                              VD->getNameAsString() + "'");
    }
  }
  addObjects(T, VD->getType());
  return T;
}

Locs Analyzer::pointerTargets(const Expr *E) {
  Locs L;
  E = E->IgnoreParens();
  if (const auto *C = dyn_cast<CastExpr>(E)) {
    if (C->getCastKind() == CK_ArrayToPointerDecay)
      return locationsOf(C->getSubExpr());
    return pointerTargets(C->getSubExpr());
  }
  E = strip(E);
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_AddrOf)
      return locationsOf(U->getSubExpr());
    if (U->getOpcode() == UO_PreInc || U->getOpcode() == UO_PostInc ||
        U->getOpcode() == UO_PreDec || U->getOpcode() == UO_PostDec)
      return pointerTargets(U->getSubExpr());
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E))
    if (B->isAdditiveOp())
      return pointerTargets(B->getLHS()->getType()->isPointerType()
                                ? B->getLHS()
                                : B->getRHS());
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl())) {
      auto It = PointsTo.find(VD);
      if (It != PointsTo.end())
        L.add(It->second);
      int PI = paramIndex(VD);
      if (PI >= 0 && VD->getType()->isPointerType())
        L.Locals.insert({VD, 1});
      if (isGlobalVar(VD) || isCapture(VD))
        L.add(varLocs(VD));
      return L;
    }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    L = pointerTargets(CO->getTrueExpr());
    L.add(pointerTargets(CO->getFalseExpr()));
    return L;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(E)) {
    // A closure refers to what it captures by reference, and to what the
    // pointers it captures by value point to.
    auto Init = LE->capture_init_begin();
    for (const LambdaCapture &C : LE->captures()) {
      const Expr *IE = Init != LE->capture_init_end() ? *Init++ : nullptr;
      if (!C.capturesVariable())
        continue;
      if (C.getCaptureKind() == LCK_ByRef) {
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()))
          L.add(varLocs(VD));
      } else if (IE && (IE->getType()->isPointerType() ||
                        isIteratorLike(IE->getType()))) {
        L.add(pointerTargets(IE));
      }
    }
    return L;
  }
  if (isa<CXXNewExpr>(E)) {
    L.Locals.insert({nullptr, HeapTag, E});
    return L;
  }
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = C->getDirectCallee())
      if (TU.isLibrary(Callee) && isAllocationFunction(Callee)) {
        L.Locals.insert({nullptr, HeapTag, E});
        return L;
      }
  if (isa<CallExpr>(E) || isa<CXXConstructExpr>(E))
    return locationsOf(E);
  return L;
}

Locs Analyzer::locationsOf(const Expr *E) {
  Locs L;
  E = strip(E);
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
      return varLocs(VD);
    return L;
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl())) {
      if (TU.isUserRecord(F->getParent())) {
        L.Fields.insert(F);
        return L;
      }
      // A member of a library type is part of its object.
      return M->isArrow() ? pointerTargets(M->getBase())
                          : locationsOf(M->getBase());
    }
    if (const auto *VD = dyn_cast<VarDecl>(M->getMemberDecl()))
      L.Globals.insert(VD);
    return L;
  }
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_Deref)
      return pointerTargets(U->getSubExpr());
    if (U->getOpcode() == UO_PreInc || U->getOpcode() == UO_PreDec)
      return locationsOf(U->getSubExpr());
    return L;
  }
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
    return pointerTargets(A->getBase());
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    L = locationsOf(CO->getTrueExpr());
    L.add(locationsOf(CO->getFalseExpr()));
    return L;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->isAssignmentOp())
      return locationsOf(B->getLHS());
    if (B->getOpcode() == BO_Comma)
      return locationsOf(B->getRHS());
    return L;
  }
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    // A reference, pointer or iterator that a library call returns into its
    // object (or, for free functions, into a reference argument) refers to
    // that object.
    const FunctionDecl *Callee = C->getDirectCallee();
    if (!Callee)
      return L;
    if (!TU.isLibrary(Callee)) {
      auto It = CallIndex.find(C);
      QualType R = Callee->getReturnType();
      if (It != CallIndex.end() && (R->isReferenceType() || R->isPointerType()))
        L.ViaCalls.insert(It->second);
      return L;
    }
    QualType R = Callee->getReturnType();
    LibraryEffect Effect = libraryEffectFor(Callee);
    if (Effect == LibraryEffect::Handle)
      return L;
    bool TupleOfRefs = Effect == LibraryEffect::RefTuple;
    if (!R->isReferenceType() && !isIteratorLike(R) && !TupleOfRefs)
      return L;
    const Expr *Obj = nullptr;
    llvm::ArrayRef<const Expr *> Args(C->getArgs(), C->getNumArgs());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
      Obj = MC->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(Callee) &&
             !cast<CXXMethodDecl>(Callee)->isStatic() && C->getNumArgs()) {
      Obj = C->getArg(0);
      Args = Args.drop_front();
    }
    if (Obj) {
      if (Obj->getType()->isPointerType())
        L = pointerTargets(Obj);
      else {
        L = locationsOf(Obj);
        if (const auto *D = dyn_cast<DeclRefExpr>(strip(Obj)))
          if (const auto *VD = dyn_cast<VarDecl>(D->getDecl())) {
            auto It = PointsTo.find(VD);
            if (It != PointsTo.end() && !VD->getType()->isReferenceType())
              L.add(It->second);
          }
      }
      return L;
    }
    const FunctionDecl *BD = bindingDecl(Callee);
    if (TupleOfRefs) {
      // A tuple of references refers to what its arguments name.
      for (const Expr *A : Args)
        L.add(locationsOf(A));
      return L;
    }
    if (Effect == LibraryEffect::StreamInsert ||
        Effect == LibraryEffect::StreamExtract)
      // The stream it hands back is its left operand, never the right one.
      return Args.empty() ? L : locationsOf(Args[StreamOperand]);
    // The reference or pointer refers to the arguments bound to references
    // or pointers: to those of the result's own type when there are such
    // (std::min, strchr), else to all of them (std::get, back_inserter).
    llvm::SmallVector<unsigned, 4> Refs, SameType;
    QualType RT = R->isPointerType() ? R->getPointeeType() : R;
    for (unsigned I = 0; I < Args.size() && I < BD->getNumParams(); ++I) {
      QualType PT = BD->getParamDecl(I)->getType();
      if (!PT->isReferenceType() && !PT->isPointerType())
        continue;
      Refs.push_back(I);
      if (I < Callee->getNumParams()) {
        QualType CT = Callee->getParamDecl(I)->getType();
        if (CT->isPointerType())
          CT = CT->getPointeeType();
        if (sameBareType(CT, RT))
          SameType.push_back(I);
      }
    }
    for (unsigned I : SameType.empty() ? Refs : SameType) {
      QualType PT = BD->getParamDecl(I)->getType();
      L.add(PT->isReferenceType() ? locationsOf(Args[I])
                                  : pointerTargets(Args[I]));
    }
    return L;
  }
  return L;
}

void Analyzer::store(const Locs &L, const Taint &T, bool Strong,
                     SourceLocation Loc, const std::string &How) {
  bool Single = L.size() == 1;
  for (const LocKey &K : L.Locals) {
    if (K.Tag == HeapTag) {
      unsigned Line = SM.getExpansionLineNumber(K.Alloc->getBeginLoc());
      joinTaint((*Cur)[K],
                withStep(T, Loc,
                         How + " memory allocated on line " +
                             std::to_string(Line)),
                Steps);
      continue; // One location for every object allocated there: only adds.
    }
    // Compiler-made variables (a range-for's __range) take no trace step.
    Taint V = K.D->isImplicit() ? T : withStep(T, Loc, How + " " + varName(K.D));
    Taint &Slot = (*Cur)[K];
    if (Strong && Single)
      Slot = V;
    else
      joinTaint(Slot, V, Steps);
    int PI = paramIndex(K.D);
    const auto *VD = dyn_cast<VarDecl>(K.D);
    if (PI >= 0 && K.Tag == 1)
      emit(T, Output{OutputKind::OutParam, PI, 0, ""}, Loc,
           How + " " + varName(K.D));
    else if (VD && isCapture(VD))
      emit(T, Output{OutputKind::OutParam, ObjectIndex, 0, ""}, Loc,
           How + " captured " + varName(K.D));
  }
  for (const FieldDecl *F : L.Fields) {
    TU.declInfo(F);
    emit(T, Output{OutputKind::FieldStore, 0, 0, TU.usrOf(F)}, Loc,
         "stored in " + quoted(F));
  }
  for (const VarDecl *G : L.Globals) {
    TU.declInfo(G);
    emit(T, Output{OutputKind::GlobalStore, 0, 0, TU.usrOf(G)}, Loc,
         "stored in " + quoted(G));
  }
  for (int K : L.ViaCalls)
    emit(T, Output{OutputKind::StoreViaCall, K, 0, ""}, Loc,
         "stored through the reference returned by '" + Calls[K].CalleeName +
             "'");
}

Taint Analyzer::eval(const Expr *E) {
  if (Elements.count(E))
    return ExprVal[E];
  // Not an element of the CFG (a default argument, an elided copy): its
  // value depends on the current state, so it is computed afresh each time.
  return compute(E);
}

Taint Analyzer::assign(const BinaryOperator *BO) {
  Taint V = eval(BO->getRHS());
  bool Compound = BO->isCompoundAssignmentOp();
  if (Compound)
    joinTaint(V, eval(BO->getLHS()), Steps);
  if (const auto *D = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
      if (isTrackedPointer(VD))
        joinTaint(V, targetLabel(BO->getRHS()), Steps);
  Locs L = locationsOf(BO->getLHS());
  store(L, V, !Compound && designatesWhole(BO->getLHS()),
        BO->getOperatorLoc(), "assigned to");
  return V;
}

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
    L.Locals.insert({VD, 0});
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
    if (const Expr *RV = RS->getRetValue(); RV && FD) {
      emit(eval(RV), Output{OutputKind::Return, 0, 0, ""}, RS->getBeginLoc(),
           "returned from " + quoted(FD));
      // What a returned reference or pointer refers to, for stores through it.
      // FIXME: only fields and globals; a caller's local passed in and handed
      // back (`*Pick(&s) = v`) is lost. Known miss:
      // test-corpus/cases/known_miss_returned_param_pointer.cpp.
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
    return;
  }
}

Taint Analyzer::compute(const Expr *E) {
  if (isa<IntegerLiteral>(E) || isa<StringLiteral>(E) ||
      isa<FloatingLiteral>(E) || isa<CharacterLiteral>(E) ||
      isa<CXXBoolLiteralExpr>(E) || isa<CXXNullPtrLiteralExpr>(E) ||
      isa<UnaryExprOrTypeTraitExpr>(E) ||
      isa<TypeTraitExpr>(E) || isa<SizeOfPackExpr>(E) ||
      isa<CXXNoexceptExpr>(E))
    return {};
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
      return readVar(VD, D->getLocation());
    if (const auto *BD = dyn_cast<BindingDecl>(D->getDecl()))
      if (const Expr *B = BD->getBinding())
        return eval(B);
    if (const auto *F = dyn_cast<FunctionDecl>(D->getDecl()))
      return funcRef(F);
    return {};
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl())) {
      if (TU.isUserRecord(F->getParent())) {
        // e.f reads the state of the field f only, whatever e is.
        Taint T = readField(F, M->getMemberLoc());
        addObjects(T, F->getType(), /*ThroughIndirection=*/false);
        return T;
      }
      return eval(M->getBase()); // A member of a library type: its object.
    }
    if (const auto *VD = dyn_cast<VarDecl>(M->getMemberDecl()))
      return readGlobal(VD, M->getMemberLoc());
    return {};
  }
  if (const auto *C = dyn_cast<CastExpr>(E)) {
    switch (C->getCastKind()) {
    case CK_IntegralToBoolean:
    case CK_PointerToBoolean:
    case CK_FloatingToBoolean:
    case CK_MemberPointerToBoolean:
      return {}; // A truth value.
    default:
      break;
    }
    return eval(C->getSubExpr());
  }
  if (const auto *P = dyn_cast<ParenExpr>(E))
    return eval(P->getSubExpr());
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    switch (U->getOpcode()) {
    case UO_LNot:
      return {};
    case UO_Deref: {
      const Expr *Sub = strip(U->getSubExpr());
      if (isa<CXXThisExpr>(Sub)) {
        Taint T = eval(U->getSubExpr());
        addObjects(T, U->getType());
        return T;
      }
      Taint T = eval(U->getSubExpr());
      joinTaint(T, readLocs(derefTargets(U->getSubExpr()), U->getExprLoc()),
                Steps);
      return T;
    }
    default:
      return eval(U->getSubExpr());
    }
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (B->isAssignmentOp())
      return assign(B);
    if (B->isComparisonOp() || B->isLogicalOp())
      return {};
    if (B->getOpcode() == BO_Comma)
      return eval(B->getRHS());
    Taint T = eval(B->getLHS());
    joinTaint(T, eval(B->getRHS()), Steps);
    return T;
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    Taint T = eval(CO->getTrueExpr());
    joinTaint(T, eval(CO->getFalseExpr()), Steps);
    return T;
  }
  if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
    // The taint of the array and of the index: table-driven encoders keep it.
    Taint T = eval(A->getBase());
    joinTaint(T, eval(A->getIdx()), Steps);
    joinTaint(T, readLocs(derefTargets(A->getBase()), A->getExprLoc()),
              Steps);
    return T;
  }
  if (isa<CallExpr>(E))
    return call(E);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return construct(CE);
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    return initList(IL);
  if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
    return eval(M->getSubExpr());
  if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
    return eval(B->getSubExpr());
  if (const auto *W = dyn_cast<ExprWithCleanups>(E))
    return eval(W->getSubExpr());
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E))
    return eval(DA->getExpr());
  if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
    return eval(DI->getExpr());
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
    return eval(SIL->getSubExpr());
  if (const auto *TE = dyn_cast<CXXThrowExpr>(E)) {
    // What a throw carries reaches the catch clauses.
    // The value is stored under its type and each of its bases, so that a
    // catch clause reads what could be thrown to it.
    if (const Expr *Sub = TE->getSubExpr()) {
      Taint V = eval(Sub);
      for (const std::string &K : exceptionKeys(Sub->getType(), true))
        emit(V, Output{OutputKind::GlobalStore, 0, 0, K}, TE->getThrowLoc(),
             "thrown");
    }
    return {};
  }
  if (isa<CXXThisExpr>(E)) {
    Taint T;
    T[label(LabelKind::Param, ObjectIndex)] = -1;
    return T;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(E)) {
    Taint T = funcRef(LE->getCallOperator());
    for (const Expr *CI : LE->capture_inits())
      if (CI)
        joinTaint(T, eval(CI), Steps);
    return T;
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(E)) {
    if (const Expr *I = NE->getInitializer())
      return eval(I);
    return {};
  }
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
    return eval(FC->getSubExpr());
  // Conservative default: whatever the children carry.
  Taint T;
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      joinTaint(T, eval(CE), Steps);
  return T;
}

Taint Analyzer::initList(const InitListExpr *IL) {
  Taint All;
  const RecordDecl *RD = nullptr;
  if (const auto *RT = IL->getType()->getAs<RecordType>())
    RD = RT->getDecl();
  if (RD && TU.isUserRecord(RD) && !IL->getType()->isUnionType()) {
    // Aggregate initialization stores each initializer in its field.
    unsigned I = 0;
    const auto *CRD = dyn_cast<CXXRecordDecl>(RD);
    unsigned NumBases = CRD ? CRD->getNumBases() : 0;
    for (const FieldDecl *F : RD->fields()) {
      unsigned Idx = NumBases + I++;
      if (Idx >= IL->getNumInits())
        break;
      const Expr *Init = IL->getInit(Idx);
      Taint V = eval(Init);
      store(Locs{{}, {F}, {}, {}}, V, false, Init->getBeginLoc(), "stored in");
    }
    addObjects(All, IL->getType());
    return All;
  }
  for (unsigned I = 0; I < IL->getNumInits(); ++I)
    joinTaint(All, eval(IL->getInit(I)), Steps);
  return All;
}

int Analyzer::callSite(const Expr *E, const FunctionDecl *Callee,
                       SourceLocation Loc) {
  auto It = CallIndex.find(E);
  if (It != CallIndex.end())
    return It->second;
  CallSite CS;
  CS.CalleeUSR = TU.usrOf(Callee);
  CS.CalleeName = nameOf(Callee);
  CS.Pos = TU.posOf(Loc);
  const FunctionDecl *BD = bindingDecl(Callee);
  bool Library = TU.isLibrary(Callee);
  for (unsigned I = 0; I < BD->getNumParams(); ++I) {
    QualType PT = BD->getParamDecl(I)->getType();
    CS.OutArg.push_back(Library ? isLibraryOutParamType(PT)
                                : isOutParamType(PT));
  }
  CS.ReturnsTruth = Callee->getReturnType()->isBooleanType();
  if (TU.isLibrary(Callee)) {
    // The solver's default rule reads these flags: they carry the model.
    LibraryEffect Effect = libraryEffectFor(Callee);
    if (Effect == LibraryEffect::Handle || Effect == LibraryEffect::Count)
      CS.ReturnsTruth = true; // The result carries nothing.
    if (Effect == LibraryEffect::StreamExtract && !isa<CXXMethodDecl>(Callee) &&
        !CS.OutArg.empty())
      CS.OutArg[StreamOperand] = false; // Nothing flows into the stream.
  }
  int K = (int)Calls.size();
  Calls.push_back(std::move(CS));
  CallLocs.push_back(Loc);
  CallIndex[E] = K;
  return K;
}

Taint Analyzer::libraryCall(const Expr *E, const FunctionDecl *Callee,
                            const Expr *Obj, llvm::ArrayRef<const Expr *> Args,
                            const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals) {
  Taint In = ObjVal;
  for (const Taint &A : ArgVals)
    joinTaint(In, A, Steps);
  if (!Callee)
    return In; // FIXME: indirect calls are resolved only by the library rule.
  SourceLocation Loc = E->getExprLoc();
  LibraryEffect Effect = libraryEffectFor(Callee);
  if (Effect == LibraryEffect::Handle || Effect == LibraryEffect::Count)
    return {};
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  bool Member = Obj && MD && !MD->isStatic();
  const FunctionDecl *BD = bindingDecl(Callee);
  if (Effect == LibraryEffect::StreamExtract) {
    // The stream flows into the other operands; nothing flows into it.
    unsigned First = Member ? 0 : 1;
    Taint Stream = Member ? ObjVal
                          : (ArgVals.empty() ? Taint() : ArgVals[StreamOperand]);
    for (unsigned I = First; I < Args.size() && I < BD->getNumParams(); ++I) {
      QualType PT = BD->getParamDecl(I)->getType();
      if (!isLibraryOutParamType(PT) || Stream.empty())
        continue;
      store(PT->isPointerType() ? pointerTargets(Args[I])
                                : locationsOf(Args[I]),
            Stream, /*Strong=*/false, Loc, "read by " + quoted(Callee) + " into");
    }
    QualType R = Callee->getReturnType();
    if (R->isBooleanType() || R->isVoidType())
      return {};
    return Stream;
  }
  if (Member && !MD->isConst()) {
    Locs L = Obj->getType()->isPointerType() ? pointerTargets(Obj)
                                             : locationsOf(Obj);
    if (const auto *D = dyn_cast<DeclRefExpr>(strip(Obj)))
      if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
        if (!VD->getType()->isReferenceType() && !isTrackedPointer(VD) &&
            PointsTo.count(VD))
          L.add(PointsTo[VD]); // What it was built over (a text buffer).
    if (Effect == LibraryEffect::Replace) {
      Taint V;
      for (const Taint &A : ArgVals)
        joinTaint(V, A, Steps);
      store(L, V, designatesWhole(Obj, Obj->getType()->isPointerType()), Loc,
            "assigned to");
    } else if (!In.empty()) {
      store(L, In, /*Strong=*/false, Loc,
            "stored by " + quoted(Callee) + " in");
    }
  }
  for (unsigned I = 0; I < Args.size() && I < BD->getNumParams(); ++I) {
    if (!isLibraryOutParamType(BD->getParamDecl(I)->getType()) || In.empty())
      continue;
    QualType PT = BD->getParamDecl(I)->getType();
    Locs L = PT->isPointerType() ? pointerTargets(Args[I])
                                 : locationsOf(Args[I]);
    Taint Other;
    for (unsigned J = 0; J < ArgVals.size(); ++J)
      if (J != I)
        joinTaint(Other, ArgVals[J], Steps);
    joinTaint(Other, ObjVal, Steps);
    if (!Other.empty())
      store(L, Other, /*Strong=*/false, Loc,
            "written by " + quoted(Callee) + " to");
  }
  // A callable passed to library code is called with the taint of the other
  // arguments (an iterator stands for its container's elements, which
  // eval() already includes); its result flows to the call's outputs.
  Taint Results;
  bool HasCallable = false;
  for (unsigned I = 0; I < Args.size(); ++I) {
    const Expr *SA = strip(Args[I]);
    if (const CXXRecordDecl *RD = SA->getType()->getAsCXXRecordDecl())
      HasCallable |= RD->isLambda();
    HasCallable |= SA->getType()->isFunctionPointerType();
    Taint Other;
    for (unsigned J = 0; J < ArgVals.size(); ++J)
      if (J != I)
        joinTaint(Other, ArgVals[J], Steps);
    joinTaint(Other, ObjVal, Steps);
    joinTaint(Results, callCallable(Args[I], Other, ArgVals[I]), Steps);
  }
  if (!Results.empty()) {
    joinTaint(In, Results, Steps);
    if (Effect == LibraryEffect::OutputAlgorithm)
      for (const Expr *A : Args)
        if (isIteratorLike(A->getType()) && !A->getType()->isPointerType())
          store(pointerTargets(A), Results, /*Strong=*/false, Loc,
                "written by " + quoted(Callee) + " to");
  }
  // Output iterators (std::back_inserter(v)) refer to their container.
  if (!HasCallable && Effect == LibraryEffect::OutputAlgorithm &&
      Args.size() >= 3) {
    const Expr *Dest = Args[2];
    if (isIteratorLike(Dest->getType())) {
      Taint Src = ArgVals[0];
      joinTaint(Src, ArgVals[1], Steps);
      if (!Src.empty())
        store(pointerTargets(Dest), Src, /*Strong=*/false, Loc,
              "written by " + quoted(Callee) + " to");
    }
  }
  if (isa<CXXConstructorDecl>(Callee))
    return In; // The new object.
  if (Effect == LibraryEffect::Cursor) {
    // Only the cursor: the arguments of the result's own type.
    Taint Cursor;
    for (unsigned I = 0; I < Args.size() && I < Callee->getNumParams(); ++I)
      if (sameBareType(Callee->getParamDecl(I)->getType(),
                       Callee->getReturnType()))
        joinTaint(Cursor, ArgVals[I], Steps);
    return Cursor;
  }
  if (Callee->getReturnType()->isBooleanType() ||
      Callee->getReturnType()->isVoidType())
    return {};
  return In;
}

Taint Analyzer::callCallable(const Expr *Arg, const Taint &In,
                             const Taint &ArgVal) {
  const Expr *S = strip(Arg);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    if (CE->getNumArgs() == 1)
      S = strip(CE->getArg(0));
  const FunctionDecl *Target = nullptr;
  bool HasObject = false, IsClosure = false;
  if (const CXXRecordDecl *RD = S->getType()->getAsCXXRecordDecl()) {
    if (RD->isLambda()) {
      Target = RD->getLambdaCallOperator();
      HasObject = IsClosure = true;
    }
  } else if (const auto *U = dyn_cast<UnaryOperator>(S)) {
    if (U->getOpcode() == UO_AddrOf)
      if (const auto *D = dyn_cast<DeclRefExpr>(strip(U->getSubExpr())))
        Target = dyn_cast<FunctionDecl>(D->getDecl());
  } else if (const auto *D = dyn_cast<DeclRefExpr>(S)) {
    Target = dyn_cast<FunctionDecl>(D->getDecl());
  }
  if (!Target || TU.isLibrary(Target))
    return {};
  // A member function (`std::thread(&W::Run, this, x)`) is called on one of
  // the other arguments: its object gets what they carry.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Target))
    HasObject |= MD->isInstance();
  int K = callSite(Arg, Target, Arg->getExprLoc());
  CallSite &CS = Calls[K];
  CS.HasObject = HasObject;
  CS.NumArgs = Target->getNumParams();
  std::string CName = quoted(Target);
  if (IsClosure)
    emit(ArgVal, Output{OutputKind::CallArg, K, ObjectIndex, ""},
         Arg->getExprLoc(), "object of call to " + CName);
  else if (HasObject)
    emit(In, Output{OutputKind::CallArg, K, ObjectIndex, ""},
         Arg->getExprLoc(), "object of call to " + CName);
  for (unsigned I = 0; I < CS.NumArgs; ++I)
    emit(In, Output{OutputKind::CallArg, K, (int)I, ""}, Arg->getExprLoc(),
         "passed to " + CName + " as argument " + std::to_string(I + 1));
  if (IsClosure) {
    // Writes to captures by reference reach the captured variables.
    Locs L = pointerTargets(Arg);
    Taint V;
    V[label(LabelKind::CallOut, K, ObjectIndex)] = -1;
    store(L, V, /*Strong=*/false, Arg->getExprLoc(),
          "written by " + CName + " to");
  }
  Taint R;
  if (!Target->getReturnType()->isVoidType())
    R[label(LabelKind::CallRet, K)] = -1;
  return R;
}

Taint Analyzer::call(const Expr *E) {
  const auto *CE = cast<CallExpr>(E);
  const FunctionDecl *Callee = CE->getDirectCallee();
  const Expr *Obj = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
  for (const Expr *A : CE->arguments())
    Args.push_back(A);
  bool Virtual = false;
  SourceLocation Loc = CE->getExprLoc();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Obj = MC->getImplicitObjectArgument();
    if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens())) {
      Loc = ME->getMemberLoc();
      if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()))
        Virtual = MD->isVirtual() && !ME->hasQualifier();
    }
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE)) {
    Loc = OC->getOperatorLoc();
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee))
      if (!MD->isStatic() && !Args.empty()) {
        Obj = Args.front();
        Args.erase(Args.begin());
        Virtual = MD->isVirtual();
      }
  } else if (Callee) {
    if (const auto *DR =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      Loc = DR->getLocation();
  }
  Taint ObjVal = Obj ? eval(Obj) : Taint();
  llvm::SmallVector<Taint, 4> ArgVals;
  for (const Expr *A : Args)
    ArgVals.push_back(eval(A));
  // Builtins (printf, strcpy, free, std::move) are library functions; a
  // policy entry or annotation on one still takes precedence.
  if (Callee && Callee->getBuiltinID() && !TU.declInfo(Callee))
    return libraryCall(E, Callee, Obj, Args, ObjVal, ArgVals);
  if (!Callee) {
    // Through a function pointer, or a member pointer: `(o.*pm)(...)`.
    const Expr *CalleeE = CE->getCallee()->IgnoreParens();
    if (const auto *BO = dyn_cast<BinaryOperator>(CalleeE))
      if (BO->isPtrMemOp()) {
        Obj = BO->getLHS();
        ObjVal = eval(Obj);
        CalleeE = BO->getRHS();
      }
    return indirectCall(CE, CalleeE, Obj, Args, ObjVal, ArgVals, Loc);
  }
  if (Obj && isa<CXXOperatorCallExpr>(CE) && TU.isLibrary(Callee) &&
      !TU.declInfo(Callee) &&
      libraryEffectFor(Callee) == LibraryEffect::IndirectCall)
    // std::function: the callees are what was stored in it.
    return indirectCall(CE, Obj, nullptr, Args, Taint(), ArgVals, Loc);
  const DeclInfo *Info = Callee ? TU.declInfo(Callee) : nullptr;
  bool AsCallSite =
      Callee && (Info || (!TU.isLibrary(Callee) && !isTrivialSpecial(Callee)));
  if (!AsCallSite)
    return libraryCall(E, Callee, Obj, Args, ObjVal, ArgVals);

  int K = callSite(E, Callee, Loc);
  CallSite &CS = Calls[K];
  CS.Virtual = Virtual;
  CS.HasObject = Obj != nullptr;
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  // A lambda's call operator is const, but writes through its by-reference
  // captures reach the captured variables.
  CS.ObjectMutable =
      Obj && MD && (!MD->isConst() || MD->getParent()->isLambda());
  if (TU.isLibrary(Callee)) {
    LibraryEffect Effect = libraryEffectFor(Callee);
    if (Effect == LibraryEffect::StreamExtract ||
        Effect == LibraryEffect::Handle)
      CS.ObjectMutable = false; // Nothing flows into the stream or handle.
  }
  CS.NumArgs = Args.size();
  std::string CName = quoted(Callee);
  if (Obj)
    emit(ObjVal, Output{OutputKind::CallArg, K, ObjectIndex, ""},
         Obj->getExprLoc(), "object of call to " + CName);
  for (unsigned I = 0; I < Args.size(); ++I)
    emit(ArgVals[I], Output{OutputKind::CallArg, K, (int)I, ""},
         Args[I]->getExprLoc(),
         "passed to " + CName + " as argument " + std::to_string(I + 1));
  // What the callee may write through its arguments and into its object.
  const FunctionDecl *BD = bindingDecl(Callee);
  for (unsigned I = 0; I < Args.size() && I < BD->getNumParams(); ++I) {
    QualType PT = BD->getParamDecl(I)->getType();
    if (!isOutParamType(PT) && !(PT->isLValueReferenceType() &&
                                 !PT->getPointeeType().isConstQualified()))
      continue;
    Locs L = PT->isPointerType() ? pointerTargets(Args[I])
                                 : locationsOf(Args[I]);
    Taint V;
    V[label(LabelKind::CallOut, K, (int)I)] = -1;
    store(L, V, /*Strong=*/false, Args[I]->getExprLoc(),
          "written by " + CName + " to");
  }
  if (Obj && CS.ObjectMutable) {
    Locs L = Obj->getType()->isPointerType() ? pointerTargets(Obj)
                                             : locationsOf(Obj);
    if (const auto *D = dyn_cast<DeclRefExpr>(strip(Obj)))
      if (const auto *VD = dyn_cast<VarDecl>(D->getDecl())) {
        auto It = PointsTo.find(VD);
        if (It != PointsTo.end() && !VD->getType()->isReferenceType())
          L.add(It->second);
      }
    Taint V;
    V[label(LabelKind::CallOut, K, ObjectIndex)] = -1;
    store(L, V, /*Strong=*/false, Loc, "written by " + CName + " to");
  }
  Taint R;
  if (!Callee->getReturnType()->isVoidType())
    R[label(LabelKind::CallRet, K)] = -1;
  return R;
}

Taint Analyzer::indirectCall(const CallExpr *CE, const Expr *CalleeE,
                             const Expr *Obj, llvm::ArrayRef<const Expr *> Args,
                             const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals,
                             SourceLocation Loc) {
  Taint CalleeVal = eval(CalleeE);
  auto It = CallIndex.find(CE);
  int K;
  if (It != CallIndex.end()) {
    K = It->second;
  } else {
    CallSite CS;
    CS.Indirect = true;
    std::string Name = "(indirect call)";
    if (const auto *D = dyn_cast<DeclRefExpr>(strip(CalleeE)))
      Name = D->getDecl()->getNameAsString();
    else if (const auto *M = dyn_cast<MemberExpr>(strip(CalleeE)))
      Name = M->getMemberDecl()->getNameAsString();
    CS.CalleeName = Name;
    CS.Pos = TU.posOf(Loc);
    CS.ReturnsTruth = CE->getType()->isBooleanType();
    K = (int)Calls.size();
    Calls.push_back(std::move(CS));
    CallLocs.push_back(Loc);
    CallIndex[CE] = K;
  }
  CallSite &CS = Calls[K];
  CS.HasObject = Obj != nullptr;
  CS.NumArgs = Args.size();
  std::string CName = "'" + CS.CalleeName + "'";
  emit(CalleeVal, Output{OutputKind::CallArg, K, CalleeIndex, ""},
       CalleeE->getExprLoc(), "called through " + CName);
  if (Obj)
    emit(ObjVal, Output{OutputKind::CallArg, K, ObjectIndex, ""},
         Obj->getExprLoc(), "object of call through " + CName);
  for (unsigned I = 0; I < Args.size(); ++I)
    emit(ArgVals[I], Output{OutputKind::CallArg, K, (int)I, ""},
         Args[I]->getExprLoc(),
         "passed through " + CName + " as argument " + std::to_string(I + 1));
  Taint R;
  if (!CE->getType()->isVoidType())
    R[label(LabelKind::CallRet, K)] = -1;
  return R;
}

Taint Analyzer::construct(const CXXConstructExpr *E) {
  const CXXConstructorDecl *Ctor = E->getConstructor();
  llvm::SmallVector<const Expr *, 4> Args;
  llvm::SmallVector<Taint, 4> ArgVals;
  for (const Expr *A : E->arguments()) {
    Args.push_back(A);
    ArgVals.push_back(eval(A));
  }
  Taint Whole;
  addObjects(Whole, E->getType());
  const DeclInfo *Info = Ctor ? TU.declInfo(Ctor) : nullptr;
  bool AsCallSite = Ctor && (Info || (!TU.isLibrary(Ctor) &&
                                      !isTrivialSpecial(Ctor) &&
                                      (!Ctor->isImplicit() ||
                                       runsMemberInitializers(Ctor))));
  if (!AsCallSite) {
    // Library constructors follow the default rule, but for those the model
    // table says run a callable (std::thread).
    const FunctionDecl *Model =
        Ctor && libraryEffectFor(Ctor) == LibraryEffect::RunsCallable ? Ctor
                                                                       : nullptr;
    Taint V = libraryCall(E, Model, nullptr, Args, Taint(), ArgVals);
    joinTaint(V, Whole, Steps);
    return V;
  }
  int K = callSite(E, Ctor, E->getLocation());
  CallSite &CS = Calls[K];
  CS.NumArgs = Args.size();
  std::string CName = quoted(Ctor);
  for (unsigned I = 0; I < Args.size(); ++I)
    emit(ArgVals[I], Output{OutputKind::CallArg, K, (int)I, ""},
         Args[I]->getExprLoc(),
         "passed to " + CName + " as argument " + std::to_string(I + 1));
  Taint R = Whole;
  if (TU.isLibrary(Ctor)) // A library constructor with a role: its result.
    R[label(LabelKind::CallRet, K)] = -1;
  return R;
}

Locs Analyzer::constructedOver(const Expr *Init) {
  // A library object built over a buffer it writes into
  // (`QTextStream ts(&text)`, `std::unique_ptr<T> u(p)`) refers to it.
  Locs L;
  const auto *CE = dyn_cast<CXXConstructExpr>(strip(Init));
  if (!CE || !CE->getConstructor() || !TU.isLibrary(CE->getConstructor()))
    return L;
  const FunctionDecl *BD = bindingDecl(CE->getConstructor());
  for (unsigned I = 0; I < CE->getNumArgs() && I < BD->getNumParams(); ++I) {
    QualType PT = BD->getParamDecl(I)->getType();
    if (!isLibraryOutParamType(PT))
      continue;
    L.add(PT->isPointerType() ? pointerTargets(CE->getArg(I))
                              : locationsOf(CE->getArg(I)));
  }
  return L;
}

void Analyzer::pointsToStmt(const Stmt *S, bool &Changed) {
  auto addTo = [&](const VarDecl *VD, const Locs &L) {
    Locs &Into = PointsTo[VD];
    size_t Before = Into.size();
    Into.add(L);
    Changed |= Into.size() != Before;
  };
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD || !VD->getInit() || isGlobalVar(VD))
        continue;
      QualType T = VD->getType();
      if (T->isReferenceType())
        addTo(VD, locationsOf(VD->getInit()));
      else if (isIteratorLike(T))
        addTo(VD, pointerTargets(VD->getInit()));
      else
        addTo(VD, constructedOver(VD->getInit()));
    }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() != BO_Assign)
      return;
    if (const auto *D = dyn_cast<DeclRefExpr>(strip(BO->getLHS())))
      if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
        if (!isGlobalVar(VD) && isIteratorLike(VD->getType()) &&
            !VD->getType()->isReferenceType())
          addTo(VD, pointerTargets(BO->getRHS()));
  }
}

void Analyzer::computePointsTo(const CFG &G) {
  // Flow-insensitive, per function; three rounds reach chains of aliases
  // three deep, which is what real code has.
  for (int Round = 0; Round < 3; ++Round) {
    bool Changed = false;
    for (const CFGBlock *B : G)
      for (const CFGElement &El : *B)
        if (auto S = El.getAs<CFGStmt>())
          pointsToStmt(S->getStmt(), Changed);
    if (!Changed)
      break;
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
      S[{VD, 0}] = T;
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

llvm::Expected<FunctionSummary> Analyzer::run() {
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

  CFG::BuildOptions Opts;
  Opts.AddInitializers = true;
  Opts.AddEHEdges = true; // Calls in a try block reach its handlers.
  Opts.AddImplicitDtors = false;
  Opts.AddTemporaryDtors = false;
  Opts.AddCXXDefaultInitExprInCtors = true;
  Opts.AddCXXDefaultInitExprInAggregates = true;
  Opts.setAllAlwaysAdd();
  std::unique_ptr<CFG> G;
  if (GlobalInit) {
    // The initializer as the one statement of a function: `T g = init;`.
    auto *VD = const_cast<VarDecl *>(GlobalInit);
    auto *DS = new (Ctx)
        DeclStmt(DeclGroupRef(VD), VD->getBeginLoc(), VD->getEndLoc());
    G = CFG::buildCFG(VD, DS, &Ctx, Opts);
  } else {
    G = CFG::buildCFG(FD, FD->getBody(), &Ctx, Opts);
  }
  if (!G)
    return Sum; // FIXME: functions Clang cannot build a CFG for are skipped.

  for (const CFGBlock *B : *G)
    for (const CFGElement &El : *B)
      if (auto S = El.getAs<CFGStmt>())
        Elements.insert(S->getStmt());
  computePointsTo(*G);

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
    Entry[{P, 0}] = T;
    if (P->getType()->isPointerType() || P->getType()->isReferenceType())
      Entry[{P, 1}] = T;
  }
  // Captured variables (in a lambda's body) are part of the closure object.
  for (const CFGBlock *B : *G)
    for (const CFGElement &El : *B)
      if (auto S = El.getAs<CFGStmt>())
        if (const auto *D = dyn_cast<DeclRefExpr>(S->getStmt()))
          if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
            if (isCapture(VD)) {
              Taint T;
              T[label(LabelKind::Param, ObjectIndex)] = -1;
              Entry[{VD, 0}] = T;
              if (VD->getType()->isReferenceType())
                PointsTo.erase(VD);
            }

  std::vector<State> Out(G->getNumBlockIDs());
  std::vector<bool> Seen(G->getNumBlockIDs(), false);
  std::vector<unsigned> Visits(G->getNumBlockIDs(), 0);
  // The worklist is ordered by reverse post-order, so that a block is
  // visited after its predecessors and loops converge in few rounds.
  std::vector<unsigned> RPO(G->getNumBlockIDs(), 0);
  std::vector<const CFGBlock *> ByID(G->getNumBlockIDs(), nullptr);
  {
    std::vector<const CFGBlock *> Post;
    std::vector<bool> Visited(G->getNumBlockIDs(), false);
    std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_iterator>>
        Stack;
    Stack.push_back({&G->getEntry(), G->getEntry().succ_begin()});
    Visited[G->getEntry().getBlockID()] = true;
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
      RPO[(*I)->getBlockID()] = N++;
    for (const CFGBlock *B : *G)
      ByID[B->getBlockID()] = B;
  }
  HandlerEdges EH = handlerEdges(*G, GlobalInit ? nullptr : FD->getBody());
  std::set<std::pair<unsigned, unsigned>> Work; // (RPO index, block ID)
  Work.insert({RPO[G->getEntry().getBlockID()], G->getEntry().getBlockID()});
  while (!Work.empty()) {
    const CFGBlock *B = ByID[Work.begin()->second];
    Work.erase(Work.begin());
    if (++Visits[B->getBlockID()] > MaxVisitsPerBlock)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "analysis budget exhausted in '" + Sum.Name + "' (" +
              Sum.Pos.File + ":" + std::to_string(Sum.Pos.Line) + ")");
    State In;
    if (B == &G->getEntry())
      In = Entry;
    for (const CFGBlock *P : B->preds())
      if (P && Seen[P->getBlockID()])
        joinState(In, Out[P->getBlockID()], Steps);
    for (unsigned P : EH.Preds[B->getBlockID()])
      if (Seen[P])
        joinState(In, Out[P], Steps);
    transferBlock(B, In);
    bool Changed = !Seen[B->getBlockID()];
    Seen[B->getBlockID()] = true;
    Changed |= joinState(Out[B->getBlockID()], In, Steps);
    if (!Changed)
      continue;
    for (const CFGBlock *S : B->succs())
      if (S)
        Work.insert({RPO[S->getBlockID()], S->getBlockID()});
    for (unsigned S : EH.Succs[B->getBlockID()])
      Work.insert({RPO[S], S});
  }

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
  return Sum;
}

} // namespace

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
  Analyzer A(TU, FD);
  return A.run();
}

llvm::Expected<FunctionSummary>
analyzeGlobalInitializer(TUContext &TU, const VarDecl *VD) {
  Analyzer A(TU, nullptr, VD);
  return A.run();
}

} // namespace purpose
