//===- AnalyzerImpl.h - Internals of the function analyzer ------*- C++ -*-===//
//
// Private to the function analyzer: included only by its own sources, never
// by another header. The analysis of one function is split along its seams:
//
//   FunctionAnalyzer.cpp  the block worklist, the entry state, catch handler
//                         edges, statement transfer, summary extraction and
//                         the errors of budgets run out (run())
//   PointsTo.cpp          local points-to: where an lvalue or a pointer may
//                         refer to, tracked pointer locals
//   ExprTransfer.cpp      expression transfer, one Visit method per construct;
//                         reads and stores of the state
//   CallTransfer.cpp      calls: call sites, the library model table's
//                         effects, indirect calls, constructors
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_ANALYZERIMPL_H
#define PURPOSE_CORE_ANALYZERIMPL_H

#include "FunctionAnalyzer.h"
#include "LibraryModels.h"
#include "TaintLattice.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace purpose {
namespace detail {

/// What kind of storage a LocKey names.
enum class LocTag {
  /// A variable: a local, a parameter's own value, a capture.
  Variable,
  /// What a pointer or reference parameter designates.
  Pointee,
  /// Memory allocated in this function by malloc & co or a new-expression.
  Heap,
};

/// A local storage location: a variable, what a pointer or reference
/// parameter designates, or memory allocated in this function by malloc & co
/// or a new-expression (Heap: D is null, Alloc is the allocating expression).
struct LocKey {
  const clang::ValueDecl *D;
  LocTag Tag;
  const clang::Expr *Alloc = nullptr;

  static LocKey variable(const clang::ValueDecl *D) {
    return {D, LocTag::Variable};
  }
  static LocKey pointee(const clang::ValueDecl *D) {
    return {D, LocTag::Pointee};
  }
  static LocKey heap(const clang::Expr *Alloc) {
    return {nullptr, LocTag::Heap, Alloc};
  }

  bool operator<(const LocKey &O) const {
    return std::tie(D, Tag, Alloc) < std::tie(O.D, O.Tag, O.Alloc);
  }
  bool operator==(const LocKey &O) const {
    return D == O.D && Tag == O.Tag && Alloc == O.Alloc;
  }
};

using State = std::map<LocKey, Taint>;

/// Where an lvalue may refer to.
struct Locs {
  std::set<LocKey> Locals;
  std::set<const clang::FieldDecl *> Fields;
  std::set<const clang::VarDecl *> Globals;
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

/// Extra CFG edges into catch handlers: from every block of the handler's
/// try block, and from those blocks' predecessors, since a new-expression, a
/// constructor or a throw may leave the try block at any point (Clang's CFG
/// has exception edges only from calls).
struct HandlerEdges {
  std::vector<std::vector<unsigned>> Preds, Succs; // By block ID.
};

/// The handler edges of the try statements of \p G (FunctionAnalyzer.cpp).
HandlerEdges handlerEdges(const clang::CFG &G);

// --- helpers on the AST (PointsTo.cpp) ---

/// \p E without parentheses, no-op, derived-to-base and lvalue-to-rvalue
/// casts, temporaries and cleanups.
const clang::Expr *strip(const clang::Expr *E);
/// A pointer, an iterator, a lambda's closure or a reference_wrapper.
bool isIteratorLike(clang::QualType T);
/// Whether \p A and \p B are the same type, references and qualifiers aside.
bool sameBareType(clang::QualType A, clang::QualType B);
/// Whether storing to \p E overwrites a whole variable, so that a strong
/// update may replace what it held.
bool designatesWhole(const clang::Expr *E, bool ThroughPointer = false);

// --- helpers on parameters (CallTransfer.cpp) ---

/// Library rule: a parameter that taint may flow into.
bool isOutParamType(clang::QualType T);
/// Library rule: an out-parameter of a library function, except a pointer to
/// an opaque handle.
bool isLibraryOutParamType(clang::QualType T);
/// The declaration whose parameter types say how arguments bind.
const clang::FunctionDecl *bindingDecl(const clang::FunctionDecl *FD);

/// The analysis of one function body (or one global's initializer). It is
/// the visitor of expression transfer: compute() dispatches to one Visit
/// method per construct (ExprTransfer.cpp).
class Analyzer : public clang::ConstStmtVisitor<Analyzer, Taint> {
public:
  /// Analyzes the body of \p FD, or with \p GlobalInit, the initializer of
  /// that namespace-scope or static member variable (FD is then null).
  Analyzer(TUContext &TU, const clang::FunctionDecl *FD,
           const clang::VarDecl *GlobalInit = nullptr)
      : TU(TU), Ctx(TU.ast()), SM(Ctx.getSourceManager()), FD(FD),
        GlobalInit(GlobalInit) {}

