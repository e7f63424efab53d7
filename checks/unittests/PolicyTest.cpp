//===- PolicyTest.cpp - Policy matching, loading and merging --------------===//
#include "Policy.h"
#include "PolicyLoader.h"
#include "TestUtil.h"
#include <catch2/catch.hpp>

using namespace purpose;
using purpose::test::errorList;
using purpose::test::errorText;
using purpose::test::TempDir;

namespace {

SourceRule source(SourceRule::KindTy K, std::string Pattern,
                  std::vector<std::string> Purposes, unsigned Line = 1) {
  SourceRule R;
  R.Kind = K;
  R.Pattern = std::move(Pattern);
  R.Purposes = std::move(Purposes);
  R.Pos = {"p.json", Line, 1};
  return R;
}

SinkRule sink(std::string Pattern, std::string Purpose,
              std::optional<int> Param = std::nullopt, unsigned Line = 1) {
  SinkRule R;
  R.Pattern = std::move(Pattern);
  R.Purpose = std::move(Purpose);
  R.Param = Param;
  R.Pos = {"p.json", Line, 1};
  return R;
}

/// The errors of loading \p Json as "p.json", in order; empty on success.
std::vector<std::string> loadErrors(llvm::StringRef Json) {
  auto P = loadPolicyBuffer(Json, "p.json");
  if (P)
    return {};
  return errorList(P.takeError());
}

} // namespace

TEST_CASE("globMatch treats '*' as any run of characters", "[policy]") {
  struct {
    const char *Pattern, *Name;
    bool Match;
  } Cases[] = {
      {"adsdk::*", "adsdk::Audience::Upload", true},
      {"adsdk::*", "adsdk::Match", true},
      {"adsdk::*", "adsdk::", true},
      {"adsdk::*", "adsdk", false},
      {"adsdk::*", "other::adsdk::Match", false},
      {"*::Upload", "adsdk::Audience::Upload", true},
      {"*::Upload", "adsdk::Audience::UploadAll", false},
      {"acme::*::phone", "acme::Account::phone", true},
      {"acme::*::phone", "acme::a::b::phone", true},
      {"acme::*::phone", "acme::phone", false},
      {"a*b*c", "aXbYc", true},
      {"a*b*c", "abc", true},
      {"a*b*c", "acb", false},
      {"a*b", "abxb", true},
      {"a*b", "abx", false},
      {"*", "", true},
      {"**", "anything", true},
      {"", "", true},
      {"", "x", false},
      {"read_sms_code", "read_sms_code", true},
      {"read_sms_code", "read_sms_code2", false},
      {"(anonymous namespace)::*", "(anonymous namespace)::helper", true},
  };
  for (const auto &C : Cases) {
    INFO("pattern '" << C.Pattern << "', name '" << C.Name << "'");
    CHECK(globMatch(C.Pattern, C.Name) == C.Match);
  }
  // Backtracking stays polynomial on a pattern built to defeat it.
  CHECK_FALSE(globMatch("a*a*a*a*a*a*b", std::string(2000, 'a')));
}

TEST_CASE("patternSpecificity prefers fewer stars, then more literal text",
          "[policy]") {
  CHECK(patternSpecificity("adsdk::Match") == std::make_pair(0, 12));
  CHECK(patternSpecificity("adsdk::*") == std::make_pair(-1, 7));
  CHECK(patternSpecificity("*") == std::make_pair(-1, 0));
  CHECK(patternSpecificity("a*b*") == std::make_pair(-2, 2));
  CHECK(patternSpecificity("adsdk::Match") > patternSpecificity("adsdk::M*"));
  CHECK(patternSpecificity("adsdk::Audience::*") >
        patternSpecificity("adsdk::*"));
  CHECK(patternSpecificity("adsdk::*::Upload") >
        patternSpecificity("a*::Audience::*"));
}

TEST_CASE("PolicyPos prints file:line:col", "[policy]") {
  CHECK(PolicyPos{"dir/p.json", 12, 7}.str() == "dir/p.json:12:7");
}

