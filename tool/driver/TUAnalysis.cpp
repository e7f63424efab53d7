//===- TUAnalysis.cpp -----------------------------------------------------===//
#include "TUAnalysis.h"
#include "LLVMCompat.h"
#include "SummaryCache.h"
#include "TUAnalyzer.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <set>
#include <time.h>

using namespace clang;
using namespace clang::tooling;

namespace purpose {
namespace {

/// Removes from the absolute path \p S its "." segments, and each ".."
/// whose preceding directory is the root or not a symlink: "/p/b/../src"
/// is "/p/src", while "/lib/gcc/../../include" keeps the ".." after /lib,
/// a symlink to usr/lib on merged-/usr systems (without it, /include).
/// Paths in normal form are what the cache stores relative to the source
/// root, so that another checkout checks its own files, not these.
/// \p IsLink memoizes the lstat of each directory.
void removeDots(llvm::SmallVectorImpl<char> &S, llvm::StringMap<bool> &IsLink) {
  llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/false);
  llvm::StringRef In(S.data(), S.size());
  if (!In.contains(".."))
    return;
  auto It = llvm::sys::path::begin(In), End = llvm::sys::path::end(In);
  llvm::SmallString<256> Out(*It); // The root.
  for (++It; It != End; ++It) {
    if (*It == ".." && Out == llvm::sys::path::root_path(Out))
      continue; // "/.." is "/".
    if (*It == ".." && llvm::sys::path::filename(Out) != "..") {
      auto [Memo, New] = IsLink.try_emplace(Out);
      bool Link = false;
      // Conservative: a directory that cannot be looked at keeps its "..".
      if (New)
        Memo->second = llvm::sys::fs::is_symlink_file(Out, Link) || Link;
      if (!Memo->second) {
        llvm::sys::path::remove_filename(Out);
        continue;
      }
    }
    llvm::sys::path::append(Out, *It);
  }
  S.assign(Out.begin(), Out.end());
}

/// The paths of one TU's inputs as recorded: absolute, in normal form.
class PathNormalizer {
public:
  void setFileManager(const FileManager &M) { FM = &M; }
  /// Clang names files as the command reached them (-I../src/include gives
  /// "../src/include/x.h"), relative to the command's directory: the file
  /// manager's working directory (ClangTool sets it on the file system it
  /// parses with), not the process's, which is wherever purpose-check was
  /// started.
  std::string operator()(llvm::StringRef P) {
    llvm::SmallString<256> S(P);
    FM->makeAbsolutePath(S);
    removeDots(S, IsLink);
    return std::string(S.str());
  }

private:
  const FileManager *FM = nullptr;
  llvm::StringMap<bool> IsLink;
};

/// Records, for each #include and each `__has_include`, the paths that would
/// change what it finds if they were created: the same name in a directory
/// searched earlier, or in every directory searched when nothing was found.
/// A file that `__has_include` found without including it is noted in
/// \p Probed, so that its removal makes the TU stale too.
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(Preprocessor &PP, PathNormalizer &Normalized,
                  std::set<std::string> &Absent, std::set<std::string> &Probed)
      : PP(PP), Normalized(Normalized), Absent(Absent), Probed(Probed) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &,
                          StringRef FileName, bool IsAngled, CharSourceRange,
                          OptionalFileEntryRef File, StringRef SearchPath,
                          StringRef, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (File)
      recordShadows(HashLoc, FileName, IsAngled, Normalized(SearchPath));
  }

  void HasInclude(SourceLocation Loc, StringRef FileName, bool IsAngled,
                  OptionalFileEntryRef File,
                  SrcMgr::CharacteristicKind) override {
    if (!File) {
      recordShadows(Loc, FileName, IsAngled, /*FoundDir=*/"");
      return;
    }
    // Found in the directory that its path has before FileName.
    StringRef Found = File->getName();
    if (!Found.ends_with(FileName))
      return;
    StringRef Dir = Found.drop_back(FileName.size()).rtrim("/");
    recordShadows(Loc, FileName, IsAngled, Normalized(Dir.empty() ? "." : Dir));
    Probed.insert(Normalized(Found));
  }

