//===- Finding.cpp --------------------------------------------------------===//
#include "Finding.h"
#include <algorithm>
#include <tuple>

namespace purpose {

static bool findingLess(const Finding &A, const Finding &B) {
  return std::tie(A.SinkPos, A.OriginName, A.SinkPurpose, A.SinkName,
                  A.Fingerprint) < std::tie(B.SinkPos, B.OriginName,
                                            B.SinkPurpose, B.SinkName,
                                            B.Fingerprint);
}

void Report::sort() {
  for (auto *L : {&Violations, &Suppressed, &Declassified})
    std::stable_sort(L->begin(), L->end(), findingLess);
}

} // namespace purpose