TEST_CASE("matchSource picks the most specific entry of the kind", "[policy]") {
  Policy P;
  P.Sources = {
      source(SourceRule::Function, "acme::*", {"account"}, 1),
      source(SourceRule::Function, "acme::pb::*", {"security"}, 2),
      source(SourceRule::Function, "acme::pb::Account::recovery_email",
             {"security.recovery"}, 3),
      source(SourceRule::Field, "acme::Account::phone_2fa", {"security"}, 4)};
  const SourceRule *R =
      P.matchSource(SourceRule::Function, "acme::pb::Account::recovery_email");
  REQUIRE(R);
  CHECK(R->Pos.Line == 3);
  R = P.matchSource(SourceRule::Function, "acme::pb::Account::name");
  REQUIRE(R);
  CHECK(R->Pos.Line == 2);
  R = P.matchSource(SourceRule::Function, "acme::Other");
  REQUIRE(R);
  CHECK(R->Pos.Line == 1);
  CHECK_FALSE(P.matchSource(SourceRule::Function, "other::f"));
  // Kinds do not mix: a field entry never matches a function and back.
  CHECK_FALSE(P.matchSource(SourceRule::Function, "acme::Account::phone_2fa") ==
              &P.Sources[3]);
  CHECK(P.matchSource(SourceRule::Field, "acme::Account::phone_2fa") ==
        &P.Sources[3]);
  CHECK_FALSE(P.matchSource(SourceRule::Field, "acme::pb::Account::x"));
}

TEST_CASE("matchSource breaks ties between equally specific patterns "
          "independently of order",
          "[policy]") {
  Policy A, B;
  A.Sources = {source(SourceRule::Function, "a::*::f", {"x"}, 1),
               source(SourceRule::Function, "a::b*::f", {"y"}, 2)};
  B.Sources = {A.Sources[1], A.Sources[0]};
  const SourceRule *FromA = A.matchSource(SourceRule::Function, "a::b::f");
  const SourceRule *FromB = B.matchSource(SourceRule::Function, "a::b::f");
  REQUIRE(FromA);
  REQUIRE(FromB);
  // "a::b*::f" has more literal text; it wins either way.
  CHECK(FromA->Pattern == "a::b*::f");
  CHECK(FromB->Pattern == "a::b*::f");
}

TEST_CASE("matchSinks applies every entry of the most specific matching "
          "pattern",
          "[policy]") {
  Policy P;
  P.Sinks = {sink("adsdk::*", "advertising", std::nullopt, 1),
             sink("adsdk::Match", "advertising.partner", 1, 2),
             sink("adsdk::*", "advertising.first_party", 1, 3),
             sink("adsdk::M*", "analytics", 0, 4),
             sink("other::*", "analytics", std::nullopt, 5)};
  // "adsdk::Match" is the most specific pattern: its entry alone applies,
  // narrowing what "adsdk::*" and "adsdk::M*" say of Match.
  auto M = P.matchSinks("adsdk::Match");
  REQUIRE(M.size() == 1);
  CHECK(M[0]->Pos.Line == 2);

  // "adsdk::M*" beats "adsdk::*" for MatchAll.
  auto MA = P.matchSinks("adsdk::MatchAll");
  REQUIRE(MA.size() == 1);
  CHECK(MA[0]->Pos.Line == 4);

  // Both "adsdk::*" entries apply: the whole function first, then by index.
  auto U = P.matchSinks("adsdk::Audience::Upload");
  REQUIRE(U.size() == 2);
  CHECK(U[0]->Purpose == "advertising");
  CHECK(U[1]->Purpose == "advertising.first_party");

  CHECK(P.matchSinks("acme::Upload").empty());
}

TEST_CASE("matchDeclassifier picks the most specific entry", "[policy]") {
  Policy P;
  P.Declassifiers = {{"acme::*", "everything in acme", {"p.json", 1, 1}},
                     {"acme::MaskPhone", "keeps two digits", {"p.json", 2, 1}}};
  const DeclassifierRule *D = P.matchDeclassifier("acme::MaskPhone");
  REQUIRE(D);
  CHECK(D->Reason == "keeps two digits");
  D = P.matchDeclassifier("acme::Hash");
  REQUIRE(D);
  CHECK(D->Reason == "everything in acme");
  CHECK_FALSE(P.matchDeclassifier("MaskPhone"));
}

