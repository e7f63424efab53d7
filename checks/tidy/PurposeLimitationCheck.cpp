//===- PurposeLimitationCheck.cpp -----------------------------------------===//
#include "PurposeLimitationCheck.h"
#include "AnnotationChecks.h"
#include "Baseline.h"
#include "EditorClient.h"
#include "EditorSolve.h"
#include "ProgramLoader.h"
#include "Project.h"
#include "Solver.h"
#include "TUAnalyzer.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdlib>
#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace purpose {
namespace {

/// With PURPOSE_TIMINGS set in the server's environment, each rebuild of an
/// open file logs where the check spent its time (stderr: clangd's log),
/// one line, as `purpose-check --timings` does for a run.
class EditorTimings {
public:
  EditorTimings() : On(std::getenv("PURPOSE_TIMINGS") != nullptr) {}
  void phase(const char *Name) {
    if (!On)
      return;
    auto Now = std::chrono::steady_clock::now();
    llvm::raw_string_ostream OS(Line);
    OS << (Line.empty() ? "" : ", ")
       << llvm::format(
              "%s %.1f ms", Name,
              std::chrono::duration<double, std::milli>(Now - Last).count());
    Last = Now;
  }
  void print(llvm::StringRef File, EditorReuse How) {
    if (On)
      llvm::errs() << "purpose-check: editor timing: " << File << ": " << Line
                   << (How == EditorReuse::Same    ? " (kept result)"
                       : How == EditorReuse::Moved ? " (kept result, moved)"
                                                   : "")
                   << "\n";
  }

private:
  bool On;
  std::chrono::steady_clock::time_point Last = std::chrono::steady_clock::now();
  std::string Line;
};

/// The main file's path as TUContext::posOf spells it: absolute, no dots.
std::string mainFilePath(const SourceManager &SM) {
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(SM.getMainFileID());
  return FE ? absoluteFrom("", FE->getName()) : std::string();
}

/// \p Path relative to \p Root when it lies under it.
std::string shortPath(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::StringRef Rel = Path;
  if (!Root.empty() && Rel.consume_front(Root) &&
      llvm::sys::path::is_separator(Rel.front()))
    return Rel.drop_front().str();
  return Path.str();
}

/// The build directory of the TU (Project.h, findBuildDirFor).
std::string buildDirOf(llvm::StringRef MainPath, const SourceManager &SM) {
  std::string CommandDir;
  if (auto Cwd = SM.getFileManager()
                     .getVirtualFileSystem()
                     .getCurrentWorkingDirectory())
    CommandDir = *Cwd;
  return findBuildDirFor(CommandDir, MainPath);
}

/// The project of \p MainPath: its config upward from the file; option
/// paths relative to the config's directory (else the current one); the
/// build directory of the compile command (the file manager's working
/// directory, which clang-tidy and clangd set to the command's directory).
std::shared_ptr<const Project> projectFor(llvm::StringRef MainPath,
                                          llvm::StringRef BuildDir,
                                          llvm::StringRef CacheDirOption,
                                          llvm::StringRef PoliciesOption) {
  ProjectOptions O;
  O.SearchFrom = llvm::sys::path::parent_path(MainPath).str();
  std::optional<std::string> Cfg = findConfig(O.SearchFrom);
  std::string Base;
  if (Cfg) {
    // Found here: loadProjectCached need not look again.
    O.ConfigFile = *Cfg;
    Base = llvm::sys::path::parent_path(*Cfg).str();
  }
  llvm::SmallVector<llvm::StringRef, 4> Extra;
  PoliciesOption.split(Extra, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Extra)
    if (!P.trim().empty())
      O.ExtraPolicies.push_back(absoluteFrom(Base, P.trim()));
  if (!CacheDirOption.trim().empty())
    O.CacheDir = absoluteFrom(Base, CacheDirOption.trim());
  O.BuildDir = BuildDir.str();
  return loadProjectCached(O);
}

/// The command that writes the cache this check reads.
std::string refreshCommand(const Project &P, llvm::StringRef BuildDir) {
  std::string Cmd = "purpose-check";
  if (P.Cfg)
    Cmd += " --config " + P.Cfg->File;
  if (!BuildDir.empty() && !(P.Cfg && !P.Cfg->BuildDir.empty()))
    Cmd += " -p " + BuildDir.str();
  return Cmd;
}

bool sinkFirst(const Finding &A, const Finding &B) {
  return std::tie(A.SinkPos, A.OriginName, A.SinkPurpose) <
         std::tie(B.SinkPos, B.OriginName, B.SinkPurpose);
}

/// The finding's message with its trace appended, for a client that shows
/// no notes next to a diagnostic: told as clangd tells the notes of other
/// diagnostics to such a client.
std::string messageWithTrace(const Finding &F, llvm::StringRef MainPath,
                             llvm::StringRef SourceRoot) {
  std::string Text = F.Message;
  for (const TraceStep &S : F.Trace) {
    Text += "\n\n";
    if (S.Pos.Line) {
      Text += S.Pos.File == MainPath ? llvm::sys::path::filename(MainPath).str()
                                     : shortPath(S.Pos.File, SourceRoot);
      Text += ":" + std::to_string(S.Pos.Line);
      if (S.Pos.Column)
        Text += ":" + std::to_string(S.Pos.Column);
      Text += ": ";
    }
    Text += "note: " + S.Message;
  }
  return Text;
}

} // namespace

