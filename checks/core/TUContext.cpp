//===- TUContext.cpp ------------------------------------------------------===//
#include "TUContext.h"
#include "Purpose.h"
#include "TUAnalyzer.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/TemplateBase.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace purpose {

TUContext::TUContext(ASTContext &Ctx, const Policy &Pol, TUSummary &Out,
                     const AnalyzerOptions &Opts)
    : Ctx(Ctx), Pol(Pol), Out(Out), Opts(Opts) {}

static std::string templateArgsSuffix(ASTContext &Ctx,
                                      llvm::ArrayRef<TemplateArgument> Args) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  PrintingPolicy PP(Ctx.getLangOpts());
  PP.SuppressScope = false;
  OS << '<';
  bool First = true;
  for (const TemplateArgument &A : Args) {
    if (!First)
      OS << ',';
    First = false;
    A.print(PP, OS, /*IncludeType=*/true);
  }
  OS << '>';
  return S;
}

std::string TUContext::usrOf(const Decl *D) {
  D = D->getCanonicalDecl();
  auto It = USRs.find(D);
  if (It != USRs.end())
    return It->second;
  llvm::SmallString<128> Buf;
  std::string USR;
  if (!index::generateUSRForDecl(D, Buf))
    USR = std::string(Buf.str());
  // Instantiations of one template share a USR; each is its own function.
  if (!USR.empty()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D))
      if (const TemplateArgumentList *TA = FD->getTemplateSpecializationArgs())
        USR += templateArgsSuffix(Ctx, TA->asArray());
    for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(DC))
        if (!isa<ClassTemplatePartialSpecializationDecl>(Spec) &&
            Spec->getSpecializationKind() != TSK_ExplicitSpecialization)
          USR += templateArgsSuffix(Ctx, Spec->getTemplateArgs().asArray());
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
      if (Spec->getSpecializationKind() != TSK_ExplicitSpecialization)
        USR += templateArgsSuffix(Ctx, Spec->getTemplateArgs().asArray());
    // A lambda's class and its members: the lambda's position tells apart
    // lambdas that Clang's USR does not (Summary.h, LambdaPositionMarker).
    const auto *Lambda = dyn_cast<CXXRecordDecl>(D);
    if (!Lambda || !Lambda->isLambda())
      Lambda = dyn_cast<CXXRecordDecl>(D->getDeclContext());
    if (Lambda && Lambda->isLambda()) {
      const SourceManager &SM = Ctx.getSourceManager();
      SourceLocation Loc = SM.getExpansionLoc(Lambda->getBeginLoc());
      if (Loc.isValid())
        USR += std::string(LambdaPositionMarker) +
               std::to_string(SM.getExpansionLineNumber(Loc)) + ":" +
               std::to_string(SM.getExpansionColumnNumber(Loc));
    }
  }
  USRs[D] = USR;
  return USR;
}

std::string TUContext::qualifiedName(const NamedDecl *D) {
  D = cast<NamedDecl>(D->getCanonicalDecl());
  auto It = Names.find(D);
  if (It != Names.end())
    return It->second;
  llvm::SmallVector<std::string, 6> Parts;
  auto nameOf = [](const NamedDecl *N) -> std::string {
    if (const auto *RD = dyn_cast<CXXRecordDecl>(N))
      if (RD->isLambda())
        return "(lambda)";
    std::string S = N->getDeclName().getAsString();
    if (S.empty())
      return "(anonymous)";
    return S;
  };
  Parts.push_back(nameOf(D));
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline())
        continue;
      Parts.push_back(NS->isAnonymousNamespace() ? "(anonymous namespace)"
                                                 : NS->getName().str());
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Parts.push_back(nameOf(RD));
    } else if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      Parts.push_back(nameOf(FD));
    } else if (isa<LinkageSpecDecl>(DC) || isa<TranslationUnitDecl>(DC) ||
               isa<ExportDecl>(DC)) {
      continue;
    }
  }
  std::string S;
  for (auto I = Parts.rbegin(), E = Parts.rend(); I != E; ++I) {
    if (!S.empty())
      S += "::";
    S += *I;
  }
  Names[D] = S;
  return S;
}

/// A header in the system's include trees, however the compile command
/// reaches it: pkg-config hands out `-I/usr/include/glib-2.0`, which makes
/// GLib's headers user headers to the compiler, though they are the
/// library's as much as `<stdio.h>` is.
static bool isUnderSystemIncludeTree(const SourceManager &SM, FileID FID) {
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!FE)
    return false;
  llvm::StringRef Name = FE->getName();
  return Name.starts_with("/usr/include/") ||
         Name.starts_with("/usr/local/include/");
}

