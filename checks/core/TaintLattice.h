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
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <cassert>
#include <initializer_list>
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
/// A map kept as a vector sorted by label: most values carry one or two
/// labels, so they live inline, copy without allocating and join by a
/// merge. Iteration is in label order, as a std::map's would be.
class Taint {
public:
  using value_type = std::pair<Lbl, int>;
  using Storage = llvm::SmallVector<value_type, 2>;
  using iterator = Storage::iterator;
  using const_iterator = Storage::const_iterator;

  Taint() = default;
  Taint(std::initializer_list<value_type> Init) {
    for (const value_type &V : Init)
      insert(V);
  }

  iterator begin() { return Elems.begin(); }
  iterator end() { return Elems.end(); }
  const_iterator begin() const { return Elems.begin(); }
  const_iterator end() const { return Elems.end(); }
  bool empty() const { return Elems.empty(); }
  size_t size() const { return Elems.size(); }

  const_iterator find(const Lbl &L) const {
    auto It = lowerBound(L);
    return It != end() && It->first == L ? It : end();
  }

  /// As std::map::insert: an existing entry is kept.
  std::pair<iterator, bool> insert(const value_type &V) {
    auto It = lowerBound(V.first);
    if (It != end() && It->first == V.first)
      return {It, false};
    return {Elems.insert(It, V), true};
  }
  int &operator[](const Lbl &L) { return insert({L, -1}).first->second; }
  /// The entry of \p L, which must be there.
  int at(const Lbl &L) const {
    auto It = find(L);
    assert(It != end() && "label not in the taint");
    return It->second;
  }

  bool operator==(const Taint &O) const { return Elems == O.Elems; }

private:
  /// joinTaint merges into the storage directly.
  friend bool joinTaint(Taint &Into, const Taint &From,
                        const std::vector<Step> &Steps);

  const_iterator lowerBound(const Lbl &L) const {
    return std::lower_bound(
        begin(), end(), L,
        [](const value_type &V, const Lbl &K) { return V.first < K; });
  }
  iterator lowerBound(const Lbl &L) {
    return std::lower_bound(
        begin(), end(), L,
        [](const value_type &V, const Lbl &K) { return V.first < K; });
  }

  Storage Elems;
};

/// Joins \p From into \p Into; true iff a label was added.
inline bool joinTaint(Taint &Into, const Taint &From,
                      const std::vector<Step> &Steps) {
  if (From.empty())
    return false;
  if (Into.empty()) {
    Into = From;
    return true;
  }
  auto len = [&](int I) { return I < 0 ? 0u : Steps[I].Len; };
  // A merge of the two sorted sequences; the common case adds nothing and
  // writes nothing.
  auto I = Into.begin();
  auto F = From.begin();
  bool Added = false;
  while (F != From.end() && I != Into.end()) {
    if (I->first < F->first) {
      ++I;
    } else if (F->first < I->first) {
      Added = true;
      break;
    } else {
      if (len(F->second) < len(I->second))
        I->second = F->second;
      ++I, ++F;
    }
  }
  if (!Added && F == From.end())
    return false;
  // Labels to add: rebuild by a full merge.
  Taint::Storage Merged;
  Merged.reserve(Into.size() + From.size());
  I = Into.begin();
  F = From.begin();
  while (I != Into.end() || F != From.end()) {
    if (F == From.end() || (I != Into.end() && I->first < F->first)) {
      Merged.push_back(*I++);
    } else if (I == Into.end() || F->first < I->first) {
      Merged.push_back(*F++);
    } else {
      Merged.push_back(len(F->second) < len(I->second) ? *F : *I);
      ++I, ++F;
    }
  }
  Into.Elems = std::move(Merged);
  return true;
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
