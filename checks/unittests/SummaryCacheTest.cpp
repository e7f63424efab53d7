//===- SummaryCacheTest.cpp - The on-disk summary cache -------------------===//
#include "SummaryCacheTestUtil.h"
#include "TUAnalyzer.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include <thread>

using namespace purpose;
using namespace purpose::test::cache;
using purpose::test::errorText;
using purpose::test::readFile;
using purpose::test::TempDir;

TEST_CASE("contentDigest is 16 lower-case hex digits of xxh3", "[cache]") {
  CHECK(contentDigest("") == "2d06800538d394c2");
  std::string D = contentDigest("int main() {}\n");
  CHECK(D.size() == 16);
  CHECK(D.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(D != contentDigest("int main() {} \n"));
}

TEST_CASE("a summary survives serialization with every member", "[cache]") {
  TUSummary S = richSummary("/work/proj");
  SerializedSummary W = serializeSummary(S, "/work/proj");
  std::string Text = W.Entry;
  auto Back = parseWritten(W, "/work/proj");
  REQUIRE(errorText(Back.takeError()) == "");
  CHECK(dump(*Back) == dump(S));
  // Deterministic, and a fixed point.
  CHECK(serializeSummary(S, "/work/proj").Entry == Text);
  CHECK(serializeSummary(*Back, "/work/proj").Entry == Text);
  CHECK(serializeSummary(*Back, "/work/proj").SharedText == W.SharedText);
  CHECK(llvm::StringRef(Text).starts_with(
      "{\"format\":\"purpose-check-summary\",\"version\":4,\"checksum\":\""));
  CHECK(llvm::StringRef(Text).ends_with("}\n"));
  // The inputs outside the root are in the shared set, named by its checksum.
  CHECK(W.SharedId.size() == 16);
  CHECK(llvm::StringRef(W.SharedText)
            .starts_with("{\"format\":\"purpose-check-inputs\",\"version\":4,"
                         "\"checksum\":\"" +
                         W.SharedId +
                         "\",\"payload\":{\"files\":[{\"path\":"
                         "\"/usr/include/c++/12/string\""));
  // Every absent shadow is shared, re-rooted like any path.
  CHECK(W.SharedText.find(
            "\"absent_shadows\":[\"/opt/shadow/vector\",\"src/string\"]") !=
        std::string::npos);
  CHECK(Text.find("/usr/include/c++/12/string") == std::string::npos);
  CHECK(Text.find("\"shared\":\"" + W.SharedId + "\"") != std::string::npos);
}

TEST_CASE("an empty summary survives serialization", "[cache]") {
  TUSummary S;
  SerializedSummary W = serializeSummary(S, "/r");
  CHECK(W.SharedId == "");
  CHECK(W.SharedText == "");
  auto Back = parseWritten(W, "/r");
  REQUIRE(errorText(Back.takeError()) == "");
  CHECK(dump(*Back) == dump(S));
  CHECK(Back->Inputs.Shared == nullptr);
}

TEST_CASE("a string that is not UTF-8 makes the entry lossy, and no shape",
          "[cache]") {
  TUSummary S;
  S.MainFile = "/r/a.cc";
  S.Functions.emplace_back();
  S.Functions.back().USR = "c:@F@f#";
  // Valid UTF-8, a genuine U+FFFD among it, and quotes: read back as is.
  S.Functions.back().Name = "caf\xC3\xA9 \xEF\xBF\xBD \"q\"";
  std::vector<SourcePos> Positions;
  CHECK_FALSE(serializeSummary(S, "/r").Lossy);
  CHECK(summaryShape(S, Positions));
  // A lone continuation byte is replaced: the entry reads back otherwise.
  S.Functions.back().Name = "caf\xA9";
  SerializedSummary W = serializeSummary(S, "/r");
  CHECK(W.Lossy);
  auto Back = parseWritten(W, "/r");
  REQUIRE(errorText(Back.takeError()) == "");
  CHECK(Back->Functions.back().Name != S.Functions.back().Name);
  CHECK_FALSE(summaryShape(S, Positions));
}

TEST_CASE("paths under the source root are stored relative and re-rooted",
          "[cache]") {
  TUSummary S = richSummary("/a/root");
  SerializedSummary W = serializeSummary(S, "/a/root");
  std::string Text = W.Entry;
  CHECK(Text.find("/a/root") == std::string::npos);
  CHECK(W.SharedText.find("/a/root") == std::string::npos);
  CHECK(Text.find("\"main_file\":\"src/account.cc\"") != std::string::npos);
  CHECK(W.SharedText.find("\"/usr/include/c++/12/string\"") !=
        std::string::npos);
  CHECK(Text.find("\"<built-in>\"") != std::string::npos);
  CHECK(Text.find("\"policy.json:3:5\":true") != std::string::npos);
  CHECK(Text.find("\"odd:name.json:12:1\":true") != std::string::npos);

  auto Moved = parseWritten(W, "/x/other/");
  REQUIRE(errorText(Moved.takeError()) == "");
  CHECK(dump(*Moved) == dump(richSummary("/x/other")));
  CHECK(Moved->MainFile == "/x/other/src/account.cc");
  REQUIRE(Moved->Inputs.Shared);
  CHECK(Moved->Inputs.Shared->Files[0].first == "/usr/include/c++/12/string");
  CHECK(Moved->Functions[0].Calls[1].Pos.File == "<built-in>");
  // Same bytes from either checkout: caches merge.
  CHECK(serializeSummary(*Moved, "/x/other").Entry == Text);
  CHECK(serializeSummary(*Moved, "/x/other").SharedText == W.SharedText);
}

TEST_CASE("a path is stored relative exactly when it lies under the root",
          "[cache]") {
  struct {
    const char *Root, *Path, *Stored;
  } Cases[] = {
      {"/r", "/r/a.cc", "a.cc"},
      {"/r/", "/r/src/a.cc", "src/a.cc"},
      {"/r/x/..", "/r/a.cc", "a.cc"},
      {"/r", "/r", "."},
      {"/r", "/r2/a.cc", "/r2/a.cc"},
      {"/r", "/other/a.cc", "/other/a.cc"},
      {"/r", "/r//a.cc", "/r//a.cc"},
      {"/r", "/r/a/../b.cc", "/r/a/../b.cc"},
      {"/r", "/r/./b.cc", "/r/./b.cc"},
      {"/r", "/r/a/", "/r/a/"},
      {"/r", "/r/<odd>", "/r/<odd>"},
      {"/r", "", ""},
      {"/r", "<built-in>", "<built-in>"},
      {"/", "/a/b.cc", "a/b.cc"},
      {"", "/r/a.cc", "/r/a.cc"},
  };
  for (const auto &C : Cases) {
    INFO("root '" << C.Root << "', path '" << C.Path << "'");
    TUSummary S;
    S.MainFile = C.Path;
    std::string Text = serializeSummary(S, C.Root).Entry;
    CHECK(Text.find("\"main_file\":\"" + std::string(C.Stored) + "\"") !=
          std::string::npos);
    auto Back = parseSummary(Text, C.Root, "entry.json", anySet);
    REQUIRE(errorText(Back.takeError()) == "");
    CHECK(Back->MainFile == C.Path);
  }
}

TEST_CASE("only relative paths in normal form are joined to the root",
          "[cache]") {
  std::string Entry = serializeSummary(TUSummary(), "/r").Entry;
  // No writer writes "src/./x/../a.cc": normalising it on reading would
  // write back "src/a.cc", and what is read would not write the same bytes.
  for (auto [Stored, Read] :
       {std::pair{"src/x/a.cc", "/root/src/x/a.cc"}, std::pair{".", "/root"},
        std::pair{"src/./x/../a.cc", "src/./x/../a.cc"},
        std::pair{"src//a.cc", "src//a.cc"}, std::pair{"../a.cc", "../a.cc"}}) {
    CAPTURE(Stored);
    std::string Payload = payloadOf(Entry);
    replaceOnce(Payload, "\"main_file\":\"\"",
                "\"main_file\":\"" + std::string(Stored) + "\"");
    std::string Text = entryWithPayload(Payload);
    auto S = parseSummary(Text, "/root", "entry.json", anySet);
    REQUIRE(errorText(S.takeError()) == "");
    CHECK(S->MainFile == Read);
    CHECK(serializeSummary(*S, "/root").Entry == Text);
  }
}

TEST_CASE("a damaged entry is a one-line error naming it, never a crash",
          "[cache]") {
  std::string Good = serializeSummary(richSummary("/r"), "/r").Entry;
  REQUIRE(parseError(Good) == "<parsed>");
  const std::string Corrupt = "entry.json: error: corrupt entry: ";

  SECTION("a changed byte in the payload") {
    std::string Bad = Good;
    replaceOnce(Bad, "acme::Upload", "acme::Uplaod");
    CHECK(parseError(Bad) == Corrupt + "checksum mismatch at offset 58");
  }
  SECTION("a changed checksum") {
    std::string Bad = Good;
    Bad[60] = Bad[60] == '0' ? '1' : '0';
    CHECK(parseError(Bad) == Corrupt + "checksum mismatch at offset 58");
  }
  SECTION("another version") {
    std::string Payload = payloadOf(Good);
    CHECK(parseError(entryWithPayload(Payload, 3)) ==
          Corrupt + "expected version 4, found 3 at offset 44");
    CHECK(parseError(entryWithPayload(Payload, 5)) ==
          Corrupt + "expected version 4, found 5 at offset 44");
    CHECK(parseError(entryWithPayload(Payload, 4)) == "<parsed>");
  }
  SECTION("not an entry") {
    const std::string Head =
        "expected '{\"format\":\"purpose-check-summary\",\"version\":' ";
    CHECK(parseError("") == Corrupt + Head + "at offset 0");
    CHECK(parseError("[]") == Corrupt + Head + "at offset 0");
    CHECK(parseError("{\"format\":\"sarif\"}") ==
          Corrupt + "expected format \"purpose-check-summary\" at offset 11");
    const std::string Checksum = "expected ',\"checksum\":\"' and 16 hex "
                                 "digits and '\",\"payload\":' at offset 45";
    CHECK(parseError("{\"format\":\"purpose-check-summary\",\"version\":4}") ==
          Corrupt + Checksum);
    CHECK(parseError("{\"format\":\"purpose-check-summary\",\"version\":4,"
                     "\"payload\":{},\"checksum\":\"x\"}") ==
          Corrupt + Checksum);
    // Valid JSON, but not as the writer spells it.
    CHECK(parseError(Good.substr(0, Good.size() - 1) + " \n") ==
          Corrupt + "expected '}' and a newline at the end at offset " +
              std::to_string(Good.size() - 1));
  }
  SECTION("truncated at every 7th byte") {
    for (size_t N = 0; N < Good.size() - 1; N += 7) {
      INFO("truncated to " << N << " bytes");
      std::string E = parseError(Good.substr(0, N));
      CHECK(llvm::StringRef(E).starts_with(Corrupt));
      CHECK(E.find(" at offset ") != std::string::npos);
      CHECK(E.find('\n') == std::string::npos);
    }
  }
}

TEST_CASE("every member of the payload is checked, and the first "
          "difference named",
          "[cache]") {
  std::string Payload =
      payloadOf(serializeSummary(richSummary("/r"), "/r").Entry);
  struct {
    const char *From, *To, *Error;
  } Cases[] = {
      {"\"main_file\":\"src/account.cc\"", "\"main_file\":7",
       "expected a string for main_file"},
      {"\"command_hash\":\"0123456789abcdef\",", "",
       "expected field \"command_hash\""},
      {",\"shared\":\"", ",\"shared\":7,\"x\":\"",
       "expected a string for shared"},
      {"\"annotation_findings\":[", "\"stray\":1,\"annotation_findings\":[",
       "expected field \"annotation_findings\""},
      {"\"is_method\":true", "\"is_method\":1",
       "expected a boolean for is_method"},
      {"\"num_params\":2", "\"num_params\":-2",
       "expected an unsigned 32-bit integer for num_params"},
      {"\"num_args\":3", "\"num_args\":4294967296",
       "expected an unsigned 32-bit integer for num_args"},
      {"\"ordinal\":7", "\"ordinal\":7.0",
       "expected an unsigned 32-bit integer for ordinal"},
      {"\"a\":2147483647", "\"a\":2147483648",
       "expected a 32-bit integer for a"},
      {"\"b\":-2147483648", "\"b\":-2147483649",
       "expected a 32-bit integer for b"},
      {"\"kind\":\"call_ret\"", "\"kind\":\"call_return\"",
       "expected a known kind"},
      {"\"kind\":\"field\"", "\"kind\":\"fields\"", "expected a known kind"},
      {"\"out_args\":[true,false,true]", "\"out_args\":[true,0,true]",
       "expected a boolean for out_args"},
      {"[\"src/account.cc\",12,6]", "[\"src/account.cc\",12]",
       "expected ',' in pos"},
      {"[\"src/account.cc\",12,6]", "[\"src/account.cc\",12,null]",
       "expected an unsigned 32-bit integer for pos"},
      {"\"param_names\":[\"phone\",\"\"]", "\"param_names\":[\"phone\",null]",
       "expected a string for param_names"},
      {"\"param_uses\":[[-1,", "\"param_uses\":[[1,",
       "expected the parameters of param_uses in ascending order, each once"},
      {"\"param_uses\":[[-1,\"advertising.object\"]", "\"param_uses\":[[-1]",
       "expected ',' in param_uses"},
      {"\"declassify\":\"keeps only the last two digits\"",
       "\"declassify\":false", "expected a string for declassify"},
      {"\"indirect\":true", "\"indirect\":null",
       "expected a boolean for indirect"},
      {"\"policy_param_fits\":{", "\"policy_param_fits\":{\"k\":0,",
       "expected a boolean for policy_param_fits"},
      {"\"kind\":\"func_ref\"", "\"kind\":\"funcref\"",
       "expected a known kind"},
      {"\"from_policy\":true", "\"from_policy\":\"yes\"",
       "expected a boolean for from_policy"},
      {"\"types\":{", "\"types\":{\"x\":[],", "expected field \"name\""},
      {"\"decls\":{\"\":{", "\"decls\":{\"\":[],\"y\":{",
       "expected field \"kind\""},
      {"\"types\":{", "\"types\":[],\"t\":{", "expected '{' in types"},
      {"\"message\":\"\"}]}", "\"message\":\"\",\"line\":1}]}",
       "expected '}' after field \"message\""},
      {"\"src\":{\"kind\":\"call_ret\",\"a\":1,",
       "\"src\":{\"kind\":\"call_ret\",\"a\":2,",
       "to name a call site of function 'acme::Upload'"},
      {"\"dst\":{\"kind\":\"call_arg\",\"a\":1,",
       "\"dst\":{\"kind\":\"call_arg\",\"a\":-1,",
       "to name a call site of function 'acme::Upload'"},
      {"\"dst\":{\"kind\":\"store_via_call\",\"a\":1,",
       "\"dst\":{\"kind\":\"store_via_call\",\"a\":2,",
       "to name a call site of function 'acme::Upload'"},
      {"\"returns_ref_to\":[{\"kind\":\"field_store\"",
       "\"returns_ref_to\":[{\"kind\":\"fieldstore\"", "expected a known kind"},
      {"\"returns_ref_to\":[{", "\"returns_ref_to\":[7,{",
       "expected field \"kind\""},
      {"\"policy_param_fits\":{\"/etc/p.json:9:1\":false,",
       "\"policy_param_fits\":{\"zz\":false,\"/etc/p.json:9:1\":false,",
       "expected the keys of policy_param_fits in ascending order, each "
       "once"},
      {"\"types\":{\"c:@N@acme@S@Account\"",
       "\"types\":{\"zz\":{\"name\":\"\",\"fields\":[],\"nested\":[]},"
       "\"c:@N@acme@S@Account\"",
       "expected the keys of types in ascending order, each once"},
      {"\"path\":\"src/account.cc\"", "\"path\":\"/src/account.cc\"",
       "expected a path under the source root"},
  };
  for (const auto &C : Cases) {
    INFO("replacing " << C.From << " by " << C.To);
    std::string Bad = Payload;
    replaceOnce(Bad, C.From, C.To);
    std::string E = parseError(entryWithPayload(Bad));
    CHECK(llvm::StringRef(E).starts_with("entry.json: error: corrupt entry: "));
    CHECK(E.find(std::string(C.Error) + " at offset ") != std::string::npos);
    CHECK(E.find('\n') == std::string::npos);
  }
}

TEST_CASE("the offset named is where the entry first differs", "[cache]") {
  std::string Entry = serializeSummary(richSummary("/r"), "/r").Entry;
  size_t PayloadAt = Entry.find("\"payload\":") + 10;
  std::string Payload = payloadOf(Entry);
  // The calls of the second function swapped with its edges' key.
  size_t Calls = Payload.find(",\"calls\":", Payload.find("acme::Upload"));
  REQUIRE(Calls != std::string::npos);
  std::string Bad = Payload;
  Bad.replace(Calls, 9, ",\"callz\":");
  CHECK(parseError(entryWithPayload(Bad)) ==
        "entry.json: error: corrupt entry: expected field \"calls\" at "
        "offset " +
            std::to_string(PayloadAt + Calls));
}

TEST_CASE("store writes an entry that load reads back", "[cache]") {
  TempDir D;
  std::string Root = D.file("src");
  SummaryCache Cache(D.file("cache"), Root);
  TUSummary S = richSummary(Root);

  auto None = Cache.load(S.MainFile);
  REQUIRE(errorText(None.takeError()) == "");
  CHECK_FALSE(None->has_value());

  REQUIRE(errorText(Cache.store(S)) == "");
  std::string Entry = Cache.entryPath(S.MainFile);
  CHECK(llvm::StringRef(Entry).starts_with(D.file(versionDir() + "/")));
  CHECK(Entry ==
        D.file(versionDir() + "/" + contentDigest("src/account.cc") + ".json"));
  SerializedSummary W = serializeSummary(S, Root);
  CHECK(readFile(Entry) == W.Entry);
  CHECK(Cache.sharedInputsPath(W.SharedId) ==
        D.file(versionDir() + "/inputs-" + W.SharedId + ".json"));
  CHECK(readFile(Cache.sharedInputsPath(W.SharedId)) == W.SharedText);

  auto Back = Cache.load(S.MainFile);
  REQUIRE(errorText(Back.takeError()) == "");
  REQUIRE(Back->has_value());
  CHECK(dump(**Back) == dump(S));

  // A second store replaces the entry and leaves no temporary file.
  S.Inputs.CommandHash = "changed";
  REQUIRE(errorText(Cache.store(S)) == "");
  auto Again = Cache.load(S.MainFile);
  REQUIRE(errorText(Again.takeError()) == "");
  CHECK((*Again)->Inputs.CommandHash == "changed");
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(D.file(versionDir()), EC), End;
       It != End && !EC; It.increment(EC))
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  llvm::sort(Names);
  CHECK(Names ==
        std::vector<std::string>{contentDigest("src/account.cc") + ".json",
                                 "inputs-" + W.SharedId + ".json"});
}

