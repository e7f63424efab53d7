//===- ReportWriterTest.cpp - Text, JSON, SARIF and HTML reports ----------===//
#include "ReportWriter.h"
#include "ReportFormats.h"
#include "TestUtil.h"
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace purpose;
using purpose::test::errorText;
using purpose::test::TempDir;
using ojson = nlohmann::ordered_json;

namespace {

/// A report over a real source file in a temporary directory (the source
/// root): one violation, one suppressed flow, one declassified flow.
struct Fixture {
  TempDir Dir;
  std::string Ads;
  Report R;

  Fixture() {
    Ads = Dir.write("ads.cpp", "#include \"purpose.h\"\n"
                               "void f(acme::Account &a) {\n"
                               "\tstd::string p = a.phone;\n"
                               "  adsdk::Upload(p);\n"
                               "}\n");
    R.SourceRoot = Dir.path();
    R.Stats.TranslationUnits = 3;
    R.Stats.TranslationUnitsFromCache = 1;
    R.Stats.Functions = 42;

    Finding V;
    V.Message = "'acme::Account::phone' limited to 'security' is used for "
                "'advertising' by 'adsdk::Upload'";
    V.OriginName = "acme::Account::phone";
    V.OriginPurposes = {"security"};
    V.OriginPos = {"/elsewhere/account.h", 7, 15};
    V.SinkName = "adsdk::Upload";
    V.SinkPurpose = "advertising";
    V.SinkPos = {Ads, 4, 3};
    V.Trace = {{{Ads, 3, 20}, "read of 'acme::Account::phone'"},
               {{Ads, 4, 3}, "passed to 'adsdk::Upload'"}};
    V.Fingerprint = "0123456789abcdef";
    R.Violations.push_back(V);

    Finding S = V;
    S.Kind = FindingKind::Suppressed;
    S.Fingerprint = "1111111111111111";
    S.Reason = "approved by <privacy> review";
    R.Suppressed.push_back(S);

    Finding D = V;
    D.Kind = FindingKind::Declassified;
    D.Fingerprint = "2222222222222222";
    D.Reason = "keeps only the last two digits";
    D.Declassifier = "acme::MaskPhone";
    R.Declassified.push_back(D);
  }

  std::string write(ReportFormat F, bool Color = false, bool Lines = true) {
    WriteOptions O;
    O.Format = F;
    O.Color = Color;
    O.ShowSourceLines = Lines;
    O.ToolVersion = "9.9.9";
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    writeReport(R, O, OS);
    return Out;
  }
};

std::vector<std::string> keys(const ojson &Obj) {
  std::vector<std::string> Out;
  for (auto It = Obj.begin(); It != Obj.end(); ++It)
    Out.push_back(It.key());
  return Out;
}

} // namespace

TEST_CASE("parseReportFormat knows the four formats", "[report]") {
  CHECK(*parseReportFormat("text") == ReportFormat::Text);
  CHECK(*parseReportFormat("json") == ReportFormat::Json);
  CHECK(*parseReportFormat("sarif") == ReportFormat::Sarif);
  CHECK(*parseReportFormat("html") == ReportFormat::Html);
  auto Bad = parseReportFormat("xml");
  REQUIRE_FALSE(static_cast<bool>(Bad));
  CHECK(errorText(Bad.takeError()) ==
        "unknown report format 'xml'; expected 'text', 'json', 'sarif' or "
        "'html'");
}

TEST_CASE("pathUnder makes paths under a directory relative", "[report]") {
  CHECK(pathUnder("/src/proj/a/b.cpp", "/src/proj") == "a/b.cpp");
  CHECK(pathUnder("/src/proj/a/b.cpp", "/src/proj/") == "a/b.cpp");
  CHECK(pathUnder("/src/project/b.cpp", "/src/proj") == "/src/project/b.cpp");
  CHECK(pathUnder("/src/proj", "/src/proj") == "/src/proj");
  CHECK(pathUnder("/other/b.cpp", "/src/proj") == "/other/b.cpp");
  CHECK(pathUnder("/src/b.cpp", "") == "/src/b.cpp");
  CHECK(pathUnder("/src/b.cpp", "/") == "src/b.cpp");
  CHECK(pathUnder("C:\\proj\\a\\b.cpp", "C:\\proj") == "a/b.cpp");
}

