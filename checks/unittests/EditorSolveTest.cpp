//===- EditorSolveTest.cpp - The editor's kept solve
//-----------------------===//
//
// solveForEditor returns its last result again only for the same program:
// the same live summary, byte for byte, and the same cached entries.
//
//===----------------------------------------------------------------------===//
#include "EditorSolve.h"
#include "SnippetUtil.h"
#include <catch2/catch.hpp>

using namespace purpose;

namespace {

constexpr const char *Header = R"cpp(
#include "purpose.h"
#include <string>
AD_TARGETING void Upload(const std::string &Id);
struct Account {
  SECURITY_CONTACT std::string phone;
};
std::string phoneOf(const Account &A); // other.cc
)cpp";

constexpr const char *Open = R"cpp(
#include "editor.h"
void share(const Account &A) { Upload(phoneOf(A)); }
)cpp";

/// Open, as after the user typed a comment at its end.
constexpr const char *OpenCommented = R"cpp(
#include "editor.h"
void share(const Account &A) { Upload(phoneOf(A)); }
// a comment
)cpp";

/// Open, as after the user inserted a line above the call.
constexpr const char *OpenShifted = R"cpp(
#include "editor.h"

void share(const Account &A) { Upload(phoneOf(A)); }
)cpp";

constexpr const char *Other = R"cpp(
#include "editor.h"
std::string phoneOf(const Account &A) { return A.phone; }
void alsoHere(const Account &A) { Upload(A.phone); }
)cpp";

constexpr const char *OpenPath = "/editortest/open.cc";
constexpr const char *OtherPath = "/editortest/other.cc";

TUSummary summarize(const char *Code, const char *Path) {
  TUSummary S;
  std::string Problems;
  test::summarizeSnippet(Code, Path, S, Problems, {},
                         {{"/editortest/editor.h", Header}});
  INFO(Problems);
  CHECK(Problems.empty());
  return S;
}

CachedProgram cachedOther() {
  CachedProgram C;
  C.Others.push_back(
      std::make_shared<const TUSummary>(summarize(Other, OtherPath)));
  return C;
}

/// Each violation's sink line and origin.
std::vector<std::pair<unsigned, std::string>> sinks(const SolveResult &R) {
  std::vector<std::pair<unsigned, std::string>> Out;
  for (const Finding &F : R.Violations)
    Out.push_back({F.SinkPos.Line, F.OriginName});
  return Out;
}

} // namespace

TEST_CASE("the editor solves only for the open file, and again only for a "
          "different program",
          "[editor]") {
  // Each test uses its own file name: the kept solves are per process.
  std::string Path = "/editortest/open.cc";
  CachedProgram Cached = cachedOther();
  TUSummary Live = summarize(Open, OpenPath);
  bool Reused = true;
  SolveResult First = solveForEditor(Live, Cached, Path, &Reused);
  CHECK_FALSE(Reused);
  // The flow into other.cc's own sink is not searched for.
  using Sinks = std::vector<std::pair<unsigned, std::string>>;
  CHECK(sinks(First) == Sinks{{3, "Account::phone"}});

  SECTION("the same program: the kept result") {
    TUSummary Again = summarize(Open, OpenPath);
    SolveResult Second = solveForEditor(Again, Cached, Path, &Reused);
    CHECK(Reused);
    CHECK(sinks(Second) == sinks(First));
    CHECK(Second.Violations.front().Fingerprint ==
          First.Violations.front().Fingerprint);
  }
  SECTION("a comment at the end changes no summary") {
    TUSummary Commented = summarize(OpenCommented, OpenPath);
    solveForEditor(Commented, Cached, Path, &Reused);
    CHECK(Reused);
  }
  SECTION("a shifted line is a new program, with the new position") {
    TUSummary Shifted = summarize(OpenShifted, OpenPath);
    SolveResult R = solveForEditor(Shifted, Cached, Path, &Reused);
    CHECK_FALSE(Reused);
    CHECK(sinks(R) == Sinks{{4, "Account::phone"}});
  }
  SECTION("another cached entry is a new program, even with equal contents") {
    CachedProgram Reloaded = cachedOther();
    solveForEditor(Live, Reloaded, Path, &Reused);
    CHECK_FALSE(Reused);
  }
  SECTION("a program without the other file is a new program") {
    SolveResult R = solveForEditor(Live, CachedProgram(), Path, &Reused);
    CHECK_FALSE(Reused);
    // phoneOf has no body now: the library rule carries the whole account,
    // and the trace no longer enters other.cc.
    auto InOther = [](const SolveResult &S) {
      return llvm::any_of(S.Violations.front().Trace, [](const TraceStep &T) {
        return T.Pos.File == OtherPath;
      });
    };
    REQUIRE(sinks(R) == sinks(First));
    CHECK(InOther(First));
    CHECK_FALSE(InOther(R));
  }
}