TEST_CASE("load reports a damaged or misplaced entry", "[cache]") {
  TempDir D;
  SummaryCache Cache(D.file("cache"), "/r");
  TUSummary A, B;
  A.MainFile = "/r/a.cc";
  B.MainFile = "/r/b.cc";
  REQUIRE(errorText(Cache.store(A)) == "");
  std::string PathA = Cache.entryPath(A.MainFile);

  writeText(PathA, "{\"format\":");
  auto Damaged = Cache.load(A.MainFile);
  std::string E = errorText(Damaged.takeError());
  CHECK(llvm::StringRef(E).starts_with(PathA + ": error: corrupt entry: "));
  CHECK(E.find('\n') == std::string::npos);

  writeText(PathA, serializeSummary(B, "/r").Entry);
  auto Misplaced = Cache.load(A.MainFile);
  CHECK(errorText(Misplaced.takeError()) ==
        PathA + ": error: cache entry holds the summary of '/r/b.cc', which "
                "belongs elsewhere");
}

TEST_CASE("store creates the cache directory and names the path on failure",
          "[cache]") {
  TempDir D;
  std::string Blocker = D.write("file", "not a directory");
  SummaryCache Cache(Blocker + "/cache", "/r");
  TUSummary S;
  S.MainFile = "/r/a.cc";
  std::string E = errorText(Cache.store(S));
  CHECK(llvm::StringRef(E).starts_with("cannot write '" +
                                       Cache.entryPath(S.MainFile) + "': "));
}

