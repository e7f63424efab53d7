//===- ProjectSetup.h - What the editor checks read about a project -*- C++ -*-===//
//
// The clang-tidy checks and purpose-clangd see one file at a time. This finds
// what the rest of the project contributes (INTERFACE.md section 4): the
// nearest .purpose-check.json upward from the file, the policies it names plus
// those of the check's options, and where the summary cache is.
//
// Paths given in check options are relative to the config file's directory
// when there is one, else to the current directory. The source root, against
// which cache entries are resolved, is the config file's directory, else the
// current directory: the same rule as the CLI's.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TIDY_PROJECTSETUP_H
#define PURPOSE_TIDY_PROJECTSETUP_H

#include "Config.h"
#include "Policy.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace purpose {

struct ProjectSetup {
  std::optional<Config> Cfg; ///< Unset when there is no (readable) config.
  Policy Pol;                ///< The config's policies, then the options'.
  std::string CacheDir;      ///< Absolute; empty: no cache to read.
  std::string SourceRoot;    ///< Absolute.
  /// The config's "baseline": violations with these fingerprints are not
  /// shown, as the CLI does not report them.
  std::set<std::string> BaselineFPs;
  /// Problems with the config or a policy, as "FILE:LINE:COL: error: ..."
  /// messages. Whatever could be read is still in Pol.
  std::vector<std::string> Problems;

  /// True iff the config excludes \p AbsPath from reports.
  bool excludes(llvm::StringRef AbsPath) const {
    return Cfg && Cfg->excludes(AbsPath);
  }
};

/// The setup for \p MainFile (absolute). \p CacheDirOption overrides the
/// config's cache directory when not empty; \p PoliciesOption is a
/// semicolon-separated list of policy files added to the config's. Never
/// fails: problems are collected in ProjectSetup::Problems.
ProjectSetup loadProjectSetup(llvm::StringRef MainFile,
                              llvm::StringRef CacheDirOption,
                              llvm::StringRef PoliciesOption);

/// \p Path made absolute against \p Base (when relative) and free of "." and
/// ".." components.
std::string absoluteFrom(llvm::StringRef Base, llvm::StringRef Path);

} // namespace purpose

#endif
