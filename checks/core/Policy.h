//===- Policy.h - Sources, sinks and declassifiers of policies --*- C++ -*-===//
//
// The in-memory form of the policy files of INTERFACE.md section 3. The JSON
// loader lives in checks/io (PolicyLoader); this layer knows nothing of JSON.
//
// Names are fully qualified as Clang prints them, without inline namespaces,
// template arguments or parameter lists. '*' matches any run of characters.
// Where several entries of one kind match, the most specific wins: fewest '*',
// then the longest literal text.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_POLICY_H
#define PURPOSE_CORE_POLICY_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace purpose {

/// Where an entry was written: file, 1-based line and column.
struct PolicyPos {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string str() const;
};

struct SourceRule {
  enum KindTy { Field, Function } Kind = Field;
  std::string Pattern;
  std::vector<std::string> Purposes; ///< Sorted, validated.
  std::vector<int> OutParams;        ///< Function sources only.
  std::string Category; ///< Data category (fideslang key); empty: none.
  PolicyPos Pos;
};

struct SinkRule {
  std::string Pattern;
  /// 0-based; the object of a member call is not counted.
  std::optional<int> Param;
  std::string Purpose;
  PolicyPos Pos;
};

struct DeclassifierRule {
  std::string Pattern;
  std::string Reason;
  PolicyPos Pos;
};

/// All policy files of a run, merged.
struct Policy {
  std::vector<SourceRule> Sources;
  std::vector<SinkRule> Sinks;
  std::vector<DeclassifierRule> Declassifiers;

  bool empty() const {
    return Sources.empty() && Sinks.empty() && Declassifiers.empty();
  }

  /// The most specific source rule of kind \p K matching \p QualName.
  const SourceRule *matchSource(SourceRule::KindTy K,
                                llvm::StringRef QualName) const;
  /// All sink rules for \p QualName: the most specific whole-function rule
  /// (Param unset), and, per parameter index, the most specific rule.
  std::vector<const SinkRule *> matchSinks(llvm::StringRef QualName) const;
  const DeclassifierRule *matchDeclassifier(llvm::StringRef QualName) const;

  /// A stable digest of the whole policy, for cache keys.
  std::string digest() const;
};

/// True iff glob \p Pattern ('*' = any run of characters) matches \p Name.
bool globMatch(llvm::StringRef Pattern, llvm::StringRef Name);

/// Specificity for choosing among matches: larger is more specific.
/// Fewer '*' wins, then more literal characters.
std::pair<int, int> patternSpecificity(llvm::StringRef Pattern);

} // namespace purpose

#endif
