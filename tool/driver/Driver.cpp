//===- Driver.cpp ---------------------------------------------------------===//
#include "Driver.h"
#include "Baseline.h"
#include "Config.h"
#include "FidesMap.h"
#include "FileUtil.h"
#include "InputChecker.h"
#include "Inventory.h"
#include "InventoryWriter.h"
#include "JsonTree.h"
#include "Project.h"
#include "ReportPipeline.h"
#include "ReportWriter.h"
#include "Solver.h"
#include "SummaryCache.h"
#include "SummaryFormat.h"
#include "TUAnalysis.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/Format.h"
#include <chrono>
#include <functional>
#include <map>
#include <mutex>

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
                         cl::init(0), cl::Prefix, cl::cat(Category)};
  cl::list<std::string> CacheDirs{
      "cache-dir",
      cl::desc("Summary cache; repeat to also read the caches of shards"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::opt<bool> NoCache{"no-cache", cl::desc("Do not use the summary cache"),
                        cl::cat(Category)};
  cl::opt<std::string> Shard{
      "shard", cl::desc("K/N: analyze and cache only this share of the TUs"),
      cl::value_desc("K/N"), cl::cat(Category)};
  cl::opt<std::string> SourceRoot{
      "source-root",
      cl::desc("Root for relative paths in caches and reports (default: the "
               "config file's directory, else the current directory)"),
      cl::value_desc("dir"), cl::cat(Category)};
  cl::opt<std::string> VfsOverlay{
      "vfsoverlay",
      cl::desc("Overlay the virtual file system described by this file over "
               "the real one (as clang-tidy's); the pre-commit hook uses it "
               "to check staged contents"),
      cl::value_desc("file"), cl::cat(Category)};
  cl::list<std::string> ExtraArgs{"extra-arg",
                                  cl::desc("Append to the compile command"),
                                  cl::cat(Category)};
  cl::list<std::string> ExtraArgsBefore{
      "extra-arg-before", cl::desc("Prepend to the compile command"),
      cl::cat(Category)};
  cl::opt<bool> Inventory{
      "inventory",
      cl::desc("Write the data inventory (every limited origin, every use, "
               "declassifier and suppression, and where each origin goes) "
               "instead of the report; --format text|json|dot|fides"),
      cl::cat(Category)};
  cl::opt<std::string> CheckDeclared{
      "check",
      cl::desc("With --inventory --format fides: compare the data map with "
               "this declared fideslang YAML file, list every (data category, "
               "data use) pair the code reaches that it does not declare, and "
               "exit 1 if there is one"),
      cl::value_desc("declared.yml"), cl::cat(Category)};
  cl::opt<bool> Timings{"timings",
                        cl::desc("Print the time of each phase on stderr"),
                        cl::cat(Category)};
  cl::list<std::string> SolverBudgets{
      "solver-budget", cl::Hidden,
      cl::desc("NAME=N: set a budget of the whole-program solve "
               "(summary-rounds, indirect-rounds, trace-depth), for tests")};
  cl::opt<bool> DumpSummaries{"dump-summaries", cl::Hidden,
                              cl::desc("Print every function summary")};
  /// --color=auto|always|never. LLVM registers its own boolean "color", so
  /// this one is taken out of argv before LLVM's parser sees it.
  std::string Color = "auto";
};

std::string absolutePath(llvm::StringRef P) { return absoluteFrom("", P); }

void printError(llvm::StringRef Msg) {
  llvm::errs() << "purpose-check: error: " << Msg << "\n";
}

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

/// Everything a run needs, resolved from options and the config file.
struct Run {
  Options &O;
  Project Proj; ///< Config, policies, baseline, source root.
  const Policy &Pol = Proj.Pol;
  const std::string &SourceRoot = Proj.SourceRoot;
  std::unique_ptr<CompilationDatabase> DB;
  std::string BuildDir;
  std::vector<SummaryCache> Caches; ///< [0] is written; the rest are read.
  unsigned ShardK = 0, ShardN = 0;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS; ///< Main thread's.
  /// A fresh overlay file system for each TU, or empty for the physical one.
  std::function<llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>()> MakeFS;
  ReportFormat Format = ReportFormat::Text;
  InventoryFormat InvFormat = InventoryFormat::Text;
  SolverOptions Solver;
  std::optional<DeclaredMap> Declared; ///< --check's file.
  size_t Undeclared = 0; ///< Pairs that Declared does not cover.

  explicit Run(Options &O) : O(O) {}
};

/// Checks the options that need no file. False: the error has been printed,
/// and no report can be written (its format or destination may be what is
/// wrong).
bool parseRunOptions(Run &R) {
  Options &O = R.O;
  if (O.Inventory) {
    auto IF = parseInventoryFormat(O.Format);
    if (!IF) {
      printError(llvm::toString(IF.takeError()));
      return false;
    }
    R.InvFormat = *IF;
  } else if (!O.CheckDeclared.empty()) {
    printError("--check compares the data map with a declared one; use it "
               "with --inventory --format fides");
    return false;
  } else {
    auto Fmt = parseReportFormat(O.Format);
    if (!Fmt) {
      printError(llvm::toString(Fmt.takeError()));
      return false;
    }
    R.Format = *Fmt;
  }
  if (!O.CheckDeclared.empty()) {
    if (R.InvFormat != InventoryFormat::Fides) {
      printError("--check compares the data map with a declared one; use it "
                 "with --format fides");
      return false;
    }
    auto D = loadDeclaredMap(O.CheckDeclared);
    if (!D) {
      llvm::errs() << llvm::toString(D.takeError()) << "\n";
      return false;
    }
    R.Declared = std::move(*D);
  }
  for (llvm::StringRef B : O.SolverBudgets) {
    auto [Name, Value] = B.split('=');
    unsigned *Field = llvm::StringSwitch<unsigned *>(Name)
                          .Case("summary-rounds", &R.Solver.MaxSummaryRounds)
                          .Case("indirect-rounds", &R.Solver.MaxIndirectRounds)
                          .Case("trace-depth", &R.Solver.MaxTraceDepth)
                          .Default(nullptr);
    if (!Field || Value.getAsInteger(10, *Field)) {
      printError("--solver-budget must be summary-rounds=N, "
                 "indirect-rounds=N or trace-depth=N, not '" + B.str() + "'");
      return false;
    }
  }
  if (O.Color != "auto" && O.Color != "always" && O.Color != "never") {
    printError("--color must be auto, always or never, not '" + O.Color + "'");
    return false;
  }
  if (!O.Shard.empty()) {
    auto [K, N] = llvm::StringRef(O.Shard).split('/');
    if (K.getAsInteger(10, R.ShardK) || N.getAsInteger(10, R.ShardN) ||
        R.ShardN == 0 || R.ShardK == 0 || R.ShardK > R.ShardN) {
      printError("--shard must be K/N with 1 <= K <= N, not '" + O.Shard + "'");
      return false;
    }
    if (O.NoCache) {
      printError("--shard writes the cache; it cannot be used with --no-cache");
      return false;
    }
  }

  if (!O.VfsOverlay.empty()) {
    auto Buf = llvm::MemoryBuffer::getFile(O.VfsOverlay);
    if (!Buf) {
      printError("cannot read '" + O.VfsOverlay +
                 "': " + Buf.getError().message());
      return false;
    }
    std::string Yaml = (*Buf)->getBuffer().str();
    std::string Name = O.VfsOverlay;
    // One file system per TU: ClangTool sets the working directory of the
    // one it is given, so threads must not share one.
    R.MakeFS = [Yaml, Name]() -> llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> {
      auto Overlay = llvm::vfs::getVFSFromYAML(
          llvm::MemoryBuffer::getMemBufferCopy(Yaml, Name), nullptr, Name,
          nullptr, llvm::vfs::createPhysicalFileSystem());
      if (!Overlay)
        return nullptr;
      auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
          llvm::vfs::createPhysicalFileSystem());
      FS->pushOverlay(
          llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(Overlay.release()));
      return FS;
    };
    R.FS = R.MakeFS();
    if (!R.FS) {
      printError("'" + O.VfsOverlay + "' is not a valid VFS overlay file");
      return false;
    }
  }

  return true;
}