bool isInLibraryHeader(const Decl *D) {
  SourceLocation Loc = D->getLocation();
  if (Loc.isInvalid())
    return false;
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation E = SM.getExpansionLoc(Loc);
  return SM.isInSystemHeader(E) ||
         isUnderSystemIncludeTree(SM, SM.getFileID(E));
}

bool TUContext::isLibrary(const Decl *D) {
  return D->getLocation().isInvalid() || isInLibraryHeader(D);
}

bool TUContext::isUserRecord(const RecordDecl *RD) {
  return RD && !isLibrary(RD);
}

SourcePos TUContext::posOf(SourceLocation Loc) {
  SourcePos P;
  if (Loc.isInvalid())
    return P;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation E = SM.getExpansionLoc(Loc);
  FileID FID = SM.getFileID(E);
  auto It = FileNames.find(FID);
  if (It == FileNames.end()) {
    std::string Name;
    if (OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID)) {
      llvm::SmallString<256> Path(FE->getName());
      // Relative to the compile command's directory (the file manager's
      // working directory), not to where the tool was started.
      SM.getFileManager().makeAbsolutePath(Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      Name = std::string(Path.str());
    }
    It = FileNames.insert({FID, Name}).first;
  }
  P.File = It->second;
  P.Line = SM.getExpansionLineNumber(E);
  P.Column = SM.getExpansionColumnNumber(E);
  return P;
}

/// A PURPOSE_CATEGORY argument. Of two redeclarations that disagree, the
/// first in sort order wins, so that the result does not depend on the order
/// of redeclarations (the purpose-annotation rule reports malformed ones).
static void noteCategory(llvm::StringRef Arg, DeclInfo &Info) {
  llvm::StringRef C = Arg.trim(" \t");
  if (isValidPurpose(C) && (Info.Category.empty() || C < Info.Category))
    Info.Category = C.str();
}

static void addAnnotationsOf(const Decl *D,
                             llvm::SmallVectorImpl<const AnnotateAttr *> &Out) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation().starts_with("purpose_"))
      Out.push_back(A);
}

void TUContext::parseAnnotations(const Decl *D, DeclInfo &Info, bool &Any) {
  llvm::SmallVector<const AnnotateAttr *, 4> Attrs;
  llvm::SmallVector<const Decl *, 8> Decls;
  for (const Decl *R : D->redecls())
    Decls.push_back(R);
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
      for (const Decl *R : P->redecls())
        Decls.push_back(R);
  if (const auto *MD = dyn_cast<CXXMethodDecl>(D)) {
    // An annotation on a virtual function also applies to its overrides.
    llvm::SmallVector<const CXXMethodDecl *, 4> Work(MD->overridden_methods());
    while (!Work.empty()) {
      const CXXMethodDecl *O = Work.pop_back_val();
      for (const Decl *R : O->redecls())
        Decls.push_back(R);
      for (const CXXMethodDecl *OO : O->overridden_methods())
        Work.push_back(OO);
    }
  }
  if (const auto *VD = dyn_cast<VarDecl>(D))
    if (const VarDecl *P = VD->getTemplateInstantiationPattern())
      for (const Decl *R : P->redecls())
        Decls.push_back(R);
  for (const Decl *R : Decls)
    addAnnotationsOf(R, Attrs);
  for (const AnnotateAttr *A : Attrs) {
    llvm::StringRef Text = A->getAnnotation();
    auto [Kind, Arg] = Text.split(':');
    if (Kind == "purpose_limited") {
      auto L = parsePurposeList(Arg);
      if (!L)
        continue; // Reported by the purpose-annotation rule.
      Info.Limited.insert(Info.Limited.end(), L->begin(), L->end());
      Any = true;
    } else if (Kind == "purpose_use") {
      llvm::StringRef U = Arg.trim(" \t");
      if (!isValidPurpose(U))
        continue; // Reported by the purpose-annotation rule.
      Info.Use = U.str();
      Any = true;
    } else if (Kind == "purpose_declassify") {
      Info.Declassify = Arg.str();
      Any = true;
    } else if (Kind == "purpose_category") {
      noteCategory(Arg, Info);
    }
  }
  llvm::sort(Info.Limited);
  Info.Limited.erase(std::unique(Info.Limited.begin(), Info.Limited.end()),
                     Info.Limited.end());
}

