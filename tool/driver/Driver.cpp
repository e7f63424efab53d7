//===- Driver.cpp - The purpose-check command line ------------------------===//
//
// runDriver: the command line, then the steps of a run in order. Resolving
// the run is DriverSetup.cpp's, the map step DriverAnalyze.cpp's; the reduce
// step, the report and the exit status are here.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"
#include "Baseline.h"
#include "DriverRun.h"
#include "FileUtil.h"
#include "ReportPipeline.h"
#include "SummaryFormat.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <map>

namespace purpose {
namespace driver {

cl::OptionCategory Category("purpose-check options");

namespace {

/// --dump-summaries: each function's calls and edges, kinds named as in a
/// cache entry (docs/cache-format.md).
void dumpSummary(const TUSummary &T, llvm::raw_ostream &OS) {
  for (const FunctionSummary &F : T.Functions) {
    OS << "function " << F.Name << " [" << F.USR << "]\n";
    for (size_t K = 0; K < F.Calls.size(); ++K)
      OS << "  call#" << K << " " << F.Calls[K].CalleeName
         << (F.Calls[K].Virtual ? " virtual" : "") << "\n";
    for (const FlowEdge &E : F.Edges)
      OS << "  " << kindName(E.Src.Kind) << "(" << E.Src.A << "," << E.Src.B
         << "," << E.Src.Key << ") -> " << kindName(E.Dst.Kind) << "("
         << E.Dst.A << "," << E.Dst.B << "," << E.Dst.Key << ") ["
         << E.Steps.size() << " steps]\n";
  }
}

/// Parses \p Argv into \p O. False: the error has been printed.
bool parseCommandLine(int Argc, const char **Argv, Options &O) {
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
    return false;
  }
  return true;
}

/// The TUs to analyze, absolute, sorted and unique: the database's, and
/// the source files named on the command line that it does not list.
std::vector<std::string> filesToAnalyze(const Run &R) {
  std::vector<std::string> Files = R.DB->getAllFiles();
  for (std::string &F : Files)
    F = absolutePath(F);
  // Source files named on the command line but missing from the database
  // are analyzed with a command inferred from their neighbours.
  for (const std::string &F : R.O.Files) {
    llvm::StringRef Ext = llvm::sys::path::extension(F);
    if (Ext == ".cpp" || Ext == ".cc" || Ext == ".cxx" || Ext == ".c" ||
        Ext == ".C" || Ext == ".c++")
      if (!llvm::is_contained(Files, absolutePath(F)))
        Files.push_back(absolutePath(F));
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  return Files;
}

/// --timings' phases: each one's time since the previous one ended (the
/// first since the start of the process's run).
class PhaseClock {
public:
  void end(const char *Name, bool Print) {
    auto Now = std::chrono::steady_clock::now();
    if (Print)
      llvm::errs() << llvm::format(
          "purpose-check: timing: %s %.3fs\n", Name,
          std::chrono::duration<double>(Now - Start).count());
    Start = Now;
  }

private:
  std::chrono::steady_clock::time_point Start =
      std::chrono::steady_clock::now();
};

/// Warns once of each compiler flag that some TU's command had and Clang
/// does not know.
void warnDroppedFlags(const std::vector<TUResult> &Results) {
  std::set<std::string> Dropped;
  for (const TUResult &T : Results)
    Dropped.insert(T.DroppedFlags.begin(), T.DroppedFlags.end());
  for (const std::string &D : Dropped)
    llvm::errs() << "purpose-check: warning: ignoring " << D << "\n";
}

/// The summaries of the TUs that take part in this run (all, or a shard's
/// share and what came from the cache), counted in Rep.Stats; a TU that
/// failed, and the errors of the others, go to \p Rep.
std::vector<const TUSummary *>
collectSummaries(const Run &R, const std::vector<std::string> &Files,
                 std::vector<TUResult> &Results, Report &Rep) {
  std::vector<const TUSummary *> Sums;
  for (size_t I = 0; I < Results.size(); ++I) {
    TUResult &T = Results[I];
    if (R.ShardN && !T.FromCache && !inShard(R, Files[I]))
      continue;
    ++Rep.Stats.TranslationUnits;
    Rep.Stats.TranslationUnitsFromCache += T.FromCache;
    if (T.Failed) {
      ++Rep.Stats.FailedTranslationUnits;
      llvm::errs() << T.Diagnostics;
      Rep.Errors.push_back({Files[I] + ": error: failed to parse this "
                                       "translation unit; it was not "
                                       "analyzed"});
      continue;
    }
    for (RunError &E : T.Errors)
      Rep.Errors.push_back(E);
    Sums.push_back(&T.Summary);
  }
  return Sums;
}

/// Suppressions, annotation findings, exclusions and the FILE arguments
/// (ReportPipeline.h).
/// \p Seen gets each file read, with the digest of what was read ("" when
/// it could not be).
void finish(Run &R, Report &Rep, const std::vector<const TUSummary *> &Sums,
            std::map<std::string, std::string> &Seen) {
  // Through the overlay, if any: a staged suppression counts, not the
  // working tree's.
  auto FS = R.FS ? R.FS : llvm::vfs::getRealFileSystem();
  auto Read = [&, FS](llvm::StringRef Path, std::string &Out) {
    auto B = FS->getBufferForFile(Path);
    Seen[Path.str()] = B ? contentDigest((*B)->getBuffer()) : "";
    if (!B)
      return false;
    Out = (*B)->getBuffer().str();
    return true;
  };
  ReportFilter Filter{{}, Read};
  for (const std::string &F : R.O.Files)
    Filter.OnlyFiles.insert(absolutePath(F));
  finishReport(Rep, Sums, R.Proj, Filter);
}

/// A policy sink's "param" out of range for every overload that its name
/// matches is an error of the policy file.
void checkPolicyParams(const Run &R, const std::vector<const TUSummary *> &Sums,
                       Report &Rep) {
  std::map<std::string, bool> Fits;
  for (const TUSummary *T : Sums)
    for (const auto &[Pos, Fit] : T->PolicyParamFits)
      Fits[Pos] = Fits[Pos] || Fit;
  for (const SinkRule &S : R.Pol.Sinks) {
    if (!S.Param)
      continue;
    auto It = Fits.find(S.Pos.str());
    if (It != Fits.end() && !It->second)
      Rep.Errors.push_back({S.Pos.str() + ": error: parameter index " +
                            std::to_string(*S.Param) +
                            " is out of range for every overload "
                            "of '" +
                            S.Pattern + "' that the program declares"});
  }
}

/// Writes the report (or inventory) where the options say. False: it could
/// not be written, and the error has been printed.
bool writeOutput(Run &R, Report &Rep, const Inventory *Inv) {
  Options &O = R.O;
  WriteOptions WO;
  WO.Format = R.Format;
  bool ToFile = !O.Output.empty();
  std::optional<FidesMap> Map;
  if (Inv && R.InvFormat == InventoryFormat::Fides) {
    auto M = buildFidesMap(*Inv, R.Proj.Cfg ? R.Proj.Cfg->Tax : Taxonomy(),
                           R.Proj.Cfg ? R.Proj.Cfg->File : "");
    if (!M) {
      llvm::errs() << llvm::toString(M.takeError()) << "\n";
      return false;
    }
    Map = std::move(*M);
  }
  auto write = [&](llvm::raw_ostream &OS) {
    if (Map && R.Declared)
      R.Undeclared = writeUndeclared(*Map, *R.Declared, OS);
    else if (Map)
      writeFidesSystem(*Map, OS);
    else if (Inv)
      writeInventory(*Inv, R.InvFormat, OS);
    else
      writeReport(Rep, WO, OS);
  };
  WO.Color =
      O.Color == "always" || (O.Color == "auto" && !ToFile &&
                              llvm::sys::Process::StandardOutIsDisplayed());
  if (ToFile) {
    if (llvm::Error E = writeFileAtomically(O.Output, write)) {
      printError(llvm::toString(std::move(E)));
      return false;
    }
  } else {
    write(llvm::outs());
    llvm::outs().flush();
  }
  return true;
}

/// Ends a run that could not analyze anything: its errors on stderr, and
/// still the report in the requested format, marked incomplete, so that CI
/// has a file to upload that says why.
int endUntrusted(Run &R, Report &Rep, ExitCause Cause) {
  Rep.Complete = false;
  for (const RunError &E : Rep.Errors)
    llvm::errs() << E.Message << "\n";
  std::optional<Inventory> Inv;
  if (R.O.Inventory)
    Inv = buildInventory({}, SolveResult(), Rep);
  writeOutput(R, Rep, Inv ? &*Inv : nullptr);
  return exitStatus({Cause});
}

/// Ends a --shard run: a shard only fills the cache; the run over the
/// merged caches reports.
int endShard(const Run &R, const Report &Rep) {
  for (const RunError &E : Rep.Errors)
    llvm::errs() << E.Message << "\n";
  llvm::errs() << "purpose-check: shard " << R.ShardK << "/" << R.ShardN << ": "
               << Rep.Stats.TranslationUnits << " translation units in '"
               << R.Caches.front().dir() << "'\n";
  return exitStatus(Rep.Errors.empty()
                        ? std::set<ExitCause>()
                        : std::set<ExitCause>{ExitCause::IncompleteAnalysis});
}

/// The report as the kept result holds it (KeptResult.h).
KeptResult keptFrom(const Report &Rep, const std::vector<std::string> &Files,
                    const std::vector<std::string> &Checksums) {
  KeptResult K;
  for (size_t I = 0; I < Files.size(); ++I)
    K.Entries.emplace_back(Files[I], Checksums[I]);
  K.Functions = Rep.Stats.Functions;
  K.Violations = Rep.Violations;
  K.Suppressed = Rep.Suppressed;
  K.Declassified = Rep.Declassified;
  return K;
}

/// Keeps \p Rep for the next run, if it may: a complete report over every
/// TU's entry, with a key.
void keepResult(const Run &R, const Report &Rep, llvm::StringRef Path,
                llvm::StringRef Key, const std::vector<std::string> &Files,
                const std::vector<std::string> &Checksums,
                const std::map<std::string, std::string> &Seen) {
  if (Path.empty() || Key.empty() || !Rep.Errors.empty() ||
      llvm::is_contained(Checksums, ""))
    return;
  KeptResult K = keptFrom(Rep, Files, Checksums);
  K.Key = Key.str();
  K.Read.assign(Seen.begin(), Seen.end());
  (void)llvm::sys::fs::create_directories(R.Caches.front().dir());
  if (llvm::Error E = writeKeptResult(Path, K))
    llvm::errs() << "purpose-check: warning: " << llvm::toString(std::move(E))
                 << "; the next run solves the program again\n";
}

/// Whether the files that applying suppressions read (KeptResult::Read)
/// still hold what they held.
bool readFilesUnchanged(const KeptResult &K) {
  for (const auto &[Path, Digest] : K.Read) {
    auto B = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
    if ((B ? contentDigest((*B)->getBuffer()) : "") != Digest)
      return false;
  }
  return true;
}

/// The kept result at \p Path if its key is \p Key ("": this run uses
/// none) and the files it read are unchanged; \p Status says what became
/// of it, for --timings.
std::optional<KeptResult>
loadKept(const std::string &Path, const std::string &Key, const char *&Status) {
  if (Key.empty())
    return std::nullopt;
  std::optional<KeptResult> Kept = readKeptResult(Path);
  Status = Kept ? "made by another kind of run" : "none";
  if (!Kept || Kept->Key != Key)
    return std::nullopt;
  if (!readFilesUnchanged(*Kept)) {
    Status = "stale";
    return std::nullopt;
  }
  return Kept;
}

/// The report from the kept result \p K, every TU's entry current.
void reportFromKept(const std::vector<std::string> &Files, KeptResult &K,
                    Report &Rep) {
  Rep.Stats.TranslationUnits = Files.size();
  Rep.Stats.TranslationUnitsFromCache = Files.size();
  Rep.Stats.Functions = K.Functions;
  Rep.Violations = std::move(K.Violations);
  Rep.Suppressed = std::move(K.Suppressed);
  Rep.Declassified = std::move(K.Declassified);
}

/// The reduce step (the whole-program solve) over \p Sums, then the
/// suppressions, annotation findings and exclusions (finish).
void solve(Run &R, Report &Rep, const std::vector<const TUSummary *> &Sums,
           SolveResult &S, std::map<std::string, std::string> &Seen,
           PhaseClock &Phases) {
  S = solveProgram(Sums, R.Solver);
  Phases.end("solve", R.O.Timings);
  Rep.Stats.Functions = S.Functions;
  Rep.Violations = S.Violations;
  Rep.Declassified = S.Declassified;
  for (RunError &E : S.Errors)
    Rep.Errors.push_back(E);
  finish(R, Rep, Sums, Seen);
}

/// The report after the solve: the baseline applied, the report (or the
/// inventory, from \p Sums and \p S) written. Returns the exit status.
int report(Run &R, Report &Rep, const std::vector<const TUSummary *> &Sums,
           const SolveResult &S, PhaseClock &Phases) {
  Options &O = R.O;
  std::set<ExitCause> Causes;
  if (!O.WriteBaselineFile.empty()) {
    Rep.sort();
    if (llvm::Error E = writeBaseline(O.WriteBaselineFile, Rep)) {
      printError(llvm::toString(std::move(E)));
      Causes.insert(ExitCause::OutputFailed);
    }
  }
  applyBaselineAndSort(Rep, R.Proj);
  Rep.Complete = Rep.Errors.empty();
  for (const RunError &E : Rep.Errors)
    llvm::errs() << E.Message << "\n";
  std::optional<Inventory> Inv;
  if (O.Inventory)
    Inv = buildInventory(Sums, S, Rep);
  if (!writeOutput(R, Rep, Inv ? &*Inv : nullptr))
    Causes.insert(ExitCause::OutputFailed);
  Phases.end("report", O.Timings);

  if (R.Declared) {
    // A data-map check gates on undeclared uses only, not on violations.
    if (!Rep.Complete)
      Causes.insert(ExitCause::IncompleteAnalysis);
    if (R.Undeclared)
      Causes.insert(ExitCause::UndeclaredDataUses);
  } else {
    Causes.merge(causesOf(Rep));
  }
  return exitStatus(Causes, /*WritingBaseline=*/!O.WriteBaselineFile.empty());
}

} // namespace
} // namespace driver

int runDriver(int Argc, const char **Argv) {
  using namespace driver;
  PhaseClock Phases;
  // Ctrl-C leaves no temporary file, not even one a worker thread is
  // creating at that moment (the cache is written from every worker).
  installInterruptCleanup();
  Options O;
  if (!parseCommandLine(Argc, Argv, O))
    return exitStatus({ExitCause::BadOptions});

  Run R(O);
  if (!parseRunOptions(R))
    return exitStatus({ExitCause::BadOptions});
  // From here on, every way the run can fail still writes the report.
  Report Rep;
  if (!loadRunProject(R, Rep))
    return endUntrusted(R, Rep, ExitCause::BadProject);
  if (!loadDatabase(R, Rep))
    return endUntrusted(R, Rep, ExitCause::NoCompilationDatabase);

  std::vector<std::string> Files = filesToAnalyze(R);
  if (Files.empty()) {
    Rep.Errors.push_back(
        {"purpose-check: error: the compilation database in '" + R.BuildDir +
         "' lists no files"});
    return endUntrusted(R, Rep, ExitCause::NoCompilationDatabase);
  }
  Phases.end("setup", O.Timings);

  // A run in which nothing changed reports what the last one did.
  std::string KeptPath = keptResultPath(R);
  std::string KeptKey = KeptPath.empty() ? "" : keptResultKey(R);
  const char *KeptStatus = "not used by this kind of run";
  std::optional<KeptResult> Kept = loadKept(KeptPath, KeptKey, KeptStatus);
  // Freeing every summary at exit takes a warm run over a large program
  // longer than writing its report, so the summaries are left to the
  // operating system, as clang does with its AST (-disable-free).
  auto Map =
      std::make_unique<Analyzed>(analyzeAll(R, Files, Kept ? &*Kept : nullptr));
  auto BuryResults =
      llvm::make_scope_exit([&] { llvm::BuryPointer(std::move(Map)); });
  if (O.Timings)
    llvm::errs() << "purpose-check: kept result: "
                 << (!Kept              ? KeptStatus
                     : Map->KeptCurrent ? "current"
                                        : "stale")
                 << "\n";
  Phases.end("analyze", O.Timings);
  if (Map->KeptCurrent) {
    reportFromKept(Files, *Kept, Rep);
    return report(R, Rep, {}, SolveResult(), Phases);
  }
  std::vector<TUResult> &Results = Map->Results;

  warnDroppedFlags(Results);
  std::vector<const TUSummary *> Sums =
      collectSummaries(R, Files, Results, Rep);
  checkPolicyParams(R, Sums, Rep);
  if (O.DumpSummaries)
    for (const TUSummary *T : Sums)
      dumpSummary(*T, llvm::errs());
  if (R.ShardN)
    return endShard(R, Rep);
  SolveResult S;
  std::map<std::string, std::string> Seen;
  solve(R, Rep, Sums, S, Seen, Phases);
  keepResult(R, Rep, KeptPath, KeptKey, Files, Map->Checksums, Seen);
  return report(R, Rep, Sums, S, Phases);
}

} // namespace purpose
