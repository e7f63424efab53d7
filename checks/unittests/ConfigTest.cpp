//===- ConfigTest.cpp - .purpose-check.json -------------------------------===//
#include "Config.h"
#include "TestUtil.h"
#include "llvm/Support/FileSystem.h"
#include <catch2/catch.hpp>

using namespace purpose;
using purpose::test::errorList;
using purpose::test::errorText;
using purpose::test::TempDir;

namespace {

/// The errors of loading \p Json as the config "DIR/.purpose-check.json",
/// with DIR replaced by "DIR".
std::vector<std::string> loadErrors(llvm::StringRef Json) {
  TempDir D;
  std::string Path = D.write(".purpose-check.json", Json);
  auto C = loadConfig(Path);
  if (C)
    return {};
  std::vector<std::string> Out;
  for (std::string E : errorList(C.takeError())) {
    if (llvm::StringRef(E).starts_with(D.path()))
      E = "DIR" + E.substr(D.path().size());
    Out.push_back(E);
  }
  return Out;
}

Config withExcludes(std::vector<std::string> Globs) {
  Config C;
  C.Dir = "/proj";
  C.File = "/proj/.purpose-check.json";
  C.Exclude = std::move(Globs);
  return C;
}

} // namespace

TEST_CASE("a config's paths are resolved against its directory", "[config]") {
  TempDir D;
  std::string Path = D.write(".purpose-check.json", R"json({
  "policies": ["policies/sdk.json", "./a/../b.json", "/abs/p.json"],
  "build_dir": "build/../out",
  "cache_dir": "/var/cache/purpose",
  "baseline": "tools/purpose-baseline.json",
  "exclude": ["third_party", "*.pb.cc"]
})json");
  auto C = loadConfig(Path);
  REQUIRE(errorText(C.takeError()) == "");
  CHECK(C->File == Path);
  CHECK(C->Dir == D.path());
  CHECK(C->Policies == std::vector<std::string>{D.file("policies/sdk.json"),
                                                D.file("b.json"),
                                                "/abs/p.json"});
  CHECK(C->BuildDir == D.file("out"));
  CHECK(C->CacheDir == "/var/cache/purpose");
  CHECK(C->Baseline == D.file("tools/purpose-baseline.json"));
  CHECK(C->Exclude == std::vector<std::string>{"third_party", "*.pb.cc"});
}

TEST_CASE("every config key is optional", "[config]") {
  TempDir D;
  std::string Path = D.write("c.json", "{}");
  auto C = loadConfig(Path);
  REQUIRE(errorText(C.takeError()) == "");
  CHECK(C->Policies.empty());
  CHECK(C->BuildDir.empty());
  CHECK(C->CacheDir.empty());
  CHECK(C->Baseline.empty());
  CHECK(C->Exclude.empty());
  CHECK(C->Dir == D.path());
}

TEST_CASE("a config given by a relative path gets absolute paths", "[config]") {
  TempDir D;
  REQUIRE(!llvm::sys::fs::create_directory(D.file("sub")));
  D.write("sub/.purpose-check.json", "{\"build_dir\": \"build\"}");
  llvm::SmallString<256> Old;
  REQUIRE(!llvm::sys::fs::current_path(Old));
  REQUIRE(!llvm::sys::fs::set_current_path(D.path()));
  auto C = loadConfig("sub/./.purpose-check.json");
  REQUIRE(!llvm::sys::fs::set_current_path(Old));
  REQUIRE(errorText(C.takeError()) == "");
  llvm::SmallString<256> Real;
  REQUIRE(!llvm::sys::fs::real_path(D.path(), Real));
  // The temporary directory may be reached through a symbolic link.
  bool SameDir =
      C->Dir == D.file("sub") || C->Dir == std::string(Real) + "/sub";
  CHECK(SameDir);
  CHECK(C->BuildDir == C->Dir + "/build");
  CHECK(C->File == C->Dir + "/.purpose-check.json");
}

