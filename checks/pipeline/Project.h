//===- Project.h - What every front end reads about a project --*- C++ -*-===//
//
// The one place where a front end (the CLI, the clang-tidy checks,
// purpose-clangd, and through the CLI the pre-commit hook) learns what the
// project contributes beyond the code: the config file, the policies it names
// plus those of the front end's options, the baseline, the source root, and
// where the summary cache is.
//
// Loading never stops at the first problem: each unreadable or invalid file
// is one "FILE:LINE:COL: error: ..." line in Project::Problems, and whatever
// could be read is kept. A front end decides what problems mean (the CLI: an
// incomplete run, exit status 2).
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_PIPELINE_PROJECT_H
#define PURPOSE_PIPELINE_PROJECT_H

#include "Config.h"
#include "Policy.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace purpose {

struct ProjectOptions {
  /// A config file named explicitly (--config); else the nearest one upward
  /// from SearchFrom is used, if any.
  std::string ConfigFile;
  std::string SearchFrom;
  /// Policy files added to the config's (absolute).
  std::vector<std::string> ExtraPolicies;
  /// A baseline that replaces the config's (--baseline; absolute).
  std::string Baseline;
  /// A baseline file that does not exist yet is no problem (the run writes
  /// one: --write-baseline).
  bool BaselineMayBeMissing = false;
  /// Overrides of the source root and the cache directory (absolute).
  std::string SourceRoot;
  std::string CacheDir;
  /// The directory of the compilation database, when the front end knows
  /// it: the default cache directory is under it unless the config names
  /// one.
  std::string BuildDir;
};

struct Project {
  std::optional<Config> Cfg; ///< Unset when there is no (readable) config.
  Policy Pol;                ///< The config's policies, then the extra ones.
  std::set<std::string> BaselineFPs;
  std::string BaselineFile; ///< The file BaselineFPs came from, or empty.
  std::string SourceRoot;   ///< Absolute.
  /// Absolute; empty when neither an option, the config nor a known build
  /// directory says where the cache is.
  std::string CacheDir;
  /// "FILE:LINE:COL: error: ..." (or "FILE: error: ...") per problem.
  std::vector<std::string> Problems;
  /// Every file that was read (or looked for), for reloading on change.
  std::vector<std::string> Inputs;

  bool excludes(llvm::StringRef AbsPath) const {
    return Cfg && Cfg->excludes(AbsPath);
  }
};

/// Where the summary cache of a build directory is: the config's
/// "cache_dir", else BUILD_DIR/.purpose-check-cache, else the config's
/// build_dir's, else "".
std::string defaultCacheDir(const Project &P, llvm::StringRef BuildDir);

/// Loads the project as \p O describes it. Never fails: see Problems.
Project loadProject(const ProjectOptions &O);

/// loadProject for front ends that see one file at a time (the editor and
/// clang-tidy checks): the project is kept per \p O and loaded again only
/// when one of its input files changed (size or modification time), not for
/// every translation unit. Thread-safe.
std::shared_ptr<const Project> loadProjectCached(const ProjectOptions &O);

/// \p Path made absolute against \p Base (when relative; the current
/// directory when \p Base is empty) and free of "." and ".." components.
std::string absoluteFrom(llvm::StringRef Base, llvm::StringRef Path);

/// The directory holding compile_commands.json in \p Dir or above, or "".
std::string findBuildDirUpward(llvm::StringRef Dir);

/// The build directory of a file checked alone (an editor or clang-tidy):
/// the compile command's directory \p CommandDir or the nearest one above
/// it that holds compile_commands.json, else what clangd itself finds for
/// \p File: DIR/compile_commands.json or DIR/build/compile_commands.json in
/// the nearest directory DIR above the file. "" if none.
std::string findBuildDirFor(llvm::StringRef CommandDir, llvm::StringRef File);

} // namespace purpose

#endif