TEST_CASE("digest ignores order and positions but not content", "[policy]") {
  Policy A;
  A.Sources = {source(SourceRule::Field, "a::B::c", {"security"}, 1)};
  A.Sinks = {sink("adsdk::*", "advertising", std::nullopt, 2),
             sink("adsdk::Match", "advertising", 1, 3)};
  A.Declassifiers = {{"acme::MaskPhone", "two digits", {"p.json", 4, 1}}};

  Policy B = A;
  std::swap(B.Sinks[0], B.Sinks[1]);
  for (SinkRule &S : B.Sinks)
    S.Pos = {"elsewhere.json", 40, 2};
  CHECK(A.digest() == B.digest());
  CHECK(A.digest().size() == 40);
  CHECK(A.digest() != Policy().digest());

  Policy C = A;
  C.Sinks[1].Param = 2;
  CHECK(C.digest() != A.digest());
  Policy D = A;
  D.Sources[0].Kind = SourceRule::Function;
  CHECK(D.digest() != A.digest());
  Policy E = A;
  E.Declassifiers[0].Reason = "one digit";
  CHECK(E.digest() != A.digest());
  Policy F = A;
  F.Sources[0].OutParams = {0};
  CHECK(F.digest() != A.digest());
}

TEST_CASE("loader reads the example of INTERFACE.md", "[policy][loader]") {
  const char *Json = R"({
  "version": 1,
  "sources": [
    {"field": "acme::Account::phone_2fa", "purposes": ["security"]},
    {"function": "acme::pb::Account::recovery_email", "purposes": ["security"]},
    {"function": "read_sms_code", "out_params": [0], "purposes": ["security"]}
  ],
  "sinks": [
    {"function": "adsdk::Audience::Upload", "purpose": "advertising"},
    {"function": "adsdk::Match", "param": 1, "purpose": "advertising.partner"}
  ],
  "declassifiers": [
    {"function": "acme::MaskPhone", "reason": "keeps only the last two digits"}
  ]
}
)";
  auto P = loadPolicyBuffer(Json, "policy.json");
  REQUIRE(errorText(P.takeError()) == "");
  REQUIRE(P->Sources.size() == 3);
  CHECK(P->Sources[0].Kind == SourceRule::Field);
  CHECK(P->Sources[0].Pattern == "acme::Account::phone_2fa");
  CHECK(P->Sources[0].Purposes == std::vector<std::string>{"security"});
  CHECK(P->Sources[0].Pos.str() == "policy.json:4:5");
  CHECK(P->Sources[1].Kind == SourceRule::Function);
  CHECK(P->Sources[2].Pattern == "read_sms_code");
  CHECK(P->Sources[2].OutParams == std::vector<int>{0});
  REQUIRE(P->Sinks.size() == 2);
  CHECK_FALSE(P->Sinks[0].Param);
  CHECK(P->Sinks[0].Purpose == "advertising");
  CHECK(P->Sinks[1].Param == 1);
  CHECK(P->Sinks[1].Purpose == "advertising.partner");
  CHECK(P->Sinks[1].Pos.str() == "policy.json:10:5");
  REQUIRE(P->Declassifiers.size() == 1);
  CHECK(P->Declassifiers[0].Reason == "keeps only the last two digits");
  CHECK(P->Declassifiers[0].Pos.str() == "policy.json:13:5");
}

TEST_CASE("loader accepts a version alone and empty lists",
          "[policy][loader]") {
  auto P = loadPolicyBuffer(R"({"version": 1})", "p.json");
  REQUIRE(errorText(P.takeError()) == "");
  CHECK(P->empty());
  P = loadPolicyBuffer(
      "\xEF\xBB\xBF{\"version\": 1, \"sources\": [], \"sinks\": [],"
      " \"declassifiers\": []}",
      "p.json");
  REQUIRE(errorText(P.takeError()) == "");
  CHECK(P->empty());
}

TEST_CASE("loader sorts and deduplicates purposes and out_params",
          "[policy][loader]") {
  auto P = loadPolicyBuffer(
      R"({"version": 1, "sources": [{"function": "f", "out_params": [2, 0, 2],
          "purposes": ["security", "account", "security"]}]})",
      "p.json");
  REQUIRE(errorText(P.takeError()) == "");
  REQUIRE(P->Sources.size() == 1);
  CHECK(P->Sources[0].Purposes ==
        std::vector<std::string>{"account", "security"});
  CHECK(P->Sources[0].OutParams == std::vector<int>{0, 2});
}

