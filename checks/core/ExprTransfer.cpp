//===- ExprTransfer.cpp - Expression transfer of the function analyzer ----===//
//
// The transfer function of expressions, one Visit method per construct
// (Analyzer is a ConstStmtVisitor), and the reads and stores of the state
// that it makes. A construct without a Visit method of its own falls back to
// its base class's (every cast to VisitCastExpr), and in the end to
// VisitExpr, the conservative default that joins the children.
//
//===----------------------------------------------------------------------===//
#include "AnalyzerImpl.h"
#include "LLVMCompat.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace purpose {
namespace detail {

// --- reads and stores ---

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
  T[label(LabelKind::Field, 0, 0, USR)] = step(-1, Loc, "read of " + quoted(F));
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
    if (std::optional<unsigned> PI = paramIndex(VD)) {
      std::string Key = TU.paramOrigin(FD, *PI);
      if (!Key.empty())
        T[label(LabelKind::Origin, 0, 0, Key)] =
            step(-1, Loc,
                 "read of '" + nameOf(FD) + "::" + VD->getNameAsString() + "'");
    }
  }
  addObjects(T, VD->getType());
  return T;
}

void Analyzer::store(const Locs &L, const Taint &T, bool Strong,
                     SourceLocation Loc, const std::string &How) {
  bool Single = L.size() == 1;
  for (const LocKey &K : L.Locals) {
    if (K.Tag == LocTag::Heap) {
      unsigned Line = SM.getExpansionLineNumber(K.Alloc->getBeginLoc());
      joinTaint(
          (*Cur)[K],
          withStep(T, Loc,
                   How + " memory allocated on line " + std::to_string(Line)),
          Steps);
      continue; // One location for every object allocated there: only adds.
    }
    // Compiler-made variables (a range-for's __range) take no trace step.
    Taint V =
        K.D->isImplicit() ? T : withStep(T, Loc, How + " " + varName(K.D));
    Taint &Slot = (*Cur)[K];
    if (Strong && Single)
      Slot = V;
    else
      joinTaint(Slot, V, Steps);
    std::optional<unsigned> PI = paramIndex(K.D);
    const auto *VD = dyn_cast<VarDecl>(K.D);
    if (PI && K.Tag == LocTag::Pointee)
      emit(T, Output{OutputKind::OutParam, (int)*PI, 0, ""}, Loc,
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

std::vector<std::string> Analyzer::exceptionKeys(QualType T, bool WithBases) {
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

Taint Analyzer::funcRef(const FunctionDecl *F) {
  Taint T;
  if (F && !TU.isLibrary(F))
    T[label(LabelKind::FuncRef, 0, 0, TU.usrOf(F))] = -1;
  return T;
}

// --- evaluation ---

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
  store(L, V, !Compound && designatesWhole(BO->getLHS()), BO->getOperatorLoc(),
        "assigned to");
  return V;
}

Taint Analyzer::initList(const InitListExpr *IL) {
  Taint All;
  const RecordDecl *RD = nullptr;
  if (const auto *RT = IL->getType()->getAs<RecordType>())
    RD = compat::recordDeclOf(RT);
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

// --- the transfer function, by construct ---

// Literals and compile-time values (sizeof, type traits, noexcept) carry
// nothing.
Taint Analyzer::VisitIntegerLiteral(const IntegerLiteral *) { return {}; }
Taint Analyzer::VisitStringLiteral(const StringLiteral *) { return {}; }
Taint Analyzer::VisitFloatingLiteral(const FloatingLiteral *) { return {}; }
Taint Analyzer::VisitCharacterLiteral(const CharacterLiteral *) { return {}; }
Taint Analyzer::VisitCXXBoolLiteralExpr(const CXXBoolLiteralExpr *) {
  return {};
}
Taint Analyzer::VisitCXXNullPtrLiteralExpr(const CXXNullPtrLiteralExpr *) {
  return {};
}
Taint Analyzer::VisitUnaryExprOrTypeTraitExpr(
    const UnaryExprOrTypeTraitExpr *) {
  return {};
}
Taint Analyzer::VisitTypeTraitExpr(const TypeTraitExpr *) { return {}; }
Taint Analyzer::VisitSizeOfPackExpr(const SizeOfPackExpr *) { return {}; }
Taint Analyzer::VisitCXXNoexceptExpr(const CXXNoexceptExpr *) { return {}; }

Taint Analyzer::VisitDeclRefExpr(const DeclRefExpr *D) {
  if (const auto *VD = dyn_cast<VarDecl>(D->getDecl()))
    return readVar(VD, D->getLocation());
  if (const auto *BD = dyn_cast<BindingDecl>(D->getDecl()))
    if (const Expr *B = BD->getBinding())
      return eval(B);
  if (const auto *F = dyn_cast<FunctionDecl>(D->getDecl()))
    return funcRef(F);
  return {};
}

Taint Analyzer::VisitMemberExpr(const MemberExpr *M) {
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

/// Every cast, implicit or explicit, functional casts (`T(x)`, `T{x}`)
/// included: its operand, unless it makes a truth value.
Taint Analyzer::VisitCastExpr(const CastExpr *C) {
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

Taint Analyzer::VisitParenExpr(const ParenExpr *P) {
  return eval(P->getSubExpr());
}

Taint Analyzer::VisitUnaryLNot(const UnaryOperator *) { return {}; }

Taint Analyzer::VisitUnaryDeref(const UnaryOperator *U) {
  const Expr *Sub = strip(U->getSubExpr());
  if (isa<CXXThisExpr>(Sub)) {
    Taint T = eval(U->getSubExpr());
    addObjects(T, U->getType());
    return T;
  }
  Taint T = eval(U->getSubExpr());
  joinTaint(T, readLocs(derefTargets(U->getSubExpr()), U->getExprLoc()), Steps);
  return T;
}

/// The other unary operators (`-x`, `~x`, `&x`, `++x`): the operand.
Taint Analyzer::VisitUnaryOperator(const UnaryOperator *U) {
  return eval(U->getSubExpr());
}

Taint Analyzer::VisitBinAssign(const BinaryOperator *B) { return assign(B); }

Taint Analyzer::VisitCompoundAssignOperator(const CompoundAssignOperator *B) {
  return assign(B);
}

Taint Analyzer::VisitBinComma(const BinaryOperator *B) {
  return eval(B->getRHS());
}

/// The other binary operators: comparisons and logical operators carry
/// nothing; arithmetic and bitwise operators (and `.*`, `->*`) join their
/// operands.
Taint Analyzer::VisitBinaryOperator(const BinaryOperator *B) {
  if (B->isComparisonOp() || B->isLogicalOp())
    return {};
  // The distance between two pointers (`end - begin`) is a length, a fact
  // about the data, as size() is (LibraryModels.h, Count).
  if (B->getOpcode() == BO_Sub && B->getLHS()->getType()->isPointerType() &&
      B->getRHS()->getType()->isPointerType())
    return {};
  Taint T = eval(B->getLHS());
  joinTaint(T, eval(B->getRHS()), Steps);
  return T;
}

Taint Analyzer::VisitAbstractConditionalOperator(
    const AbstractConditionalOperator *CO) {
  Taint T = eval(CO->getTrueExpr());
  joinTaint(T, eval(CO->getFalseExpr()), Steps);
  return T;
}

Taint Analyzer::VisitArraySubscriptExpr(const ArraySubscriptExpr *A) {
  // The taint of the array and of the index: table-driven encoders keep it.
  Taint T = eval(A->getBase());
  joinTaint(T, eval(A->getIdx()), Steps);
  joinTaint(T, readLocs(derefTargets(A->getBase()), A->getExprLoc()), Steps);
  return T;
}

Taint Analyzer::VisitCallExpr(const CallExpr *C) { return call(C); }

Taint Analyzer::VisitCXXConstructExpr(const CXXConstructExpr *CE) {
  return construct(CE);
}

Taint Analyzer::VisitInitListExpr(const InitListExpr *IL) {
  return initList(IL);
}

Taint Analyzer::VisitMaterializeTemporaryExpr(
    const MaterializeTemporaryExpr *M) {
  return eval(M->getSubExpr());
}

Taint Analyzer::VisitCXXBindTemporaryExpr(const CXXBindTemporaryExpr *B) {
  return eval(B->getSubExpr());
}

Taint Analyzer::VisitExprWithCleanups(const ExprWithCleanups *W) {
  return eval(W->getSubExpr());
}

Taint Analyzer::VisitCXXDefaultArgExpr(const CXXDefaultArgExpr *DA) {
  return eval(DA->getExpr());
}

Taint Analyzer::VisitCXXDefaultInitExpr(const CXXDefaultInitExpr *DI) {
  return eval(DI->getExpr());
}

Taint Analyzer::VisitCXXStdInitializerListExpr(
    const CXXStdInitializerListExpr *SIL) {
  return eval(SIL->getSubExpr());
}

Taint Analyzer::VisitCXXThrowExpr(const CXXThrowExpr *TE) {
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

Taint Analyzer::VisitCXXThisExpr(const CXXThisExpr *) {
  Taint T;
  T[label(LabelKind::Param, ObjectIndex)] = -1;
  return T;
}

Taint Analyzer::VisitLambdaExpr(const LambdaExpr *LE) {
  Taint T = funcRef(LE->getCallOperator());
  for (const Expr *CI : LE->capture_inits())
    if (CI)
      joinTaint(T, eval(CI), Steps);
  return T;
}

Taint Analyzer::VisitCXXNewExpr(const CXXNewExpr *NE) {
  if (const Expr *I = NE->getInitializer())
    return eval(I);
  return {};
}

Taint Analyzer::VisitExpr(const Expr *E) {
  // Conservative default: whatever the children carry.
  Taint T;
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      joinTaint(T, eval(CE), Steps);
  return T;
}

} // namespace detail
} // namespace purpose
