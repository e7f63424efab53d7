//===- KeptResult.h - The last run's report, kept ---------------*- C++ -*-===//
//
// A warm run whose every entry is current would parse every payload and
// solve the whole program again only to write the report it wrote last
// time. The kept result is that report, stored beside the stat index with
// what it was computed from: a key naming everything else the report
// depends on (the tool, the policies and config, the options), and each
// TU's entry by its checksum. A run whose key matches and whose entries
// have those checksums and are current takes the report from here instead
// (docs/cache-format.md, "The kept result").
//
// Machine-local, like the stat index: paths are absolute, and the key names
// the tool's executable by its stat.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_KEPTRESULT_H
#define PURPOSE_IO_KEPTRESULT_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace purpose {

struct KeptResult {
  /// Digest of everything the report depends on besides the entries.
  std::string Key;
  /// Each TU of the run, in the run's order: its main file (absolute) and
  /// the checksum of the entry its summary came from.
  std::vector<std::pair<std::string, std::string>> Entries;
  /// The report after suppressions, annotation findings, exclusions and
  /// the FILE arguments, before the baseline: its three lists of findings
  /// and the number of functions solved. A report with errors is not kept.
  unsigned Functions = 0;
  std::vector<Finding> Violations, Suppressed, Declassified;
  /// The files that applying suppressions read (the findings' files), each
  /// with the digest of what was read, "" when it could not be read: a
  /// suppression comment may be in a file that is no TU's input by that
  /// name.
  std::vector<std::pair<std::string, std::string>> Read;
};

/// One line of JSON; the same result always gives the same bytes.
std::string serializeKeptResult(const KeptResult &K);

/// The result serializeKeptResult wrote; std::nullopt for anything else
/// (a damaged or foreign file is only a miss: the run computes the report).
std::optional<KeptResult> parseKeptResult(llvm::StringRef Text);

/// Reads CACHE_DIR/kept-result-v1; std::nullopt when it is missing or
/// damaged.
std::optional<KeptResult> readKeptResult(llvm::StringRef Path);

/// Writes \p K to \p Path atomically.
llvm::Error writeKeptResult(llvm::StringRef Path, const KeptResult &K);

} // namespace purpose

#endif