TEST_CASE("loader reads a source's data category", "[policy][loader]") {
  auto P = loadPolicyBuffer(
      R"({"version": 1, "sources": [{"field": "A::phone",
          "purposes": ["security"], "category": "user.contact.phone_number"}]})",
      "p.json");
  REQUIRE(errorText(P.takeError()) == "");
  REQUIRE(P->Sources.size() == 1);
  CHECK(P->Sources[0].Category == "user.contact.phone_number");
  Policy Without = *P;
  Without.Sources[0].Category.clear();
  CHECK(P->digest() != Without.digest());
  CHECK(loadErrors(R"({"version": 1, "sources": [{"field": "A::phone",
      "purposes": ["security"], "category": "User Phone"}]})") ==
        std::vector<std::string>{
            "p.json:2:45: error: malformed data category 'User Phone'; "
            "expected a fideslang key such as 'user.contact.phone_number'"});
  Policy M = *P, Other = Without;
  Other.Sources[0].Pos.File = "q.json";
  CHECK(errorText(mergePolicy(M, Other)) ==
        "q.json:1:28: error: conflicting entries for 'A::phone': p.json:1:28 "
        "and q.json:1:28");
}

TEST_CASE("loader errors name file, line and column of the problem",
          "[policy][loader]") {
  struct {
    const char *Json;
    const char *Error;
  } Cases[] = {
      {R"({"version": 2})",
       "p.json:1:13: error: unsupported policy version 2; expected 1"},
      {R"({"version": -1})",
       "p.json:1:13: error: unsupported policy version -1; expected 1"},
      {R"({"version": "1"})",
       "p.json:1:13: error: expected an integer for 'version', found a string"},
      {R"({"version": 1.0})",
       "p.json:1:13: error: expected an integer for 'version', found a number"},
      {R"({"sources": []})",
       "p.json:1:1: error: missing required key 'version' in policy file"},
      {R"([{"version": 1}])",
       "p.json:1:1: error: expected an object for a policy file, found an "
       "array"},
      {R"({"version": 1, "source": []})",
       "p.json:1:16: error: unknown key 'source' in policy file; did you "
       "mean 'sources'?"},
      {R"({"version": 1, "rules": []})",
       "p.json:1:16: error: unknown key 'rules' in policy file; expected "
       "'version', 'sources', 'sinks' or 'declassifiers'"},
      {R"({"version": 1, "sinks": {}})",
       "p.json:1:25: error: expected an array for 'sinks', found an object"},
      {R"({"version": 1, "version": 1})",
       "p.json:1:16: error: duplicate key 'version'"},
      {R"({"version": 1e999})",
       "p.json:1:13: error: malformed JSON: number overflow parsing '1e999'"},
      {"", "p.json:1:1: error: malformed JSON: syntax error while parsing "
           "value - unexpected end of input; expected '[', '{', or a literal"},
      {R"({"version": 1, "sources": [})",
       "p.json:1:28: error: malformed JSON: syntax error while parsing value "
       "- unexpected '}'; expected '[', '{', or a literal"},
      {"{\n  \"version\": 1,\n}",
       "p.json:3:1: error: malformed JSON: syntax error while parsing object "
       "key - unexpected '}'; expected string literal"},
      {"{\"version\": 1} x",
       "p.json:1:16: error: malformed JSON: syntax error while parsing value "
       "- invalid literal; last read: '1} x'; expected end of input"},
  };
  for (const auto &C : Cases) {
    INFO("policy: " << C.Json);
    auto Errors = loadErrors(C.Json);
    REQUIRE(Errors.size() == 1);
    CHECK(Errors[0] == C.Error);
  }
}

TEST_CASE("loader reports every problem of source entries",
          "[policy][loader]") {
  const char *Json = R"({
  "version": 1,
  "sources": [
    {"field": "a::B::c", "purposes": ["Security"]},
    {"function": "f", "field": "g", "purposes": ["x"]},
    {"purposes": ["x"]},
    {"field": "a::B::d", "purposes": []},
    {"field": "a::B::e", "purposes": ["x"], "out_params": [0]},
    {"function": "f2", "purposes": ["x"], "out_params": [-1, 1.5, "2"]},
    "nope",
    {"function": "f3"},
    {"function": "f4", "purposes": "security"}
  ]
})";
  std::vector<std::string> Expected = {
      "p.json:4:39: error: malformed purpose 'Security'; expected "
      "[a-z0-9_]+(.[a-z0-9_]+)*",
      "p.json:5:5: error: source entry must have either 'field' or "
      "'function', not both",
      "p.json:6:5: error: source entry must have 'field' or 'function'",
      "p.json:7:38: error: 'purposes' must not be empty",
      "p.json:8:45: error: 'out_params' is only allowed with 'function'",
      "p.json:9:58: error: expected a non-negative integer for 'out_params', "
      "found -1",
      "p.json:9:62: error: expected a non-negative integer for 'out_params', "
      "found a number",
      "p.json:9:67: error: expected a non-negative integer for 'out_params', "
      "found a string",
      "p.json:10:5: error: expected an object for a source entry, found a "
      "string",
      "p.json:11:5: error: missing required key 'purposes' in source entry",
      "p.json:12:36: error: expected an array for 'purposes', found a string",
  };
  CHECK(loadErrors(Json) == Expected);
}

