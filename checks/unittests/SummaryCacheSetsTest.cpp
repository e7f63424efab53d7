//===- SummaryCacheSetsTest.cpp - Real TUs, shared sets, readers ---------===//
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

TEST_CASE("the summary of a real translation unit round-trips", "[cache]") {
  const char *Code = R"cpp(
#define PURPOSE_LIMITED(p) __attribute__((annotate("purpose_limited:" p)))
#define PURPOSE_USE(u) __attribute__((annotate("purpose_use:" u)))
#define PURPOSE_DECLASSIFY(r) __attribute__((annotate("purpose_declassify:" r)))
namespace acme {
struct Address { int zip; };
struct Account {
  PURPOSE_LIMITED("security") long phone;
  Address addr;
  virtual long get() const { return phone; }
};
struct Derived : Account { long get() const override { return phone + 1; } };
PURPOSE_USE("advertising") void upload(long id);
void match(int campaign, PURPOSE_USE("advertising.partner") long id);
PURPOSE_DECLASSIFY("masks") long mask(long v) { return v % 100; }
PURPOSE_LIMITED("malformed Purpose") int bad;
int g;
void send(const Account &a, long *out) {
  long p = a.get();
  *out = p;
  g = (int)p;
  upload(p);
  match(1, mask(p));
}
}
)cpp";
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"},
                                               "/proj/src/acme.cc");
  REQUIRE(AST);
  TUSummary S;
  S.MainFile = "/proj/src/acme.cc";
  std::vector<RunError> Errors;
  analyzeTranslationUnit(AST->getASTContext(), Policy(), S, Errors);
  REQUIRE(S.Functions.size() >= 4);
  REQUIRE(!S.Decls.empty());

  SerializedSummary W = serializeSummary(S, "/proj");
  auto Back = parseWritten(W, "/proj");
  REQUIRE(errorText(Back.takeError()) == "");
  CHECK(dump(*Back) == dump(S));
  CHECK(serializeSummary(*Back, "/proj").Entry == W.Entry);
  // A real entry is plain ASCII: it takes the fast path.
  CHECK(readCanonicalSummary(W.Entry, "/proj", anySet));
}

TEST_CASE("TUs that read the same outside headers share one input set",
          "[cache]") {
  TempDir D;
  std::string Root = D.file("src");
  SummaryCache Cache(D.file("cache"), Root);
  TUSummary A = richSummary(Root), B = richSummary(Root);
  B.MainFile = Root + "/src/other.cc";
  B.Inputs.Files[0] = {B.MainFile, "00000000000000dd"};
  REQUIRE(errorText(Cache.store(A)) == "");
  REQUIRE(errorText(Cache.store(B)) == "");
  std::string Id = serializeSummary(A, Root).SharedId;
  CHECK(serializeSummary(B, Root).SharedId == Id);

  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(D.file(versionDir()), EC), End;
       It != End && !EC; It.increment(EC))
    Names.push_back(llvm::sys::path::filename(It->path()).str());
  CHECK(Names.size() == 3); // Two entries, one set.

  // One object for both, read once.
  auto BackA = Cache.load(A.MainFile);
  auto BackB = Cache.load(B.MainFile);
  REQUIRE(errorText(BackA.takeError()) == "");
  REQUIRE(errorText(BackB.takeError()) == "");
  REQUIRE((*BackA)->Inputs.Shared);
  CHECK((*BackA)->Inputs.Shared == (*BackB)->Inputs.Shared);
  CHECK((*BackA)->Inputs.Shared->Id == Id);
  CHECK(dump(**BackB) == dump(B));
}

TEST_CASE("an entry whose shared input set is missing or damaged is an error",
          "[cache]") {
  TempDir D;
  TUSummary S = richSummary("/r");
  std::string Id = serializeSummary(S, "/r").SharedId;
  std::string SetPath;
  {
    SummaryCache Cache(D.file("cache"), "/r");
    REQUIRE(errorText(Cache.store(S)) == "");
    SetPath = Cache.sharedInputsPath(Id);
  }
  std::string Good = readFile(SetPath);
  auto LoadError = [&] {
    // A new object: the set is read afresh.
    SummaryCache Cache(D.file("cache"), "/r");
    auto L = Cache.load(S.MainFile);
    return errorText(L.takeError());
  };
  REQUIRE(LoadError() == "");

  std::string Entry = SummaryCache(D.file("cache"), "/r").entryPath(S.MainFile);
  REQUIRE(!llvm::sys::fs::remove(SetPath));
  std::string E = LoadError();
  CHECK(llvm::StringRef(E).starts_with(Entry + ":1:"));
  CHECK(E.find("cannot read shared input set '" + SetPath + "'") !=
        std::string::npos);

  std::string Bad = Good;
  replaceOnce(Bad, "/usr/include", "/usr/inclvde");
  writeText(SetPath, Bad);
  E = LoadError();
  CHECK(E.find(SetPath + ":1:") != std::string::npos);
  CHECK(E.find("checksum mismatch: the shared input set is damaged") !=
        std::string::npos);

  // Storing again repairs it.
  REQUIRE(errorText(SummaryCache(D.file("cache"), "/r").store(S)) == "");
  CHECK(readFile(SetPath) == Good);
  CHECK(LoadError() == "");
}