/// Where the positions of a report are in this TU, each file looked up once:
/// SourceManager::translateFile walks the TU's files one by one (in clangd,
/// the preamble's thousands too), and a report's trace steps name a few
/// files many times. On kcontacts ldifconverter.cpp those lookups were 3 % of
/// the server's CPU.
class Locator {
public:
  Locator(const SourceManager &SM, llvm::StringRef MainPath)
      : SM(SM), MainPath(MainPath) {}

  /// The location of \p P, or an invalid one when its file is not part of
  /// the TU as a local file (another TU's file, or a header that clangd
  /// loaded from the preamble).
  SourceLocation at(const SourcePos &P) {
    if (P.Line == 0)
      return {};
    FileID FID = fileOf(P.File);
    if (FID.isInvalid())
      return {};
    return SM.translateLineCol(FID, P.Line, std::max(1u, P.Column));
  }

private:
  FileID fileOf(llvm::StringRef Path) {
    if (Path == MainPath)
      return SM.getMainFileID();
    auto [It, Added] = Files.try_emplace(Path);
    if (Added)
      if (auto FE = SM.getFileManager().getOptionalFileRef(
              Path, /*OpenFile=*/false, /*CacheFailure=*/false))
        It->second = SM.translateFile(*FE);
    return It->second;
  }

  const SourceManager &SM;
  llvm::StringRef MainPath;
  llvm::StringMap<FileID> Files;
};

PurposeLimitationCheck::PurposeLimitationCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CacheDir(Options.get("CacheDir", "")),
      Policies(Options.get("Policies", "")), TidyContext(Context) {}

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

  std::string BuildDir = buildDirOf(MainPath, SM);
  std::shared_ptr<const Project> Proj =
      projectFor(MainPath, BuildDir, CacheDir, Policies);
  const Project &Setup = *Proj;
  for (const std::string &P : Setup.Problems)
    diag(FileStart, "purpose-check configuration: %0", DiagnosticIDs::Error)
        << P;
  if (Setup.excludes(MainPath))
    return;

  SolveResult R = solveWithCache(*AST, Setup, MainPath, BuildDir, FileStart);
  reportViolations(SM, Setup, MainPath, R.Violations);
}