/// The config file (--config, else the nearest one upward), the policies
/// (the config's, then --policy), the baseline (--baseline, else the
/// config's) and the source root. Problems go to \p Rep as errors; false
/// when there were any.
bool loadRunProject(Run &R, Report &Rep) {
  Options &O = R.O;
  ProjectOptions PO;
  if (!O.Config.empty())
    PO.ConfigFile = absolutePath(O.Config);
  for (const std::string &P : O.Policies)
    PO.ExtraPolicies.push_back(absolutePath(P));
  if (!O.BaselineFile.empty())
    PO.Baseline = absolutePath(O.BaselineFile);
  PO.BaselineMayBeMissing = !O.WriteBaselineFile.empty();
  if (!O.SourceRoot.empty())
    PO.SourceRoot = absolutePath(O.SourceRoot);
  R.Proj = loadProject(PO);
  Rep.SourceRoot = R.Proj.SourceRoot;
  for (const std::string &P : R.Proj.Problems)
    Rep.Errors.push_back({P});
  return R.Proj.Problems.empty();
}

/// The compilation database: -p, else the config's build_dir, else upward;
/// then the caches. A problem goes to \p Rep as an error; false then.
bool loadDatabase(Run &R, Report &Rep) {
  Options &O = R.O;
  auto fail = [&](std::string Msg) {
    Rep.Errors.push_back({"purpose-check: error: " + Msg});
    return false;
  };
  std::string ErrMsg;
  R.BuildDir = O.BuildPath;
  if (R.BuildDir.empty() && R.Proj.Cfg && !R.Proj.Cfg->BuildDir.empty())
    R.BuildDir = R.Proj.Cfg->BuildDir;
  if (!R.BuildDir.empty()) {
    llvm::SmallString<256> JsonDB(R.BuildDir);
    llvm::sys::path::append(JsonDB, "compile_commands.json");
    if (llvm::sys::fs::exists(JsonDB)) {
      // Load it directly, so that errors name the file and, for a syntax
      // error, the position (LLVM's own messages say "YAML:L:C").
      R.DB = JSONCompilationDatabase::loadFromFile(
          JsonDB, ErrMsg, JSONCommandLineSyntax::AutoDetect);
      if (!R.DB) {
        auto Doc = JsonDocument::parseFile(JsonDB, "compilation database");
        if (!Doc)
          Rep.Errors.push_back({llvm::toString(Doc.takeError())});
        else
          Rep.Errors.push_back(
              {std::string(JsonDB.str()) + ": error: " + ErrMsg});
        return fail("cannot load the compilation database '" +
                    std::string(JsonDB.str()) + "'");
      }
    } else {
      R.DB = CompilationDatabase::loadFromDirectory(R.BuildDir, ErrMsg);
    }
    if (!R.DB)
      return fail("cannot load a compilation database from '" + R.BuildDir +
                  "': " + ErrMsg);
    R.DB = inferMissingCompileCommands(std::move(R.DB));
  } else {
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    R.DB = CompilationDatabase::autoDetectFromDirectory(Cwd, ErrMsg);
    if (!R.DB)
      return fail("no compilation database (compile_commands.json) found in '" +
                  std::string(Cwd.str()) + "' or above; pass -p BUILD_DIR");
    R.DB = inferMissingCompileCommands(std::move(R.DB));
    // The directory the database came from, for the default cache.
    R.BuildDir = findBuildDirUpward(Cwd);
  }
  R.BuildDir = absolutePath(R.BuildDir);

  if (!O.NoCache) {
    std::vector<std::string> Dirs(O.CacheDirs.begin(), O.CacheDirs.end());
    if (Dirs.empty())
      Dirs.push_back(defaultCacheDir(R.Proj, R.BuildDir));
    for (const std::string &D : Dirs)
      R.Caches.emplace_back(absolutePath(D), R.SourceRoot);
  }
  return true;
}

