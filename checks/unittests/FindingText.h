//===- FindingText.h - Findings as text, for comparing solves ---*- C++ -*-===//
//
// Two solves that must agree (scoped and whole, moved and fresh) are
// compared as text: everything a finding says, every position included.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_UNITTESTS_FINDINGTEXT_H
#define PURPOSE_UNITTESTS_FINDINGTEXT_H

#include "Finding.h"
#include <string>

namespace purpose {
namespace test {

inline std::string positionText(const SourcePos &P) {
  return P.File + ":" + std::to_string(P.Line) + ":" + std::to_string(P.Column);
}

/// Everything a finding says, one line per trace step.
inline std::string describe(const Finding &F) {
  std::string S = positionText(F.SinkPos) + " " + F.Message + " [" +
                  F.Fingerprint + (F.FormerFingerprint.empty() ? "" : " was ") +
                  F.FormerFingerprint + "] origin " +
                  positionText(F.OriginPos) + " sink " +
                  positionText(F.SinkDeclPos) + " " + F.Declassifier + "\n";
  for (const TraceStep &T : F.Trace)
    S += "  " + positionText(T.Pos) + ": " + T.Message + "\n";
  return S;
}

} // namespace test
} // namespace purpose

#endif