SolveResult PurposeLimitationCheck::solveWithCache(ASTContext &AST,
                                                   const Project &Setup,
                                                   llvm::StringRef MainPath,
                                                   llvm::StringRef BuildDir,
                                                   SourceLocation FileStart) {
  EditorTimings T;
  TUSummary Live;
  std::vector<RunError> Errors;
  std::map<std::string, ExternalCallee> Callees;
  analyzeTranslationUnit(AST, Setup.Pol, Live, Errors, &Callees);
  T.phase("summarize");
  CachedProgram Cached =
      loadCachedProgram(Setup.CacheDir, Setup.SourceRoot, MainPath);
  T.phase("cache");
  for (const std::string &W :
       checkProgramTrust(Cached, Live, Callees, Setup.CacheDir,
                         refreshCommand(Setup, BuildDir)))
    diag(FileStart, "%0") << W;
  T.phase("trust");
  EditorReuse How = EditorReuse::Solved;
  SolveResult R = solveForEditor(Live, Cached, MainPath, &How);
  T.phase("solve");
  T.print(MainPath, How);
  llvm::append_range(Errors, R.Errors);
  for (const RunError &E : Errors)
    diag(FileStart, "purpose-check analysis incomplete: %0") << E.Message;
  return R;
}

void PurposeLimitationCheck::reportViolations(
    const SourceManager &SM, const Project &Setup, llvm::StringRef MainPath,
    std::vector<Finding> &Violations) {
  // NOLINT comments without a reason that do not name a purpose check:
  // clang-tidy hides what they cover, and only this check knows that one of
  // its findings was among it.
  std::vector<Suppression> Bare;
  if (std::optional<llvm::StringRef> Text =
          SM.getBufferDataOrNone(SM.getMainFileID()))
    Bare = unjustifiedSuppressions("", *Text, UnjustifiedKind::ForEveryCheck);
  std::set<unsigned> BareReported;

  llvm::sort(Violations, sinkFirst);
  Locator Where(SM, MainPath);
  for (const Finding &F : Violations) {
    if (F.SinkPos.File != MainPath || inBaseline(F, Setup.BaselineFPs))
      continue;
    SourceLocation SinkLoc = Where.at(F.SinkPos);
    if (SinkLoc.isInvalid())
      continue;
    for (const Suppression &S : Bare)
      if (F.SinkPos.Line >= S.FirstLine && F.SinkPos.Line <= S.LastLine &&
          BareReported.insert(S.Pos.Line * 4096 + S.Pos.Column).second)
        // An error: clang-tidy never hides errors, so the NOLINT that hides
        // the finding cannot hide this too (the CLI reports the same).
        TidyContext->diag(
            "purpose-annotation",
            SM.translateLineCol(SM.getMainFileID(), S.Pos.Line, S.Pos.Column),
            UnjustifiedSuppressionMessage, DiagnosticIDs::Error);
    if (traceInMessage()) {
      // The client shows no notes next to a diagnostic (EditorClient.h).
      diag(SinkLoc, "%0") << messageWithTrace(F, MainPath, Setup.SourceRoot);
      continue;
    }
    reportWithNotes(Where, F, SinkLoc, Setup.SourceRoot);
  }
}

void PurposeLimitationCheck::reportWithNotes(Locator &Where, const Finding &F,
                                             SourceLocation SinkLoc,
                                             llvm::StringRef SourceRoot) {
  diag(SinkLoc, "%0") << F.Message;
  for (const TraceStep &S : F.Trace) {
    SourceLocation Loc = Where.at(S.Pos);
    if (Loc.isValid()) {
      diag(Loc, "%0", DiagnosticIDs::Note) << S.Message;
      continue;
    }
    // Another TU's file: clangd and clang-tidy cannot point into it, so
    // the step is told at the sink call.
    diag(SinkLoc, "%0 (in %1:%2)", DiagnosticIDs::Note)
        << S.Message << shortPath(S.Pos.File, SourceRoot) << S.Pos.Line;
  }
}

} // namespace purpose
