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
  CHECK(llvm::StringRef(E).starts_with(Entry + ": error: corrupt entry: "));
  CHECK(E.find("cannot read shared input set '" + SetPath + "'") !=
        std::string::npos);
  CHECK(E.find('\n') == std::string::npos);

  std::string Bad = Good;
  replaceOnce(Bad, "/usr/include", "/usr/inclvde");
  writeText(SetPath, Bad);
  E = LoadError();
  CHECK(E.find(SetPath + ": error: corrupt shared input set: checksum "
                         "mismatch at offset 57") != std::string::npos);

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

  CHECK(Error(Set(Payload), "0123456789abcdef") ==
        "inputs.json: error: corrupt shared input set: expected checksum "
        "'0123456789abcdef' (the set's id) at offset 57");
  std::string Relative = "{\"files\":[],\"absent_shadows\":[\"src/a.h\"]}";
  auto R = parseSharedInputs(Set(Relative), "/r", contentDigest(Relative),
                             "inputs.json");
  REQUIRE(errorText(R.takeError()) == "");
  CHECK(R->absentShadows() == std::vector<std::string>{"/r/src/a.h"});
  // Where the payload's second member is due.
  std::string NoShadows = "{\"files\":[{\"path\":\"/a\",\"digest\":\"\"}]}";
  CHECK(Error(Set(NoShadows), contentDigest(NoShadows)) ==
        "inputs.json: error: corrupt shared input set: expected field "
        "\"absent_shadows\" at offset 121");
  std::string Empty = "{\"files\":[],\"absent_shadows\":[]}";
  CHECK(Error(Set(Empty), contentDigest(Empty)) ==
        "inputs.json: error: corrupt shared input set: expected a shared "
        "input set that is not empty at offset 85");
  std::string Rooted = "{\"files\":[{\"path\":\"a.h\",\"digest\":\"\"}],"
                       "\"absent_shadows\":[]}";
  CHECK(Error(Set(Rooted), contentDigest(Rooted)) ==
        "inputs.json: error: corrupt shared input set: expected a path "
        "outside the source root at offset 103");
  std::string Unsorted = "{\"files\":[],\"absent_shadows\":[\"b\",\"a\"]}";
  CHECK(Error(Set(Unsorted), contentDigest(Unsorted)) ==
        "inputs.json: error: corrupt shared input set: expected "
        "absent_shadows in ascending order, each once at offset 119");
  CHECK(Error(serializeSummary(TUSummary(), "/r").Entry, Id) ==
        "inputs.json: error: corrupt shared input set: expected format "
        "\"purpose-check-inputs\" at offset 11");
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

/// richSummary with every short escape in a key.
TUSummary escapingSummary(const std::string &Root) {
  TUSummary S = richSummary(Root);
  for (FunctionSummary &F : S.Functions)
    for (FlowEdge &E : F.Edges)
      if (!E.Dst.Key.empty())
        E.Dst.Key = "dst \"quoted\" \\ / key\n\t\b\f\r\x7f\x01";
  return S;
}

} // namespace

TEST_CASE("the reader reads what the writer writes, and it writes the same "
          "bytes again",
          "[cache]") {
  for (const char *Root : {"/work/proj", ""}) {
    INFO("root '" << Root << "'");
    // richSummary has a control character (written as \u0001) and
    // non-ASCII text; this one every short escape too.
    TUSummary S = escapingSummary(Root);
    SerializedSummary W = serializeSummary(S, Root);
    REQUIRE(W.Entry.find("\\\"quoted\\\"") != std::string::npos);
    REQUIRE(W.Entry.find("\\u0001") != std::string::npos);
    auto Back = parseWritten(W, Root);
    REQUIRE(errorText(Back.takeError()) == "");
    CHECK(dump(*Back) == dump(S));
    SerializedSummary Again = serializeSummary(*Back, Root);
    CHECK(Again.Entry == W.Entry);
    CHECK(Again.SharedText == W.SharedText);
  }
  // An empty summary; and the shared set comes from the resolver.
  SerializedSummary W = serializeSummary(TUSummary(), "/r");
  REQUIRE(parseError(W.Entry) == "<parsed>");
  SerializedSummary WithSet = serializeSummary(escapingSummary("/r"), "/r");
  REQUIRE(!WithSet.SharedId.empty());
  auto Back = parseSummary(WithSet.Entry, "/r", "entry.json", anySet);
  REQUIRE(errorText(Back.takeError()) == "");
  REQUIRE(Back->Inputs.Shared);
  CHECK(Back->Inputs.Shared->Id == WithSet.SharedId);
}

