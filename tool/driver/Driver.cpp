//===- Driver.cpp ---------------------------------------------------------===//
#include "Driver.h"
#include "Baseline.h"
#include "FileUtil.h"
#include "PolicyLoader.h"
#include "ReportWriter.h"
#include "Solver.h"
#include "Suppressions.h"
#include "TUAnalyzer.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <mutex>

using namespace clang;
using namespace clang::tooling;
namespace cl = llvm::cl;

namespace purpose {
namespace {

cl::OptionCategory Category("purpose-check options");

struct Options {
  cl::opt<std::string> BuildPath{
      "p", cl::desc("Directory holding compile_commands.json"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::list<std::string> Files{cl::Positional,
                              cl::desc("[FILE...] report only on these files"),
                              cl::cat(Category)};
  cl::opt<std::string> Config{"config", cl::desc("Config file"),
                              cl::value_desc("file"), cl::cat(Category)};
  cl::list<std::string> Policies{"policy", cl::desc("Policy file (repeatable)"),
                                 cl::value_desc("file"), cl::cat(Category)};
  cl::opt<std::string> Format{"format", cl::desc("text|json|sarif|html"),
                              cl::init("text"), cl::cat(Category)};
  cl::opt<std::string> Output{"o", cl::desc("Write the report to this file"),
                              cl::value_desc("file"), cl::cat(Category)};
  cl::opt<std::string> BaselineFile{"baseline",
                                    cl::desc("Fingerprints not to report"),
                                    cl::value_desc("file"), cl::cat(Category)};
  cl::opt<std::string> WriteBaselineFile{
      "write-baseline", cl::desc("Write the fingerprints of all violations"),
      cl::value_desc("file"), cl::cat(Category)};
  cl::opt<unsigned> Jobs{"j", cl::desc("Translation units in parallel"),
                         cl::init(0), cl::cat(Category)};
  cl::opt<std::string> CacheDir{"cache-dir", cl::desc("Summary cache"),
                                cl::value_desc("dir"), cl::cat(Category)};
  cl::opt<bool> NoCache{"no-cache", cl::desc("Do not use the summary cache"),
                        cl::cat(Category)};
  cl::list<std::string> ExtraArgs{"extra-arg",
                                  cl::desc("Append to the compile command"),
                                  cl::cat(Category)};
  cl::list<std::string> ExtraArgsBefore{
      "extra-arg-before", cl::desc("Prepend to the compile command"),
      cl::cat(Category)};
  cl::opt<bool> DumpSummaries{"dump-summaries", cl::Hidden,
                              cl::desc("Print every function summary")};
  /// --color=auto|always|never. LLVM registers its own boolean "color", so
  /// this one is taken out of argv before LLVM's parser sees it.
  std::string Color = "auto";
};

/// Collects a TU's diagnostics so that parallel runs print them in order.

struct TUResult {
  std::string File;
  TUSummary Summary;
  bool Failed = false;
  std::string Diagnostics;
  std::vector<RunError> Errors;
};

class AnalysisConsumer : public ASTConsumer {
public:
  AnalysisConsumer(const Policy &Pol, TUResult &R) : Pol(Pol), R(R) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      R.Failed = true;
      return;
    }
    analyzeTranslationUnit(Ctx, Pol, R.Summary, R.Errors);
  }

private:
  const Policy &Pol;
  TUResult &R;
};

class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(const Policy &Pol, TUResult &R) : Pol(Pol), R(R) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>(Pol, R);
  }

private:
  const Policy &Pol;
  TUResult &R;
};

class ActionFactory : public FrontendActionFactory {
public:
  ActionFactory(const Policy &Pol, TUResult &R) : Pol(Pol), R(R) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(Pol, R);
  }

private:
  const Policy &Pol;
  TUResult &R;
};

std::string absolutePath(llvm::StringRef P) {
  llvm::SmallString<256> S(P);
  llvm::sys::fs::make_absolute(S);
  llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/true);
  return std::string(S.str());
}

void printError(llvm::StringRef Msg) {
  llvm::errs() << "purpose-check: error: " << Msg << "\n";
}