TEST_CASE("loadAll sorts by main file and skips damaged entries", "[cache]") {
  TempDir D;
  SummaryCache Cache(D.file("cache"), "/r");
  for (const char *Main : {"/r/z.cc", "/r/a.cc", "/elsewhere/m.cc"}) {
    TUSummary S;
    S.MainFile = Main;
    REQUIRE(errorText(Cache.store(S)) == "");
  }
  std::string Broken = Cache.entryPath("/r/broken.cc");
  writeText(Broken,
            "{\"format\":\"purpose-check-summary\",\"version\":4,\"che");
  writeText(D.file(versionDir() + "/.x.json.tmp-12345678"), "partial");
  writeText(D.file(versionDir() + "/README"), "not an entry");
  writeText(D.file(versionDir() + "/inputs-0123456789abcdef.json"), "{}");

  std::vector<std::string> Damaged;
  std::vector<TUSummary> All = Cache.loadAll(Damaged);
  std::vector<std::string> Mains;
  for (const TUSummary &S : All)
    Mains.push_back(S.MainFile);
  CHECK(Mains ==
        std::vector<std::string>{"/elsewhere/m.cc", "/r/a.cc", "/r/z.cc"});
  REQUIRE(Damaged.size() == 1);
  CHECK(llvm::StringRef(Damaged[0])
            .starts_with(Broken + ": error: corrupt entry: "));

  std::vector<std::string> NoneDamaged;
  CHECK(SummaryCache(D.file("no-cache"), "/r").loadAll(NoneDamaged).empty());
  CHECK(NoneDamaged.empty());
}

