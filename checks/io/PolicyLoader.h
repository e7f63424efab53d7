//===- PolicyLoader.h - Reading policy files --------------------*- C++ -*-===//
//
// Turns policy JSON into a Policy. Every problem is reported, clang style, as
// "FILE:LINE:COL: error: MESSAGE": malformed JSON, unknown or duplicate keys,
// wrong types, missing members, bad purpose strings, and entries that
// conflict. All problems of a file are returned together, as one
// llvm::Error holding one StringError per problem (llvm::handleAllErrors
// visits them in file order).
//
// Not checked here: a "param" out of range for every overload of the
// function it names. That needs the program's declarations; the driver
// checks it after the analysis, using SinkRule::Pos for the message.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_POLICYLOADER_H
#define PURPOSE_IO_POLICYLOADER_H

#include "Policy.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace purpose {

/// Reads and validates the policy file at \p Path. Positions and messages
/// name the file as \p Path is spelt.
llvm::Expected<Policy> loadPolicyFile(llvm::StringRef Path);

/// Validates policy JSON held in memory; \p Name stands for the file in
/// positions and messages.
llvm::Expected<Policy> loadPolicyBuffer(llvm::StringRef Contents,
                                        llvm::StringRef Name);

/// Adds the entries of \p From to \p Into. An entry whose key (sources: kind
/// and pattern; sinks: pattern and param; declassifiers: pattern) is already
/// in \p Into with different values is an error naming both places; an
/// identical duplicate is dropped. Non-conflicting entries are added even
/// when an error is returned.
llvm::Error mergePolicy(Policy &Into, const Policy &From);

} // namespace purpose

#endif
