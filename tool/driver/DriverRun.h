//===- DriverRun.h - What the driver's steps share --------------*- C++ -*-===//
//
// Internal to the driver: the command-line options, the run they resolve to,
// and the steps of runDriver that live in their own files (DriverSetup.cpp
// resolves the run, DriverAnalyze.cpp is the map step).
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TOOL_DRIVERRUN_H
#define PURPOSE_TOOL_DRIVERRUN_H

#include "FidesMap.h"
#include "Inventory.h"
#include "InventoryWriter.h"
#include "KeptResult.h"
#include "Project.h"
#include "ReportWriter.h"
#include "Solver.h"
#include "SummaryCache.h"
#include "TUAnalysis.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace purpose {
namespace driver {

namespace cl = llvm::cl;

/// The category of purpose-check's own options (the rest are hidden).
extern cl::OptionCategory Category;

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
  cl::list<std::string> AnalyzerBudgets{
      "analyzer-budget", cl::Hidden,
      cl::desc("NAME=N: set a budget of the function analysis "
               "(block-visits, points-to-rounds, held-type-depth), for tests")};
  cl::opt<bool> DumpSummaries{"dump-summaries", cl::Hidden,
                              cl::desc("Print every function summary")};
  /// --color=auto|always|never. LLVM registers its own boolean "color", so
  /// this one is taken out of argv before LLVM's parser sees it.
  std::string Color = "auto";
};

/// Everything a run needs, resolved from options and the config file.
struct Run {
  Options &O;
  Project Proj; ///< Config, policies, baseline, source root.
  const Policy &Pol = Proj.Pol;
  const std::string &SourceRoot = Proj.SourceRoot;
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  std::string BuildDir;
  std::vector<SummaryCache> Caches; ///< [0] is written; the rest are read.
  unsigned ShardK = 0, ShardN = 0;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS; ///< Main thread's.
  /// A fresh overlay file system for each TU, or empty for the physical one.
  std::function<llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>()> MakeFS;
  ReportFormat Format = ReportFormat::Text;
  InventoryFormat InvFormat = InventoryFormat::Text;
  SolverOptions Solver;
  /// When the run began: project files changed since (or just before) are
  /// not trusted to be the ones it loaded (keptResultKey).
  WallTime Began = std::chrono::system_clock::now();
  AnalyzerOptions Analyzer;
  std::optional<DeclaredMap> Declared; ///< --check's file.
  size_t Undeclared = 0;               ///< Pairs that Declared does not cover.

  explicit Run(Options &O) : O(O) {}
};

std::string absolutePath(llvm::StringRef P);
void printError(llvm::StringRef Msg);

/// Checks the options that need no file. False: the error has been printed,
/// and no report can be written (its format or destination may be what is
/// wrong).
bool parseRunOptions(Run &R);

/// The config file (--config, else the nearest one upward), the policies
/// (the config's, then --policy), the baseline (--baseline, else the
/// config's) and the source root. Problems go to \p Rep as errors; false
/// when there were any.
bool loadRunProject(Run &R, Report &Rep);

/// The compilation database: -p, else the config's build_dir, else upward;
/// then the caches. A problem goes to \p Rep as an error; false then.
bool loadDatabase(Run &R, Report &Rep);

/// A stable share of the TUs for --shard: by the hash of the root-relative
/// path, so that every shard agrees whatever the order of the database.
bool inShard(const Run &R, const std::string &File);

/// CACHE_DIR/kept-result-v1 when this run may use and keep a result there
/// (KeptResult.h), else "".
std::string keptResultPath(const Run &R);

/// The kept result's key for this run: a digest of everything its report
/// depends on besides the entries; "" when it cannot be told.
std::string keptResultKey(const Run &R);

/// What the map step gives.
struct Analyzed {
  /// One per TU; empty when the kept result was current.
  std::vector<TUResult> Results;
  /// Each TU's entry checksum, read or written; "" where there is none.
  std::vector<std::string> Checksums;
  /// The kept result given to analyzeAll holds this run's report: every
  /// entry is current, with the checksum it names.
  bool KeptCurrent = false;
};

/// The map step: each TU from the cache when its inputs are unchanged, else
/// parsed and analyzed (and cached). Given a kept result whose key is this
/// run's, it first checks the entries' heads against it, and when they all
/// match and are current, stops there. With --timings, prints the time of
/// its parts, summed over the workers.
Analyzed analyzeAll(Run &R, const std::vector<std::string> &Files,
                    const KeptResult *Kept);

} // namespace driver
} // namespace purpose

#endif