TEST_CASE("concurrent stores of one entry leave a whole entry",
          "[cache][threads]") {
  TempDir D;
  SummaryCache Cache(D.file("cache"), "/r");
  std::vector<TUSummary> Versions;
  for (int I = 0; I < 8; ++I) {
    TUSummary S = richSummary("/r");
    S.Inputs.CommandHash = "writer " + std::to_string(I);
    Versions.push_back(S);
  }
  std::vector<std::thread> Writers;
  std::vector<std::string> Errors(Versions.size());
  for (size_t I = 0; I < Versions.size(); ++I)
    Writers.emplace_back([&, I] {
      for (int K = 0; K < 10 && Errors[I].empty(); ++K)
        Errors[I] = errorText(Cache.store(Versions[I]));
    });
  for (std::thread &T : Writers)
    T.join();
  for (const std::string &E : Errors)
    CHECK(E == "");
  auto Back = Cache.load(Versions[0].MainFile);
  REQUIRE(errorText(Back.takeError()) == "");
  REQUIRE(Back->has_value());
  CHECK(llvm::StringRef((*Back)->Inputs.CommandHash).starts_with("writer "));
  std::vector<std::string> Damaged;
  CHECK(Cache.loadAll(Damaged).size() == 1);
  CHECK(Damaged.empty());
}