private:
  Preprocessor &PP;
  PathNormalizer &Normalized;
  std::set<std::string> &Absent;
  std::set<std::string> &Probed;

  /// Adds DIR/FileName to Absent for each directory that the lookup of
  /// FileName searches before \p FoundDir and that lacks it; every searched
  /// directory when \p FoundDir is "" (not found).
  void recordShadows(SourceLocation Loc, StringRef FileName, bool IsAngled,
                     const std::string &FoundDir) {
    if (llvm::sys::path::is_absolute(FileName))
      return;
    auto consider = [&](llvm::StringRef Dir) {
      std::string D = Normalized(Dir);
      if (D == FoundDir)
        return false;
      llvm::SmallString<256> C(D);
      llvm::sys::path::append(C, FileName);
      if (!llvm::sys::fs::exists(C))
        Absent.insert(Normalized(C));
      return true;
    };
    const SourceManager &SM = PP.getSourceManager();
    if (!IsAngled) {
      if (OptionalFileEntryRef Includer =
              SM.getFileEntryRefForID(SM.getFileID(SM.getExpansionLoc(Loc))))
        if (!consider(llvm::sys::path::parent_path(Includer->getName())))
          return;
    }
    HeaderSearch &HS = PP.getHeaderSearchInfo();
    auto It = IsAngled ? HS.angled_dir_begin() : HS.search_dir_begin();
    for (auto End = HS.search_dir_end(); It != End; ++It) {
      if (!It->isNormalDir())
        continue;
      if (!consider(It->getDirRef()->getName()))
        return;
    }
  }
};

class Consumer : public ASTConsumer {
public:
  Consumer(const Policy &Pol, const AnalyzerOptions &Opts, TUResult &R,
           PathNormalizer &Normalized, std::set<std::string> &Absent,
           std::set<std::string> &Probed)
      : Pol(Pol), Opts(Opts), R(R), Normalized(Normalized), Absent(Absent),
        Probed(Probed) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    R.Times.ParseEnd = R.Times.SummaryEnd = std::chrono::steady_clock::now();
    auto Done = llvm::make_scope_exit(
        [&] { R.Times.SummaryEnd = std::chrono::steady_clock::now(); });
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      R.Failed = true;
      return;
    }
    analyzeTranslationUnit(Ctx, Pol, R.Summary, R.Errors, nullptr, Opts);
    // Every file the TU read, with a digest of what was parsed.
    SourceManager &SM = Ctx.getSourceManager();
    std::map<std::string, std::string> Files;
    for (auto It = SM.fileinfo_begin(), E = SM.fileinfo_end(); It != E; ++It) {
      FileEntryRef FE = It->first;
      std::optional<llvm::MemoryBufferRef> Buf =
          SM.getMemoryBufferForFileOrNone(FE);
      if (!Buf)
        continue;
      Files[Normalized(FE.getName())] = contentDigest(Buf->getBuffer());
    }
    // Files that __has_include found but the TU did not include: their
    // removal changes what it compiles, so they are inputs too.
    for (const std::string &P : Probed)
      if (!Files.count(P))
        if (auto Buf =
                SM.getFileManager().getVirtualFileSystem().getBufferForFile(P))
          Files[P] = contentDigest((*Buf)->getBuffer());
    R.Summary.Inputs.Files.assign(Files.begin(), Files.end());
    R.Summary.Inputs.AbsentShadows.assign(Absent.begin(), Absent.end());
  }

  /// The bodies of the library's non-template functions: nothing reads them
  /// (library functions are modelled, never analyzed: TUContext::isLibrary),
  /// and being neither templates nor user code, they instantiate nothing of
  /// the program. Clang itself keeps constexpr bodies and those with a
  /// deduced return type. Template bodies stay: a generic lambda passed to
  /// std::visit is instantiated only inside one. This is a fifth of a
  /// typical TU's parse (clangd skips the same for its preambles).
  bool shouldSkipFunctionBody(clang::Decl *D) override {
    const FunctionDecl *FD = D->getAsFunction();
    return FD && !FD->isTemplated() && isInLibraryHeader(FD);
  }

private:
  const Policy &Pol;
  const AnalyzerOptions &Opts;
  TUResult &R;
  PathNormalizer &Normalized;
  std::set<std::string> &Absent;
  std::set<std::string> &Probed;
};

class Action : public ASTFrontendAction {
public:
  Action(const Policy &Pol, const AnalyzerOptions &Opts, TUResult &R)
      : Pol(Pol), Opts(Opts), R(R) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    // Asks the consumer (shouldSkipFunctionBody) for each body.
    CI.getFrontendOpts().SkipFunctionBodies = true;
    Normalized.setFileManager(CI.getFileManager());
    CI.getPreprocessor().addPPCallbacks(std::make_unique<IncludeRecorder>(
        CI.getPreprocessor(), Normalized, Absent, Probed));
    return std::make_unique<Consumer>(Pol, Opts, R, Normalized, Absent, Probed);
  }

private:
  const Policy &Pol;
  const AnalyzerOptions &Opts;
  TUResult &R;
  PathNormalizer Normalized;
  std::set<std::string> Absent;
  std::set<std::string> Probed;
};