  llvm::Expected<FunctionSummary> run();

private:
  /// The visitor's base dispatches to the Visit methods below.
  friend class clang::StmtVisitorBase<llvm::make_const_ptr, Analyzer, Taint>;

  // --- labels, steps, edges (emit: ExprTransfer.cpp) ---
  unsigned intern(const std::string &S) {
    auto [It, New] = KeyIds.insert({S, (unsigned)Keys.size()});
    if (New)
      Keys.push_back(S);
    return It->second;
  }
  Lbl label(LabelKind K, int A = 0, int B = 0, const std::string &Key = "") {
    return Lbl{K, A, B, Key.empty() ? 0u : intern(Key)};
  }
  int step(int Parent, clang::SourceLocation Loc, std::string Msg) {
    unsigned Len = Parent < 0 ? 1 : Steps[Parent].Len + 1;
    Steps.push_back({Parent, Loc, std::move(Msg), Len});
    return (int)Steps.size() - 1;
  }
  Taint withStep(const Taint &T, clang::SourceLocation Loc,
                 const std::string &Msg) {
    Taint R;
    for (const auto &[L, S] : T)
      R[L] = step(S, Loc, Msg);
    return R;
  }
  void emit(const Taint &T, const Output &O, clang::SourceLocation Loc,
            const std::string &Msg);

  // --- names ---
  std::string nameOf(const clang::NamedDecl *D) { return TU.qualifiedName(D); }
  std::string quoted(const clang::NamedDecl *D) {
    return "'" + nameOf(D) + "'";
  }
  std::string varName(const clang::ValueDecl *D) {
    if (clang::isa<clang::ParmVarDecl>(D) ||
        (clang::isa<clang::VarDecl>(D) &&
         clang::cast<clang::VarDecl>(D)->isLocalVarDeclOrParm()))
      return "'" + D->getNameAsString() + "'";
    return quoted(D);
  }

  // --- classification ---
  bool isLocalVar(const clang::VarDecl *VD) {
    if (!VD->isLocalVarDeclOrParm() || VD->isStaticLocal())
      return false;
    return true;
  }
  bool isGlobalVar(const clang::VarDecl *VD) {
    return VD->hasGlobalStorage() || VD->isStaticDataMember();
  }
  /// The position of \p D among the analyzed function's parameters; none
  /// when \p D is not one of them (always, for a global's initializer).
  std::optional<unsigned> paramIndex(const clang::ValueDecl *D) {
    for (unsigned I = 0; FD && I < FD->getNumParams(); ++I)
      if (FD->getParamDecl(I) == D)
        return I;
    return std::nullopt;
  }
  /// A variable of the enclosing function that a lambda's body uses, or an
  /// init-capture: part of the closure object.
  bool isCapture(const clang::VarDecl *VD) {
    if (VD->isInitCapture())
      return true;
    return isLocalVar(VD) && VD->getParentFunctionOrMethod() != FD &&
           !paramIndex(VD);
  }

  // --- pointer locals, flow-sensitively (PointsTo.cpp) ---
  /// A local pointer or iterator (not a parameter, capture or reference):
  /// its value carries PointsTo labels, so a read follows the targets of the
  /// assignments that reach it.
  bool isTrackedPointer(const clang::VarDecl *VD);
  /// The PointsTo label for what \p E, assigned to a tracked pointer, points
  /// to; empty when that is nothing known.
  Taint targetLabel(const clang::Expr *E);
  /// What a dereference of \p Ptr reads besides \p Ptr's value: nothing more
  /// for a tracked pointer (its value already holds its targets), else the
  /// flow-insensitive targets.
  Locs derefTargets(const clang::Expr *Ptr);

  // --- local points-to (PointsTo.cpp) ---
  Locs locationsOf(const clang::Expr *E);
  Locs callLocations(const clang::CallExpr *C);
  /// What the object of a member call stands for: what a pointer points to,
  /// else the expression's locations plus what a non-reference variable was
  /// made to point to (a stream's buffer; with \p ThroughIterators, also
  /// what a local iterator or pointer points into).
  Locs objectLocations(const clang::Expr *Obj, bool ThroughIterators = true);
  /// What a returned reference or pointer may refer to among \p Args: those
  /// of the result's own type, else (unless \p SameTypeOnly) every argument
  /// bound to a reference or pointer.
  Locs refArgLocations(const clang::FunctionDecl *Callee, clang::QualType R,
                       llvm::ArrayRef<const clang::Expr *> Args,
                       bool SameTypeOnly = false);
  Locs pointerTargets(const clang::Expr *E);
  Locs closureTargets(const clang::LambdaExpr *LE);
  Locs varLocs(const clang::VarDecl *VD);
  /// Iterates the flow-insensitive map to a fixpoint; false when it still
  /// changed after the points-to-rounds budget.
  bool computePointsTo(const clang::CFG &G);
  void pointsToStmt(const clang::Stmt *S, bool &Changed);
  Locs constructedOver(const clang::Expr *Init);

