//===- TaintLattice.h - The intraprocedural lattice -------------*- C++ -*-===//
//
// An element maps each label (Summary.h) to the shortest chain of trace steps
// found for it; a missing label is bottom. A state maps each local storage
// location to such an element; a missing location is bottom.
//
// Laws, on the label sets (the order the fixpoint relies on):
//   join(a, a) == a                       idempotent
//   join(a, b) == join(b, a)              commutative
//   join(join(a, b), c) == join(a, join(b, c))
//   a <= join(a, b)                       join only adds
// joinTaint reports "changed" iff a label was added. Chains never make a
// label set grow: of two chains for one label the shorter is kept (ties keep
// the one already there, so results do not depend on visiting order beyond
// the label sets), and keeping a shorter chain is not a change. The height
// is the number of labels, so the fixpoint terminates.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_TAINTLATTICE_H
#define PURPOSE_CORE_TAINTLATTICE_H

#include "Summary.h"
#include "clang/Basic/SourceLocation.h"
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace purpose {

/// A label with its key interned; cheap to copy and compare.
struct Lbl {
  LabelKind Kind;
  int A = 0, B = 0;
  unsigned Key = 0;
  bool operator<(const Lbl &O) const {
    return std::tie(Kind, A, B, Key) < std::tie(O.Kind, O.A, O.B, O.Key);
  }
  bool operator==(const Lbl &O) const {
    return Kind == O.Kind && A == O.A && B == O.B && Key == O.Key;
  }
};

/// One trace step; chains share their prefixes (Parent).
struct Step {
  int Parent; ///< -1: the first step.
  clang::SourceLocation Loc;
  std::string Msg;
  unsigned Len; ///< Steps in the chain ending here.
};

/// Label -> index of the last step of its shortest chain (-1: no step).
using Taint = std::map<Lbl, int>;

/// Joins \p From into \p Into; true iff a label was added.
inline bool joinTaint(Taint &Into, const Taint &From,
                      const std::vector<Step> &Steps) {
  bool Changed = false;
  auto len = [&](int I) { return I < 0 ? 0u : Steps[I].Len; };
  for (const auto &[L, S] : From) {
    auto [It, New] = Into.insert({L, S});
    if (New) {
      Changed = true;
      continue;
    }
    if (len(S) < len(It->second))
      It->second = S;
  }
  return Changed;
}

/// Pointwise join of states keyed by location; true iff a label was added.
template <typename Key>
bool joinState(std::map<Key, Taint> &Into, const std::map<Key, Taint> &From,
               const std::vector<Step> &Steps) {
  bool Changed = false;
  for (const auto &[K, T] : From)
    Changed |= joinTaint(Into[K], T, Steps);
  return Changed;
}

} // namespace purpose

#endif