void TUContext::applyPolicy(const NamedDecl *D, DeclInfo &Info, bool &Any) {
  if (Pol.empty())
    return;
  std::string Name = qualifiedName(D);
  // Policy entries take precedence over annotations.
  if (isa<FieldDecl>(D) || isa<VarDecl>(D)) {
    if (const SourceRule *R = Pol.matchSource(SourceRule::Field, Name)) {
      Info.Limited = R->Purposes;
      if (!R->Category.empty())
        Info.Category = R->Category;
      Info.FromPolicy = Any = true;
    }
    return;
  }
  if (!isa<FunctionDecl>(D))
    return;
  if (const SourceRule *R = Pol.matchSource(SourceRule::Function, Name)) {
    Info.Limited = R->Purposes;
    Info.OutParamSources = R->OutParams;
    if (!R->Category.empty())
      Info.Category = R->Category;
    Info.FromPolicy = Any = true;
  }
  for (const SinkRule *R : Pol.matchSinks(Name)) {
    if (R->Param) {
      bool Fits = *R->Param < (int)cast<FunctionDecl>(D)->getNumParams();
      bool &Known = Out.PolicyParamFits[R->Pos.str()];
      Known = Known || Fits;
      if (!Fits)
        continue;
    }
    if (R->Param)
      Info.ParamUses[*R->Param] = R->Purpose;
    else
      Info.Use = R->Purpose;
    Info.FromPolicy = Any = true;
  }
  if (const DeclassifierRule *R = Pol.matchDeclassifier(Name)) {
    Info.Declassify = R->Reason;
    Info.FromPolicy = Any = true;
  }
}

const DeclInfo *TUContext::declInfo(const NamedDecl *D) {
  D = cast<NamedDecl>(D->getCanonicalDecl());
  auto It = Infos.find(D);
  if (It != Infos.end())
    return It->second;
  Infos[D] = nullptr;
  DeclInfo Info;
  bool Any = false;
  if (isa<FieldDecl>(D))
    Info.Kind = DeclInfo::Field;
  else if (isa<VarDecl>(D))
    Info.Kind = DeclInfo::Global;
  parseAnnotations(D, Info, Any);
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    // Parameter annotations, on any redeclaration.
    for (const FunctionDecl *R : FD->redecls())
      for (unsigned I = 0; I < R->getNumParams(); ++I) {
        llvm::SmallVector<const AnnotateAttr *, 2> Attrs;
        addAnnotationsOf(R->getParamDecl(I), Attrs);
        for (const AnnotateAttr *A : Attrs) {
          auto [Kind, Arg] = A->getAnnotation().split(':');
          if (Kind != "purpose_use")
            continue;
          llvm::StringRef U = Arg.trim(" \t");
          if (!isValidPurpose(U))
            continue; // Reported by the purpose-annotation rule.
          Info.ParamUses[I] = U.str();
          Any = true;
        }
      }
  }
  applyPolicy(D, Info, Any);
  if (!Any)
    return nullptr;
  Info.Name = qualifiedName(D);
  const Decl *Def = D;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    Def = FD->getFirstDecl();
  Info.Pos = posOf(Def->getLocation());
  std::string USR = usrOf(D);
  auto Ins = Out.Decls.emplace(USR, Info);
  Infos[D] = &Ins.first->second;
  return Infos[D];
}

std::string TUContext::paramOrigin(const FunctionDecl *FD, unsigned I) {
  FD = FD->getCanonicalDecl();
  DeclInfo Info;
  Info.Kind = DeclInfo::Param;
  bool Any = false;
  llvm::SmallVector<const FunctionDecl *, 4> Fns(FD->redecls());
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    Fns.push_back(P);
  const ParmVarDecl *Named = nullptr;
  for (const FunctionDecl *R : Fns) {
    if (I >= R->getNumParams())
      continue;
    const ParmVarDecl *PD = R->getParamDecl(I);
    if (!PD->getName().empty() && (!Named || R->isThisDeclarationADefinition()))
      Named = PD;
    llvm::SmallVector<const AnnotateAttr *, 2> Attrs;
    addAnnotationsOf(PD, Attrs);
    for (const AnnotateAttr *A : Attrs) {
      auto [Kind, Arg] = A->getAnnotation().split(':');
      if (Kind == "purpose_category")
        noteCategory(Arg, Info);
      if (Kind != "purpose_limited")
        continue;
      auto L = parsePurposeList(Arg);
      if (!L)
        continue; // Reported by the purpose-annotation rule.
      Info.Limited.insert(Info.Limited.end(), L->begin(), L->end());
      Any = true;
    }
  }
  if (!Any)
    return "";
  llvm::sort(Info.Limited);
  Info.Limited.erase(std::unique(Info.Limited.begin(), Info.Limited.end()),
                     Info.Limited.end());
  std::string Key = usrOf(FD) + "#p" + std::to_string(I);
  Info.Name = qualifiedName(FD) +
              "::" + (Named ? Named->getName().str() : "#" + std::to_string(I));
  Info.Pos = posOf(Named ? Named->getLocation() : FD->getLocation());
  Out.Decls.emplace(Key, std::move(Info));
  return Key;
}