TEST_CASE("percentEncodePath keeps unreserved characters and slashes",
          "[report]") {
  CHECK(percentEncodePath("src/a_b-c.d~e.cpp") == "src/a_b-c.d~e.cpp");
  CHECK(percentEncodePath("dir with space/\xC3\xBC.cpp") ==
        "dir%20with%20space/%C3%BC.cpp");
  CHECK(percentEncodePath("a#b?c%d") == "a%23b%3Fc%25d");
}

TEST_CASE("makeSnippet draws clang's gutter and caret", "[report]") {
  Snippet S = makeSnippet("  call(x);", 4, 3);
  CHECK(S.SourceLine == "    4 |   call(x);");
  CHECK(S.Gutter + S.CaretPad + "^" == "      |   ^");
  S = makeSnippet("\tx = y;", 12345, 6);
  CHECK(S.SourceLine == " 12345 |         x = y;");
  CHECK(S.Gutter + S.CaretPad + "^" == "       |             ^");
  // Two-byte characters take one column.
  S = makeSnippet("s = \"\xC3\xA9t\xC3\xA9\"; f(s);", 1, 16);
  CHECK(S.CaretPad.size() == 13);
}

TEST_CASE("text report prints clang-style warnings, notes and snippets",
          "[report][text]") {
  Fixture F;
  std::string Caret3 = "      | " + std::string(26, ' ') + "^";
  std::string Expected =
      F.Ads +
      ":4:3: warning: 'acme::Account::phone' limited to 'security' is used "
      "for 'advertising' by 'adsdk::Upload' [purpose-limitation]\n"
      "    4 |   adsdk::Upload(p);\n"
      "      |   ^\n" +
      F.Ads +
      ":3:20: note: read of 'acme::Account::phone'\n"
      "    3 |         std::string p = a.phone;\n" +
      Caret3 + "\n" + F.Ads +
      ":4:3: note: passed to 'adsdk::Upload'\n"
      "    4 |   adsdk::Upload(p);\n"
      "      |   ^\n"
      "1 warning generated.\n"
      "Suppressed 2 warnings (1 NOLINT, 1 declassified).\n";
  CHECK(F.write(ReportFormat::Text) == Expected);
}

TEST_CASE("text report without source lines, and with nothing to report",
          "[report][text]") {
  Fixture F;
  F.R.Suppressed.clear();
  F.R.Declassified.clear();
  F.R.Violations.push_back(F.R.Violations[0]);
  F.R.Violations[1].Trace.clear();
  F.R.Violations[1].SinkPos = {"/nonexistent/x.cpp", 9, 1};
  F.R.Violations[1].Message += " [purpose-limitation]";
  std::string Out = F.write(ReportFormat::Text, false, /*Lines=*/false);
  CHECK(Out == F.Ads +
                   ":4:3: warning: 'acme::Account::phone' limited to "
                   "'security' is used for 'advertising' by "
                   "'adsdk::Upload' [purpose-limitation]\n" +
                   F.Ads + ":3:20: note: read of 'acme::Account::phone'\n" +
                   F.Ads + ":4:3: note: passed to 'adsdk::Upload'\n" +
                   "/nonexistent/x.cpp:9:1: warning: 'acme::Account::phone' "
                   "limited to 'security' is used for 'advertising' by "
                   "'adsdk::Upload' [purpose-limitation]\n"
                   "2 warnings generated.\n");

  Report Empty;
  std::string Nothing;
  llvm::raw_string_ostream OS(Nothing);
  writeReport(Empty, WriteOptions(), OS);
  CHECK(Nothing.empty());
}