TEST_CASE("loader reports every problem of sink and declassifier entries",
          "[policy][loader]") {
  const char *Json = R"({
  "version": 1,
  "sinks": [
    {"function": "adsdk::Match", "param": 1},
    {"function": "", "purpose": "ads"},
    {"purpose": "ads", "param": 99999999999},
    {"function": "g", "purpose": "ads", "params": 1},
    {"function": 7, "purpose": "ads.Partner"}
  ],
  "declassifiers": [
    {"function": "acme::MaskPhone"},
    {"function": "h", "reason": 3},
    {"function": "i", "reason": "  "}
  ]
})";
  std::vector<std::string> Expected = {
      "p.json:4:5: error: missing required key 'purpose' in sink entry",
      "p.json:5:18: error: 'function' must not be empty",
      "p.json:6:5: error: missing required key 'function' in sink entry",
      "p.json:6:33: error: 'param' 99999999999 is out of range",
      "p.json:7:41: error: unknown key 'params' in sink entry; did you mean "
      "'param'?",
      "p.json:8:18: error: expected a string for 'function', found an integer",
      "p.json:8:32: error: malformed purpose 'ads.Partner'; expected "
      "[a-z0-9_]+(.[a-z0-9_]+)*",
      "p.json:11:5: error: missing required key 'reason' in declassifier "
      "entry",
      "p.json:12:33: error: expected a string for 'reason', found an integer",
      "p.json:13:33: error: 'reason' must not be empty",
  };
  CHECK(loadErrors(Json) == Expected);
}

TEST_CASE("loader stops collecting after many errors", "[policy][loader]") {
  std::string Json = R"({"version": 1, "sinks": [)";
  for (int I = 0; I < 80; ++I)
    Json += std::string(I ? "," : "") + "{}";
  Json += "]}";
  auto Errors = loadErrors(Json);
  REQUIRE(Errors.size() == 51);
  CHECK(Errors.back() ==
        "p.json: error: too many errors emitted, stopping now");
}

TEST_CASE("loader limits nesting depth", "[policy][loader]") {
  std::string Json = std::string(100, '[') + std::string(100, ']');
  auto Errors = loadErrors(Json);
  REQUIRE(Errors.size() == 1);
  CHECK(Errors[0] == "p.json:1:65: error: nesting deeper than 64 levels");
}

TEST_CASE("loader reports conflicting entries within one file",
          "[policy][loader]") {
  const char *Json = R"({"version": 1, "sinks": [
  {"function": "adsdk::Upload", "purpose": "advertising"},
  {"function": "adsdk::Upload", "purpose": "advertising"},
  {"function": "adsdk::Upload", "param": 0, "purpose": "analytics"},
  {"function": "adsdk::Upload", "purpose": "analytics"}
]})";
  auto Errors = loadErrors(Json);
  REQUIRE(Errors.size() == 1);
  CHECK(Errors[0] == "p.json:5:3: error: conflicting entries for "
                     "'adsdk::Upload': p.json:2:3 and p.json:5:3");
}

