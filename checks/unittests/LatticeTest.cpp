// The laws of the intraprocedural lattice (checks/core/TaintLattice.h).
#include "TaintLattice.h"
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>

using namespace purpose;

namespace {

Lbl param(int I) { return Lbl{LabelKind::Param, I, 0, 0}; }
Lbl field(unsigned K) { return Lbl{LabelKind::Field, 0, 0, K}; }

std::set<Lbl> labels(const Taint &T) {
  std::set<Lbl> S;
  for (const auto &[L, _] : T)
    S.insert(L);
  return S;
}

/// Steps: 0 (len 1), 1 (len 2, parent 0), 2 (len 3, parent 1), 3 (len 1).
std::vector<Step> arena() {
  return {{-1, {}, "a", 1}, {0, {}, "b", 2}, {1, {}, "c", 3}, {-1, {}, "d", 1}};
}

} // namespace

TEST_CASE("join is idempotent, commutative and associative on labels",
          "[lattice]") {
  auto St = arena();
  Taint A{{param(0), -1}, {field(1), 2}};
  Taint B{{field(1), 0}, {field(2), 3}};
  Taint C{{param(1), 1}};

  Taint AA = A;
  CHECK_FALSE(joinTaint(AA, A, St));
  CHECK(labels(AA) == labels(A));

  Taint AB = A, BA = B;
  joinTaint(AB, B, St);
  joinTaint(BA, A, St);
  CHECK(labels(AB) == labels(BA));
  CHECK(AB == BA); // The shorter chain wins whichever side it came from.

  Taint L = A, R = B;
  joinTaint(L, B, St);
  joinTaint(L, C, St);
  joinTaint(R, C, St);
  Taint A2 = A;
  joinTaint(A2, R, St);
  CHECK(labels(L) == labels(A2));
}

TEST_CASE("join only adds, and reports a change iff a label was added",
          "[lattice]") {
  auto St = arena();
  Taint A{{param(0), -1}};
  Taint B{{param(0), 2}, {field(7), 0}};
  Taint J = A;
  CHECK(joinTaint(J, B, St));
  CHECK(labels(J) == std::set<Lbl>{param(0), field(7)});
  // Nothing new: no change, even though B's chain for param(0) differs.
  CHECK_FALSE(joinTaint(J, B, St));
  CHECK_FALSE(joinTaint(J, Taint{}, St));
}

TEST_CASE("of two chains for one label the shorter is kept", "[lattice]") {
  auto St = arena();
  Taint Long{{field(1), 2}};
  Taint Short{{field(1), 3}};
  Taint J = Long;
  CHECK_FALSE(joinTaint(J, Short, St)); // Shorter, but not a change.
  CHECK(J.at(field(1)) == 3);
  Taint K = Short;
  joinTaint(K, Long, St);
  CHECK(K.at(field(1)) == 3);
  // Ties keep the chain already there.
  Taint T1{{field(1), 0}}, T2{{field(1), 3}};
  joinTaint(T1, T2, St);
  CHECK(T1.at(field(1)) == 0);
}

TEST_CASE("states join pointwise; a missing location is bottom", "[lattice]") {
  auto St = arena();
  std::map<int, Taint> S1{{1, {{param(0), -1}}}};
  std::map<int, Taint> S2{{1, {{field(3), 0}}}, {2, {{param(1), -1}}}};
  CHECK(joinState(S1, S2, St));
  CHECK(labels(S1[1]) == std::set<Lbl>{param(0), field(3)});
  CHECK(labels(S1[2]) == std::set<Lbl>{param(1)});
  CHECK_FALSE(joinState(S1, S2, St));
  std::map<int, Taint> Empty;
  CHECK_FALSE(joinState(S1, Empty, St));
}

TEST_CASE("the flat taint joins as a std::map of labels would", "[lattice]") {
  // Differential: random joins of small taints, against the plain map
  // implementation the flat one replaced (same keep-the-shorter rule).
  auto St = arena();
  auto len = [&](int I) { return I < 0 ? 0u : St[I].Len; };
  std::mt19937 Rng(1234);
  auto randomLabel = [&] {
    switch (Rng() % 3) {
    case 0:
      return param((int)(Rng() % 4));
    case 1:
      return field(Rng() % 6);
    default:
      return Lbl{LabelKind::Origin, 0, 0, (unsigned)(Rng() % 3)};
    }
  };
  for (int Round = 0; Round < 2000; ++Round) {
    Taint Into, From;
    std::map<Lbl, int> RefInto, RefFrom;
    for (unsigned I = 0, N = Rng() % 6; I < N; ++I) {
      Lbl L = randomLabel();
      int S = (int)(Rng() % 5) - 1;
      Into.insert({L, S});
      RefInto.insert({L, S});
    }
    for (unsigned I = 0, N = Rng() % 6; I < N; ++I) {
      Lbl L = randomLabel();
      int S = (int)(Rng() % 5) - 1;
      From[L] = S;
      RefFrom[L] = S;
    }
    bool RefChanged = false;
    for (const auto &[L, S] : RefFrom) {
      auto [It, New] = RefInto.insert({L, S});
      RefChanged |= New;
      if (!New && len(S) < len(It->second))
        It->second = S;
    }
    INFO("round " << Round);
    CHECK(joinTaint(Into, From, St) == RefChanged);
    std::vector<std::pair<Lbl, int>> Got(Into.begin(), Into.end());
    std::vector<std::pair<Lbl, int>> Want(RefInto.begin(), RefInto.end());
    CHECK(Got == Want); // Same entries, in label order.
  }
}