TEST_CASE("text report colors like clang", "[report][text]") {
  Fixture F;
  std::string Out = F.write(ReportFormat::Text, /*Color=*/true);
  CHECK(Out.find("\033[1m" + F.Ads +
                 ":4:3: \033[0m\033[0;1;35mwarning: "
                 "\033[0m\033[1m'acme::Account::phone'") == 0);
  CHECK(Out.find("\033[1m" + F.Ads +
                 ":3:20: \033[0m\033[0;1;36mnote: "
                 "\033[0mread of") != std::string::npos);
  CHECK(Out.find("      | \033[0;1;32m  ^\033[0m\n") != std::string::npos);
  CHECK(F.write(ReportFormat::Text).find('\033') == std::string::npos);
}

TEST_CASE("json report has the shape of INTERFACE.md section 5",
          "[report][json]") {
  Fixture F;
  F.R.Errors.push_back({"a.cpp:1:1: error: something"});
  F.R.Complete = false;
  std::string Out = F.write(ReportFormat::Json);
  CHECK(Out.rfind("{\n  \"version\": 1,\n  \"complete\": false,\n", 0) == 0);
  CHECK(Out.back() == '\n');
  ojson J = ojson::parse(Out);
  CHECK(keys(J) == std::vector<std::string>{"version", "complete", "violations",
                                            "suppressed", "declassified",
                                            "stats"});
  REQUIRE(J["violations"].size() == 1);
  const ojson &V = J["violations"][0];
  CHECK(keys(V) == std::vector<std::string>{"rule", "message", "origin", "sink",
                                            "trace", "fingerprint"});
  CHECK(V["rule"] == "purpose-limitation");
  CHECK(V["origin"] == ojson::parse(R"({"name": "acme::Account::phone",
      "purposes": ["security"], "file": "/elsewhere/account.h", "line": 7,
      "column": 15})"));
  CHECK(V["sink"] == ojson::parse(R"({"name": "adsdk::Upload",
      "purpose": "advertising", "file": "ads.cpp", "line": 4,
      "column": 3})"));
  CHECK(V["trace"] == ojson::parse(R"([
      {"file": "ads.cpp", "line": 3, "column": 20,
       "message": "read of 'acme::Account::phone'"},
      {"file": "ads.cpp", "line": 4, "column": 3,
       "message": "passed to 'adsdk::Upload'"}])"));
  CHECK(keys(V["trace"][0]) ==
        std::vector<std::string>{"file", "line", "column", "message"});
  CHECK(V["fingerprint"] == "0123456789abcdef");

  REQUIRE(J["suppressed"].size() == 1);
  CHECK(J["suppressed"][0]["reason"] == "approved by <privacy> review");
  CHECK_FALSE(J["suppressed"][0].contains("declassifier"));
  REQUIRE(J["declassified"].size() == 1);
  CHECK(keys(J["declassified"][0]).back() == "declassifier");
  CHECK(J["declassified"][0]["declassifier"] == "acme::MaskPhone");
  CHECK(J["declassified"][0]["reason"] == "keeps only the last two digits");

  CHECK(J["stats"] == ojson::parse(R"({"translation_units": 3,
      "translation_units_from_cache": 1, "functions": 42,
      "failed_translation_units": 0, "errors": 1})"));
}

