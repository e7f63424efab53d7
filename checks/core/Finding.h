//===- Finding.h - What the analysis reports -------------------*- C++ -*-===//
//
// The analysis' results, independent of any output format. Report writers in
// checks/io turn a Report into text, JSON, SARIF or HTML.
//
// Glossary:
//   origin      the declaration whose value is limited to purposes (a field, a
//               global, a parameter, or a function's return value)
//   sink        a call of a function that uses a value for a purpose
//   trace       one shortest chain of steps from the read of the origin to the
//               sink call; Trace[0] is the read, the last step is the call
//   fingerprint hash of (origin, sink callee, enclosing function, ordinal of
//               this sink call among the function's calls of that callee);
//               stable under line shifts and unrelated edits
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_FINDING_H
#define PURPOSE_CORE_FINDING_H

#include <string>
#include <vector>

namespace purpose {

/// A position in a source file. File is an absolute, normalised path.
struct SourcePos {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  bool operator<(const SourcePos &O) const {
    if (File != O.File)
      return File < O.File;
    if (Line != O.Line)
      return Line < O.Line;
    return Column < O.Column;
  }
  bool operator==(const SourcePos &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

struct TraceStep {
  SourcePos Pos;
  std::string Message; ///< e.g. "read of 'acme::Account::phone'"
};

/// Allowed: a flow to a use its origin's limit permits (for the inventory).
enum class FindingKind { Violation, Suppressed, Declassified, Allowed };

struct Finding {
  FindingKind Kind = FindingKind::Violation;
  std::string Rule = "purpose-limitation";
  std::string Message; ///< The headline, clang-tidy style.

  std::string OriginName;                  ///< Fully qualified.
  std::vector<std::string> OriginPurposes; ///< Sorted.
  SourcePos OriginPos;                     ///< The declaration.

  std::string SinkName;    ///< The callee, fully qualified.
  std::string SinkPurpose; ///< The purpose of the use.
  SourcePos SinkPos;       ///< The call (callee name or operator).
  SourcePos SinkDeclPos;   ///< The sink's declaration, where known.

  std::vector<TraceStep> Trace;
  std::string Fingerprint; ///< 16 hex digits.
  /// The fingerprint that earlier builds gave a finding inside a lambda
  /// or a local class, whose enclosing function's identity then held its
  /// byte offset in the file; empty where it was Fingerprint. A baseline
  /// matches either.
  std::string FormerFingerprint;

  std::string Reason;       ///< Suppressed or declassified: why.
  std::string Declassifier; ///< Declassified: the declassifying function.
};

/// A problem with the user's input that makes the run untrustworthy
/// (exit status 2): a TU that failed to parse, a bad policy, a missing
/// compilation database, an exhausted budget.
struct RunError {
  std::string Message; ///< Names file and position where there is one.
};

struct RunStats {
  unsigned TranslationUnits = 0;
  unsigned TranslationUnitsFromCache = 0;
  unsigned Functions = 0;
  unsigned FailedTranslationUnits = 0;
};

struct Report {
  bool Complete = true;
  std::vector<Finding> Violations;
  std::vector<Finding> Suppressed;
  std::vector<Finding> Declassified;
  std::vector<RunError> Errors;
  RunStats Stats;
  std::string SourceRoot; ///< Absolute; SARIF's %SRCROOT%.

  /// Sorts every list by (sink position, origin, sink purpose) so that output
  /// is deterministic.
  void sort();
};

} // namespace purpose

#endif