TEST_CASE("config errors name the file, line and column", "[config]") {
  struct {
    const char *Json;
    std::vector<std::string> Errors;
  } Cases[] = {
      {"[]",
       {"DIR/.purpose-check.json:1:1: error: expected an object for a config "
        "file, found an array"}},
      {"{\n  \"policy\": []\n}",
       {"DIR/.purpose-check.json:2:3: error: unknown key 'policy' in config "
        "file; did you mean 'policies'?"}},
      {"{\"verbose\": true}",
       {"DIR/.purpose-check.json:1:2: error: unknown key 'verbose' in config "
        "file; expected 'policies', 'build_dir', 'cache_dir', 'baseline', "
        "'exclude' or 'taxonomy'"}},
      {"{\"policies\": \"p.json\"}",
       {"DIR/.purpose-check.json:1:14: error: expected an array of strings "
        "for 'policies', found a string"}},
      {"{\"policies\": [\"a.json\", 3, null]}",
       {"DIR/.purpose-check.json:1:25: error: expected a string for "
        "'policies', found an integer",
        "DIR/.purpose-check.json:1:28: error: expected a string for "
        "'policies', found null"}},
      {"{\n\t\"build_dir\": [\"b\"],\n\t\"cache_dir\": \"\"\n}",
       {"DIR/.purpose-check.json:2:15: error: expected a string for "
        "'build_dir', found an array",
        "DIR/.purpose-check.json:3:15: error: 'cache_dir' must not be empty"}},
      {"{\"exclude\": [\"\"]}",
       {"DIR/.purpose-check.json:1:14: error: 'exclude' must not be empty"}},
      {"{\"exclude\": {}}",
       {"DIR/.purpose-check.json:1:13: error: expected an array of strings "
        "for 'exclude', found an object"}},
      {"{\"taxonomy\": []}",
       {"DIR/.purpose-check.json:1:14: error: expected an object for "
        "'taxonomy', found an array"}},
      {"{\"taxonomy\": {\"data_uses\": {\"Ads\": \"marketing\", "
       "\"ads\": \"Mkt X\"}, \"systm\": 1}}",
       {"DIR/.purpose-check.json:1:29: error: malformed purpose 'Ads'; "
        "expected [a-z0-9_]+(.[a-z0-9_]+)*",
        "DIR/.purpose-check.json:1:56: error: malformed data use 'Mkt X'; "
        "expected a fideslang key such as 'essential.service.authentication'",
        "DIR/.purpose-check.json:1:66: error: unknown key 'systm' in "
        "'taxonomy'; expected 'system', 'data_uses' or "
        "'purposes_are_data_uses'"}},
      {"{\"taxonomy\": {\"data_uses\": {}, \"purposes_are_data_uses\": "
       "true}}",
       {"DIR/.purpose-check.json:1:58: error: 'purposes_are_data_uses' and "
        "'data_uses' together; keep one"}},
      {"{\"build_dir\": \"a\", \"build_dir\": \"b\"}",
       {"DIR/.purpose-check.json:1:20: error: duplicate key 'build_dir'"}},
      {"{\"build_dir\": \"a\",\n}",
       {"DIR/.purpose-check.json:2:1: error: malformed JSON: syntax error "
        "while parsing object key - unexpected '}'; expected string "
        "literal"}},
  };
  for (const auto &C : Cases) {
    INFO("config: " << C.Json);
    CHECK(loadErrors(C.Json) == C.Errors);
  }
}

TEST_CASE("a missing config file is an error naming it", "[config]") {
  TempDir D;
  std::string Path = D.file("nope.json");
  CHECK(errorText(loadConfig(Path).takeError()) ==
        Path + ": error: cannot read config file: No such file or directory");
}

TEST_CASE("findConfig finds the nearest config upward", "[config]") {
  TempDir D;
  REQUIRE(!llvm::sys::fs::create_directories(D.file("a/b/c")));
  std::string Outer = D.write(".purpose-check.json", "{}");
  std::string Inner = D.write("a/.purpose-check.json", "{}");
  CHECK(findConfig(D.file("a/b/c")) == Inner);
  CHECK(findConfig(D.file("a/b/c/../..")) == Inner);
  CHECK(findConfig(D.file("a")) == Inner);
  CHECK(findConfig(D.path()) == Outer);
  // A directory of that name is not a config file.
  REQUIRE(
      !llvm::sys::fs::create_directories(D.file("a/b/.purpose-check.json")));
  CHECK(findConfig(D.file("a/b/c")) == Inner);
  REQUIRE(!llvm::sys::fs::remove(Inner));
  CHECK(findConfig(D.file("a/b/c")) == Outer);
}

