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

TUSummary summarize(llvm::StringRef Code, const char *Path) {
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

namespace {

/// Lambdas in a free function (Clang's USR holds their byte offset) and in
/// a member function (ours holds their line and column), with the data
/// passing through them to sinks outside them; \p Above is put above.
std::string withLambdas(const std::string &Above) {
  return "#include \"editor.h\"\n" + Above +
         "void viaLambda(const Account &A) {\n"
         "  auto Get = [&] { return A.phone; };\n"
         "  Upload(Get());\n"
         "}\n"
         "struct Sender {\n"
         "  void send(const Account &A) {\n"
         "    auto Get = [&A](int) { return phoneOf(A); };\n"
         "    Upload(Get(1));\n"
         "  }\n"
         "};\n";
}

/// A lambda in a free function with the sink call inside it: the finding's
/// former fingerprint holds the lambda's offset.
std::string sinkInLambda(const std::string &Above) {
  return "#include \"editor.h\"\n" + Above +
         "void inLambda(const Account &A) {\n"
         "  auto Send = [&] { Upload(A.phone); };\n"
         "  Send();\n"
         "}\n";
}

/// A function two(A) whose body is \p Body, \p Pad bytes further down than
/// without (a comment line above it).
std::string padded(size_t Pad, const std::string &Body) {
  return "#include \"editor.h\"\n// " + std::string(Pad, 'x') +
         "\nvoid two(const Account &A) {\n" + Body + "}\n";
}

/// Two lambdas of one signature in a free function, the first \p Pad
/// bytes further down than without.
std::string twoLambdas(size_t Pad) {
  return padded(Pad, "  auto F = [&] { return A.phone; };\n"
                     "  auto G = [&] { return A.phone; };\n"
                     "  Upload(F());\n"
                     "  Upload(G());\n");
}

/// Two local classes of one name in one function, the first \p Pad bytes
/// further down than without: their USRs differ only by Clang's offset.
std::string twoLocalClasses(size_t Pad) {
  return padded(Pad, "  { struct L { SECURITY_CONTACT std::string p; }; "
                     "L l{A.phone}; Upload(l.p); }\n"
                     "  { struct L { SECURITY_CONTACT std::string p; }; "
                     "L l{\"\"}; Upload(l.p); }\n");
}

/// Clang's offsets in the USRs of \p S's functions, sorted.
std::vector<unsigned long> offsets(const TUSummary &S) {
  std::vector<unsigned long> Out;
  for (const FunctionSummary &F : S.Functions)
    if (std::optional<unsigned long> O = clangOffset(F.USR))
      Out.push_back(*O);
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

} // namespace

TEST_CASE("code with lambdas that only moved is the kept result, though the "
          "lambdas' USRs hold their positions",
          "[editor]") {
  std::string Path = "/editortest/lambdas.cc";
  const char *File = "/editortest/lambdas.cc";
  CachedProgram Cached = cachedOther();
  TUSummary Before = summarize(withLambdas(""), File);
  REQUIRE(!offsets(Before).empty());
  EditorReuse How = EditorReuse::Same;
  SolveResult First = solveForEditor(Before, Cached, Path, &How);
  CHECK(How == EditorReuse::Solved);
  REQUIRE(First.Violations.size() == 2);

  TUSummary Shifted = summarize(withLambdas("// moved\n\n"), File);
  REQUIRE(offsets(Shifted) != offsets(Before));
  SolveResult Moved = solveForEditor(Shifted, Cached, Path, &How);
  CHECK(How == EditorReuse::Moved);
  CHECK(describeAll(Moved) == describeAll(solved(Shifted, Cached, File)));
  CHECK(describeAll(Moved) != describeAll(First));

  SolveResult Back = solveForEditor(Before, Cached, Path, &How);
  CHECK(How == EditorReuse::Moved);
  CHECK(describeAll(Back) == describeAll(First));
}

TEST_CASE("a moved lambda that holds a finding is solved again: its former "
          "fingerprint holds its offset",
          "[editor]") {
  std::string Path = "/editortest/sinklambda.cc";
  const char *File = "/editortest/sinklambda.cc";
  CachedProgram Cached = cachedOther();
  TUSummary Before = summarize(sinkInLambda(""), File);
  EditorReuse How = EditorReuse::Same;
  SolveResult First = solveForEditor(Before, Cached, Path, &How);
  REQUIRE(First.Violations.size() == 1);
  REQUIRE(!First.Violations.front().FormerFingerprint.empty());

  TUSummary Shifted = summarize(sinkInLambda("// moved\n"), File);
  SolveResult R = solveForEditor(Shifted, Cached, Path, &How);
  CHECK(How == EditorReuse::Solved);
  CHECK(describeAll(R) == describeAll(solved(Shifted, Cached, File)));
  CHECK(R.Violations.front().FormerFingerprint !=
        First.Violations.front().FormerFingerprint);
  CHECK(R.Violations.front().Fingerprint ==
        First.Violations.front().Fingerprint);
}

TEST_CASE("lambdas whose USRs change order as text are solved again",
          "[editor]") {
  std::string Path = "/editortest/order.cc";
  const char *File = "/editortest/order.cc";
  CachedProgram Cached = cachedOther();
  // Offsets 9xx and 1xxx before, both 1xxx after: "1010" sorts before
  // "980", and "1080" after "1050".
  TUSummary Before = summarize(twoLambdas(920), File);
  std::vector<unsigned long> Was = offsets(Before);
  REQUIRE(Was.size() == 2);
  REQUIRE(Was[0] < 1000);
  REQUIRE(Was[1] >= 1000);
  EditorReuse How = EditorReuse::Same;
  solveForEditor(Before, Cached, Path, &How);
  TUSummary Shifted = summarize(twoLambdas(1020), File);
  REQUIRE(offsets(Shifted).front() >= 1000);
  SolveResult R = solveForEditor(Shifted, Cached, Path, &How);
  CHECK(How == EditorReuse::Solved);
  CHECK(describeAll(R) == describeAll(solved(Shifted, Cached, File)));
}

TEST_CASE("local classes whose USRs change order as text are solved again",
          "[editor]") {
  std::string Path = "/editortest/classes.cc";
  const char *File = "/editortest/classes.cc";
  CachedProgram Cached = cachedOther();
  auto DeclOffsets = [](const TUSummary &S) {
    std::vector<unsigned long> Out;
    for (const auto &[USR, D] : S.Decls)
      if (std::optional<unsigned long> O = clangOffset(USR))
        Out.push_back(*O);
    llvm::sort(Out);
    return Out;
  };
  // As in the lambdas' case; here the two USRs differ in nothing else, so
  // that only the order tells the renamed program from the old one.
  TUSummary Before = summarize(twoLocalClasses(900), File);
  std::vector<unsigned long> Was = DeclOffsets(Before);
  REQUIRE(Was.size() == 2);
  REQUIRE(Was[0] < 1000);
  REQUIRE(Was[1] >= 1000);
  EditorReuse How = EditorReuse::Same;
  SolveResult First = solveForEditor(Before, Cached, Path, &How);
  // Account::phone and the first L::p; the second L::p.
  REQUIRE(First.Violations.size() == 3);
  TUSummary Shifted = summarize(twoLocalClasses(1000), File);
  REQUIRE(DeclOffsets(Shifted).front() >= 1000);
  SolveResult R = solveForEditor(Shifted, Cached, Path, &How);
  CHECK(How == EditorReuse::Solved);
  CHECK(describeAll(R) == describeAll(solved(Shifted, Cached, File)));

  // Moved without crossing: the same order, a kept result.
  TUSummary Further = summarize(twoLocalClasses(1040), File);
  SolveResult Kept = solveForEditor(Further, Cached, Path, &How);
  CHECK(How == EditorReuse::Moved);
  CHECK(describeAll(Kept) == describeAll(solved(Further, Cached, File)));
}

TEST_CASE("the shape splits a summary's strings at unescaped quotes only",
          "[editor]") {
  using V = std::vector<std::string>;
  CHECK(detail::jsonStrings(R"({"a":"b","c":[1,"d"]})") ==
        V{"a", "b", "c", "d"});
  // An escaped quote is inside its string; an escaped backslash before a
  // quote is not an escape of the quote.
  CHECK(detail::jsonStrings(R"({"say \"hi\"":"x\\","y":"\\\"z"})") ==
        V{R"(say \"hi\")", R"(x\\)", "y", R"(\\\"z)"});
  CHECK(detail::jsonStrings(R"(["","\\\\",""])") == V{"", R"(\\\\)", ""});
  // An unterminated string runs to the end.
  CHECK(detail::jsonStrings(R"(["ok","open\")") == V{"ok", R"(open\")"});
}

TEST_CASE("a renaming of USR positions keeps the order the solve walks",
          "[editor]") {
  using V = std::vector<std::string>;
  auto Keeps = [](V Old, V New) { return detail::keepsOrder(Old, New); };
  CHECK(Keeps({}, {}));
  // Offsets shifted alike, or lambda positions moved: the same order.
  CHECK(Keeps({"c:f.cc@100@F@g#", "c:f.cc@100@F@g#@Sa", "c:f.cc@150@F@g#"},
              {"c:f.cc@120@F@g#", "c:f.cc@120@F@g#@Sa", "c:f.cc@170@F@g#"}));
  CHECK(Keeps({"c:@S@X@F@m#@Sa@F@operator()#@lambda-at@3:5"},
              {"c:@S@X@F@m#@Sa@F@operator()#@lambda-at@4:5"}));
  // As text, "1010" sorts before "999"; "1099" after "1110" no longer.
  CHECK_FALSE(Keeps({"c:f.cc@999@F@g#", "c:f.cc@1010@F@g#"},
                    {"c:f.cc@1099@F@g#", "c:f.cc@1110@F@g#"}));
  // The same order as text, another by number: lambdas' ranks would change.
  CHECK_FALSE(Keeps({"c:f.cc@9@F@a#", "c:f.cc@10@F@b#"},
                    {"c:f.cc@11@F@a#", "c:f.cc@10@F@b#"}));
  // One offset split in two, or two merged.
  CHECK_FALSE(Keeps({"c:f.cc@100@F@g#", "c:f.cc@100@F@g#@Sa"},
                    {"c:f.cc@100@F@g#", "c:f.cc@101@F@g#@Sa"}));
  CHECK_FALSE(Keeps({"c:f.cc@100@F@g#", "c:f.cc@101@F@g#@Sa"},
                    {"c:f.cc@100@F@g#", "c:f.cc@100@F@g#@Sa"}));
  // Another file, or an offset lost.
  CHECK_FALSE(Keeps({"c:f.cc@100@F@g#"}, {"c:h.cc@100@F@g#"}));
  CHECK_FALSE(Keeps({"c:f.cc@100@F@g#"}, {"c:f.cc@F@g#"}));
}

TEST_CASE("a renamed lambda that another entry's USRs could meet is solved "
          "again",
          "[editor]") {
  // Clang's offset names only the file: the cached twins.cc elsewhere holds
  // USRs that differ from the open twins.cc's lambdas only by offset.
  std::string Path = "/editortest/twins.cc";
  const char *File = "/editortest/twins.cc";
  CachedProgram Cached = cachedOther();
  std::string Twin = withLambdas("// the other one\n");
  Twin.replace(0, Twin.find('\n'), "#include \"../editor.h\"");
  Cached.Others.push_back(std::make_shared<const TUSummary>(
      summarize(Twin, "/editortest/sub/twins.cc")));
  TUSummary Before = summarize(withLambdas(""), File);
  EditorReuse How = EditorReuse::Same;
  solveForEditor(Before, Cached, Path, &How);
  TUSummary Shifted = summarize(withLambdas("// moved\n\n"), File);
  SolveResult R = solveForEditor(Shifted, Cached, Path, &How);
  CHECK(How == EditorReuse::Solved);
  CHECK(describeAll(R) == describeAll(solved(Shifted, Cached, File)));
}
