//===- EditorSolveTest.cpp - The editor's kept solve ----------------------===//
//
// solveForEditor returns its last result again only for the same program:
// the same live summary, byte for byte, and the same cached entries; or, for
// a live summary whose positions alone moved, that result with the open
// file's positions moved, which must be exactly what a solve gives.
//
//===----------------------------------------------------------------------===//
#include "EditorSolve.h"
#include "FindingText.h"
#include "SnippetUtil.h"
#include "llvm/ADT/STLExtras.h"
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

/// Open, with a line above the call, more spaces inside it, and a second
/// sink call: every position of the file moves, some only by columns.
constexpr const char *OpenRespaced = R"cpp(
#include "editor.h"
// a comment that moves everything below

void share(const Account &A) {   Upload(  phoneOf(A)); }
void again(const Account &A) { Upload(A.phone); }
)cpp";

/// OpenRespaced before the edit: the same code, in other places.
constexpr const char *OpenTwoSinks = R"cpp(
#include "editor.h"
void share(const Account &A) { Upload(phoneOf(A)); }
void again(const Account &A) { Upload(A.phone); }
)cpp";

/// OpenTwoSinks with the second call's argument changed: a new flow.
constexpr const char *OpenChangedFlow = R"cpp(
#include "editor.h"

void share(const Account &A) { Upload(phoneOf(A)); }
void again(const Account &A) { Upload(phoneOf(A)); }
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

std::vector<std::string> describeAll(const SolveResult &R) {
  std::vector<std::string> Out;
  for (auto *List : {&R.Violations, &R.Declassified, &R.Allowed})
    for (const Finding &F : *List)
      Out.push_back(test::describe(F));
  return Out;
}

/// What a solve of \p Live and \p Cached gives, without the kept results.
SolveResult solved(const TUSummary &Live, const CachedProgram &Cached,
                   const char *File) {
  std::vector<const TUSummary *> TUs{&Live};
  for (const auto &S : Cached.Others)
    TUs.push_back(S.get());
  SolveScope Scope;
  Scope.SinkFile = File;
  return solveProgram(TUs, SolverOptions(), Scope);
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
  EditorReuse Reused = EditorReuse::Same;
  SolveResult First = solveForEditor(Live, Cached, Path, &Reused);
  CHECK(Reused == EditorReuse::Solved);
  // The flow into other.cc's own sink is not searched for.
  using Sinks = std::vector<std::pair<unsigned, std::string>>;
  CHECK(sinks(First) == Sinks{{3, "Account::phone"}});

  SECTION("the same program: the kept result") {
    TUSummary Again = summarize(Open, OpenPath);
    SolveResult Second = solveForEditor(Again, Cached, Path, &Reused);
    CHECK(Reused == EditorReuse::Same);
    CHECK(sinks(Second) == sinks(First));
    CHECK(Second.Violations.front().Fingerprint ==
          First.Violations.front().Fingerprint);
  }
  SECTION("a comment at the end changes no summary") {
    TUSummary Commented = summarize(OpenCommented, OpenPath);
    solveForEditor(Commented, Cached, Path, &Reused);
    CHECK(Reused == EditorReuse::Same);
  }
  SECTION("a shifted line moves the kept result to the new position") {
    TUSummary Shifted = summarize(OpenShifted, OpenPath);
    SolveResult R = solveForEditor(Shifted, Cached, Path, &Reused);
    CHECK(Reused == EditorReuse::Moved);
    CHECK(sinks(R) == Sinks{{4, "Account::phone"}});
    CHECK(describeAll(R) == describeAll(solved(Shifted, Cached, OpenPath)));
  }
  SECTION("another cached entry is a new program, even with equal contents") {
    CachedProgram Reloaded = cachedOther();
    solveForEditor(Live, Reloaded, Path, &Reused);
    CHECK(Reused == EditorReuse::Solved);
  }
  SECTION("a program without the other file is a new program") {
    SolveResult R = solveForEditor(Live, CachedProgram(), Path, &Reused);
    CHECK(Reused == EditorReuse::Solved);
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

TEST_CASE("code that only moved is the kept result, moved exactly as a solve "
          "would place it",
          "[editor]") {
  std::string Path = "/editortest/moved.cc";
  const char *File = "/editortest/moved.cc";
  CachedProgram Cached = cachedOther();
  TUSummary Before = summarize(OpenTwoSinks, File);
  EditorReuse How = EditorReuse::Same;
  SolveResult First = solveForEditor(Before, Cached, Path, &How);
  CHECK(How == EditorReuse::Solved);
  REQUIRE(First.Violations.size() == 2);

  // Lines inserted above, and spaces inside a call: lines and columns move.
  TUSummary Respaced = summarize(OpenRespaced, File);
  SolveResult Moved = solveForEditor(Respaced, Cached, Path, &How);
  CHECK(How == EditorReuse::Moved);
  std::vector<std::string> Expected =
      describeAll(solved(Respaced, Cached, File));
  CHECK(describeAll(Moved) == Expected);
  // The trace enters other.cc, whose positions stay.
  CHECK(llvm::any_of(Moved.Violations, [](const Finding &F) {
    return llvm::any_of(
        F.Trace, [](const TraceStep &T) { return T.Pos.File == OtherPath; });
  }));

  // Moved back: from the moved result, not the first one.
  SolveResult Back = solveForEditor(Before, Cached, Path, &How);
  CHECK(How == EditorReuse::Moved);
  CHECK(describeAll(Back) == describeAll(First));

  // A changed flow is solved again.
  TUSummary Changed = summarize(OpenChangedFlow, File);
  SolveResult R = solveForEditor(Changed, Cached, Path, &How);
  CHECK(How == EditorReuse::Solved);
  CHECK(describeAll(R) == describeAll(solved(Changed, Cached, File)));
  CHECK(describeAll(R) != Expected);
}
