//===- PurposeAnnotationCheck.cpp -----------------------------------------===//
#include "PurposeAnnotationCheck.h"
#include "Purpose.h"
#include "Suppressions.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace purpose {
namespace {

enum class AnnotationKind { Limited, Use, Declassify, Unknown };

AnnotationKind kindOf(llvm::StringRef Annotation) {
  llvm::StringRef Kind = Annotation.split(':').first;
  return llvm::StringSwitch<AnnotationKind>(Kind)
      .Case("purpose_limited", AnnotationKind::Limited)
      .Case("purpose_use", AnnotationKind::Use)
      .Case("purpose_declassify", AnnotationKind::Declassify)
      .Default(AnnotationKind::Unknown);
}

const char *macroName(AnnotationKind K) {
  switch (K) {
  case AnnotationKind::Limited:
    return "PURPOSE_LIMITED";
  case AnnotationKind::Use:
    return "PURPOSE_USE";
  case AnnotationKind::Declassify:
    return "PURPOSE_DECLASSIFY";
  case AnnotationKind::Unknown:
    break;
  }
  return "";
}

/// "a field", "a local variable", ...: what \p D is, for messages.
std::string describe(const Decl *D) {
  if (isa<FieldDecl>(D))
    return "a field";
  if (isa<ParmVarDecl>(D))
    return "a parameter";
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return VD->hasGlobalStorage() ? "a variable" : "a local variable";
  if (isa<CXXConstructorDecl>(D))
    return "a constructor";
  if (isa<CXXDestructorDecl>(D))
    return "a destructor";
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return FD->getReturnType()->isVoidType() ? "a function returning void"
                                             : "a function";
  if (isa<TagDecl>(D))
    return "a type";
  if (isa<TypedefNameDecl>(D))
    return "a type alias";
  if (isa<NamespaceDecl>(D))
    return "a namespace";
  if (isa<EnumConstantDecl>(D))
    return "an enumerator";
  return "this declaration";
}

/// Whether an annotation of kind \p K may stand on \p D (INTERFACE.md
/// section 2), and if not, what it applies to.
bool applies(AnnotationKind K, const Decl *D, const char *&AppliesTo) {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  bool ValueFunction = FD && !isa<CXXConstructorDecl>(D) &&
                       !isa<CXXDestructorDecl>(D) &&
                       !FD->getReturnType()->isVoidType();
  switch (K) {
  case AnnotationKind::Limited: {
    AppliesTo = "fields, global or static variables, parameters, and "
                "functions that return a value";
    const auto *VD = dyn_cast<VarDecl>(D);
    return isa<FieldDecl>(D) || isa<ParmVarDecl>(D) ||
           (VD && VD->hasGlobalStorage()) || ValueFunction;
  }
  case AnnotationKind::Use:
    AppliesTo = "functions and parameters";
    return isa<ParmVarDecl>(D) || (FD && !isa<CXXDestructorDecl>(D));
  case AnnotationKind::Declassify:
    AppliesTo = "functions that return a value";
    return ValueFunction;
  case AnnotationKind::Unknown:
    break;
  }
  return true;
}

/// True iff the NOLINT comment starting at \p Marker lists a purpose-* check
/// explicitly. Bare NOLINT and "*" are meant for every tool, and are left to
/// the CLI's report.
bool namesPurposeCheck(llvm::StringRef Marker) {
  Marker.consume_front("NOLINT");
  if (!Marker.consume_front("NEXTLINE"))
    Marker.consume_front("BEGIN");
  if (!Marker.consume_front("("))
    return false;
  llvm::StringRef List = Marker.take_until([](char C) { return C == ')'; });
  llvm::SmallVector<llvm::StringRef, 4> Names;
  List.split(Names, ',');
  return llvm::any_of(Names, [](llvm::StringRef N) {
    return N.trim().starts_with("purpose-");
  });
}

} // namespace

void PurposeAnnotationCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(decl(hasAttr(attr::Annotate),
                          unless(isExpansionInSystemHeader()))
                         .bind("decl"),
                     this);
}

