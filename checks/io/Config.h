//===- Config.h - The project config file .purpose-check.json --*- C++ -*-===//
//
// INTERFACE.md section 4: keys "policies" (files), "build_dir", "cache_dir"
// and "exclude" (globs of paths whose functions are not reported on), with
// paths relative to the config file. The CLI looks for the nearest one upward
// from the current directory; the clang-tidy check and purpose-clangd look
// upward from the file.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_CONFIG_H
#define PURPOSE_IO_CONFIG_H

#include "Policy.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace purpose {

constexpr const char *ConfigFileName = ".purpose-check.json";

/// The "taxonomy" section: how the data map names things in fideslang
/// (docs/inventory.md#fides).
struct Taxonomy {
  /// The fides_key of the system the map describes; empty: derived from the
  /// source root's directory name.
  std::string System;
  /// Our purpose -> a fideslang data use. A purpose without an entry takes
  /// its nearest mapped parent's ("advertising.partner" -> "advertising").
  std::map<std::string, std::string> DataUses;
  /// "purposes_are_data_uses": the purposes are fideslang data uses already.
  bool PurposesAreDataUses = false;
  PolicyPos Pos; ///< The section, for messages; File empty: no section.

  /// The data use of \p Purpose, or std::nullopt when nothing maps it.
  std::optional<std::string> dataUse(llvm::StringRef Purpose) const;
};

struct Config {
  std::string File;                  ///< Absolute path of the config file.
  std::string Dir;                   ///< Its directory: the source root.
  std::vector<std::string> Policies; ///< Absolute.
  std::string BuildDir;              ///< Absolute, or empty.
  std::string CacheDir;              ///< Absolute, or empty.
  /// The baseline every front end applies (as --baseline); absolute, or
  /// empty. --baseline on the command line replaces it.
  std::string Baseline;
  std::vector<std::string> Exclude; ///< Globs, relative to Dir.
  Taxonomy Tax;                     ///< The "taxonomy" section.

  /// True iff \p AbsPath matches an exclude glob, .gitignore-lite:
  ///  - globs match the path relative to Dir, with '/' separators; '*' and
  ///    '?' match within one segment, '**' matches across segments, and
  ///    "**/" matches zero or more whole segments ("a/**/b" matches "a/b");
  ///  - a glob with no '/' but a trailing one ("third_party", "*.pb.cc",
  ///    "build/") matches at any depth: against every path suffix that
  ///    starts at a segment boundary;
  ///  - a glob with a '/' inside is anchored at Dir; a leading "/" or "./"
  ///    anchors it too;
  ///  - a glob that matches a directory matches everything under it; with a
  ///    trailing '/' it matches only directories;
  ///  - there are no character classes or escapes.
  /// A path outside Dir is matched by unanchored globs only. A relative
  /// \p AbsPath is taken relative to Dir.
  bool excludes(llvm::StringRef AbsPath) const;
};

/// Loads a config file. Unknown keys, wrong types and malformed JSON are
/// errors "FILE:LINE:COL: error: ...".
llvm::Expected<Config> loadConfig(llvm::StringRef Path);

/// The nearest .purpose-check.json in \p StartDir or above, if any.
std::optional<std::string> findConfig(llvm::StringRef StartDir);

} // namespace purpose

#endif
