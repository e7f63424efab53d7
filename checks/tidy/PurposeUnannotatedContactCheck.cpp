//===- PurposeUnannotatedContactCheck.cpp ---------------------------------===//
#include "PurposeUnannotatedContactCheck.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
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

/// True iff \p FD's body is `return <field>;` for an annotated field: the
/// accessor of data that carries its limitation already.
bool returnsAnnotatedField(const FunctionDecl *FD) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
  if (!Body || Body->size() != 1)
    return false;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Ret || !Ret->getRetValue())
    return false;
  const Expr *E = Ret->getRetValue()->IgnoreUnlessSpelledInSource();
  const auto *ME = dyn_cast<MemberExpr>(E);
  return ME && isa<FieldDecl>(ME->getMemberDecl()) &&
         hasPurposeAttr(ME->getMemberDecl());
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
      (FD && returnsAnnotatedField(FD)))
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
