//===- Summary.h - Per-function and per-TU summaries ------------*- C++ -*-===//
//
// What one translation unit is reduced to. Summaries hold no AST pointers, so
// they can be cached, merged across TUs and solved as a whole program.
//
// Glossary:
//   label     a symbolic source of taint inside one function: a parameter's
//             value at entry, the state of a field or global, a limited
//             parameter (an origin), a whole object of a user type, or what a
//             call site returned or wrote through an argument
//   output    where a function's data goes: its return value, what a
//             parameter points or refers to, a field, a global, or an argument
//             of one of its call sites
//   edge      label -> output, with the trace steps inside the function; the
//             intraprocedural analysis closes over local flow, so every edge
//             is a direct label-to-output pair
//   call site a call of a function that may be defined elsewhere, or of a
//             source, sink or declassifier; calls of library functions
//             without any such role are folded into local flow instead
//   decl info annotations and policy entries of a declaration, keyed by USR
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_SUMMARY_H
#define PURPOSE_CORE_SUMMARY_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace purpose {

/// Index of the object of a member call among "arguments" and "parameters".
constexpr int ObjectIndex = -1;
/// Index of the callee value (function pointer, std::function, closure) among
/// the "arguments" of an indirect call.
constexpr int CalleeIndex = -2;

/// Prefix of the globals that model what a `throw` carries to a `catch`:
/// "purpose:exception:TYPE" for the thrown type and each of its bases, and
/// "purpose:exception" alone for `catch (...)`.
constexpr const char *ExceptionKey = "purpose:exception";

enum class LabelKind : uint8_t {
  Param,   ///< A = parameter index (ObjectIndex for `this`).
  Origin,  ///< Key = origin key of a limited parameter.
  Field,   ///< Key = field USR.
  Global,  ///< Key = variable USR (globals, static members, local statics).
  Object,  ///< Key = record USR: the whole object, i.e. all its fields.
  CallRet, ///< A = call site index.
  CallOut, ///< A = call site index, B = argument index (ObjectIndex: object).
  FuncRef, ///< Key = USR of a function or lambda whose address this value is.
  /// Internal to the function analyzer, never in a summary: the value of a
  /// pointer or iterator local may point to location set A (so that what it
  /// points to is read flow-sensitively: `p = &other` stops reading the old
  /// target).
  PointsTo,
};

struct Label {
  LabelKind Kind = LabelKind::Param;
  int A = 0;
  int B = 0;
  std::string Key;
  bool operator<(const Label &O) const {
    return std::tie(Kind, A, B, Key) < std::tie(O.Kind, O.A, O.B, O.Key);
  }
  bool operator==(const Label &O) const {
    return Kind == O.Kind && A == O.A && B == O.B && Key == O.Key;
  }
};

enum class OutputKind : uint8_t {
  Return,      ///< The return value.
  OutParam,    ///< A = parameter index: what it points or refers to.
  FieldStore,  ///< Key = field USR.
  GlobalStore, ///< Key = variable USR.
  CallArg,     ///< A = call site index, B = argument index.
  /// A = call site index: a store through the reference or pointer that the
  /// call returned (`*proto.mutable_number() = v`, `LastSeen() = v`).
  StoreViaCall,
};

struct Output {
  OutputKind Kind = OutputKind::Return;
  int A = 0;
  int B = 0;
  std::string Key;
  bool operator<(const Output &O) const {
    return std::tie(Kind, A, B, Key) < std::tie(O.Kind, O.A, O.B, O.Key);
  }
};

struct FlowEdge {
  Label Src;
  Output Dst;
  std::vector<TraceStep> Steps;
};

/// A call of a function that the solver resolves.
/// Clang's USR for a lambda in a member function names only the function
/// and the lambda's parameter types, so two lambdas of one signature there
/// would be one function. usrOf() appends this marker and the lambda's
/// position (line:column) to the USRs of a lambda's class and members.
constexpr const char LambdaPositionMarker[] = "@lambda-at@";

/// The part of a function's USR that fingerprints up to this version used:
/// without the lambda position. It still held Clang's own position of a
/// function-local entity (a lambda's call operator, a method of a local
/// class): its byte offset in the file, "c:file.cpp@1234@...". Findings made
/// with it are matched by Finding::FormerFingerprint, so that saved
/// baselines keep matching.
inline std::string formerFingerprintIdentity(const std::string &USR) {
  size_t At = USR.rfind(LambdaPositionMarker);
  return At == std::string::npos ? USR : USR.substr(0, At);
}

