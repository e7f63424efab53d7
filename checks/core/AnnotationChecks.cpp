//===- AnnotationChecks.cpp -----------------------------------------------===//
#include "AnnotationChecks.h"
#include "Purpose.h"
#include "Suppressions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace purpose {
namespace {

enum class AnnotationKind { Limited, Use, Declassify, Category, Unknown };

AnnotationKind kindOf(llvm::StringRef Annotation) {
  llvm::StringRef Kind = Annotation.split(':').first;
  return llvm::StringSwitch<AnnotationKind>(Kind)
      .Case("purpose_limited", AnnotationKind::Limited)
      .Case("purpose_use", AnnotationKind::Use)
      .Case("purpose_declassify", AnnotationKind::Declassify)
      .Case("purpose_category", AnnotationKind::Category)
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
  case AnnotationKind::Category:
    return "PURPOSE_CATEGORY";
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

/// Whether an annotation of kind \p K may stand on \p D (docs/reference.md,
/// "Annotations"), and if not, what it applies to.
bool applies(AnnotationKind K, const Decl *D, const char *&AppliesTo) {
  const auto *FD = dyn_cast<FunctionDecl>(D);
  bool ValueFunction = FD && !isa<CXXConstructorDecl>(D) &&
                       !isa<CXXDestructorDecl>(D) &&
                       !FD->getReturnType()->isVoidType();
  switch (K) {
  case AnnotationKind::Limited:
  case AnnotationKind::Category: {
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

void checkAttribute(const Decl *D, const AnnotateAttr *A,
                    llvm::SmallVectorImpl<AnnotationMistake> &Out) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(A->getLocation());
  auto [KindText, Arg] = A->getAnnotation().split(':');
  AnnotationKind K = kindOf(A->getAnnotation());
  auto add = [&](std::string Msg, bool IsError = false) {
    Out.push_back({Loc, std::move(Msg), IsError, {}, {}});
  };
  switch (K) {
  case AnnotationKind::Unknown:
    add("unknown purpose annotation '" + KindText.str() +
        "'; expected purpose_limited, purpose_use, purpose_declassify or "
        "purpose_category");
    return;
  case AnnotationKind::Limited:
    if (llvm::Expected<std::vector<std::string>> L = parsePurposeList(Arg); !L)
      add(llvm::toString(L.takeError()), /*IsError=*/true);
    break;
  case AnnotationKind::Use:
    if (!isValidPurpose(Arg.trim(" \t")))
      add("malformed purpose '" + Arg.trim(" \t").str() +
              "'; expected [a-z0-9_]+(.[a-z0-9_]+)*",
          /*IsError=*/true);
    break;
  case AnnotationKind::Category:
    if (!isValidPurpose(Arg.trim(" \t")))
      add("malformed data category '" + Arg.trim(" \t").str() +
              "'; expected a fideslang key such as "
              "'user.contact.phone_number'",
          /*IsError=*/true);
    break;
  case AnnotationKind::Declassify:
    if (Arg.trim().empty())
      add("'PURPOSE_DECLASSIFY' without a reason; say why the result carries "
          "no limitation");
    break;
  }
  const char *AppliesTo = "";
  if (!applies(K, D, AppliesTo))
    add(std::string("'") + macroName(K) + "' cannot apply to " + describe(D) +
        "; it applies to " + AppliesTo);
}

void checkConflict(const Decl *D,
                   llvm::SmallVectorImpl<AnnotationMistake> &Out) {
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
  Out.push_back({SM.getExpansionLoc(Here->getLocation()),
                 "'PURPOSE_USE' and 'PURPOSE_LIMITED' on the same declaration; "
                 "a declaration either holds limited data or uses it",
                 false, SM.getExpansionLoc(There->getLocation()),
                 std::string("'") +
                     (There == Use ? "PURPOSE_USE" : "PURPOSE_LIMITED") +
                     "' is here"});
}

} // namespace

const char UnjustifiedSuppressionMessage[] =
    "suppression of purpose-limitation without a reason; write "
    "'NOLINT(purpose-limitation): reason'";

void findAnnotationMistakes(const Decl *D,
                            llvm::SmallVectorImpl<AnnotationMistake> &Out) {
  if (!D || D->isImplicit())
    return;
  for (const AnnotateAttr *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation().starts_with("purpose_") && !A->isInherited())
      checkAttribute(D, A, Out);
  checkConflict(D, Out);
}

namespace {

/// True iff the NOLINT comment starting at \p Marker lists a purpose-* check
/// by name (not bare, not "*").
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

std::vector<Suppression> unjustifiedSuppressions(llvm::StringRef File,
                                                 llvm::StringRef Text,
                                                 UnjustifiedKind Kind) {
  std::vector<Suppression> Out;
  if (!Text.contains("NOLINT"))
    return Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  for (Suppression &S : findSuppressions(File, Text, "purpose-limitation")) {
    if (!S.Reason.empty() || S.Pos.Line == 0 || S.Pos.Line > Lines.size() ||
        S.Pos.Column == 0)
      continue;
    bool Naming =
        namesPurposeCheck(Lines[S.Pos.Line - 1].substr(S.Pos.Column - 1));
    if (Naming == (Kind == UnjustifiedKind::NamingPurposeCheck))
      Out.push_back(std::move(S));
  }
  return Out;
}

} // namespace purpose
