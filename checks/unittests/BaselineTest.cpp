//===- BaselineTest.cpp - Reading, writing and applying baselines ---------===//
#include "Baseline.h"
#include "TestUtil.h"
#include <catch2/catch.hpp>

using namespace purpose;
using purpose::test::errorText;
using purpose::test::readFile;
using purpose::test::TempDir;

namespace {
Finding withFingerprint(std::string FP,
                        FindingKind K = FindingKind::Violation) {
  Finding F;
  F.Kind = K;
  F.Fingerprint = std::move(FP);
  return F;
}
} // namespace

TEST_CASE("writeBaseline writes violations' fingerprints sorted and unique",
          "[baseline]") {
  TempDir D;
  Report R;
  R.Violations = {withFingerprint("bbbb000000000000"),
                  withFingerprint("aaaa000000000000"),
                  withFingerprint("bbbb000000000000")};
  R.Suppressed = {withFingerprint("cccc000000000000", FindingKind::Suppressed)};
  R.Declassified = {
      withFingerprint("dddd000000000000", FindingKind::Declassified)};
  std::string Path = D.file("baseline.json");
  REQUIRE(errorText(writeBaseline(Path, R)) == "");
  CHECK(readFile(Path) == "{\n"
                          "  \"version\": 1,\n"
                          "  \"fingerprints\": [\n"
                          "    \"aaaa000000000000\",\n"
                          "    \"bbbb000000000000\"\n"
                          "  ]\n"
                          "}\n");
  auto Back = readBaseline(Path);
  REQUIRE(errorText(Back.takeError()) == "");
  CHECK(*Back == std::set<std::string>{"aaaa000000000000", "bbbb000000000000"});
  CHECK(D.entries() == std::vector<std::string>{"baseline.json"});
}

TEST_CASE("writeBaseline of a clean run writes an empty list", "[baseline]") {
  TempDir D;
  std::string Path = D.file("b.json");
  REQUIRE(errorText(writeBaseline(Path, Report())) == "");
  CHECK(readFile(Path) == "{\n  \"version\": 1,\n  \"fingerprints\": []\n}\n");
  auto Back = readBaseline(Path);
  REQUIRE(errorText(Back.takeError()) == "");
  CHECK(Back->empty());
}

TEST_CASE("applyBaseline drops only baselined violations", "[baseline]") {
  Report R;
  R.Violations = {withFingerprint("a"), withFingerprint("b"),
                  withFingerprint("c"), withFingerprint("a")};
  R.Suppressed = {withFingerprint("a", FindingKind::Suppressed)};
  CHECK(applyBaseline(R, {"a", "c", "zzz"}) == 3);
  REQUIRE(R.Violations.size() == 1);
  CHECK(R.Violations[0].Fingerprint == "b");
  CHECK(R.Suppressed.size() == 1);
  CHECK(applyBaseline(R, {}) == 0);
}

TEST_CASE("a baseline holds a finding by its fingerprint or its former one",
          "[baseline]") {
  Finding Moved = withFingerprint("new");
  Moved.FormerFingerprint = "old";
  Finding Plain = withFingerprint("plain");
  CHECK(inBaseline(Moved, {"new"}));
  CHECK(inBaseline(Moved, {"old"}));
  CHECK_FALSE(inBaseline(Moved, {"plain"}));
  CHECK(inBaseline(Plain, {"plain"}));
  // No former fingerprint: the empty string in a baseline matches nothing.
  CHECK_FALSE(inBaseline(Plain, {""}));
  Report R;
  R.Violations = {Moved, Plain};
  CHECK(applyBaseline(R, {"old"}) == 1);
  REQUIRE(R.Violations.size() == 1);
  CHECK(R.Violations[0].Fingerprint == "plain");
}

TEST_CASE("readBaseline errors name file, line and column", "[baseline]") {
  struct {
    const char *Json;
    const char *Error;
  } Cases[] = {
      {R"({"version": 1, "fingerprints": ["a", 7]})",
       "b.json:1:38: error: expected a string in 'fingerprints', found an "
       "integer"},
      {R"({"version": 1, "fingerprints": {}})",
       "b.json:1:32: error: expected an array for 'fingerprints', found an "
       "object"},
      {R"({"version": 2, "fingerprints": []})",
       "b.json:1:13: error: unsupported baseline version; expected 1"},
      {R"({"fingerprints": []})",
       "b.json:1:1: error: missing required key 'version' in baseline"},
      {R"({"version": 1})",
       "b.json:1:1: error: missing required key 'fingerprints' in baseline"},
      {"{\"version\": 1,\n \"fingerprints\": [],\n \"extra\": 1}",
       "b.json:3:2: error: unknown key 'extra' in baseline; expected "
       "'version' or 'fingerprints'"},
      {R"({"version": 1, "fingerprints": [""]})",
       "b.json:1:33: error: empty fingerprint"},
      {R"(["a"])",
       "b.json:1:1: error: expected an object for a baseline, found an array"},
      {R"({"version": 1, "fingerprints": [)",
       "b.json:1:33: error: malformed JSON: syntax error while parsing value "
       "- unexpected end of input; expected '[', '{', or a literal"},
  };
  for (const auto &C : Cases) {
    INFO(C.Json);
    auto B = parseBaseline(C.Json, "b.json");
    REQUIRE_FALSE(static_cast<bool>(B));
    CHECK(errorText(B.takeError()) == C.Error);
  }
}

TEST_CASE("readBaseline names a missing file", "[baseline]") {
  TempDir D;
  std::string Path = D.file("none.json");
  auto B = readBaseline(Path);
  REQUIRE_FALSE(static_cast<bool>(B));
  CHECK(errorText(B.takeError()) ==
        Path + ": error: cannot read baseline: No such file or directory");
}
