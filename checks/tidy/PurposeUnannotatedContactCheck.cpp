//===- PurposeUnannotatedContactCheck.cpp ---------------------------------===//
#include "PurposeUnannotatedContactCheck.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace purpose {
namespace {

constexpr const char *DefaultPatterns = "phone;msisdn;email;e_mail;e-mail";

bool hasPurposeAttr(const Decl *D) {
  for (const Decl *R : D->redecls())
    for (const AnnotateAttr *A : R->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation().starts_with("purpose_"))
        return true;
  return false;
}

/// Annotated itself, through a redeclaration, its template pattern, or a
/// method it overrides (an annotation on a virtual covers the overrides).
bool isAnnotated(const Decl *D) {
  if (hasPurposeAttr(D))
    return true;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
      if (hasPurposeAttr(P))
        return true;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(D))
    for (const CXXMethodDecl *O : MD->overridden_methods())
      if (isAnnotated(O))
        return true;
  return false;
}

bool isLimited(const Decl *D) {
  for (const Decl *R : D->redecls())
    for (const AnnotateAttr *A : R->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation().starts_with("purpose_limited"))
        return true;
  return false;
}

/// Finds a use of limited data: a field, variable or parameter annotated
/// PURPOSE_LIMITED, or a call of a function so annotated.
class LimitedUseFinder : public RecursiveASTVisitor<LimitedUseFinder> {
public:
  bool Found = false;
  bool VisitMemberExpr(MemberExpr *E) { return note(E->getMemberDecl()); }
  bool VisitDeclRefExpr(DeclRefExpr *E) { return note(E->getDecl()); }

private:
  bool note(const Decl *D) {
    Found = D && isLimited(D);
    return !Found; // Stop at the first.
  }
};

/// True iff \p FD derives its result from data that is limited already: its
/// body uses limited data (an accessor of an annotated field), or it takes
/// contact data as a parameter (NormalizeEmail(email)). The analysis follows
/// the limitation through such functions; annotating them adds nothing.
bool transformsLimitedData(const FunctionDecl *FD,
                           llvm::function_ref<bool(llvm::StringRef)> Matches) {
  for (const ParmVarDecl *P : FD->parameters())
    if (Matches(P->getName()))
      return true;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def->getBody())
    return false;
  LimitedUseFinder F;
  F.TraverseStmt(Def->getBody());
  return F.Found;
}

/// The type name that a pattern is matched against: references, pointers
/// and qualifiers removed.
std::string typeName(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType();
  while (T->isPointerType())
    T = T->getPointeeType();
  return T.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy());
}

} // namespace

PurposeUnannotatedContactCheck::PurposeUnannotatedContactCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      RawPatterns(Options.get("Patterns", DefaultPatterns)) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(RawPatterns).split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Patterns.push_back(P.trim().lower());
}

void PurposeUnannotatedContactCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Patterns", RawPatterns);
}

void PurposeUnannotatedContactCheck::registerMatchers(MatchFinder *Finder) {
  auto UserCode = unless(anyOf(isExpansionInSystemHeader(), isImplicit()));
  Finder->addMatcher(fieldDecl(UserCode).bind("decl"), this);
  Finder->addMatcher(functionDecl(UserCode, unless(returns(voidType())),
                                  unless(cxxConstructorDecl()),
                                  unless(cxxDestructorDecl()))
                         .bind("decl"),
                     this);
}

llvm::StringRef
PurposeUnannotatedContactCheck::matchingPattern(llvm::StringRef Text) const {
  std::string Lower = Text.lower();
  for (const std::string &P : Patterns)
    if (llvm::StringRef(Lower).contains(P))
      return P;
  return "";
}

void PurposeUnannotatedContactCheck::check(
    const MatchFinder::MatchResult &Result) {
  const auto *D = Result.Nodes.getNodeAs<DeclaratorDecl>("decl");
  if (!D || !D->getDeclName().isIdentifier() || D->getName().empty())
    return;
  const auto *FD = dyn_cast<FunctionDecl>(D);
  QualType T = FD ? FD->getReturnType() : D->getType();
  if (T->isBooleanType())
    return;
  llvm::StringRef Pattern = matchingPattern(D->getName());
  bool ByType = false;
  std::string Type = typeName(T, *Result.Context);
  if (Pattern.empty()) {
    Pattern = matchingPattern(Type);
    ByType = true;
  }
  if (Pattern.empty() || isAnnotated(D) ||
      (FD && transformsLimitedData(FD, [&](llvm::StringRef Name) {
         return !matchingPattern(Name).empty();
       })))
    return;
  const Decl *Canon = D->getCanonicalDecl();
  SourceLocation Loc = Canon->getLocation();
  if (const auto *P = FD ? FD->getTemplateInstantiationPattern() : nullptr)
    Loc = P->getCanonicalDecl()->getLocation();
  if (!Seen.insert(Loc).second)
    return;
  const char *What = FD ? "function" : "field";
  std::string Name = D->getQualifiedNameAsString();
  if (!ByType)
    diag(Loc, "%0 '%1' looks like contact data but has no purpose annotation; "
              "annotate it with PURPOSE_LIMITED if it holds personal data")
        << What << Name;
  else
    diag(Loc, "%0 '%1' has type '%2', which looks like contact data, but no "
              "purpose annotation; annotate it with PURPOSE_LIMITED if it "
              "holds personal data")
        << What << Name << Type;
}

} // namespace purpose