TEST_CASE("a shared input set is validated", "[cache]") {
  auto Set = [](llvm::StringRef Payload) {
    return "{\"format\":\"purpose-check-inputs\",\"version\":4,"
           "\"checksum\":\"" +
           contentDigest(Payload) + "\",\"payload\":" + Payload.str() + "}\n";
  };
  auto Error = [](llvm::StringRef Text, llvm::StringRef Id) {
    auto S = parseSharedInputs(Text, "/r", Id, "inputs.json");
    return S ? std::string("<parsed>") : errorText(S.takeError());
  };
  std::string Payload =
      "{\"files\":[{\"path\":\"/usr/a.h\",\"digest\":\"00\"}],"
      "\"absent_shadows\":[\"<odd>\"]}";
  std::string Id = contentDigest(Payload);
  CHECK(Error(Set(Payload), Id) == "<parsed>");
  auto S = parseSharedInputs(Set(Payload), "/r", Id, "inputs.json");
  REQUIRE(errorText(S.takeError()) == "");
  CHECK(S->Id == Id);
  CHECK(S->Files.size() == 1);
  CHECK(S->absentShadows() == std::vector<std::string>{"<odd>"});

  CHECK(llvm::StringRef(Error(Set(Payload), "0123456789abcdef"))
            .ends_with("error: the shared input set's checksum is not its id "
                       "'0123456789abcdef'"));
  std::string Relative = "{\"files\":[],\"absent_shadows\":[\"src/a.h\"]}";
  auto R = parseSharedInputs(Set(Relative), "/r", contentDigest(Relative),
                             "inputs.json");
  REQUIRE(errorText(R.takeError()) == "");
  CHECK(R->absentShadows() == std::vector<std::string>{"/r/src/a.h"});
  std::string NoShadows = "{\"files\":[]}";
  CHECK(llvm::StringRef(Error(Set(NoShadows), contentDigest(NoShadows)))
            .ends_with("error: missing key 'absent_shadows' in 'payload'"));
  CHECK(llvm::StringRef(Error(serializeSummary(TUSummary(), "/r").Entry, Id))
            .ends_with("error: not a purpose-check shared input set"));
}

TEST_CASE("inputsUpToDate checks the shared input set too", "[cache]") {
  TempDir D;
  std::string Header = D.write("sys.h", "int x;\n");
  auto Shared = std::make_shared<SharedInputs>();
  Shared->Id = "0123456789abcdef";
  Shared->Files = {{Header, contentDigest("int x;\n")}};
  Shared->setAbsentShadows({D.file("shadow.h")});
  TUInputs In;
  In.Shared = Shared;
  std::string Why;
  CHECK(inputsUpToDate(In, Why));
  writeText(Header, "int y;\n");
  CHECK_FALSE(inputsUpToDate(In, Why));
  CHECK(Why == "'" + Header + "' changed");
  writeText(Header, "int x;\n");
  writeText(D.file("shadow.h"), "");
  CHECK_FALSE(inputsUpToDate(In, Why));
  CHECK(Why == "'" + D.file("shadow.h") + "' now shadows an included header");
}

namespace {

/// richSummary without what the canonical reader leaves to the validating
/// one (a control character, written as \u0001, and non-ASCII text), but
/// with every short escape.
TUSummary plainSummary(const std::string &Root) {
  TUSummary S = richSummary(Root);
  for (FunctionSummary &F : S.Functions)
    for (FlowEdge &E : F.Edges) {
      if (!E.Dst.Key.empty())
        E.Dst.Key = "dst \"quoted\" \\ / key\n\t\b\f\r";
      for (TraceStep &St : E.Steps)
        St.Message = "passed to 'f'";
    }
  return S;
}

std::optional<TUSummary> readFast(llvm::StringRef Entry, llvm::StringRef Root) {
  return readCanonicalSummary(Entry, Root, anySet);
}

} // namespace