/// A stable share of the TUs for --shard: by the hash of the root-relative
/// path, so that every shard agrees whatever the order of the database.
bool inShard(const Run &R, const std::string &File) {
  if (!R.ShardN)
    return true;
  llvm::StringRef Rel(File);
  if (Rel.consume_front(R.SourceRoot))
    Rel.consume_front("/");
  std::string D = contentDigest(Rel);
  unsigned long long H = 0;
  llvm::StringRef(D).getAsInteger(16, H);
  return H % R.ShardN == R.ShardK - 1;
}

/// The order in which to take the TUs: first those that will probably be
/// parsed (no entry, or a main file newer than its entry), then the rest.
/// Parsing a TU costs a hundred times what reading its entry does; started
/// first, the parses of a pre-commit run overlap the reading of the other
/// entries instead of waiting behind them. Only the order depends on this
/// guess: whether an entry is used is decided by its inputs, as always.
std::vector<size_t> schedule(const Run &R, const std::vector<std::string> &Files,
                             InputChecker &Checker) {
  std::vector<size_t> Likely, Rest;
  for (size_t I = 0; I < Files.size(); ++I) {
    bool Fresh = false;
    llvm::sys::fs::file_status Entry;
    // The checker's stat: the main file is an input, stat'ed once per run.
    if (std::optional<FileStat> Main = Checker.fileStat(Files[I]))
      for (const SummaryCache &C : R.Caches)
        if (!llvm::sys::fs::status(C.entryPath(Files[I]), Entry) &&
            std::chrono::duration_cast<std::chrono::nanoseconds>(
                Entry.getLastModificationTime().time_since_epoch())
                    .count() >= Main->MTimeNs) {
          Fresh = true;
          break;
        }
    (Fresh ? Rest : Likely).push_back(I);
  }
  Likely.insert(Likely.end(), Rest.begin(), Rest.end());
  return Likely;
}