class Factory : public FrontendActionFactory {
public:
  Factory(const Policy &Pol, const AnalyzerOptions &Opts, TUResult &R)
      : Pol(Pol), Opts(Opts), R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Pol, Opts, R);
  }

private:
  const Policy &Pol;
  const AnalyzerOptions &Opts;
  TUResult &R;
};

} // namespace

std::vector<std::string> dropUnknownFlags(const std::vector<std::string> &Args,
                                          std::set<std::string> &Dropped) {
  if (Args.size() < 2)
    return Args;
  const llvm::opt::OptTable &Table = compat::driverOptTable();
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed = Table.ParseArgs(
      Argv, MissingIndex, MissingCount,
      llvm::opt::Visibility(compat::driver_options::ClangOption));
  std::set<unsigned> Unknown; // Indexes into Args.
  for (const llvm::opt::Arg *A :
       Parsed.filtered(compat::driver_options::OPT_UNKNOWN)) {
    Unknown.insert(A->getIndex() + 1);
    Dropped.insert("the flag '" + A->getAsString(Parsed) +
                   "', which Clang does not know");
  }
  // GCC precompiled headers: Clang ignores a .gch it did not make and parses
  // the header instead; say so, since -w hides Clang's own warning.
  for (const llvm::opt::Arg *A :
       Parsed.filtered(compat::driver_options::OPT_include)) {
    std::string Gch = std::string(A->getValue()) + ".gch";
    auto Buf = llvm::MemoryBuffer::getFile(Gch, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (Buf && !(*Buf)->getBuffer().starts_with("CPCH"))
      Dropped.insert("the GCC precompiled header '" + Gch + "'; '" +
                     A->getValue() + "' is parsed instead");
  }
  if (Unknown.empty())
    return Args;
  std::vector<std::string> Out;
  for (size_t I = 0; I < Args.size(); ++I)
    if (!Unknown.count(I))
      Out.push_back(Args[I]);
  return Out;
}

std::string commandHash(const CompilationDatabase &DB, const TUJob &Job,
                        const Policy &Pol, llvm::StringRef SourceRoot) {
  auto rooted = [&](llvm::StringRef A) {
    std::string Out;
    size_t Pos = 0;
    while (!SourceRoot.empty()) {
      size_t Hit = A.find(SourceRoot, Pos);
      if (Hit == llvm::StringRef::npos)
        break;
      Out += A.substr(Pos, Hit - Pos).str() + "<root>";
      Pos = Hit + SourceRoot.size();
    }
    return Out + A.substr(Pos).str();
  };
  std::string S = "purpose-check " PURPOSE_CHECK_VERSION " analysis " +
                  std::to_string(AnalysisRevision) + " llvm " +
                  std::to_string(LLVM_VERSION_MAJOR) + "\n";
  S += Pol.digest() + "\n";
  for (const CompileCommand &C : DB.getCompileCommands(Job.File)) {
    S += rooted(C.Directory) + "\n";
    for (const std::string &A : C.CommandLine)
      S += rooted(A) + "\x1f";
    S += "\n";
  }
  for (const std::string &A : Job.ExtraArgsBefore)
    S += "before:" + A + "\x1f";
  for (const std::string &A : Job.ExtraArgs)
    S += "after:" + A + "\x1f";
  // Only budgets that differ from the defaults: the keys of caches made with
  // the defaults stay what they were.
  std::string Budgets = nonDefaultBudgets(Job.Analyzer);
  if (!Budgets.empty())
    S += "\nbudgets:" + Budgets;
  return contentDigest(S);
}

namespace {

/// Fills in R.Times when it goes out of scope: the wall time of the parse,
/// of the summaries and of the rest (from the consumer's ParseEnd and
/// SummaryEnd), and the thread's CPU time.
class TUTimer {
public:
  explicit TUTimer(TUTimes &Times)
      : T(Times), CpuBegan(threadCpu()), Began(Clock::now()) {
    T.ParseEnd = T.SummaryEnd = Clock::time_point();
  }
  ~TUTimer() {
    auto Secs = [](Clock::duration D) {
      return std::chrono::duration<double>(D).count();
    };
    Clock::time_point End = Clock::now();
    if (T.ParseEnd == Clock::time_point()) // Clang never got that far.
      T.ParseEnd = T.SummaryEnd = End;
    T.Parse = Secs(T.ParseEnd - Began);
    T.Summarize = Secs(T.SummaryEnd - T.ParseEnd);
    T.Rest = Secs(End - T.SummaryEnd);
    T.Cpu = threadCpu() - CpuBegan;
  }

private:
  using Clock = std::chrono::steady_clock;
  static double threadCpu() {
    struct timespec TS;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &TS);
    return double(TS.tv_sec) + double(TS.tv_nsec) / 1e9;
  }
  TUTimes &T;
  double CpuBegan;
  Clock::time_point Began;
};

/// The compile command as analyzeTU runs it: syntax only, without output
/// and dependency files or flags Clang does not know, Clang's resource
/// directory, the extra arguments, and no warnings.
void adjustArguments(ClangTool &Tool, const TUJob &Job, TUResult &R) {
  Tool.clearArgumentsAdjusters();
  Tool.appendArgumentsAdjuster(getClangStripOutputAdjuster());
  Tool.appendArgumentsAdjuster(getClangSyntaxOnlyAdjuster());
  Tool.appendArgumentsAdjuster(getClangStripDependencyFileAdjuster());
  Tool.appendArgumentsAdjuster(
      [&R](const CommandLineArguments &Args, StringRef) {
        return dropUnknownFlags(Args, R.DroppedFlags);
      });
  std::vector<std::string> Before = Job.ExtraArgsBefore;
  // Builtin headers (stddef.h, ...) come from the installed Clang.
  Before.insert(Before.begin(), "-resource-dir=" PURPOSE_CLANG_RESOURCE_DIR);
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(Before, ArgumentInsertPosition::BEGIN));
  std::vector<std::string> After = Job.ExtraArgs;
  After.push_back("-w");
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(After, ArgumentInsertPosition::END));
}