TEST_CASE("mergePolicy keeps identical duplicates once and names both "
          "places of a conflict",
          "[policy][merge]") {
  auto A = loadPolicyBuffer(
      R"({"version": 1, "sinks": [{"function": "adsdk::Upload", "purpose": "advertising"}],
"sources": [{"field": "a::B::c", "purposes": ["security"]}],
"declassifiers": [{"function": "m", "reason": "masks"}]})",
      "a.json");
  auto B = loadPolicyBuffer(R"({"version": 1,
 "sinks": [{"function": "adsdk::Upload", "purpose": "analytics"},
           {"function": "adsdk::Other", "purpose": "analytics"}],
 "sources": [{"field": "a::B::c", "purposes": ["security"]},
             {"function": "a::B::c", "purposes": ["account"]},
             {"field": "a::B::d", "purposes": ["account"]}],
 "declassifiers": [{"function": "m", "reason": "hashes"}]})",
                            "b.json");
  REQUIRE(errorText(A.takeError()) == "");
  REQUIRE(errorText(B.takeError()) == "");

  Policy Merged;
  REQUIRE(errorText(mergePolicy(Merged, *A)) == "");
  auto Errors = errorList(mergePolicy(Merged, *B));
  // Sources, then sinks, then declassifiers; each at the later entry.
  CHECK(Errors == std::vector<std::string>{
                      "b.json:2:12: error: conflicting entries for "
                      "'adsdk::Upload': a.json:1:26 and b.json:2:12",
                      "b.json:7:20: error: conflicting entries for 'm': "
                      "a.json:3:19 and b.json:7:20"});
  // The same field with the same purposes is no conflict; a function source
  // of the same name is another entry; non-conflicting entries were added.
  CHECK(Merged.Sources.size() == 3);
  CHECK(Merged.Sinks.size() == 2);
  CHECK(Merged.Declassifiers.size() == 1);
  CHECK(Merged.Declassifiers[0].Reason == "masks");

  // Merging a policy again changes nothing.
  Policy Again = Merged;
  REQUIRE(errorText(mergePolicy(Again, Merged)) == "");
  CHECK(Again.digest() == Merged.digest());
  CHECK(errorText(mergePolicy(Merged, Merged)) == "");
}

TEST_CASE("mergePolicy compares purposes and out_params of sources",
          "[policy][merge]") {
  Policy A, B, C;
  A.Sources = {source(SourceRule::Function, "f", {"security"}, 1)};
  B.Sources = {source(SourceRule::Function, "f", {"security"}, 7)};
  B.Sources[0].OutParams = {0};
  B.Sources[0].Pos.File = "q.json";
  C.Sources = {source(SourceRule::Function, "f", {"account"}, 9)};
  C.Sources[0].Pos.File = "r.json";
  Policy M = A;
  CHECK(errorText(mergePolicy(M, B)) ==
        "q.json:7:1: error: conflicting entries for 'f': p.json:1:1 and "
        "q.json:7:1");
  CHECK(errorText(mergePolicy(M, C)) ==
        "r.json:9:1: error: conflicting entries for 'f': p.json:1:1 and "
        "r.json:9:1");
}

TEST_CASE("loadPolicyFile names an unreadable file", "[policy][loader]") {
  TempDir D;
  std::string Missing = D.file("missing.json");
  auto P = loadPolicyFile(Missing);
  REQUIRE_FALSE(static_cast<bool>(P));
  CHECK(errorText(P.takeError()) ==
        Missing + ": error: cannot read policy file: No such file or "
                  "directory");
}

TEST_CASE("loadPolicyFile positions errors in the named file",
          "[policy][loader]") {
  TempDir D;
  std::string Path = D.write("p.json", "{\n  \"version\": 1,\n  \"x\": 1\n}\n");
  auto P = loadPolicyFile(Path);
  REQUIRE_FALSE(static_cast<bool>(P));
  CHECK(errorText(P.takeError()) ==
        Path + ":3:3: error: unknown key 'x' in policy file; expected "
               "'version', 'sources', 'sinks' or 'declassifiers'");
}

TEST_CASE("the documented example policies load", "[policy][loader][docs]") {
  for (const char *Name : {"ads-sdk.policy.json", "protobuf.policy.json"}) {
    INFO(Name);
    auto P =
        loadPolicyFile(std::string(PURPOSE_DOCS_DIR) + "/examples/" + Name);
    REQUIRE(errorText(P.takeError()) == "");
    CHECK_FALSE(P->empty());
  }
  auto Ads = loadPolicyFile(std::string(PURPOSE_DOCS_DIR) +
                            "/examples/ads-sdk.policy.json");
  REQUIRE(errorText(Ads.takeError()) == "");
  auto Sinks = Ads->matchSinks("adsdk::Audience::Upload");
  REQUIRE_FALSE(Sinks.empty());
  CHECK(Sinks[0]->Purpose == "advertising");

  auto Pb = loadPolicyFile(std::string(PURPOSE_DOCS_DIR) +
                           "/examples/protobuf.policy.json");
  REQUIRE(errorText(Pb.takeError()) == "");
  const SourceRule *S = Pb->matchSource(SourceRule::Function,
                                        "acme::pb::Account::recovery_email");
  REQUIRE(S);
  CHECK(S->Purposes == std::vector<std::string>{"security"});
  S = Pb->matchSource(SourceRule::Function, "read_sms_code");
  REQUIRE(S);
  CHECK(S->OutParams == std::vector<int>{0});
  CHECK(Pb->matchDeclassifier("acme::MaskPhone"));
}