/// The map step: each TU from the cache when its inputs are unchanged, else
/// parsed and analyzed (and cached). With --timings, prints the time of its
/// parts, summed over the workers.
std::vector<TUResult> analyzeAll(Run &R, const std::vector<std::string> &Files) {
  Options &O = R.O;
  using Clock = std::chrono::steady_clock;
  auto Since = [](Clock::time_point T) {
    return std::chrono::duration<double>(Clock::now() - T).count();
  };
  unsigned Jobs = O.Jobs ? (unsigned)O.Jobs
                         : llvm::hardware_concurrency().compute_thread_count();
  std::vector<TUResult> Results(Files.size());
  // Input files are stat'ed once each and read only when their stat is not
  // the one the index recorded (InputChecker.h). Not through an overlay.
  Clock::time_point IndexRead = Clock::now();
  std::string IndexPath =
      R.Caches.empty() || R.FS ? "" : R.Caches.front().statIndexPath();
  StatIndex Index =
      IndexPath.empty() ? StatIndex() : StatIndex::read(IndexPath);
  InputChecker Checker(R.FS, IndexPath.empty() ? nullptr : &Index);
  // Shared input sets whose file the index knows are not parsed again.
  if (!IndexPath.empty())
    R.Caches.front().setSharedSetStore(&Checker);
  struct {
    double Load = 0, Check = 0, Parse = 0, Summarize = 0, Rest = 0, Store = 0;
    unsigned Parsed = 0;
  } Sum; // Under M.
  Sum.Check = Since(IndexRead);
  std::mutex M;
  unsigned Done = 0;
  bool Progress = llvm::sys::Process::StandardErrIsDisplayed();
  std::vector<std::string> CacheWarnings;
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I : schedule(R, Files, Checker))
      Pool.async([&, I] {
        TUJob Job{Files[I], R.MakeFS ? R.MakeFS() : nullptr, R.SourceRoot,
                  {O.ExtraArgsBefore.begin(), O.ExtraArgsBefore.end()},
                  {O.ExtraArgs.begin(), O.ExtraArgs.end()}};
        TUResult &T = Results[I];
        double Load = 0, Check = 0, Store = 0;
        std::string Key = commandHash(*R.DB, Job, R.Pol, R.SourceRoot);
        for (const SummaryCache &C : R.Caches) {
          Clock::time_point T0 = Clock::now();
          auto Cached = C.load(absolutePath(Files[I]));
          Load += Since(T0);
          if (!Cached) {
            std::lock_guard<std::mutex> L(M);
            CacheWarnings.push_back(llvm::toString(Cached.takeError()));
            continue;
          }
          if (!*Cached || (*Cached)->Inputs.CommandHash != Key)
            continue;
          Clock::time_point T1 = Clock::now();
          std::string Why;
          bool Current = Checker.upToDate((*Cached)->Inputs, Why);
          Check += Since(T1);
          if (Current) {
            T.Summary = std::move(**Cached);
            T.FromCache = true;
            break;
          }
        }
        if (!T.FromCache && inShard(R, Files[I])) {
          WallTime Began = std::chrono::system_clock::now();
          analyzeTU(*R.DB, Job, R.Pol, T);
          Clock::time_point T2 = Clock::now();
          if (!T.Failed && !R.Caches.empty()) {
            Checker.recordAnalyzed(T.Summary.Inputs.Files, Began);
            if (llvm::Error E = R.Caches.front().store(T.Summary)) {
              std::lock_guard<std::mutex> L(M);
              CacheWarnings.push_back(llvm::toString(std::move(E)));
            }
          }
          Store += Since(T2);
        }
        std::lock_guard<std::mutex> L(M);
        Sum.Load += Load;
        Sum.Check += Check;
        Sum.Store += Store;
        Sum.Parse += T.Times.Parse;
        Sum.Summarize += T.Times.Summarize;
        Sum.Rest += T.Times.Rest;
        Sum.Parsed += !T.FromCache && inShard(R, Files[I]);
        if (O.Timings && T.Times.Cpu > 0)
          llvm::errs() << llvm::format(
              "purpose-check: tu-timing: cpu %.3fs parse %.3fs summarize %.3fs "
              "teardown %.3fs %s\n",
              T.Times.Cpu, T.Times.Parse, T.Times.Summarize, T.Times.Rest,
              Files[I].c_str());
        if (Progress)
          llvm::errs() << "\r[" << ++Done << "/" << Files.size() << "] "
                       << llvm::sys::path::filename(Files[I]) << "\x1b[K";
      });
    Pool.wait();
  }
  if (!IndexPath.empty())
    R.Caches.front().setSharedSetStore(nullptr);
  if (Progress)
    llvm::errs() << "\r\x1b[K";
  Clock::time_point IndexWrite = Clock::now();
  if (!IndexPath.empty() && Index.changed())
    if (llvm::Error E = Index.write(IndexPath))
      llvm::errs() << "purpose-check: warning: " << llvm::toString(std::move(E))
                   << "; the next run reads every input again\n";
  Sum.Store += Since(IndexWrite);
  llvm::sort(CacheWarnings);
  for (const std::string &W : CacheWarnings)
    llvm::errs() << "purpose-check: warning: " << W
                 << "; the translation unit is analyzed again\n";
  if (O.Timings) {
    // The parts of the analyze phase, each summed over the workers.
    for (auto [Name, Secs] : {std::pair<const char *, double>{"cache-load", Sum.Load},
                              {"cache-check", Sum.Check},
                              {"parse", Sum.Parse},
                              {"summarize", Sum.Summarize},
                              {"teardown", Sum.Rest},
                              {"cache-store", Sum.Store}})
      llvm::errs() << llvm::format("purpose-check: timing: %s %.3fs\n", Name,
                                   Secs);
    llvm::errs() << "purpose-check: inputs: " << Checker.counts().Stats
                 << " stat'ed, " << Checker.counts().Reads << " read; "
                 << Checker.counts().SetsParsed << " shared input sets parsed, "
                 << Checker.counts().SetsFromIndex
                 << " from the stat index; " << Sum.Parsed << " of " << Files.size()
                 << " translation units parsed\n";
  }
  return Results;
}