TEST_CASE("an entry in any other spelling is a miss that names the first "
          "difference",
          "[cache]") {
  std::string Entry = serializeSummary(escapingSummary("/r"), "/r").Entry;
  size_t PayloadAt = Entry.find("\"payload\":") + 10;
  std::string Payload = payloadOf(Entry);
  REQUIRE(parseError(Entry) == "<parsed>");
  struct {
    const char *Why, *From, *To, *Error;
    /// Of the difference, from where From was (-1: the separator before
    /// a key, where a member is due).
    int Offset;
  } Cases[] = {
      {"whitespace", "\"main_file\":", "\"main_file\" : ",
       "expected field \"main_file\"", -1},
      {"a \\u escape", "read of 'acme::", "read of '\\u0061cme::",
       "expected an escape as the writer spells it in message", 9},
      {"an escaped '/'", " / key", " \\/ key",
       "expected an escape as the writer spells it in key", 1},
      {"an upper-case \\u escape", "\\u0001", "\\u001F",
       "expected an escape as the writer spells it in key", 0},
      {"a raw control character", "\\u0001", "\x01",
       "expected an escaped control character in key", 0},
      {"a byte that is not UTF-8", "\\u0001", "\xff", "expected UTF-8 in key",
       0},
      {"an overlong UTF-8 sequence", "\\u0001", "\xc0\xaf",
       "expected UTF-8 in key", 0},
      {"members reordered", "\"virtual\":true,\"indirect\":true",
       "\"indirect\":true,\"virtual\":true", "expected field \"virtual\"", -1},
      {"-0", "\"b\":0", "\"b\":-0", "expected a 32-bit integer for b", 4},
      {"a leading zero", "12,6]", "012,6]",
       "expected an unsigned 32-bit integer for pos", 0},
      {"a duplicate declaration", "\"decls\":{\"\":{\"kind\"",
       "\"decls\":{\"\":{},\"\":{\"kind\"", "expected field \"kind\"", 12},
  };
  for (const auto &C : Cases) {
    INFO(C.Why);
    std::string P = Payload;
    size_t At = P.find(C.From);
    REQUIRE(At != std::string::npos);
    P.replace(At, strlen(C.From), C.To);
    CHECK(parseError(entryWithPayload(P)) ==
          "entry.json: error: corrupt entry: " + std::string(C.Error) +
              " at offset " + std::to_string(PayloadAt + At + C.Offset));
  }
  // The envelope.
  std::string Flipped = Entry;
  Flipped[Flipped.find("\"checksum\":\"") + 12] = 'x';
  CHECK(parseError(Flipped) ==
        "entry.json: error: corrupt entry: checksum mismatch at offset 58");
  CHECK(parseError(Entry + "x") ==
        "entry.json: error: corrupt entry: expected '}' and a newline at the "
        "end at offset " +
            std::to_string(Entry.size() - 1));
  // Non-ASCII text is the writer's spelling: it reads, and writes back.
  SerializedSummary W = serializeSummary(escapingSummary("/r"), "/r");
  std::string P = Payload;
  replaceOnce(P, "read of 'acme::", u8"r\u00e9ad of 'acme::");
  W.Entry = entryWithPayload(P);
  auto S = parseWritten(W, "/r");
  REQUIRE(errorText(S.takeError()) == "");
  CHECK(serializeSummary(*S, "/r").Entry == W.Entry);
  // A set the resolver cannot find.
  auto NoSet = [](llvm::StringRef)
      -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
    return llvm::createStringError("no such set");
  };
  auto Unresolved = parseSummary(Entry, "/r", "entry.json", NoSet);
  std::string E = errorText(Unresolved.takeError());
  CHECK(llvm::StringRef(E).starts_with("entry.json: error: corrupt entry: "
                                       "expected shared input set '"));
  CHECK(E.find("no such set") != std::string::npos);
}

TEST_CASE("the reader reads shared input sets as the writer writes them, and "
          "nothing else",
          "[cache]") {
  for (const char *Root : {"/work/proj", ""}) {
    INFO("root '" << Root << "'");
    TUSummary S = escapingSummary(Root);
    SerializedSummary W = serializeSummary(S, Root);
    REQUIRE(!W.SharedId.empty());
    auto Set = parseSharedInputs(W.SharedText, Root, W.SharedId, "set.json");
    REQUIRE(errorText(Set.takeError()) == "");
    CHECK(Set->Id == W.SharedId);
    CHECK(!Set->Files.empty());
    // Only the files outside the root: the entry holds the rest.
    for (const auto &[Path, Digest] : Set->Files)
      CHECK(CachePaths::isVerbatim(CachePaths(Root).toStored(Path)));
    // Written again from what was read: the same bytes.
    TUSummary Again;
    Again.Inputs.Shared = std::make_shared<SharedInputs>(std::move(*Set));
    CHECK(serializeSummary(Again, Root).SharedText == W.SharedText);
  }
  SerializedSummary W = serializeSummary(escapingSummary("/r"), "/r");
  auto Error = [](llvm::StringRef Text, llvm::StringRef Id) {
    auto S = parseSharedInputs(Text, "/r", Id, "set.json");
    return S ? std::string("<parsed>") : errorText(S.takeError());
  };
  CHECK(Error(W.SharedText, W.SharedId) == "<parsed>");
  CHECK(llvm::StringRef(Error(W.SharedText, "0000000000000000"))
            .ends_with("expected checksum '0000000000000000' (the set's id) "
                       "at offset 57"));
  std::string Flipped = W.SharedText;
  Flipped[Flipped.size() / 2 + 10] ^= 1;
  CHECK(Error(Flipped, W.SharedId) == "set.json: error: corrupt shared input "
                                      "set: checksum mismatch at offset 57");
  std::string Spaced = W.SharedText;
  Spaced.replace(Spaced.find("\"files\":"), 8, "\"files\" : ");
  std::string Payload = payloadOf(Spaced);
  std::string Respelled =
      "{\"format\":\"purpose-check-inputs\",\"version\":4,\"checksum\":\"" +
      contentDigest(Payload) + "\",\"payload\":" + Payload + "}\n";
  CHECK(Error(Respelled, contentDigest(Payload)) ==
        "set.json: error: corrupt shared input set: expected field \"files\" "
        "at offset 85");
}