/// One search of the records a type holds: the least depth at which each
/// record type was looked into (a type met again no shallower is not looked
/// into twice), and the types that the budget left unexplored.
struct TUContext::HeldWalk {
  explicit HeldWalk(llvm::SmallVectorImpl<std::string> &Out) : Out(Out) {}
  llvm::SmallVectorImpl<std::string> &Out;
  llvm::DenseMap<const Type *, unsigned> Depths;
  llvm::SmallVector<QualType, 1> Cut;
};

void TUContext::heldRecords(QualType T, llvm::SmallVectorImpl<std::string> &Out,
                            bool ThroughIndirection) {
  if (T.isNull())
    return;
  T = T.getNonReferenceType();
  if (ThroughIndirection)
    while (T->isPointerType() || T->isArrayType()) {
      if (const auto *AT = T->getAsArrayTypeUnsafe())
        T = AT->getElementType();
      else
        T = T->getPointeeType();
    }
  HeldWalk W(Out);
  collectHeld(T, W, 0);
  endWalk(W);
}

void TUContext::collectHeld(QualType T, HeldWalk &W, unsigned Depth) {
  if (T.isNull())
    return;
  T = T.getCanonicalType();
  while (const auto *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType().getCanonicalType();
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return;
  // Only a record can hold one: a scalar this deep loses nothing.
  if (Depth > Opts.MaxHeldTypeDepth) {
    W.Cut.push_back(T);
    return;
  }
  // `std::map<K, V>` names K and V again in its comparator and allocator.
  auto [It, New] = W.Depths.try_emplace(T.getTypePtr(), Depth);
  if (!New && It->second <= Depth)
    return;
  It->second = Depth;
  if (isUserRecord(RD)) {
    std::string USR = usrOf(RD);
    if (USR.empty())
      return;
    if (llvm::find(W.Out, USR) == W.Out.end())
      W.Out.push_back(USR);
    registerRecord(RD);
    return;
  }
  // Library types: elements of containers, targets of owning smart pointers,
  // members of pairs and tuples.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
      if (A.getKind() == TemplateArgument::Type)
        collectHeld(A.getAsType(), W, Depth + 1);
      else if (A.getKind() == TemplateArgument::Pack)
        for (const TemplateArgument &P : A.pack_elements())
          if (P.getKind() == TemplateArgument::Type)
            collectHeld(P.getAsType(), W, Depth + 1);
    }
}

void TUContext::endWalk(const HeldWalk &W) {
  // A type cut short on one path but looked into on a shallower one lost
  // nothing.
  for (QualType T : W.Cut)
    if (!W.Depths.count(T.getTypePtr()) && HeldTypeCut.empty())
      HeldTypeCut = T.getAsString(Ctx.getPrintingPolicy());
}

std::string TUContext::takeHeldTypeCut() {
  std::string Cut = std::move(HeldTypeCut);
  HeldTypeCut.clear();
  return Cut;
}

void TUContext::registerRecord(const CXXRecordDecl *RD) {
  RD = RD->getDefinition() ? RD->getDefinition() : RD;
  if (Registered.count(RD))
    return;
  Registered[RD] = true;
  std::string USR = usrOf(RD);
  if (USR.empty() || Out.Types.count(USR))
    return;
  TypeInfo Info;
  Info.Name = qualifiedName(RD);
  llvm::SmallVector<std::string, 8> Nested;
  if (RD->hasDefinition()) {
    HeldWalk W(Nested);
    for (const FieldDecl *F : RD->fields()) {
      // Raw-pointer and reference members are not followed: neither what
      // they point to nor what was stored in them is part of the object.
      if (F->getType()->isPointerType() || F->getType()->isReferenceType())
        continue;
      Info.Fields.push_back(usrOf(F));
      collectHeld(F->getType(), W, 1);
    }
    for (const CXXBaseSpecifier &B : RD->bases())
      collectHeld(B.getType(), W, 1);
    endWalk(W);
  }
  Info.Nested.assign(Nested.begin(), Nested.end());
  Out.Types[USR] = std::move(Info);
}

} // namespace purpose