  // --- statements and blocks (FunctionAnalyzer.cpp) ---
  FunctionSummary summaryHeader();
  std::unique_ptr<clang::CFG> buildCFG();
  /// The CFG, points-to and dataflow of the body; an error when one cannot
  /// be completed.
  llvm::Error analyzeBody(const FunctionSummary &Sum);
  /// "analysis budget exhausted in 'F' (FILE:LINE): WHAT (BUDGET)".
  llvm::Error budgetError(const FunctionSummary &Sum, const std::string &What,
                          llvm::StringRef Budget);
  State entryState(const clang::CFG &G);
  llvm::Error solve(const clang::CFG &G, const State &Entry,
                    const FunctionSummary &Sum);
  void numberCalls();
  void extractSummary(FunctionSummary &Sum);
  void transferBlock(const clang::CFGBlock *B, State &S);
  void transfer(const clang::Stmt *St);
  void returnValue(const clang::ReturnStmt *RS);
  void varInit(const clang::VarDecl *VD);

  // --- expressions (ExprTransfer.cpp) ---
  Taint eval(const clang::Expr *E);
  /// The transfer function of one expression: the Visit method of its
  /// construct.
  Taint compute(const clang::Expr *E) { return Visit(E); }
  Taint readVar(const clang::VarDecl *VD, clang::SourceLocation Loc);
  Taint readLoc(const LocKey &K);
  Taint readLocs(const Locs &L, clang::SourceLocation Loc);
  Taint readField(const clang::FieldDecl *F, clang::SourceLocation Loc);
  Taint readGlobal(const clang::VarDecl *VD, clang::SourceLocation Loc);
  /// Keys of the program-wide states that model exceptions of type \p T:
  /// its own, and with \p WithBases those of all its base classes and the
  /// catch-all, for a throw.
  std::vector<std::string> exceptionKeys(clang::QualType T, bool WithBases);
  Taint funcRef(const clang::FunctionDecl *F);
  void addObjects(Taint &T, clang::QualType Ty, bool ThroughIndirection = true);
  void store(const Locs &L, const Taint &T, bool Strong,
             clang::SourceLocation Loc, const std::string &How);
  Taint assign(const clang::BinaryOperator *BO);
  Taint initList(const clang::InitListExpr *E);

  // --- the visitor's cases (ExprTransfer.cpp) ---
  Taint VisitIntegerLiteral(const clang::IntegerLiteral *E);
  Taint VisitStringLiteral(const clang::StringLiteral *E);
  Taint VisitFloatingLiteral(const clang::FloatingLiteral *E);
  Taint VisitCharacterLiteral(const clang::CharacterLiteral *E);
  Taint VisitCXXBoolLiteralExpr(const clang::CXXBoolLiteralExpr *E);
  Taint VisitCXXNullPtrLiteralExpr(const clang::CXXNullPtrLiteralExpr *E);
  Taint VisitUnaryExprOrTypeTraitExpr(const clang::UnaryExprOrTypeTraitExpr *E);
  Taint VisitTypeTraitExpr(const clang::TypeTraitExpr *E);
  Taint VisitSizeOfPackExpr(const clang::SizeOfPackExpr *E);
  Taint VisitCXXNoexceptExpr(const clang::CXXNoexceptExpr *E);
  Taint VisitDeclRefExpr(const clang::DeclRefExpr *D);
  Taint VisitMemberExpr(const clang::MemberExpr *M);
  Taint VisitCastExpr(const clang::CastExpr *C);
  Taint VisitParenExpr(const clang::ParenExpr *P);
  Taint VisitUnaryLNot(const clang::UnaryOperator *U);
  Taint VisitUnaryDeref(const clang::UnaryOperator *U);
  Taint VisitUnaryOperator(const clang::UnaryOperator *U);
  Taint VisitBinAssign(const clang::BinaryOperator *B);
  Taint VisitCompoundAssignOperator(const clang::CompoundAssignOperator *B);
  Taint VisitBinComma(const clang::BinaryOperator *B);
  Taint VisitBinaryOperator(const clang::BinaryOperator *B);
  Taint
  VisitAbstractConditionalOperator(const clang::AbstractConditionalOperator *C);
  Taint VisitArraySubscriptExpr(const clang::ArraySubscriptExpr *A);
  Taint VisitCallExpr(const clang::CallExpr *C);
  Taint VisitCXXConstructExpr(const clang::CXXConstructExpr *C);
  Taint VisitInitListExpr(const clang::InitListExpr *IL);
  Taint VisitMaterializeTemporaryExpr(const clang::MaterializeTemporaryExpr *M);
  Taint VisitCXXBindTemporaryExpr(const clang::CXXBindTemporaryExpr *B);
  Taint VisitExprWithCleanups(const clang::ExprWithCleanups *W);
  Taint VisitCXXDefaultArgExpr(const clang::CXXDefaultArgExpr *DA);
  Taint VisitCXXDefaultInitExpr(const clang::CXXDefaultInitExpr *DI);
  Taint
  VisitCXXStdInitializerListExpr(const clang::CXXStdInitializerListExpr *S);
  Taint VisitCXXThrowExpr(const clang::CXXThrowExpr *TE);
  Taint VisitCXXThisExpr(const clang::CXXThisExpr *E);
  Taint VisitLambdaExpr(const clang::LambdaExpr *LE);
  Taint VisitCXXNewExpr(const clang::CXXNewExpr *NE);
  Taint VisitExpr(const clang::Expr *E);

