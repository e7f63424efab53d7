//===- Purpose.h - Purpose names and the hierarchy rule ---------*- C++ -*-===//
//
// A purpose is a dotted name, [a-z0-9_]+(\.[a-z0-9_]+)*, and purposes form a
// hierarchy: "security.authentication" lies within "security".
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_PURPOSE_H
#define PURPOSE_CORE_PURPOSE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace purpose {

/// True iff \p Name is a well-formed purpose: [a-z0-9_]+(\.[a-z0-9_]+)*.
bool isValidPurpose(llvm::StringRef Name);

/// True iff a use for \p Use lies within \p Limit (equal, or Use starts with
/// Limit + ".").
bool purposeWithin(llvm::StringRef Use, llvm::StringRef Limit);

/// True iff a value limited to \p Limits may be used for \p Use.
bool useAllowed(llvm::StringRef Use, const std::vector<std::string> &Limits);

/// Parses the argument of PURPOSE_LIMITED: comma-separated purposes, spaces
/// around commas allowed. On error, the message names the offending part.
/// The result is sorted and free of duplicates.
llvm::Expected<std::vector<std::string>> parsePurposeList(llvm::StringRef Text);

} // namespace purpose

#endif