/// Adds to \p Inputs' absent shadows the include directories of the TU's
/// compile commands that do not exist: Clang drops them, so the include
/// recorder never sees them, but if one appears it may shadow headers.
void noteMissingIncludeDirs(const CompilationDatabase &DB,
                            const std::string &File, TUInputs &Inputs) {
  std::set<std::string> Absent(Inputs.AbsentShadows.begin(),
                               Inputs.AbsentShadows.end());
  llvm::StringMap<bool> IsLink;
  for (const CompileCommand &C : DB.getCompileCommands(File)) {
    const std::vector<std::string> &A = C.CommandLine;
    for (size_t I = 0; I < A.size(); ++I) {
      llvm::StringRef Arg = A[I], Dir;
      for (llvm::StringRef Flag : {"-I", "-isystem", "-iquote", "-idirafter"})
        if (Arg.consume_front(Flag)) {
          Dir = !Arg.empty()       ? Arg
                : I + 1 < A.size() ? llvm::StringRef(A[++I])
                                   : llvm::StringRef();
          break;
        }
      if (Dir.empty())
        continue;
      llvm::SmallString<256> P(Dir);
      if (!llvm::sys::path::is_absolute(P))
        compat::makeAbsolute(C.Directory, P);
      llvm::sys::fs::make_absolute(P); // A relative `directory`, as Clang.
      removeDots(P, IsLink);
      if (!llvm::sys::fs::exists(P))
        Absent.insert(std::string(P.str()));
    }
  }
  Inputs.AbsentShadows.assign(Absent.begin(), Absent.end());
}

} // namespace

void analyzeTU(const CompilationDatabase &DB, const TUJob &Job,
               const Policy &Pol, TUResult &R) {
  TUTimer Timer(R.Times);
  ClangTool Tool(DB, {Job.File}, std::make_shared<PCHContainerOperations>(),
                 // Not getRealFileSystem(): ClangTool sets the working
                 // directory of its file system to each command's, and the
                 // real one's is the process's, shared by every thread.
                 Job.FS ? Job.FS : llvm::vfs::createPhysicalFileSystem());
  adjustArguments(Tool, Job, R);
  llvm::raw_string_ostream DiagOS(R.Diagnostics);
  compat::PrinterDiagnosticOptions DiagOpts;
  TextDiagnosticPrinter Printer(DiagOS, DiagOpts.forPrinter());
  Tool.setDiagnosticConsumer(&Printer);
  Tool.setPrintErrorMessage(false);
  Factory F(Pol, Job.Analyzer, R);
  if (Tool.run(&F) != 0)
    R.Failed = true;
  R.Summary.Inputs.CommandHash = commandHash(DB, Job, Pol, Job.SourceRoot);
  noteMissingIncludeDirs(DB, Job.File, R.Summary.Inputs);
  if (R.Summary.MainFile.empty()) {
    llvm::SmallString<256> S(Job.File);
    llvm::sys::fs::make_absolute(S);
    llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/true);
    R.Summary.MainFile = std::string(S.str());
  }
}

} // namespace purpose