/// The byte offset that Clang writes into the USR of a function-local entity,
/// "c:file.cpp@1234@...", as [begin, end) of its digits and their '@';
/// {0, 0} if \p USR has none.
inline std::pair<size_t, size_t> clangOffsetIn(llvm::StringRef USR) {
  if (!USR.starts_with("c:"))
    return {0, 0};
  size_t A = USR.find('@', 2);
  if (A == llvm::StringRef::npos || A == 2)
    return {0, 0};
  size_t B = USR.find('@', A + 1);
  if (B == llvm::StringRef::npos || B == A + 1)
    return {0, 0};
  for (size_t I = A + 1; I < B; ++I)
    if (USR[I] < '0' || USR[I] > '9')
      return {0, 0};
  return {A, B};
}

/// The byte offset that Clang writes into the USR of a function-local
/// entity, or std::nullopt (none, or more digits than fit: a damaged entry).
inline std::optional<unsigned long> clangOffset(const std::string &USR) {
  auto [A, B] = clangOffsetIn(USR);
  if (A == B || B - A - 1 > 18)
    return std::nullopt;
  unsigned long N = 0;
  for (size_t I = A + 1; I < B; ++I)
    N = N * 10 + (USR[I] - '0');
  return N;
}

/// The part of a function's USR that fingerprints use: without any position
/// (our lambda position, Clang's offset), so that a fingerprint does not
/// move when code above the function is edited. Two lambdas of one
/// signature in one function share it; FindingBuilder tells them apart by
/// their order in the file.
inline std::string fingerprintIdentity(const std::string &USR) {
  std::string Id = formerFingerprintIdentity(USR);
  auto [A, B] = clangOffsetIn(Id);
  if (A != B)
    Id.erase(A, B - A);
  return Id;
}

/// Bumped whenever the per-function analysis changes what summaries say, so
/// that cached summaries made by an older analysis are not reused (part of
/// every cache entry's command hash). 11: inputs are recorded against the
/// compile command's directory (an entry made from another directory may
/// name files that are not the TU's).
constexpr int AnalysisRevision = 11;

struct CallSite {
  std::string CalleeUSR;
  std::string CalleeName; ///< Fully qualified, for messages and fingerprints.
  SourcePos Pos;          ///< The callee name, or the operator.
  bool Virtual = false;   ///< Dispatches to every override.
  /// Through a function pointer, member pointer or std::function: the
  /// callees are the functions whose values reach argument CalleeIndex.
  bool Indirect = false;
  bool HasObject = false;     ///< A member call (argument ObjectIndex exists).
  bool ObjectMutable = false; ///< Library rule: taint may flow into the object.
  /// Returns bool: the library rule carries nothing.
  bool ReturnsTruth = false;
  unsigned NumArgs = 0;
  /// Library rule: argument i binds to a non-template T& or T* parameter.
  std::vector<bool> OutArg;
  /// Ordinal of this call among the function's calls of the same callee, in
  /// source order (for fingerprints).
  unsigned Ordinal = 0;
};

struct FunctionSummary {
  std::string USR;
  std::string Name; ///< Fully qualified.
  SourcePos Pos;
  unsigned NumParams = 0;
  bool IsMethod = false;
  std::vector<std::string> ParamNames;
  /// USRs of the methods this one overrides directly.
  std::vector<std::string> Overrides;
  std::vector<CallSite> Calls;
  std::vector<FlowEdge> Edges;
  /// Fields this function reads (USRs), for member sinks with a body.
  std::vector<std::string> FieldsRead;
  /// What the reference or pointer it returns may refer to: FieldStore and
  /// GlobalStore outputs (Key set). Stores through it at call sites go there.
  std::vector<Output> ReturnsRefTo;
};

