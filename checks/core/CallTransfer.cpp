//===- CallTransfer.cpp - Call transfer of the function analyzer ----------===//
//
// Calls: a call of a function that may be defined elsewhere, or of a source,
// sink or declassifier, becomes a CallSite that the solver resolves; a call
// through a function pointer, member pointer or std::function an indirect
// one; every other library call is folded into local flow by the library
// model table (LibraryModels.h), which also sets the call sites' flags.
//
//===----------------------------------------------------------------------===//
#include "AnalyzerImpl.h"
#include "LibraryModels.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

namespace purpose {
namespace detail {
namespace {

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

/// A call's object (for a member call or a member operator), its other
/// arguments, where it is (the callee name, or the operator), and whether it
/// dispatches virtually.
struct CallOperands {
  const Expr *Obj = nullptr;
  llvm::SmallVector<const Expr *, 4> Args;
  bool Virtual = false;
  SourceLocation Loc;
};

CallOperands operandsOf(const CallExpr *CE, const FunctionDecl *Callee) {
  CallOperands Ops;
  for (const Expr *A : CE->arguments())
    Ops.Args.push_back(A);
  Ops.Loc = CE->getExprLoc();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    Ops.Obj = MC->getImplicitObjectArgument();
    if (const auto *ME =
            dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens())) {
      Ops.Loc = ME->getMemberLoc();
      if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()))
        Ops.Virtual = MD->isVirtual() && !ME->hasQualifier();
    }
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE)) {
    Ops.Loc = OC->getOperatorLoc();
    if (const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee))
      if (!MD->isStatic() && !Ops.Args.empty()) {
        Ops.Obj = Ops.Args.front();
        Ops.Args.erase(Ops.Args.begin());
        Ops.Virtual = MD->isVirtual();
      }
  } else if (Callee) {
    if (const auto *DR =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      Ops.Loc = DR->getLocation();
  }
  return Ops;
}

} // namespace

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

/// va_start, in each of the spellings Clang has for it.
static bool isVaStart(unsigned BuiltinID) {
  return BuiltinID == Builtin::BI__builtin_va_start ||
         BuiltinID == Builtin::BI__va_start;
}

// --- call sites ---

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
    if (Effect == LibraryEffect::Convert || Effect == LibraryEffect::StoresAway)
      CS.OutArg.assign(CS.OutArg.size(), false); // Counts and an error.
  }
  int K = (int)Calls.size();
  Calls.push_back(std::move(CS));
  CallLocs.push_back(Loc);
  CallIndex[E] = K;
  return K;
}

Taint Analyzer::call(const Expr *E) {
  const auto *CE = cast<CallExpr>(E);
  const FunctionDecl *Callee = CE->getDirectCallee();
  CallOperands Ops = operandsOf(CE, Callee);
  const Expr *Obj = Ops.Obj;
  llvm::ArrayRef<const Expr *> Args = Ops.Args;
  SourceLocation Loc = Ops.Loc;
  Taint ObjVal = Obj ? eval(Obj) : Taint();
  llvm::SmallVector<Taint, 4> ArgVals;
  for (const Expr *A : Args)
    ArgVals.push_back(eval(A));
  // Builtins (printf, strcpy, free, std::move) are library functions; a
  // policy entry or annotation on one still takes precedence.
  if (Callee && Callee->getBuiltinID() && !TU.declInfo(Callee)) {
    if (isVaStart(Callee->getBuiltinID()) && FD && FD->isVariadic() &&
        !Args.empty()) {
      // The list holds the variadic arguments: the parameter one past the
      // last (the solver binds every extra argument of a call to it).
      Taint T;
      T[label(LabelKind::Param, (int)FD->getNumParams())] = -1;
      Locs L = pointerTargets(Args[0]);
      if (L.size() == 0)
        L = locationsOf(Args[0]);
      store(L, T, /*Strong=*/false, Loc, "the variadic arguments, in");
    }
    return libraryCall(E, Callee, Obj, Args, ObjVal, ArgVals);
  }
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
  return directCall(CE, Callee, Obj, Args, Ops.Virtual, Loc, ObjVal, ArgVals);
}

void Analyzer::emitOperands(int K, const Expr *Obj, const Taint &ObjVal,
                            llvm::ArrayRef<const Expr *> Args,
                            llvm::ArrayRef<Taint> ArgVals,
                            const std::string &ToCallee) {
  if (Obj)
    emit(ObjVal, Output{OutputKind::CallArg, K, ObjectIndex, ""},
         Obj->getExprLoc(), "object of call " + ToCallee);
  for (unsigned I = 0; I < Args.size(); ++I)
    emit(ArgVals[I], Output{OutputKind::CallArg, K, (int)I, ""},
         Args[I]->getExprLoc(),
         "passed " + ToCallee + " as argument " + std::to_string(I + 1));
}

Taint Analyzer::directCall(const CallExpr *CE, const FunctionDecl *Callee,
                           const Expr *Obj, llvm::ArrayRef<const Expr *> Args,
                           bool Virtual, SourceLocation Loc,
                           const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals) {
  int K = callSite(CE, Callee, Loc);
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
  emitOperands(K, Obj, ObjVal, Args, ArgVals, "to " + CName);
  writtenByCall(K, Callee, Obj, Args, Loc, CName);
  Taint R;
  if (!Callee->getReturnType()->isVoidType())
    R[label(LabelKind::CallRet, K)] = -1;
  return R;
}