  // --- calls (CallTransfer.cpp) ---
  Taint call(const clang::Expr *E);
  Taint directCall(const clang::CallExpr *CE, const clang::FunctionDecl *Callee,
                   const clang::Expr *Obj,
                   llvm::ArrayRef<const clang::Expr *> Args, bool Virtual,
                   clang::SourceLocation Loc, const Taint &ObjVal,
                   llvm::ArrayRef<Taint> ArgVals);
  /// The object and arguments of call site \p K as its CallArg outputs;
  /// \p ToCallee says how they go ("to 'f'", "through 'fp'").
  void emitOperands(int K, const clang::Expr *Obj, const Taint &ObjVal,
                    llvm::ArrayRef<const clang::Expr *> Args,
                    llvm::ArrayRef<Taint> ArgVals, const std::string &ToCallee);
  void writtenByCall(int K, const clang::FunctionDecl *Callee,
                     const clang::Expr *Obj,
                     llvm::ArrayRef<const clang::Expr *> Args,
                     clang::SourceLocation Loc, const std::string &CName);
  Taint construct(const clang::CXXConstructExpr *E);
  Taint indirectCall(const clang::CallExpr *CE, const clang::Expr *CalleeE,
                     const clang::Expr *Obj,
                     llvm::ArrayRef<const clang::Expr *> Args,
                     const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals,
                     clang::SourceLocation Loc);
  Taint libraryCall(const clang::Expr *E, const clang::FunctionDecl *Callee,
                    const clang::Expr *Obj,
                    llvm::ArrayRef<const clang::Expr *> Args,
                    const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals);
  Taint streamExtract(const clang::FunctionDecl *Callee, bool Member,
                      llvm::ArrayRef<const clang::Expr *> Args,
                      const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals,
                      clang::SourceLocation Loc);
  void storeInObject(const clang::FunctionDecl *Callee, LibraryEffect Effect,
                     const clang::Expr *Obj, const Taint &In,
                     llvm::ArrayRef<Taint> ArgVals, clang::SourceLocation Loc);
  void storeInOutArgs(const clang::FunctionDecl *Callee,
                      llvm::ArrayRef<const clang::Expr *> Args,
                      const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals,
                      const Taint &In, clang::SourceLocation Loc);
  bool callCallables(const clang::FunctionDecl *Callee, LibraryEffect Effect,
                     llvm::ArrayRef<const clang::Expr *> Args,
                     const Taint &ObjVal, llvm::ArrayRef<Taint> ArgVals,
                     Taint &In, clang::SourceLocation Loc);
  int callSite(const clang::Expr *E, const clang::FunctionDecl *Callee,
               clang::SourceLocation Loc);
  Taint callCallable(const clang::Expr *Arg, const Taint &In,
                     const Taint &ArgVal);

  TUContext &TU;
  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  const clang::FunctionDecl *FD;
  const clang::VarDecl *GlobalInit;

  std::vector<std::string> Keys{""};
  llvm::StringMap<unsigned> KeyIds;
  std::vector<Step> Steps;
  std::map<std::pair<Lbl, Output>, int> Edges;
  std::map<const clang::Expr *, Taint> ExprVal;
  /// Expressions that are CFG elements: their values are kept in ExprVal.
  llvm::DenseSet<const clang::Stmt *> Elements;
  std::map<const clang::VarDecl *, Locs> PointsTo;
  /// Location sets named by PointsTo labels, by the expression assigned.
  std::vector<Locs> TargetSets;
  std::map<const clang::Expr *, int> TargetIds;
  State *Cur = nullptr;

  std::vector<CallSite> Calls;
  std::vector<clang::SourceLocation> CallLocs;
  llvm::DenseMap<const clang::Expr *, int> CallIndex;
  std::set<std::string> FieldsRead;
  std::set<Output> RetRefs;
};

} // namespace detail
} // namespace purpose

#endif
