//===- Baseline.h - Accepted violations, by fingerprint ---------*- C++ -*-===//
//
// A baseline lets a team adopt purpose-check on code that already has
// violations: the fingerprints of the violations accepted today, so that
// only new ones are reported. The file format (version 1):
//
//   {
//     "version": 1,
//     "fingerprints": [
//       "0123456789abcdef",
//       ...
//     ]
//   }
//
// Fingerprints are written sorted and unique. Readers reject unknown keys.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_BASELINE_H
#define PURPOSE_IO_BASELINE_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <set>
#include <string>

namespace purpose {

/// Reads the baseline at \p Path. Errors read "FILE:LINE:COL: error: MSG".
llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path);

/// Parses baseline JSON held in memory; \p Name stands for the file.
llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Contents,
                                                    llvm::StringRef Name);

/// Writes the fingerprints of \p R.Violations (only those: suppressed and
/// declassified flows need no baseline) to \p Path, atomically.
llvm::Error writeBaseline(llvm::StringRef Path, const Report &R);

/// Whether a baseline of \p Fingerprints holds \p F: its fingerprint, or the
/// one an earlier build gave it (Finding::FormerFingerprint).
bool inBaseline(const Finding &F, const std::set<std::string> &Fingerprints);

/// Drops the violations of \p R that a baseline of \p Fingerprints holds
/// (inBaseline) and returns how many were dropped. Suppressed and
/// declassified lists are untouched.
size_t applyBaseline(Report &R, const std::set<std::string> &Fingerprints);

} // namespace purpose

#endif