/// Analyzes one TU. Never throws; parse failures are recorded in the result.
void analyzeOne(const CompilationDatabase &DB, const std::string &File,
                const Policy &Pol, const Options &O, TUResult &R) {
  R.File = File;
  ClangTool Tool(DB, {File});
  Tool.clearArgumentsAdjusters();
  Tool.appendArgumentsAdjuster(getClangStripOutputAdjuster());
  Tool.appendArgumentsAdjuster(getClangSyntaxOnlyAdjuster());
  Tool.appendArgumentsAdjuster(getClangStripDependencyFileAdjuster());
  std::vector<std::string> Before(O.ExtraArgsBefore.begin(),
                                  O.ExtraArgsBefore.end());
  Before.insert(Before.begin(),
                "-resource-dir=" PURPOSE_CLANG_RESOURCE_DIR);
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(Before, ArgumentInsertPosition::BEGIN));
  std::vector<std::string> After(O.ExtraArgs.begin(), O.ExtraArgs.end());
  After.push_back("-w");
  Tool.appendArgumentsAdjuster(
      getInsertArgumentAdjuster(After, ArgumentInsertPosition::END));
  llvm::raw_string_ostream DiagOS(R.Diagnostics);
  auto DiagOpts = llvm::makeIntrusiveRefCnt<DiagnosticOptions>();
  TextDiagnosticPrinter Printer(DiagOS, DiagOpts.get());
  Tool.setDiagnosticConsumer(&Printer);
  Tool.setPrintErrorMessage(false);
  ActionFactory Factory(Pol, R);
  int RC = Tool.run(&Factory);
  if (RC != 0)
    R.Failed = true;
}

bool readFile(llvm::StringRef Path, std::string &Out) {
  auto B = llvm::MemoryBuffer::getFile(Path);
  if (!B)
    return false;
  Out = (*B)->getBuffer().str();
  return true;
}

/// True iff \p F involves one of \p Files: its trace, origin or sink.
bool touches(const Finding &F, const std::set<std::string> &Files) {
  if (Files.count(F.OriginPos.File) || Files.count(F.SinkPos.File))
    return true;
  for (const TraceStep &S : F.Trace)
    if (Files.count(S.Pos.File))
      return true;
  return false;
}

void dumpSummary(const TUSummary &T, llvm::raw_ostream &OS) {
  static const char *LK[] = {"Param", "Origin", "Field", "Global",
                             "Object", "CallRet", "CallOut"};
  static const char *OK[] = {"Return", "OutParam", "FieldStore",
                             "GlobalStore", "CallArg"};
  for (const FunctionSummary &F : T.Functions) {
    OS << "function " << F.Name << " [" << F.USR << "]\n";
    for (size_t K = 0; K < F.Calls.size(); ++K)
      OS << "  call#" << K << " " << F.Calls[K].CalleeName
         << (F.Calls[K].Virtual ? " virtual" : "") << "\n";
    for (const FlowEdge &E : F.Edges)
      OS << "  " << LK[(int)E.Src.Kind] << "(" << E.Src.A << "," << E.Src.B
         << "," << E.Src.Key << ") -> " << OK[(int)E.Dst.Kind] << "("
         << E.Dst.A << "," << E.Dst.B << "," << E.Dst.Key << ") ["
         << E.Steps.size() << " steps]\n";
  }
}

} // namespace

