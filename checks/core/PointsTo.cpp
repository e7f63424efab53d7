//===- PointsTo.cpp - Local points-to of the function analyzer ------------===//
//
// Where an lvalue may refer to and what a pointer may point to, per
// function: a flow-insensitive map from reference, pointer and iterator
// locals to location sets (alias chasing to a fixpoint), and the pointer
// locals whose targets are followed flow-sensitively through PointsTo labels.
//
//===----------------------------------------------------------------------===//
#include "AnalyzerImpl.h"
#include "LibraryModels.h"
#include "clang/AST/Attr.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

namespace purpose {
namespace detail {
namespace {

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

} // namespace

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
bool designatesWhole(const Expr *E, bool ThroughPointer) {
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

// --- pointer locals, flow-sensitively ---

bool Analyzer::isTrackedPointer(const VarDecl *VD) {
  return isLocalVar(VD) && !paramIndex(VD) && !isCapture(VD) &&
         !VD->getType()->isReferenceType() && isIteratorLike(VD->getType());
}

Taint Analyzer::targetLabel(const Expr *E) {
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

Locs Analyzer::derefTargets(const Expr *Ptr) {
  if (const auto *D = dyn_cast<DeclRefExpr>(strip(Ptr)))
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
      if (isTrackedPointer(VD))
        return Locs();
  return pointerTargets(Ptr);
}

// --- where lvalues refer to ---

Locs Analyzer::varLocs(const VarDecl *VD) {
  Locs L;
  if (isGlobalVar(VD)) {
    L.Globals.insert(VD);
    return L;
  }
  if (paramIndex(VD) && VD->getType()->isReferenceType()) {
    L.Locals.insert(LocKey::pointee(VD));
    return L;
  }
  if (VD->getType()->isReferenceType()) {
    auto It = PointsTo.find(VD);
    if (It != PointsTo.end() && It->second.size())
      return It->second;
  }
  L.Locals.insert(LocKey::variable(VD));
  return L;
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
      return pointerTargets(
          B->getLHS()->getType()->isPointerType() ? B->getLHS() : B->getRHS());
  if (const auto *D = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl())) {
      auto It = PointsTo.find(VD);
      if (It != PointsTo.end())
        L.add(It->second);
      if (paramIndex(VD) && VD->getType()->isPointerType())
        L.Locals.insert(LocKey::pointee(VD));
      if (isGlobalVar(VD) || isCapture(VD))
        L.add(varLocs(VD));
      return L;
    }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    L = pointerTargets(CO->getTrueExpr());
    L.add(pointerTargets(CO->getFalseExpr()));
    return L;
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return closureTargets(LE);
  if (isa<CXXNewExpr>(E)) {
    L.Locals.insert(LocKey::heap(E));
    return L;
  }
  if (const auto *C = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = C->getDirectCallee())
      if (TU.isLibrary(Callee) && isAllocationFunction(Callee)) {
        L.Locals.insert(LocKey::heap(E));
        return L;
      }
  if (isa<CallExpr>(E) || isa<CXXConstructExpr>(E))
    return locationsOf(E);
  return L;
}

Locs Analyzer::closureTargets(const LambdaExpr *LE) {
  // A closure refers to what it captures by reference, and to what the
  // pointers it captures by value point to.
  Locs L;
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
  if (const auto *C = dyn_cast<CallExpr>(E))
    return callLocations(C);
  return L;
}

Locs Analyzer::callLocations(const CallExpr *C) {
  // A reference, pointer or iterator that a library call returns into its
  // object (or, for free functions, into a reference argument) refers to
  // that object.
  Locs L;
  const FunctionDecl *Callee = C->getDirectCallee();
  if (!Callee)
    return L;
  if (!TU.isLibrary(Callee)) {
    auto It = CallIndex.find(C);
    QualType R = Callee->getReturnType();
    if (!R->isReferenceType() && !R->isPointerType())
      return L;
    if (It != CallIndex.end())
      L.ViaCalls.insert(It->second);
    // It may hand back an argument of its result's type (`T *Pick(T *slot)`):
    // a caller's local passed in and returned is what the result refers to.
    llvm::ArrayRef<const Expr *> Args(C->getArgs(), C->getNumArgs());
    if (isa<CXXOperatorCallExpr>(C) && isa<CXXMethodDecl>(Callee) &&
        !cast<CXXMethodDecl>(Callee)->isStatic() && !Args.empty())
      Args = Args.drop_front();
    L.add(refArgLocations(Callee, R, Args, /*SameTypeOnly=*/true));
    return L;
  }
  QualType R = Callee->getReturnType();
  LibraryEffect Effect = libraryEffectFor(Callee);
  if (Effect == LibraryEffect::Handle || Effect == LibraryEffect::AttachedData)
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
  if (Obj)
    return objectLocations(Obj);
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
  return refArgLocations(Callee, R, Args);
}

Locs Analyzer::objectLocations(const Expr *Obj, bool ThroughIterators) {
  if (Obj->getType()->isPointerType())
    return pointerTargets(Obj); // Its points-to set included.
  Locs L = locationsOf(Obj);
  if (const auto *D = dyn_cast<DeclRefExpr>(strip(Obj)))
    if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
      if (!VD->getType()->isReferenceType() &&
          (ThroughIterators || !isTrackedPointer(VD))) {
        auto It = PointsTo.find(VD);
        if (It != PointsTo.end())
          L.add(It->second);
      }
  return L;
}

Locs Analyzer::refArgLocations(const FunctionDecl *Callee, QualType R,
                               llvm::ArrayRef<const Expr *> Args,
                               bool SameTypeOnly) {
  // The reference or pointer refers to the arguments bound to references
  // or pointers: to those of the result's own type when there are such
  // (std::min, strchr), else to all of them (std::get, back_inserter).
  Locs L;
  const FunctionDecl *BD = bindingDecl(Callee);
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
  if (SameTypeOnly)
    Refs.clear();
  for (unsigned I : SameType.empty() ? Refs : SameType) {
    QualType PT = BD->getParamDecl(I)->getType();
    L.add(PT->isReferenceType() ? locationsOf(Args[I])
                                : pointerTargets(Args[I]));
  }
  return L;
}

// --- the flow-insensitive map ---

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

bool Analyzer::computePointsTo(const CFG &G) {
  // Flow-insensitive, per function. Sets only grow, so passes over the
  // statements reach a fixpoint; each follows at least one more link of a
  // chain of aliases assigned against the order of the blocks.
  for (unsigned Round = 0; Round < TU.options().MaxPointsToRounds; ++Round) {
    bool Changed = false;
    for (const CFGBlock *B : G)
      for (const CFGElement &El : *B)
        if (auto S = El.getAs<CFGStmt>())
          pointsToStmt(S->getStmt(), Changed);
    if (!Changed)
      return true;
  }
  return false;
}

} // namespace detail
} // namespace purpose