void PurposeAnnotationCheck::registerPPCallbacks(const SourceManager &SM,
                                                 Preprocessor *,
                                                 Preprocessor *) {
  this->SM = &SM;
}

void PurposeAnnotationCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *D = Result.Nodes.getNodeAs<Decl>("decl");
  if (!D || D->isImplicit())
    return;
  for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation().starts_with("purpose_") && !A->isInherited())
      checkAttribute(D, A);
  checkConflict(D);
}

void PurposeAnnotationCheck::checkAttribute(const Decl *D,
                                            const AnnotateAttr *A) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(A->getLocation());
  if (!SeenAttrs.insert(Loc).second)
    return;
  auto [KindText, Arg] = A->getAnnotation().split(':');
  AnnotationKind K = kindOf(A->getAnnotation());
  switch (K) {
  case AnnotationKind::Unknown:
    diag(Loc, "unknown purpose annotation '%0'; expected purpose_limited, "
              "purpose_use or purpose_declassify")
        << KindText;
    return;
  case AnnotationKind::Limited:
    if (llvm::Expected<std::vector<std::string>> L = parsePurposeList(Arg);
        !L)
      diag(Loc, "%0", DiagnosticIDs::Error) << llvm::toString(L.takeError());
    break;
  case AnnotationKind::Use:
    if (!isValidPurpose(Arg.trim(" \t")))
      diag(Loc, "malformed purpose '%0'; expected [a-z0-9_]+(.[a-z0-9_]+)*",
           DiagnosticIDs::Error)
          << Arg.trim(" \t");
    break;
  case AnnotationKind::Declassify:
    if (Arg.trim().empty())
      diag(Loc, "'PURPOSE_DECLASSIFY' without a reason; say why the result "
                "carries no limitation");
    break;
  }
  const char *AppliesTo = "";
  if (!applies(K, D, AppliesTo))
    diag(Loc, "'%0' cannot apply to %1; it applies to %2")
        << macroName(K) << describe(D) << AppliesTo;
}

void PurposeAnnotationCheck::checkConflict(const Decl *D) {
  const AnnotateAttr *Limited = nullptr, *Use = nullptr;
  for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>()) {
    AnnotationKind K = kindOf(A->getAnnotation());
    if (K == AnnotationKind::Limited && !Limited)
      Limited = A;
    else if (K == AnnotationKind::Use && !Use)
      Use = A;
  }
  if (!Limited || !Use || (Limited->isInherited() && Use->isInherited()))
    return;
  const SourceManager &SM = D->getASTContext().getSourceManager();
  const AnnotateAttr *Here = Use->isInherited() ? Limited : Use;
  const AnnotateAttr *There = Here == Use ? Limited : Use;
  SourceLocation Loc = SM.getExpansionLoc(Here->getLocation());
  if (!SeenConflicts.insert(Loc).second)
    return;
  diag(Loc, "'PURPOSE_USE' and 'PURPOSE_LIMITED' on the same declaration; a "
            "declaration either holds limited data or uses it");
  diag(SM.getExpansionLoc(There->getLocation()), "'%0' is here",
       DiagnosticIDs::Note)
      << (There == Use ? "PURPOSE_USE" : "PURPOSE_LIMITED");
}

void PurposeAnnotationCheck::onEndOfTranslationUnit() {
  if (!SM)
    return;
  FileID Main = SM->getMainFileID();
  std::optional<llvm::StringRef> Text = SM->getBufferDataOrNone(Main);
  if (!Text)
    return;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text->split(Lines, '\n');
  for (const Suppression &S :
       findSuppressions("", *Text, "purpose-limitation")) {
    if (!S.Reason.empty() || S.Pos.Line == 0 || S.Pos.Line > Lines.size())
      continue;
    if (!namesPurposeCheck(Lines[S.Pos.Line - 1].substr(S.Pos.Column - 1)))
      continue;
    diag(SM->translateLineCol(Main, S.Pos.Line, S.Pos.Column),
         "suppression of purpose-limitation without a reason; write "
         "'NOLINT(purpose-limitation): reason'");
  }
  SM = nullptr;
}

} // namespace purpose
