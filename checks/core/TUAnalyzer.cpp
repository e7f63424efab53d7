//===- TUAnalyzer.cpp -----------------------------------------------------===//
#include "TUAnalyzer.h"
#include "AnnotationChecks.h"
#include "FunctionAnalyzer.h"
#include "TUContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace purpose {
namespace {

class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(TUContext &TU) : TU(TU) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitLambdaBody() const { return true; }

  /// Nothing declared in a library header is collected (TU.isLibrary), and
  /// no declaration of the program nests lexically inside one, so the
  /// library's subtrees, most of a TU's AST, are skipped. Policy sinks with
  /// a parameter need every declaration, the library's too.
  bool TraverseDecl(Decl *D) {
    if (D && !CheckPolicyParams && isInLibraryHeader(D))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
        !FD->isInvalidDecl() &&
        (!FD->isDefaulted() || runsMemberInitializers(FD)) &&
        !TU.isLibrary(FD) && Seen.insert(FD).second)
      Functions.push_back(FD);
    noteAnnotated(FD);
    // Policy sinks with a parameter are checked against every declaration
    // they match, called or not.
    if (CheckPolicyParams && !FD->isDependentContext())
      TU.declInfo(FD);
    return true;
  }
  bool CheckPolicyParams = false;
  bool VisitLambdaExpr(LambdaExpr *LE) {
    if (CXXMethodDecl *MD = LE->getCallOperator())
      VisitFunctionDecl(MD);
    return true;
  }
  /// Every annotated declaration of the program, used or not, for the
  /// purpose-annotation rule.
  bool VisitDecl(Decl *D) {
    if (D->hasAttr<AnnotateAttr>() && !TU.isLibrary(D))
      findAnnotationMistakes(D, Mistakes);
    return true;
  }
  llvm::SmallVector<AnnotationMistake, 0> Mistakes;

  /// Direct callees of the program that this TU does not define.
  bool VisitCallExpr(CallExpr *CE) {
    if (Callees)
      noteCallee(CE->getDirectCallee());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    if (Callees)
      noteCallee(CE->getConstructor());
    return true;
  }
  std::map<std::string, ExternalCallee> *Callees = nullptr;
  bool VisitFieldDecl(FieldDecl *D) {
    noteAnnotated(D);
    return true;
  }
  bool VisitVarDecl(VarDecl *D) {
    if (isa<ParmVarDecl>(D))
      return true;
    noteAnnotated(D);
    // Initializers of variables at namespace scope and of static members run
    // outside any function body: each is analyzed on its own.
    if (D->hasGlobalStorage() && !D->isStaticLocal() && D->hasInit() &&
        D->isThisDeclarationADefinition() == VarDecl::Definition &&
        !D->getDeclContext()->isDependentContext() && !D->isInvalidDecl() &&
        !D->getInit()->isValueDependent() && !TU.isLibrary(D) &&
        !isa<VarTemplatePartialSpecializationDecl>(D) &&
        !D->getDescribedVarTemplate() && SeenGlobals.insert(D).second)
      Globals.push_back(D);
    return true;
  }

  std::vector<const FunctionDecl *> Functions;
  std::vector<const VarDecl *> Globals;

private:
  void noteCallee(const FunctionDecl *FD) {
    if (!FD || FD->isDefined() || FD->isPureVirtual() ||
        FD->isDependentContext() || FD->isImplicit() || TU.isLibrary(FD) ||
        FD->getBuiltinID())
      return;
    std::string USR = TU.usrOf(FD);
    if (!USR.empty() && !Callees->count(USR))
      (*Callees)[USR] = {TU.qualifiedName(FD),
                         TU.posOf(FD->getFirstDecl()->getLocation())};
  }

  void noteAnnotated(NamedDecl *D) {
    if (TU.isLibrary(D))
      return;
    bool Has = false;
    for (const auto *A : D->specific_attrs<AnnotateAttr>())
      Has |= A->getAnnotation().starts_with("purpose_");
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      for (unsigned I = 0; I < FD->getNumParams(); ++I)
        for (const auto *A :
             FD->getParamDecl(I)->specific_attrs<AnnotateAttr>())
          if (A->getAnnotation().starts_with("purpose_limited")) {
            TU.paramOrigin(FD, I);
          } else if (A->getAnnotation().starts_with("purpose_")) {
            Has = true;
          }
    }
    if (Has)
      TU.declInfo(D);
  }

  TUContext &TU;
  llvm::DenseSet<const FunctionDecl *> Seen;
  llvm::DenseSet<const VarDecl *> SeenGlobals;
};

} // namespace

void analyzeTranslationUnit(ASTContext &Ctx, const Policy &Pol, TUSummary &Out,
                            std::vector<RunError> &Errors,
                            std::map<std::string, ExternalCallee> *Callees,
                            const AnalyzerOptions &Opts) {
  TUContext TU(Ctx, Pol, Out, Opts);
  const SourceManager &SM = Ctx.getSourceManager();
  if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    Out.MainFile = TU.posOf(SM.getLocForStartOfFile(SM.getMainFileID())).File;
  Collector C(TU);
  C.Callees = Callees;
  C.CheckPolicyParams = llvm::any_of(
      Pol.Sinks, [](const SinkRule &R) { return R.Param.has_value(); });
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  for (const FunctionDecl *FD : C.Functions) {
    auto Sum = analyzeFunction(TU, FD);
    if (!Sum) {
      Errors.push_back({llvm::toString(Sum.takeError())});
      continue;
    }
    Out.Functions.push_back(std::move(*Sum));
  }
  for (const VarDecl *VD : C.Globals) {
    auto Sum = analyzeGlobalInitializer(TU, VD);
    if (!Sum) {
      Errors.push_back({llvm::toString(Sum.takeError())});
      continue;
    }
    // Most initializers are constants: keep only those that carry data.
    if (!Sum->Edges.empty() || !Sum->Calls.empty())
      Out.Functions.push_back(std::move(*Sum));
  }
  for (const AnnotationMistake &M : C.Mistakes)
    Out.AnnotationFindings.push_back({TU.posOf(M.Loc), M.Message});
  // Suppressions naming purpose-limitation without a reason, in the main
  // file. Elsewhere, and for a bare NOLINT, the report pipeline names those
  // that suppress a finding.
  if (std::optional<llvm::StringRef> Text =
          SM.getBufferDataOrNone(SM.getMainFileID()))
    for (const Suppression &S : unjustifiedSuppressions(
             Out.MainFile, *Text, UnjustifiedKind::NamingPurposeCheck))
      Out.AnnotationFindings.push_back({S.Pos, UnjustifiedSuppressionMessage});
  auto Key = [](const TraceStep &S) { return std::tie(S.Pos, S.Message); };
  llvm::sort(
      Out.AnnotationFindings,
      [&](const TraceStep &A, const TraceStep &B) { return Key(A) < Key(B); });
  Out.AnnotationFindings.erase(
      std::unique(Out.AnnotationFindings.begin(), Out.AnnotationFindings.end(),
                  [&](const TraceStep &A, const TraceStep &B) {
                    return Key(A) == Key(B);
                  }),
      Out.AnnotationFindings.end());
}

} // namespace purpose