TEST_CASE("exclude globs follow .gitignore-lite rules", "[config]") {
  struct {
    const char *Glob, *Path;
    bool Excluded;
  } Cases[] = {
      // No '/': at any depth, and a directory covers what it holds.
      {"third_party", "/proj/third_party/zlib/zlib.c", true},
      {"third_party", "/proj/src/third_party/x.h", true},
      {"third_party", "/proj/third_party", true},
      {"third_party", "/proj/third_party_x/a.c", false},
      {"third_party", "/proj/my_third_party/a.c", false},
      {"*.pb.cc", "/proj/gen/account.pb.cc", true},
      {"*.pb.cc", "/proj/account.pb.cc", true},
      {"*.pb.cc", "/proj/account.pb.h", false},
      {"*.pb.cc", "/proj/account.pb.cc.bak", false},
      {"test_?.cc", "/proj/t/test_a.cc", true},
      {"test_?.cc", "/proj/t/test_ab.cc", false},
      // A '/' inside anchors at the config's directory.
      {"src/gen", "/proj/src/gen/a.cc", true},
      {"src/gen", "/proj/lib/src/gen/a.cc", false},
      {"/gen", "/proj/gen/a.cc", true},
      {"/gen", "/proj/src/gen/a.cc", false},
      {"./gen/*.cc", "/proj/gen/a.cc", true},
      {"src/*.cc", "/proj/src/a.cc", true},
      {"src/*.cc", "/proj/src/sub/a.cc", false},
      {"src/**/*.cc", "/proj/src/a.cc", true},
      {"src/**/*.cc", "/proj/src/x/y/a.cc", true},
      {"src/**", "/proj/src/x/y/a.cc", true},
      {"**/gen/*.cc", "/proj/a/b/gen/x.cc", true},
      {"**/gen/*.cc", "/proj/gen/x.cc", true},
      {"src/**.cc", "/proj/src/x/a.cc", true},
      // A trailing '/' matches directories only.
      {"build/", "/proj/out/build/a.cc", true},
      {"build/", "/proj/build", false},
      {"src/gen/", "/proj/src/gen/a.cc", true},
      // Paths are normalised first.
      {"src/gen", "/proj/src/../src/gen/a.cc", true},
      {"src/gen", "/proj/src/./gen/a.cc", true},
      // Outside the directory only unanchored globs apply.
      {"*.pb.cc", "/elsewhere/x.pb.cc", true},
      {"third_party", "/usr/third_party/x.h", true},
      {"src/gen", "/elsewhere/src/gen/a.cc", false},
      {"/proj2", "/proj2/a.cc", false},
      {"a.cc", "/proj2/a.cc", true},
      {"*", "/proj/anything/at/all.cc", true},
  };
  for (const auto &C : Cases) {
    INFO("glob '" << C.Glob << "', path '" << C.Path << "'");
    CHECK(withExcludes({C.Glob}).excludes(C.Path) == C.Excluded);
  }
  CHECK_FALSE(withExcludes({}).excludes("/proj/a.cc"));
  CHECK(withExcludes({"x", "src/*.cc"}).excludes("/proj/src/a.cc"));
  // A relative path is taken relative to the config's directory.
  CHECK(withExcludes({"src/gen"}).excludes("src/gen/a.cc"));
  // Matching stays polynomial on globs built to defeat backtracking.
  std::string Long = "/proj/" + std::string(300, 'a') + "/b";
  CHECK_FALSE(withExcludes({"**a**a**a**a**a**a**c"}).excludes(Long));
  CHECK_FALSE(withExcludes({"*a*a*a*a*a*a*a*c"}).excludes(Long));
}

TEST_CASE("the taxonomy maps a purpose through its nearest mapped parent",
          "[config]") {
  Taxonomy T;
  T.DataUses = {{"advertising", "marketing.advertising"},
                {"security.sms", "essential.service.notifications.sms"}};
  CHECK(T.dataUse("advertising") == "marketing.advertising");
  CHECK(T.dataUse("advertising.partner.lookalike") == "marketing.advertising");
  CHECK(T.dataUse("security.sms") == "essential.service.notifications.sms");
  CHECK(T.dataUse("security.sms.otp") == "essential.service.notifications.sms");
  CHECK_FALSE(T.dataUse("security").has_value());
  CHECK_FALSE(T.dataUse("advertisingx").has_value());
  T.DataUses.clear();
  T.PurposesAreDataUses = true;
  CHECK(T.dataUse("security.sms") == "security.sms");
}
