//===- DriverSetup.cpp - From the command line to a run -------------------===//
//
// The checks of the options, the project (config, policies, baseline) and
// the compilation database and caches: everything runDriver resolves before
// it analyzes a translation unit.
//
//===----------------------------------------------------------------------===//
#include "DriverRun.h"
#include "FileUtil.h"
#include "JsonTree.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang::tooling;

namespace purpose {
namespace driver {

std::string absolutePath(llvm::StringRef P) { return absoluteFrom("", P); }

void printError(llvm::StringRef Msg) {
  llvm::errs() << "purpose-check: error: " << Msg << "\n";
}

namespace {

/// --format as an inventory or a report format, and --check's declared map.
bool parseFormats(Run &R) {
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
  return true;
}

/// --solver-budget NAME=N, each into its field of R.Solver.
bool parseSolverBudgets(Run &R) {
  for (llvm::StringRef B : R.O.SolverBudgets) {
    auto [Name, Value] = B.split('=');
    unsigned *Field = llvm::StringSwitch<unsigned *>(Name)
                          .Case("summary-rounds", &R.Solver.MaxSummaryRounds)
                          .Case("indirect-rounds", &R.Solver.MaxIndirectRounds)
                          .Case("trace-depth", &R.Solver.MaxTraceDepth)
                          .Default(nullptr);
    if (!Field || Value.getAsInteger(10, *Field)) {
      printError("--solver-budget must be summary-rounds=N, "
                 "indirect-rounds=N or trace-depth=N, not '" +
                 B.str() + "'");
      return false;
    }
  }
  return true;
}

/// --analyzer-budget NAME=N, each into its field of R.Analyzer.
bool parseAnalyzerBudgets(Run &R) {
  for (llvm::StringRef B : R.O.AnalyzerBudgets) {
    auto [Name, Value] = B.split('=');
    unsigned *Field = analyzerBudget(R.Analyzer, Name);
    if (!Field || Value.getAsInteger(10, *Field)) {
      printError("--analyzer-budget must be block-visits=N, "
                 "points-to-rounds=N or held-type-depth=N, not '" +
                 B.str() + "'");
      return false;
    }
  }
  return true;
}

/// --shard K/N.
bool parseShard(Run &R) {
  Options &O = R.O;
  if (O.Shard.empty())
    return true;
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
  return true;
}

/// --vfsoverlay: R.MakeFS and the main thread's R.FS.
bool loadVfsOverlay(Run &R) {
  Options &O = R.O;
  if (O.VfsOverlay.empty())
    return true;
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
  return true;
}

} // namespace

bool parseRunOptions(Run &R) {
  if (!parseFormats(R) || !parseSolverBudgets(R) || !parseAnalyzerBudgets(R))
    return false;
  Options &O = R.O;
  if (O.Color != "auto" && O.Color != "always" && O.Color != "never") {
    printError("--color must be auto, always or never, not '" + O.Color + "'");
    return false;
  }
  return parseShard(R) && loadVfsOverlay(R);
}

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

} // namespace driver
} // namespace purpose