TEST_CASE("json report survives invalid UTF-8 in messages", "[report][json]") {
  Fixture F;
  F.R.Violations[0].Message = "bad \xFF byte";
  ojson J = ojson::parse(F.write(ReportFormat::Json));
  CHECK(J["violations"][0]["message"] == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("sarif report carries what code scanning needs", "[report][sarif]") {
  Fixture F;
  ojson S = ojson::parse(F.write(ReportFormat::Sarif));
  CHECK(S["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(S["version"] == "2.1.0");
  REQUIRE(S["runs"].size() == 1);
  const ojson &Run = S["runs"][0];
  const ojson &Driver = Run["tool"]["driver"];
  CHECK(Driver["name"] == "purpose-check");
  CHECK(Driver["version"] == "9.9.9");
  CHECK_FALSE(Driver.contains("informationUri"));
  REQUIRE(Driver["rules"].size() == 2);
  CHECK(Driver["rules"][0]["id"] == "purpose-limitation");
  CHECK(Driver["rules"][0]["defaultConfiguration"]["level"] == "error");
  CHECK(Driver["rules"][0]["help"].contains("markdown"));
  CHECK(Driver["rules"][1]["id"] == "purpose-annotation");
  CHECK(Run["originalUriBaseIds"]["%SRCROOT%"]["uri"] ==
        "file://" + percentEncodePath(F.Dir.path()) + "/");
  CHECK(Run["invocations"][0]["executionSuccessful"] == true);
  CHECK_FALSE(Run["invocations"][0].contains("toolExecutionNotifications"));

  REQUIRE(Run["results"].size() == 3);
  const ojson &V = Run["results"][0];
  CHECK(V["ruleId"] == "purpose-limitation");
  CHECK(V["ruleIndex"] == 0);
  CHECK(V["level"] == "error");
  CHECK(V["message"]["text"] == F.R.Violations[0].Message);
  CHECK(V["locations"][0]["physicalLocation"] == ojson::parse(R"({
      "artifactLocation": {"uri": "ads.cpp", "uriBaseId": "%SRCROOT%"},
      "region": {"startLine": 4, "startColumn": 3}})"));
  const ojson &Related = V["relatedLocations"][0];
  CHECK(Related["id"] == 1);
  CHECK(Related["physicalLocation"]["artifactLocation"] ==
        ojson::parse(R"({"uri": "file:///elsewhere/account.h"})"));
  CHECK(Related["message"]["text"] ==
        "'acme::Account::phone' is limited to 'security'");
  const ojson &Steps = V["codeFlows"][0]["threadFlows"][0]["locations"];
  REQUIRE(Steps.size() == 2);
  CHECK(Steps[0]["location"]["message"]["text"] ==
        "read of 'acme::Account::phone'");
  CHECK(Steps[0]["location"]["physicalLocation"]["region"]["startLine"] == 3);
  CHECK(V["partialFingerprints"]["purposeCheck/v1"] == "0123456789abcdef");
  CHECK_FALSE(V.contains("suppressions"));

  CHECK(Run["results"][1]["suppressions"] == ojson::parse(R"([{
      "kind": "inSource", "status": "accepted",
      "justification": "approved by <privacy> review"}])"));
  CHECK(Run["results"][2]["suppressions"] == ojson::parse(R"J([{
      "kind": "external", "status": "accepted",
      "justification": "keeps only the last two digits (declassified by 'acme::MaskPhone')"}])J"));
}

TEST_CASE("sarif report marks a run with errors unsuccessful",
          "[report][sarif]") {
  Fixture F;
  F.R.Complete = false;
  F.R.Errors.push_back({"b.cpp:3:4: error: unknown type name 'x'"});
  F.R.Violations[0].Rule = "purpose-annotation";
  F.R.Suppressed.clear();
  F.R.Declassified.clear();
  ojson S = ojson::parse(F.write(ReportFormat::Sarif));
  const ojson &Inv = S["runs"][0]["invocations"][0];
  CHECK(Inv["executionSuccessful"] == false);
  CHECK(Inv["toolExecutionNotifications"] == ojson::parse(R"([{
      "level": "error",
      "message": {"text": "b.cpp:3:4: error: unknown type name 'x'"}}])"));
  CHECK(S["runs"][0]["results"][0]["ruleIndex"] == 1);
  CHECK(S["runs"][0]["results"][0]["level"] == "warning");
}

TEST_CASE("html report is one self-contained page", "[report][html]") {
  Fixture F;
  F.R.Violations[0].Message += " <b>";
  std::string Out = F.write(ReportFormat::Html);
  CHECK(Out.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(Out.find("http://") == std::string::npos);
  CHECK(Out.find("https://") == std::string::npos);
  CHECK(Out.find("<link") == std::string::npos);
  CHECK(Out.find("<script src") == std::string::npos);
  CHECK(Out.find("@import") == std::string::npos);
  CHECK(Out.find("url(") == std::string::npos);
  auto Count = [&](llvm::StringRef Needle) {
    return llvm::StringRef(Out).count(Needle);
  };
  // One section per finding, each group with its heading.
  CHECK(Count("<section ") == 3);
  CHECK(Count("<section class=\"finding ") == 3);
  CHECK(Count("<section class=\"finding violation\"") == 1);
  CHECK(Count("<div class=\"group ") == 3);
  CHECK(Out.find("Suppressed <span class=\"count\">1</span>") !=
        std::string::npos);
  // Everything from the report is escaped; quoted names become code.
  CHECK(Out.find("by <code>adsdk::Upload</code> &lt;b&gt;") !=
        std::string::npos);
  CHECK(Out.find("approved by &lt;privacy&gt; review") != std::string::npos);
  CHECK(Out.find("Declassified by <code>acme::MaskPhone</code>") !=
        std::string::npos);
  // The trace: two steps per finding, from an origin node to a sink node
  // (the last step is the call itself, so there is no separate sink node).
  CHECK(Count("<li class=\"step") == 6);
  CHECK(Count("<li class=\"step origin\"><span class=\"dot\">1</span>") == 3);
  CHECK(Count("<li class=\"step sink\"><span class=\"dot\">2</span>") == 3);
  CHECK(Count("<span class=\"badge origin\">origin</span>") == 3);
  // Each step's snippet marks the token at its column, bytes counting as
  // columns (the tab is one) and the indentation cut.
  CHECK(Out.find("<div class=\"ln hit\" data-n=\"3\"><span>std::string p = "
                 "a.<mark class=\"step\">phone</mark>;</span></div>") !=
        std::string::npos);
  // The sink call in context, the qualified callee marked.
  CHECK(Out.find("<div class=\"ln hit\" data-n=\"4\"><span><mark "
                 "class=\"sink\">adsdk::Upload</mark>(p);</span></div>") !=
        std::string::npos);
  CHECK(Out.find("<div class=\"ln\" data-n=\"2\"><span>void "
                 "f(acme::Account &amp;a) {</span></div>") !=
        std::string::npos);
  CHECK(Out.find("fingerprint <code>0123456789abcdef</code>") !=
        std::string::npos);
  // Filters: purposes and files, as data the filter script reads.
  CHECK(Out.find("<option value=\"advertising\">") != std::string::npos);
  CHECK(Out.find("<option value=\"ads.cpp\">") != std::string::npos);
  CHECK(Out.find("data-purposes=\"[&quot;advertising&quot;,&quot;security&"
                 "quot;]\"") != std::string::npos);
  // Suppressed and declassified sections fold their details.
  CHECK(Count("<details class=\"more\">") == 2);
  CHECK(Out.find("Generated by purpose-check 9.9.9") != std::string::npos);
}

TEST_CASE("html report folds long traces and shares snippets",
          "[report][html]") {
  Fixture F;
  F.R.Suppressed.clear();
  F.R.Declassified.clear();
  Finding &V = F.R.Violations[0];
  // 25 steps: the read, 23 hops on line 3, the pass to the sink on line 4.
  std::vector<TraceStep> Trace = {V.Trace[0]};
  for (int I = 0; I < 23; ++I)
    Trace.push_back({{F.Ads, 3, 15}, "assigned to 'p'"});
  Trace.push_back({{F.Ads, 4, 17}, "passed to 'adsdk::Upload'"});
  V.Trace = Trace;
  std::string Out = F.write(ReportFormat::Html);
  auto Count = [&](llvm::StringRef Needle) {
    return llvm::StringRef(Out).count(Needle);
  };
  // Empty groups are left out.
  CHECK(Count("<div class=\"group ") == 1);
  CHECK(Out.find("class=\"group suppressed\"") == std::string::npos);
  CHECK(Out.find("class=\"group declassified\"") == std::string::npos);
  // All 25 steps plus the sink call are there; 3 + 3 + the sink stay
  // visible, the middle 19 fold.
  CHECK(Count("<li class=\"step") == 26);
  CHECK(Count("<li class=\"fold\"><details>") == 1);
  CHECK(Out.find("Show 19 more steps") != std::string::npos);
  size_t Fold = Out.find("<li class=\"fold\">");
  size_t FoldEnd = Out.find("</details></li>");
  REQUIRE(Fold != std::string::npos);
  REQUIRE(FoldEnd != std::string::npos);
  llvm::StringRef Before = llvm::StringRef(Out).take_front(Fold);
  llvm::StringRef Inside = llvm::StringRef(Out).slice(Fold, FoldEnd);
  llvm::StringRef After = llvm::StringRef(Out).drop_front(FoldEnd);
  CHECK(Before.count("<li class=\"step") == 3);
  CHECK(Inside.count("<li class=\"step") == 19);
  CHECK(After.count("<li class=\"step") == 4);
  // The sink call is its own node, sharing the snippet of the step before
  // it on its line, both tokens marked.
  CHECK(After.count("<li class=\"step sink\"><span class=\"dot\">!</span>") ==
        1);
  CHECK(After.find("<mark class=\"sink\">adsdk::Upload</mark>(<mark "
                   "class=\"step\">p</mark>);") != llvm::StringRef::npos);
  // Consecutive steps on one line share a snippet: line 3 is shown once
  // before the fold (after step 3), once inside it (after step 22), once
  // after it (after step 24); plus once in the sink's context.
  CHECK(Before.count("data-n=\"3\"") == 2);
  CHECK(Inside.count("data-n=\"3\"") == 1);
  CHECK(After.count("data-n=\"3\"") == 1);
  CHECK(After.count("data-n=\"4\"") == 1);
}

TEST_CASE("html report without source lines or findings", "[report][html]") {
  Fixture F;
  std::string Out = F.write(ReportFormat::Html, /*Color=*/false,
                            /*Lines=*/false);
  CHECK(Out.find("<div class=\"code\">") == std::string::npos);
  CHECK(llvm::StringRef(Out).count("<li class=\"step") == 6);

  F.R.Violations.clear();
  F.R.Suppressed.clear();
  F.R.Declassified.clear();
  Out = F.write(ReportFormat::Html);
  CHECK(Out.find("<section") == std::string::npos);
  CHECK(Out.find("<select") == std::string::npos);
  CHECK(Out.find("No findings") != std::string::npos);
  CHECK(Out.find("No violations") != std::string::npos);

  F.R.Complete = false;
  F.R.Errors.push_back({"b.cpp:3:4: error: unknown type name '<x>'"});
  Out = F.write(ReportFormat::Html);
  CHECK(Out.find("The run is incomplete") != std::string::npos);
  CHECK(Out.find("unknown type name &#39;&lt;x&gt;&#39;") != std::string::npos);
}

TEST_CASE("reports are deterministic", "[report]") {
  for (ReportFormat Format : {ReportFormat::Text, ReportFormat::Json,
                              ReportFormat::Sarif, ReportFormat::Html}) {
    Fixture A, B;
    std::string First = A.write(Format);
    CHECK(First == A.write(Format));
    CHECK_FALSE(First.empty());
  }
}