/// Annotations and policy entries of one declaration.
struct DeclInfo {
  enum KindTy : uint8_t { Function, Field, Global, Param } Kind = Function;
  /// Fully qualified; parameters: function name + "::" + name.
  std::string Name;
  SourcePos Pos;
  std::vector<std::string> Limited; ///< PURPOSE_LIMITED / policy source.
  std::string Use;                  ///< PURPOSE_USE on the function.
  std::map<int, std::string> ParamUses;
  std::vector<int> OutParamSources; ///< Policy out_params (limited by Limited).
  std::optional<std::string> Declassify; ///< The reason.
  bool FromPolicy = false;
  /// The data category of a limited origin (PURPOSE_CATEGORY or a policy
  /// source's "category"): a fideslang key such as
  /// "user.contact.phone_number". Empty: uncategorised.
  std::string Category;

  bool isSink() const { return !Use.empty() || !ParamUses.empty(); }
  bool isSource() const { return !Limited.empty(); }
};

/// The layout of a record type that the program defines, for whole-object
/// flow: its own fields, and the types it holds by value (members, bases,
/// elements of library containers, targets of owning smart pointers).
struct TypeInfo {
  std::string Name;
  std::vector<std::string> Fields; ///< Field USRs.
  std::vector<std::string> Nested; ///< Record USRs.
};

/// A NOLINT comment for purpose-limitation.
struct Suppression {
  std::string File;
  unsigned FirstLine = 0, LastLine = 0;
  std::string Reason; ///< Empty: none given.
  SourcePos Pos;      ///< The comment.
};

/// Inputs that many TUs share: the system and third-party headers outside
/// the source root, and their absent shadows. The cache stores each distinct
/// set once and every entry names it by Id, so that a warm run reads and
/// checks the C++ library's few hundred headers once, not once per TU.
struct SharedInputs {
  /// The xxh3 digest of the set as stored (docs/cache-format.md).
  std::string Id;
  std::vector<std::pair<std::string, std::string>> Files;

  /// The paths that, if created, would shadow an included header.
  const std::vector<std::string> &absentShadows() const;
  void setAbsentShadows(std::vector<std::string> Paths);
  /// Leaves them to \p Resolve, called at most once, on first use, from
  /// any thread. A set taken from the stat index is checked by the numbers
  /// of its paths, and only a rewrite of its file lists the paths: building
  /// a Qt library's 300,000 of them for every warm run would cost a third of
  /// the run.
  void deferAbsentShadows(std::function<std::vector<std::string>()> Resolve);

private:
  struct Shadows {
    std::once_flag Once;
    std::function<std::vector<std::string>()> Resolve;
    std::vector<std::string> Paths;
  };
  /// Shared by copies; replaced, never changed, by the setters.
  std::shared_ptr<Shadows> AbsentShadows = std::make_shared<Shadows>();
};

/// What a TU's summary was computed from, to tell when it is stale. The
/// inputs are Files and AbsentShadows plus, for a summary read from the
/// cache, those of Shared.
struct TUInputs {
  /// The compile command (with --extra-arg), the policy digest and the tool
  /// version, hashed.
  std::string CommandHash;
  /// Files the TU read (main file and headers): absolute path -> xxh3 hex
  /// digest of the contents as parsed.
  std::vector<std::pair<std::string, std::string>> Files;
  /// Paths that did not exist at analysis time and, if created, would shadow
  /// a header the TU included (an earlier directory on its include path).
  std::vector<std::string> AbsentShadows;
  /// Null for a fresh analysis (Files and AbsentShadows hold everything);
  /// for a summary read from the cache, the shared part of its inputs, one
  /// object for every TU that names the same set.
  std::shared_ptr<const SharedInputs> Shared;
};

struct TUSummary {
  std::string MainFile;
  TUInputs Inputs;
  std::vector<FunctionSummary> Functions;
  std::map<std::string, DeclInfo> Decls;
  std::map<std::string, TypeInfo> Types;
  /// Policy sink rules with a "param", keyed by the rule's position
  /// ("file:line:col"): true iff some declaration that the rule matched has
  /// that parameter. A rule that matched only declarations without it is an
  /// error of the policy (INTERFACE.md section 3).
  std::map<std::string, bool> PolicyParamFits;
  /// Findings of the purpose-annotation rule (AnnotationChecks.h) in the
  /// TU's own files, each at its annotation or comment, sorted and unique.
  std::vector<TraceStep> AnnotationFindings;
};

} // namespace purpose

#endif
