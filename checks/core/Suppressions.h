//===- Suppressions.h - NOLINT comments for purpose-limitation --*- C++ -*-===//
//
// clang-tidy's suppression comments, read from source text:
//   // NOLINT(purpose-limitation): reason         on the sink call's line
//   // NOLINTNEXTLINE(purpose-limitation): reason on the line above
//   // NOLINTBEGIN(purpose-limitation): reason ... // NOLINTEND(...)
// A bare NOLINT (no check list) or a list with "purpose-*" or "*" also
// applies. The reason is the text after "):" (or after the marker, for a bare
// NOLINT followed by ":"). A suppression without a reason still suppresses, and
// is reported by the purpose-annotation check.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_SUPPRESSIONS_H
#define PURPOSE_CORE_SUPPRESSIONS_H

#include "Finding.h"
#include "Summary.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace purpose {

/// Finds the suppressions for \p Check in \p Text, the contents of \p File.
std::vector<Suppression> findSuppressions(llvm::StringRef File,
                                          llvm::StringRef Text,
                                          llvm::StringRef Check);

/// Moves the violations of \p R whose sink call lies under a suppression into
/// R.Suppressed, with its reason ("no reason given" when it has none). \p Read
/// returns a file's contents, or false if it cannot be read. Each suppression
/// without a reason that suppresses a violation is appended to \p Unjustified
/// (once per violation it suppresses).
void applySuppressions(
    Report &R, llvm::function_ref<bool(llvm::StringRef, std::string &)> Read,
    std::vector<Suppression> &Unjustified);

} // namespace purpose

#endif