void Analyzer::writtenByCall(int K, const FunctionDecl *Callee, const Expr *Obj,
                             llvm::ArrayRef<const Expr *> Args,
                             SourceLocation Loc, const std::string &CName) {
  // What the callee may write through its arguments and into its object.
  const FunctionDecl *BD = bindingDecl(Callee);
  for (unsigned I = 0; I < Args.size() && I < BD->getNumParams(); ++I) {
    QualType PT = BD->getParamDecl(I)->getType();
    if (!isOutParamType(PT) && !(PT->isLValueReferenceType() &&
                                 !PT->getPointeeType().isConstQualified()))
      continue;
    Locs L =
        PT->isPointerType() ? pointerTargets(Args[I]) : locationsOf(Args[I]);
    Taint V;
    V[label(LabelKind::CallOut, K, (int)I)] = -1;
    store(L, V, /*Strong=*/false, Args[I]->getExprLoc(),
          "written by " + CName + " to");
  }
  if (Obj && Calls[K].ObjectMutable) {
    Locs L = objectLocations(Obj);
    Taint V;
    V[label(LabelKind::CallOut, K, ObjectIndex)] = -1;
    store(L, V, /*Strong=*/false, Loc, "written by " + CName + " to");
  }
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
  emitOperands(K, Obj, ObjVal, Args, ArgVals, "through " + CName);
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
  bool AsCallSite =
      Ctor && (Info || (!TU.isLibrary(Ctor) && !isTrivialSpecial(Ctor) &&
                        (!Ctor->isImplicit() || runsMemberInitializers(Ctor))));
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

// --- library calls: the model table's effects ---

Taint Analyzer::libraryCall(const Expr *E, const FunctionDecl *Callee,
                            const Expr *Obj, llvm::ArrayRef<const Expr *> Args,
                            const Taint &ObjVal,
                            llvm::ArrayRef<Taint> ArgVals) {
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
  if (Effect == LibraryEffect::StreamExtract)
    return streamExtract(Callee, Member, Args, ObjVal, ArgVals, Loc);
  if (Member && !MD->isConst())
    storeInObject(Callee, Effect, Obj, In, ArgVals, Loc);
  // Counts and an error: nothing.
  if (Effect != LibraryEffect::Convert && Effect != LibraryEffect::StoresAway)
    storeInOutArgs(Callee, Args, ObjVal, ArgVals, In, Loc);
  bool HasCallable =
      callCallables(Callee, Effect, Args, ObjVal, ArgVals, In, Loc);
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

Taint Analyzer::streamExtract(const FunctionDecl *Callee, bool Member,
                              llvm::ArrayRef<const Expr *> Args,
                              const Taint &ObjVal,
                              llvm::ArrayRef<Taint> ArgVals,
                              SourceLocation Loc) {
  // The stream flows into the other operands; nothing flows into it.
  const FunctionDecl *BD = bindingDecl(Callee);
  unsigned First = Member ? 0 : 1;
  Taint Stream =
      Member ? ObjVal : (ArgVals.empty() ? Taint() : ArgVals[StreamOperand]);
  for (unsigned I = First; I < Args.size() && I < BD->getNumParams(); ++I) {
    QualType PT = BD->getParamDecl(I)->getType();
    if (!isLibraryOutParamType(PT) || Stream.empty())
      continue;
    store(PT->isPointerType() ? pointerTargets(Args[I]) : locationsOf(Args[I]),
          Stream, /*Strong=*/false, Loc, "read by " + quoted(Callee) + " into");
  }
  QualType R = Callee->getReturnType();
  if (R->isBooleanType() || R->isVoidType())
    return {};
  return Stream;
}

void Analyzer::storeInObject(const FunctionDecl *Callee, LibraryEffect Effect,
                             const Expr *Obj, const Taint &In,
                             llvm::ArrayRef<Taint> ArgVals,
                             SourceLocation Loc) {
  // With what it was built over (a text buffer), but not what an iterator
  // points into: a library call on the iterator does not write the container.
  Locs L = objectLocations(Obj, /*ThroughIterators=*/false);
  if (Effect == LibraryEffect::Replace) {
    Taint V;
    for (const Taint &A : ArgVals)
      joinTaint(V, A, Steps);
    store(L, V, designatesWhole(Obj, Obj->getType()->isPointerType()), Loc,
          "assigned to");
  } else if (!In.empty()) {
    store(L, In, /*Strong=*/false, Loc, "stored by " + quoted(Callee) + " in");
  }
}

void Analyzer::storeInOutArgs(const FunctionDecl *Callee,
                              llvm::ArrayRef<const Expr *> Args,
                              const Taint &ObjVal,
                              llvm::ArrayRef<Taint> ArgVals, const Taint &In,
                              SourceLocation Loc) {
  const FunctionDecl *BD = bindingDecl(Callee);
  for (unsigned I = 0; I < Args.size() && I < BD->getNumParams(); ++I) {
    if (!isLibraryOutParamType(BD->getParamDecl(I)->getType()) || In.empty())
      continue;
    QualType PT = BD->getParamDecl(I)->getType();
    Locs L =
        PT->isPointerType() ? pointerTargets(Args[I]) : locationsOf(Args[I]);
    Taint Other;
    for (unsigned J = 0; J < ArgVals.size(); ++J)
      if (J != I)
        joinTaint(Other, ArgVals[J], Steps);
    joinTaint(Other, ObjVal, Steps);
    if (!Other.empty())
      store(L, Other, /*Strong=*/false, Loc,
            "written by " + quoted(Callee) + " to");
  }
}

bool Analyzer::callCallables(const FunctionDecl *Callee, LibraryEffect Effect,
                             llvm::ArrayRef<const Expr *> Args,
                             const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals,
                             Taint &In, SourceLocation Loc) {
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
  return HasCallable;
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
    emit(In, Output{OutputKind::CallArg, K, ObjectIndex, ""}, Arg->getExprLoc(),
         "object of call to " + CName);
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

} // namespace detail
} // namespace purpose