int runDriver(int Argc, const char **Argv) {
  Options O;
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "purpose-check " PURPOSE_CHECK_VERSION " (LLVM " LLVM_VERSION_STRING
          ")\n";
  });
  // Take out --color[=X] before LLVM's parser (see Options::Color).
  std::vector<const char *> Args;
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef A = Argv[I];
    if (I > 0 && (A == "--color" || A == "-color") && I + 1 < Argc) {
      O.Color = Argv[++I];
      continue;
    }
    if (I > 0 && (A.consume_front("--color=") || A.consume_front("-color="))) {
      O.Color = A.str();
      continue;
    }
    Args.push_back(Argv[I]);
  }
  std::string ParseErrors;
  llvm::raw_string_ostream ErrOS(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          (int)Args.size(), Args.data(),
          "purpose-check: finds personal data used for a purpose it was not "
          "collected for\n",
          &ErrOS)) {
    llvm::errs() << ErrOS.str();
    llvm::errs() << "purpose-check: run 'purpose-check --help' for usage\n";
    return 2;
  }

  auto Fmt = parseReportFormat(O.Format);
  if (!Fmt) {
    printError(llvm::toString(Fmt.takeError()));
    return 2;
  }
  if (O.Color != "auto" && O.Color != "always" && O.Color != "never") {
    printError("--color must be auto, always or never, not '" + O.Color + "'");
    return 2;
  }

  // Policies.
  Policy Pol;
  for (const std::string &P : O.Policies) {
    auto Loaded = loadPolicyFile(P);
    if (!Loaded) {
      llvm::errs() << llvm::toString(Loaded.takeError()) << "\n";
      return 2;
    }
    if (llvm::Error E = mergePolicy(Pol, *Loaded)) {
      llvm::errs() << llvm::toString(std::move(E)) << "\n";
      return 2;
    }
  }

  // Baseline, read before any work so a bad file fails fast.
  std::set<std::string> BaselineFPs;
  if (!O.BaselineFile.empty()) {
    auto B = readBaseline(O.BaselineFile);
    if (!B) {
      llvm::errs() << llvm::toString(B.takeError()) << "\n";
      return 2;
    }
    BaselineFPs = std::move(*B);
  }

  // Compilation database.
  std::string ErrMsg;
  std::unique_ptr<CompilationDatabase> DB;
  std::string BuildDir = O.BuildPath;
  if (!BuildDir.empty()) {
    DB = CompilationDatabase::loadFromDirectory(BuildDir, ErrMsg);
    if (!DB) {
      printError("cannot load a compilation database from '" + BuildDir +
                 "': " + ErrMsg);
      return 2;
    }
  } else {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    DB = CompilationDatabase::autoDetectFromDirectory(Cwd, ErrMsg);
    if (!DB) {
      printError("no compilation database found (compile_commands.json) in '" +
                 std::string(Cwd.str()) +
                 "' or above; pass -p BUILD_DIR: " + ErrMsg);
      return 2;
    }
  }
  std::vector<std::string> Files = DB->getAllFiles();
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  if (Files.empty()) {
    printError("the compilation database lists no files");
    return 2;
  }

  // Map: each TU to its summaries.
  unsigned Jobs = O.Jobs ? O.Jobs : llvm::hardware_concurrency().compute_thread_count();
  std::vector<TUResult> Results(Files.size());
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    bool Progress = llvm::sys::Process::StandardErrIsDisplayed();
    std::mutex M;
    unsigned Done = 0;
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        analyzeOne(*DB, Files[I], Pol, O, Results[I]);
        if (Progress) {
          std::lock_guard<std::mutex> L(M);
          llvm::errs() << "\r[" << ++Done << "/" << Files.size() << "] "
                       << llvm::sys::path::filename(Files[I]) << "\x1b[K";
        }
      });
    Pool.wait();
    if (Progress)
      llvm::errs() << "\r\x1b[K";
  }

  Report R;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  R.SourceRoot = std::string(Cwd.str());
  std::vector<const TUSummary *> Sums;
  for (TUResult &T : Results) {
    ++R.Stats.TranslationUnits;
    if (T.Failed) {
      ++R.Stats.FailedTranslationUnits;
      llvm::errs() << T.Diagnostics;
      R.Errors.push_back({"failed to parse '" + T.File + "'"});
      continue;
    }
    for (RunError &E : T.Summary.AnnotationErrors)
      R.Errors.push_back(E);
    for (RunError &E : T.Errors)
      R.Errors.push_back(E);
    Sums.push_back(&T.Summary);
  }

  if (O.DumpSummaries)
    for (const TUSummary *T : Sums)
      dumpSummary(*T, llvm::errs());

  // Reduce: the whole-program solve.
  SolveResult S = solveProgram(Sums);
  R.Stats.Functions = S.Functions;
  R.Violations = std::move(S.Violations);
  R.Declassified = std::move(S.Declassified);
  for (RunError &E : S.Errors)
    R.Errors.push_back(E);

  std::vector<Suppression> Unjustified;
  applySuppressions(R, readFile, Unjustified);
  for (const Suppression &U : Unjustified)
    llvm::errs() << U.Pos.File << ":" << U.Pos.Line << ":" << U.Pos.Column
                 << ": warning: suppression of purpose-limitation without a "
                    "reason; write 'NOLINT(purpose-limitation): reason' "
                    "[purpose-annotation]\n";

  if (!O.Files.empty()) {
    std::set<std::string> Only;
    for (const std::string &F : O.Files)
      Only.insert(absolutePath(F));
    for (auto *L : {&R.Violations, &R.Suppressed, &R.Declassified})
      llvm::erase_if(*L, [&](const Finding &F) { return !touches(F, Only); });
  }

  if (!O.WriteBaselineFile.empty()) {
    R.sort();
    if (llvm::Error E = writeBaseline(O.WriteBaselineFile, R)) {
      printError(llvm::toString(std::move(E)));
      return 2;
    }
  }
  applyBaseline(R, BaselineFPs);
  R.Complete = R.Errors.empty();
  R.sort();

  for (const RunError &E : R.Errors)
    llvm::errs() << E.Message << "\n";

  WriteOptions WO;
  WO.Format = *Fmt;
  bool ToFile = !O.Output.empty();
  WO.Color = O.Color == "always" ||
             (O.Color == "auto" && !ToFile &&
              llvm::sys::Process::StandardOutIsDisplayed());
  if (ToFile) {
    if (llvm::Error E = writeFileAtomically(O.Output, [&](llvm::raw_ostream &OS) {
          writeReport(R, WO, OS);
        })) {
      printError(llvm::toString(std::move(E)));
      return 2;
    }
  } else {
    writeReport(R, WO, llvm::outs());
    llvm::outs().flush();
  }

  if (!R.Complete)
    return 2;
  if (!O.WriteBaselineFile.empty())
    return 0;
  return R.Violations.empty() ? 0 : 1;
}

} // namespace purpose
