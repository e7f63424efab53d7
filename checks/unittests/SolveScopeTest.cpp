//===- SolveScopeTest.cpp - A solve for one file's sinks
//-------------------===//
//
// The editor asks the solver only for the flows into the open file's sink
// calls (SolveScope). Its search then skips every node that cannot reach
// one. These tests hold it to its promise: for each file, the scoped solve
// finds exactly the whole solve's violations and declassified flows into
// that file (messages, traces, fingerprints, order), on a program of two
// translation units whose flows cross files in every direction.
//
//===----------------------------------------------------------------------===//
#include "FindingText.h"
#include "SnippetUtil.h"
#include "Solver.h"
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace purpose;

namespace {

constexpr const char *Shared = R"cpp(
#include "purpose.h"
#include <string>
AD_TARGETING void Upload(const std::string &Id);
PURPOSE_DECLASSIFY("hashed") std::string Hash(const std::string &S);
struct Account {
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT std::string email;
  SECURITY_CONTACT std::string backup;
  std::string id;
};
std::string phoneOf(const Account &A);  // second.cc
void forward(const std::string &S);     // second.cc: uploads S
std::string keep(const std::string &S); // main.cc: returns S
inline void uploadEmail(const Account &A) { Upload(A.email); }
inline void uploadHashed(const Account &A) { Upload(Hash(A.backup)); }
)cpp";

constexpr const char *MainCode = R"cpp(
#include "shared.h"
std::string keep(const std::string &S) { return S; }
void fromMain(const Account &A) {
  Upload(phoneOf(A));       // a value from second.cc, used here
  forward(keep(A.email));   // used in second.cc
  Upload(A.id);             // nothing limited
  uploadEmail(A);           // used in the header
  Upload(Hash(A.phone));    // declassified here
  uploadHashed(A);          // declassified in the header
}
)cpp";

constexpr const char *SecondCode = R"cpp(
#include "shared.h"
std::string phoneOf(const Account &A) { return keep(A.phone); }
void forward(const std::string &S) { Upload(S); }
void fromSecond(const Account &A) {
  Upload(A.backup);        // used here
  forward(phoneOf(A));     // through both files
}
)cpp";

constexpr const char *MainPath = "/scopetest/main.cc";
constexpr const char *SecondPath = "/scopetest/second.cc";
constexpr const char *SharedPath = "/scopetest/shared.h";

/// The findings of \p List whose sink call is in \p File, or all with "".
std::vector<std::string> describeAll(const std::vector<Finding> &List,
                                     llvm::StringRef File = "") {
  std::vector<std::string> Out;
  for (const Finding &F : List)
    if (File.empty() || F.SinkPos.File == File)
      Out.push_back(test::describe(F));
  return Out;
}

struct Program {
  TUSummary Main, Second;
  std::string Problems;
  Program() {
    clang::tooling::FileContentMappings Files = {{SharedPath, Shared}};
    test::summarizeSnippet(MainCode, MainPath, Main, Problems, {}, Files);
    test::summarizeSnippet(SecondCode, SecondPath, Second, Problems, {}, Files);
  }
  SolveResult solve(llvm::StringRef SinkFile = "") const {
    SolveScope Scope;
    Scope.SinkFile = SinkFile.str();
    return solveProgram({&Main, &Second}, SolverOptions(), Scope);
  }
};

} // namespace

TEST_CASE("a solve scoped to one file finds that file's flows, exactly",
          "[solver][scope]") {
  Program P;
  INFO(P.Problems);
  REQUIRE(P.Problems.empty());
  SolveResult Whole = P.solve();
  REQUIRE(Whole.Errors.empty());
  for (const char *File : {MainPath, SecondPath, SharedPath}) {
    INFO(File);
    SolveResult Scoped = P.solve(File);
    CHECK(Scoped.Errors.empty());
    std::vector<std::string> Expected = describeAll(Whole.Violations, File);
    // Every file has flows of its own, so that the comparison is not empty.
    CHECK(!Expected.empty());
    CHECK(describeAll(Scoped.Violations) == Expected);
    CHECK(describeAll(Scoped.Declassified) ==
          describeAll(Whole.Declassified, File));
  }
}

TEST_CASE("the program's flows cross the files in every direction",
          "[solver][scope]") {
  // The fixture of the test above: if these flows were lost, the scoped
  // comparison would prove little.
  Program P;
  REQUIRE(P.Problems.empty());
  SolveResult Whole = P.solve();
  auto Count = [&](const std::vector<Finding> &List, llvm::StringRef File,
                   llvm::StringRef Origin) {
    return llvm::count_if(List, [&](const Finding &F) {
      return F.SinkPos.File == File && F.OriginName == Origin;
    });
  };
  CHECK(Count(Whole.Violations, MainPath, "Account::phone") == 1);
  CHECK(Count(Whole.Violations, SecondPath, "Account::email") == 1);
  CHECK(Count(Whole.Violations, SecondPath, "Account::phone") == 1);
  CHECK(Count(Whole.Violations, SecondPath, "Account::backup") == 1);
  CHECK(Count(Whole.Violations, SharedPath, "Account::email") == 1);
  CHECK(Count(Whole.Declassified, MainPath, "Account::phone") == 1);
  CHECK(Count(Whole.Declassified, SharedPath, "Account::backup") == 1);
}

TEST_CASE("a scope with no sink call finds nothing", "[solver][scope]") {
  Program P;
  REQUIRE(P.Problems.empty());
  SolveResult R = P.solve("/scopetest/elsewhere.cc");
  CHECK(R.Violations.empty());
  CHECK(R.Declassified.empty());
  CHECK(R.Allowed.empty());
}