TEST_CASE("the canonical reader reads what the writer writes, as the "
          "validating reader does",
          "[cache]") {
  for (const char *Root : {"/work/proj", ""}) {
    INFO("root '" << Root << "'");
    TUSummary S = plainSummary(Root);
    SerializedSummary W = serializeSummary(S, Root);
    REQUIRE(W.Entry.find("\\\"quoted\\\"") != std::string::npos);
    std::optional<TUSummary> Fast = readFast(W.Entry, Root);
    REQUIRE(Fast);
    auto Slow = parseSummaryValidating(W.Entry, Root, "entry.json", anySet);
    REQUIRE(errorText(Slow.takeError()) == "");
    CHECK(dump(*Fast) == dump(*Slow));
    CHECK(serializeSummary(*Fast, Root).Entry ==
          serializeSummary(*Slow, Root).Entry);
  }
  // An empty summary; and the shared set comes from the resolver.
  SerializedSummary W = serializeSummary(TUSummary(), "/r");
  REQUIRE(readFast(W.Entry, "/r"));
  SerializedSummary WithSet = serializeSummary(plainSummary("/r"), "/r");
  REQUIRE(!WithSet.SharedId.empty());
  std::optional<TUSummary> Fast = readFast(WithSet.Entry, "/r");
  REQUIRE(Fast);
  REQUIRE(Fast->Inputs.Shared);
  CHECK(Fast->Inputs.Shared->Id == WithSet.SharedId);
}

TEST_CASE("the canonical reader leaves every other spelling to the "
          "validating reader",
          "[cache]") {
  std::string Entry = serializeSummary(plainSummary("/r"), "/r").Entry;
  std::string Payload = payloadOf(Entry);
  REQUIRE(readFast(Entry, "/r"));
  auto Respelled = [&](llvm::StringRef From, llvm::StringRef To) {
    std::string P = Payload;
    replaceOnce(P, From, To);
    return entryWithPayload(P);
  };
  struct {
    const char *Why;
    std::string Entry;
    bool Valid; ///< What the validating reader then says.
  } Cases[] = {
      {"whitespace", Respelled("\"main_file\":", "\"main_file\" : "), true},
      {"a \\u escape", Respelled("passed to 'f'", "passed to '\\u0066'"), true},
      {"non-ASCII text", Respelled("passed to 'f'", u8"pass\u00e9"), true},
      {"members reordered",
       Respelled("\"virtual\":true,\"indirect\":true",
                 "\"indirect\":true,\"virtual\":true"),
       true},
      {"-0", Respelled("\"b\":0", "\"b\":-0"), true},
      {"a leading zero", Respelled("12,6]", "012,6]"), false},
      {"a wrong checksum",
       std::string(Entry).replace(Entry.find("\"checksum\":\"") + 12, 1, "x"),
       false},
      {"a duplicate declaration",
       Respelled("\"decls\":{\"\":{\"kind\"",
                 "\"decls\":{\"\":{},\"\":{\"kind\""),
       false},
      {"trailing text", Entry + "x", false},
  };
  for (const auto &C : Cases) {
    INFO(C.Why << ": " << C.Entry);
    CHECK_FALSE(readFast(C.Entry, "/r"));
    CHECK((parseError(C.Entry) == "<parsed>") == C.Valid);
  }
  // A set the resolver cannot find: the validating reader names it.
  std::string Named = serializeSummary(plainSummary("/r"), "/r").Entry;
  auto NoSet = [](llvm::StringRef)
      -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
    return llvm::createStringError("no such set");
  };
  CHECK_FALSE(readCanonicalSummary(Named, "/r", NoSet));
  auto S = parseSummary(Named, "/r", "entry.json", NoSet);
  CHECK(errorText(S.takeError()).find("no such set") != std::string::npos);
}

TEST_CASE("the canonical reader reads shared input sets as the validating "
          "reader does, and leaves it every other spelling",
          "[cache]") {
  for (const char *Root : {"/work/proj", ""}) {
    INFO("root '" << Root << "'");
    SerializedSummary W = serializeSummary(plainSummary(Root), Root);
    REQUIRE(!W.SharedId.empty());
    std::optional<SharedInputs> Fast =
        readCanonicalSharedInputs(W.SharedText, Root, W.SharedId);
    REQUIRE(Fast);
    auto Slow = parseSharedInputs(W.SharedText, Root, W.SharedId, "set.json");
    REQUIRE(errorText(Slow.takeError()) == "");
    CHECK(Fast->Id == W.SharedId);
    CHECK(Fast->Files == Slow->Files);
    CHECK(Fast->absentShadows() == Slow->absentShadows());
    CHECK(!Fast->Files.empty());
  }
  SerializedSummary W = serializeSummary(plainSummary("/r"), "/r");
  // Another id, a flipped byte, another spelling: not the fast reader's.
  CHECK_FALSE(
      readCanonicalSharedInputs(W.SharedText, "/r", "0000000000000000"));
  std::string Flipped = W.SharedText;
  Flipped[Flipped.size() / 2 + 10] ^= 1;
  CHECK_FALSE(readCanonicalSharedInputs(Flipped, "/r", W.SharedId));
  std::string Spaced = W.SharedText;
  Spaced.replace(Spaced.find("\"files\":"), 8, "\"files\" : ");
  CHECK_FALSE(readCanonicalSharedInputs(Spaced, "/r", W.SharedId));
}