/// Suppressions, annotation findings, exclusions and the FILE arguments
/// (ReportPipeline.h).
void finish(Run &R, Report &Rep, const std::vector<const TUSummary *> &Sums) {
  // Through the overlay, if any: a staged suppression counts, not the
  // working tree's.
  auto FS = R.FS ? R.FS : llvm::vfs::getRealFileSystem();
  auto Read = [&](llvm::StringRef Path, std::string &Out) {
    auto B = FS->getBufferForFile(Path);
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
      Rep.Errors.push_back(
          {S.Pos.str() + ": error: parameter index " +
           std::to_string(*S.Param) + " is out of range for every overload "
           "of '" + S.Pattern + "' that the program declares"});
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
  WO.Color = O.Color == "always" ||
             (O.Color == "auto" && !ToFile &&
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

} // namespace

int runDriver(int Argc, const char **Argv) {
  auto Start = std::chrono::steady_clock::now();
  // Ctrl-C leaves no temporary file, not even one a worker thread is
  // creating at that moment (the cache is written from every worker).
  installInterruptCleanup();
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
    return exitStatus({ExitCause::BadOptions});
  }

  Run R(O);
  if (!parseRunOptions(R))
    return exitStatus({ExitCause::BadOptions});
  // From here on, every way the run can fail still writes the report.
  Report Rep;
  if (!loadRunProject(R, Rep))
    return endUntrusted(R, Rep, ExitCause::BadProject);
  if (!loadDatabase(R, Rep))
    return endUntrusted(R, Rep, ExitCause::NoCompilationDatabase);

  std::vector<std::string> Files = R.DB->getAllFiles();
  for (std::string &F : Files)
    F = absolutePath(F);
  // Source files named on the command line but missing from the database
  // are analyzed with a command inferred from their neighbours.
  for (const std::string &F : O.Files) {
    llvm::StringRef Ext = llvm::sys::path::extension(F);
    if (Ext == ".cpp" || Ext == ".cc" || Ext == ".cxx" || Ext == ".c" ||
        Ext == ".C" || Ext == ".c++")
      if (!llvm::is_contained(Files, absolutePath(F)))
        Files.push_back(absolutePath(F));
  }
  llvm::sort(Files);
  Files.erase(std::unique(Files.begin(), Files.end()), Files.end());
  if (Files.empty()) {
    Rep.Errors.push_back({"purpose-check: error: the compilation database in '" +
                          R.BuildDir + "' lists no files"});
    return endUntrusted(R, Rep, ExitCause::NoCompilationDatabase);
  }

  auto phase = [&](const char *Name) {
    auto Now = std::chrono::steady_clock::now();
    if (O.Timings)
      llvm::errs() << llvm::format("purpose-check: timing: %s %.3fs\n", Name,
                                   std::chrono::duration<double>(Now - Start)
                                       .count());
    Start = Now;
  };
  phase("setup");
  // Freeing every summary at exit takes a warm run over a large program
  // longer than writing its report, so the summaries are left to the
  // operating system, as clang does with its AST (-disable-free).
  auto ResultsOwner =
      std::make_unique<std::vector<TUResult>>(analyzeAll(R, Files));
  auto BuryResults =
      llvm::make_scope_exit([&] { llvm::BuryPointer(std::move(ResultsOwner)); });
  std::vector<TUResult> &Results = *ResultsOwner;
  phase("analyze");

  std::set<std::string> Dropped;
  for (const TUResult &T : Results)
    Dropped.insert(T.DroppedFlags.begin(), T.DroppedFlags.end());
  for (const std::string &D : Dropped)
    llvm::errs() << "purpose-check: warning: ignoring " << D << "\n";

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
  checkPolicyParams(R, Sums, Rep);
  if (O.DumpSummaries)
    for (const TUSummary *T : Sums)
      dumpSummary(*T, llvm::errs());

  if (R.ShardN) {
    // A shard only fills the cache; the run over the merged caches reports.
    for (const RunError &E : Rep.Errors)
      llvm::errs() << E.Message << "\n";
    llvm::errs() << "purpose-check: shard " << R.ShardK << "/" << R.ShardN
                 << ": " << Rep.Stats.TranslationUnits
                 << " translation units in '" << R.Caches.front().dir()
                 << "'\n";
    return exitStatus(Rep.Errors.empty()
                          ? std::set<ExitCause>()
                          : std::set<ExitCause>{ExitCause::IncompleteAnalysis});
  }

  // Reduce: the whole-program solve.
  SolveResult S = solveProgram(Sums, R.Solver);
  phase("solve");
  Rep.Stats.Functions = S.Functions;
  Rep.Violations = S.Violations;
  Rep.Declassified = S.Declassified;
  for (RunError &E : S.Errors)
    Rep.Errors.push_back(E);

  finish(R, Rep, Sums);
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
  phase("report");

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

} // namespace purpose
