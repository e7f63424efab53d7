//===- PurposeLimitationCheck.cpp -----------------------------------------===//
#include "PurposeLimitationCheck.h"
#include "CachedSummaries.h"
#include "ProjectSetup.h"
#include "Solver.h"
#include "TUAnalyzer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace purpose {
namespace {

/// The main file's path as TUContext::posOf spells it: absolute, no dots.
std::string mainFilePath(const SourceManager &SM) {
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID());
  return FE ? absoluteFrom("", FE->getName()) : std::string();
}

/// The location of \p P in this TU, or an invalid one when its file is not
/// part of the TU as a local file (another TU's file, or a header that clangd
/// loaded from the preamble).
SourceLocation locationOf(const SourceManager &SM, const SourcePos &P,
                          llvm::StringRef MainPath) {
  if (P.Line == 0)
    return {};
  FileID FID;
  if (P.File == MainPath) {
    FID = SM.getMainFileID();
  } else if (auto FE = SM.getFileManager().getOptionalFileRef(
                 P.File, /*OpenFile=*/false, /*CacheFailure=*/false)) {
    FID = SM.translateFile(*FE);
  }
  if (FID.isInvalid())
    return {};
  return SM.translateLineCol(FID, P.Line, std::max(1u, P.Column));
}

/// \p Path relative to \p Root when it lies under it.
std::string shortPath(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::StringRef Rel = Path;
  if (!Root.empty() && Rel.consume_front(Root) &&
      llvm::sys::path::is_separator(Rel.front()))
    return Rel.drop_front().str();
  return Path.str();
}

bool sinkFirst(const Finding &A, const Finding &B) {
  return std::tie(A.SinkPos, A.OriginName, A.SinkPurpose) <
         std::tie(B.SinkPos, B.OriginName, B.SinkPurpose);
}

} // namespace

PurposeLimitationCheck::PurposeLimitationCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CacheDir(Options.get("CacheDir", "")),
      Policies(Options.get("Policies", "")) {}

void PurposeLimitationCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "CacheDir", CacheDir);
  Options.store(Opts, "Policies", Policies);
}

void PurposeLimitationCheck::registerMatchers(MatchFinder *Finder) {
  // clang-tidy traverses the whole TU; clangd only the main file's top-level
  // declarations. One of these fires in either.
  Finder->addMatcher(translationUnitDecl(), this);
  Finder->addMatcher(
      decl(isExpansionInMainFile(), hasDeclContext(translationUnitDecl())),
      this);
}

void PurposeLimitationCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
}

void PurposeLimitationCheck::onEndOfTranslationUnit() {
  ASTContext *AST = Ctx;
  Ctx = nullptr;
  if (!AST)
    return;
  const SourceManager &SM = AST->getSourceManager();
  std::string MainPath = mainFilePath(SM);
  if (MainPath.empty())
    return;
  SourceLocation FileStart = SM.getLocForStartOfFile(SM.getMainFileID());

  ProjectSetup Setup = loadProjectSetup(MainPath, CacheDir, Policies);
  for (const std::string &P : Setup.Problems)
    diag(FileStart, "purpose-check configuration: %0", DiagnosticIDs::Error)
        << P;
  if (Setup.excludes(MainPath))
    return;

  // The live analysis comes first: the solver keeps the first summary of a
  // function defined in several TUs, and the cache's are older.
  TUSummary Live;
  std::vector<RunError> Errors;
  analyzeTranslationUnit(*AST, Setup.Pol, Live, Errors);
  CachedProgram Cached =
      loadCachedProgram(Setup.CacheDir, Setup.SourceRoot, MainPath);
  std::vector<const TUSummary *> Program{&Live};
  for (const auto &S : Cached.Others)
    Program.push_back(S.get());
  if (Cached.OwnHeaders)
    Program.push_back(Cached.OwnHeaders.get());

  SolveResult R = solveProgram(Program);
  llvm::append_range(Errors, R.Errors);
  for (const RunError &E : Errors)
    diag(FileStart, "purpose-check analysis incomplete: %0") << E.Message;

  llvm::sort(R.Violations, sinkFirst);
  for (const Finding &F : R.Violations) {
    if (F.SinkPos.File != MainPath || Setup.BaselineFPs.count(F.Fingerprint))
      continue;
    SourceLocation SinkLoc = locationOf(SM, F.SinkPos, MainPath);
    if (SinkLoc.isInvalid())
      continue;
    diag(SinkLoc, "%0") << F.Message;
    for (const TraceStep &S : F.Trace) {
      SourceLocation Loc = locationOf(SM, S.Pos, MainPath);
      if (Loc.isValid()) {
        diag(Loc, "%0", DiagnosticIDs::Note) << S.Message;
        continue;
      }
      // Another TU's file: clangd and clang-tidy cannot point into it, so
      // the step is told at the sink call.
      diag(SinkLoc, "%0 (in %1:%2)", DiagnosticIDs::Note)
          << S.Message << shortPath(S.Pos.File, Setup.SourceRoot)
          << S.Pos.Line;
    }
  }
}

} // namespace purpose