TEST_CASE("inputsUpToDate notices changed, removed and shadowing files",
          "[cache]") {
  TempDir D;
  std::string Main = D.write("main.cc", "#include \"a.h\"\n");
  std::string Header = D.write("a.h", "int x;\n");
  TUInputs In;
  In.Files = {{Main, contentDigest("#include \"a.h\"\n")},
              {Header, contentDigest("int x;\n")}};
  In.AbsentShadows = {D.file("shadow/a.h")};
  std::string Why;
  CHECK(inputsUpToDate(In, Why));
  CHECK(Why == "");

  writeText(Header, "int y;\n");
  CHECK_FALSE(inputsUpToDate(In, Why));
  CHECK(Why == "'" + Header + "' changed");
  writeText(Header, "int x;\n");
  CHECK(inputsUpToDate(In, Why));

  REQUIRE(!llvm::sys::fs::create_directory(D.file("shadow")));
  writeText(D.file("shadow/a.h"), "int z;\n");
  CHECK_FALSE(inputsUpToDate(In, Why));
  CHECK(Why == "'" + D.file("shadow/a.h") + "' now shadows an included header");
  REQUIRE(!llvm::sys::fs::remove(D.file("shadow/a.h")));
  CHECK(inputsUpToDate(In, Why));

  REQUIRE(!llvm::sys::fs::remove(Main));
  CHECK_FALSE(inputsUpToDate(In, Why));
  CHECK(llvm::StringRef(Why).starts_with("'" + Main + "' cannot be read: "));
}
