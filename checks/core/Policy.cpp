//===- Policy.cpp - Matching names against policy entries -----------------===//
#include "Policy.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA1.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <map>
#include <tuple>

namespace purpose {

std::string PolicyPos::str() const {
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

// Iterative wildcard matching with single-star backtracking: on a mismatch,
// the last '*' absorbs one more character. This is linear in practice and
// quadratic in the worst case, never exponential.
bool globMatch(llvm::StringRef Pattern, llvm::StringRef Name) {
  size_t P = 0, N = 0;
  size_t StarP = llvm::StringRef::npos, StarN = 0;
  while (N < Name.size()) {
    if (P < Pattern.size() && Pattern[P] == '*') {
      StarP = P++;
      StarN = N;
    } else if (P < Pattern.size() && Pattern[P] == Name[N]) {
      ++P;
      ++N;
    } else if (StarP != llvm::StringRef::npos) {
      P = StarP + 1;
      N = ++StarN;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

std::pair<int, int> patternSpecificity(llvm::StringRef Pattern) {
  int Stars = static_cast<int>(Pattern.count('*'));
  int Literal = static_cast<int>(Pattern.size()) - Stars;
  return {-Stars, Literal};
}

namespace {

/// Picks the most specific of the rules in \p Rules accepted by \p Accept and
/// matching \p QualName. Ties between different patterns of equal
/// specificity go to the lexicographically smaller pattern, then to the
/// earlier position, so the choice never depends on the order of --policy.
template <typename RuleT, typename AcceptT>
const RuleT *bestMatch(const std::vector<RuleT> &Rules,
                       llvm::StringRef QualName, AcceptT Accept) {
  const RuleT *Best = nullptr;
  auto Key = [](const RuleT &R) {
    auto S = patternSpecificity(R.Pattern);
    // Larger is better for specificity; smaller is better for the rest.
    return std::make_tuple(-S.first, -S.second, llvm::StringRef(R.Pattern),
                           llvm::StringRef(R.Pos.File), R.Pos.Line,
                           R.Pos.Column);
  };
  for (const RuleT &R : Rules) {
    if (!Accept(R) || !globMatch(R.Pattern, QualName))
      continue;
    if (!Best || Key(R) < Key(*Best))
      Best = &R;
  }
  return Best;
}

/// Appends \p S length-prefixed, so that no two different field sequences
/// serialize to the same bytes.
void putField(llvm::raw_ostream &OS, llvm::StringRef S) {
  OS << S.size() << ':' << S << ';';
}

} // namespace

const SourceRule *Policy::matchSource(SourceRule::KindTy K,
                                      llvm::StringRef QualName) const {
  return bestMatch(Sources, QualName,
                   [K](const SourceRule &R) { return R.Kind == K; });
}

std::vector<const SinkRule *>
Policy::matchSinks(llvm::StringRef QualName) const {
  // The most specific pattern that matches wins (INTERFACE.md section 3);
  // every sink entry written with that pattern applies: the whole-function
  // one and one per parameter. So "adsdk::Track" with a param narrows what
  // "adsdk::*" says of Track.
  const SinkRule *Best =
      bestMatch(Sinks, QualName, [](const SinkRule &) { return true; });
  std::vector<const SinkRule *> Out;
  if (!Best)
    return Out;
  std::map<int, const SinkRule *> ByParam; // -1: the whole function
  for (const SinkRule &R : Sinks)
    if (R.Pattern == Best->Pattern && !ByParam.count(R.Param.value_or(-1)))
      ByParam[R.Param.value_or(-1)] = &R;
  for (auto &[Index, R] : ByParam)
    Out.push_back(R);
  return Out;
}

const DeclassifierRule *
Policy::matchDeclassifier(llvm::StringRef QualName) const {
  return bestMatch(Declassifiers, QualName,
                   [](const DeclassifierRule &) { return true; });
}

// The digest covers what the analysis sees (kinds, patterns, purposes,
// parameters, reasons), in a canonical order, and not where entries were
// written: moving an entry to another file or line keeps cached summaries.
std::string Policy::digest() const {
  std::vector<std::string> Entries;
  for (const SourceRule &R : Sources) {
    std::string S;
    llvm::raw_string_ostream OS(S);
    putField(OS,
             R.Kind == SourceRule::Field ? "source-field" : "source-function");
    putField(OS, R.Pattern);
    for (const std::string &P : R.Purposes)
      putField(OS, P);
    OS << "out:";
    for (int I : R.OutParams)
      OS << I << ',';
    if (!R.Category.empty()) {
      OS << "category:";
      putField(OS, R.Category);
    }
    Entries.push_back(std::move(S));
  }
  for (const SinkRule &R : Sinks) {
    std::string S;
    llvm::raw_string_ostream OS(S);
    putField(OS, "sink");
    putField(OS, R.Pattern);
    putField(OS, R.Param ? std::to_string(*R.Param) : "all");
    putField(OS, R.Purpose);
    Entries.push_back(std::move(S));
  }
  for (const DeclassifierRule &R : Declassifiers) {
    std::string S;
    llvm::raw_string_ostream OS(S);
    putField(OS, "declassifier");
    putField(OS, R.Pattern);
    putField(OS, R.Reason);
    Entries.push_back(std::move(S));
  }
  llvm::sort(Entries);
  Entries.erase(std::unique(Entries.begin(), Entries.end()), Entries.end());

  llvm::SHA1 Hasher;
  Hasher.update("purpose-check policy v1\n");
  for (const std::string &E : Entries) {
    Hasher.update(E);
    Hasher.update("\n");
  }
  return llvm::toHex(Hasher.final(), /*LowerCase=*/true);
}

} // namespace purpose
