//===- SummaryCacheTest.cpp - The on-disk summary cache -------------------===//
#include "SummaryCache.h"
#include "LLVMCompat.h"
#include "SummaryFormat.h"
#include "TUAnalyzer.h"
#include "TestUtil.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <thread>

using namespace purpose;
using purpose::test::errorText;
using purpose::test::readFile;
using purpose::test::TempDir;

namespace {

/// Where a test's cache keeps its entries, relative to the test's
/// directory: cache/v4, with the suffix of a build against another LLVM
/// than 19 (LLVMCompat.h, CacheDirSuffix).
std::string versionDir() {
  return "cache/v4" + std::string(compat::CacheDirSuffix);
}

//===-- Every member of a TUSummary, as text ----------------------------===//
//
// Written independently of the serializer, so that a member the serializer
// forgets shows up as a difference, and a failure shows which one.

// Each struct is taken apart with a structured binding, so that a member
// added to it breaks this test's build until the dumper covers it.
struct Dumper {
  llvm::raw_string_ostream OS;
  explicit Dumper(std::string &S) : OS(S) {}

  void pos(const SourcePos &P) {
    const auto &[File, Line, Column] = P;
    OS << "[" << File << "|" << Line << "|" << Column << "]";
  }
  void strings(const char *Name, const std::vector<std::string> &V) {
    OS << " " << Name << "={";
    for (const std::string &S : V)
      OS << "'" << S << "'";
    OS << "}";
  }
  template <typename LabelOrOutput> void labelLike(const LabelOrOutput &L) {
    const auto &[Kind, A, B, Key] = L;
    OS << int(Kind) << "/" << A << "/" << B << "/'" << Key << "'";
  }
  void call(const CallSite &C) {
    const auto &[CalleeUSR, CalleeName, Pos, Virtual, Indirect, HasObject,
                 ObjectMutable, ReturnsTruth, NumArgs, OutArg, Ordinal] = C;
    OS << "  call usr='" << CalleeUSR << "' name='" << CalleeName << "' pos=";
    pos(Pos);
    OS << " virtual=" << Virtual << " indirect=" << Indirect
       << " object=" << HasObject << " mutable=" << ObjectMutable
       << " truth=" << ReturnsTruth << " args=" << NumArgs << " out={";
    for (bool B : OutArg)
      OS << B;
    OS << "} ordinal=" << Ordinal << "\n";
  }
  void edge(const FlowEdge &E) {
    const auto &[Src, Dst, Steps] = E;
    OS << "  edge src=";
    labelLike(Src);
    OS << " dst=";
    labelLike(Dst);
    OS << "\n";
    for (const TraceStep &S : Steps) {
      const auto &[Pos, Message] = S;
      OS << "    step ";
      pos(Pos);
      OS << " '" << Message << "'\n";
    }
  }
  void function(const FunctionSummary &F) {
    const auto &[USR, Name, Pos, NumParams, IsMethod, ParamNames, Overrides,
                 Calls, Edges, FieldsRead, ReturnsRefTo] = F;
    OS << "function usr='" << USR << "' name='" << Name << "' pos=";
    pos(Pos);
    OS << " params=" << NumParams << " method=" << IsMethod;
    strings("param_names", ParamNames);
    strings("overrides", Overrides);
    strings("fields_read", FieldsRead);
    OS << " returns_ref_to={";
    for (const Output &O : ReturnsRefTo) {
      labelLike(O);
      OS << ",";
    }
    OS << "}\n";
    for (const CallSite &C : Calls)
      call(C);
    for (const FlowEdge &E : Edges)
      edge(E);
  }
  void decl(const std::string &USR, const DeclInfo &D) {
    const auto &[Kind, Name, Pos, Limited, Use, ParamUses, OutParamSources,
                 Declassify, FromPolicy, Category] = D;
    OS << "decl '" << USR << "' kind=" << int(Kind) << " name='" << Name
       << "' pos=";
    pos(Pos);
    strings("limited", Limited);
    OS << " use='" << Use << "' param_uses={";
    for (const auto &[I, U] : ParamUses)
      OS << I << ":'" << U << "'";
    OS << "} out_param_sources={";
    for (int I : OutParamSources)
      OS << I << ",";
    OS << "} declassify="
       << (Declassify ? "'" + *Declassify + "'" : std::string("none"))
       << " from_policy=" << FromPolicy << " category='" << Category << "'\n";
  }
  void summary(const TUSummary &S) {
    const auto &[MainFile, Inputs, Functions, Decls, Types, PolicyParamFits,
                 AnnotationFindings] = S;
    const auto &[CommandHash, Files, AbsentShadows, Shared] = Inputs;
    OS << "main_file=" << MainFile << "\ncommand_hash=" << CommandHash << "\n";
    // The inputs as a set: a summary read from the cache holds in Shared what
    // a fresh one holds in Files and AbsentShadows.
    std::map<std::string, std::string> AllFiles(Files.begin(), Files.end());
    std::set<std::string> AllShadows(AbsentShadows.begin(),
                                     AbsentShadows.end());
    if (Shared) {
      AllFiles.insert(Shared->Files.begin(), Shared->Files.end());
      AllShadows.insert(Shared->absentShadows().begin(),
                        Shared->absentShadows().end());
    }
    for (const auto &[Path, Digest] : AllFiles)
      OS << "input " << Path << " " << Digest << "\n";
    for (const std::string &P : AllShadows)
      OS << "shadow " << P << "\n";
    for (const FunctionSummary &F : Functions)
      function(F);
    for (const auto &[USR, D] : Decls)
      decl(USR, D);
    for (const auto &[USR, T] : Types) {
      const auto &[Name, Fields, Nested] = T;
      OS << "type '" << USR << "' name='" << Name << "'";
      strings("fields", Fields);
      strings("nested", Nested);
      OS << "\n";
    }
    for (const auto &[Rule, Fits] : PolicyParamFits)
      OS << "policy_param_fits '" << Rule << "' " << Fits << "\n";
    for (const TraceStep &F : AnnotationFindings) {
      const auto &[Pos, Message] = F;
      OS << "annotation_finding " << Pos.File << ":" << Pos.Line << ":"
         << Pos.Column << " '" << Message << "'\n";
    }
  }
};

std::string dump(const TUSummary &S) {
  std::string Out;
  Dumper D(Out);
  D.summary(S);
  D.OS.flush();
  return Out;
}

SourcePos at(std::string File, unsigned Line, unsigned Column) {
  return SourcePos{std::move(File), Line, Column};
}

/// A summary that sets every member to something other than its default,
/// and uses every enumerator, under the source root \p Root.
TUSummary richSummary(const std::string &Root) {
  TUSummary S;
  S.MainFile = Root + "/src/account.cc";
  S.Inputs.CommandHash = "0123456789abcdef";
  S.Inputs.Files = {{Root + "/src/account.cc", "00000000000000aa"},
                    {Root + "/include/account.h", "00000000000000bb"},
                    {"/usr/include/c++/12/string", "00000000000000cc"}};
  S.Inputs.AbsentShadows = {Root + "/src/string", "/opt/shadow/vector"};

  FunctionSummary F;
  F.USR = "c:@N@acme@F@Upload#&1$@N@std@S@basic_string#C#";
  F.Name = "acme::Upload";
  F.Pos = at(Root + "/src/account.cc", 12, 6);
  F.NumParams = 2;
  F.IsMethod = true;
  F.ParamNames = {"phone", ""};
  F.Overrides = {"c:@N@acme@S@Base@F@Upload#", "c:@N@acme@S@Other@F@Upload#"};
  F.FieldsRead = {"c:@N@acme@S@Account@FI@phone"};
  Output RefField, RefGlobal;
  RefField.Kind = OutputKind::FieldStore;
  RefField.Key = "c:@N@acme@S@Account@FI@phone";
  RefGlobal.Kind = OutputKind::GlobalStore;
  RefGlobal.A = 3;
  RefGlobal.B = -1;
  RefGlobal.Key = "c:@N@acme@gPhone";
  F.ReturnsRefTo = {RefField, RefGlobal};
  CallSite C1;
  C1.CalleeUSR = "c:@N@adsdk@F@Match#I#&1$@N@std@S@basic_string#C#";
  C1.CalleeName = "adsdk::Match";
  C1.Pos = at("/usr/include/adsdk.h", 4000000000u, 1);
  C1.Virtual = true;
  C1.Indirect = true;
  C1.HasObject = true;
  C1.ObjectMutable = true;
  C1.ReturnsTruth = true;
  C1.NumArgs = 3;
  C1.OutArg = {true, false, true};
  C1.Ordinal = 7;
  CallSite C2;
  C2.CalleeUSR = "c:@F@log";
  C2.CalleeName = "log";
  C2.Pos = at("<built-in>", 1, 1);
  F.Calls = {C1, C2};

  const LabelKind Labels[] = {LabelKind::Param,   LabelKind::Origin,
                              LabelKind::Field,   LabelKind::Global,
                              LabelKind::Object,  LabelKind::CallRet,
                              LabelKind::CallOut, LabelKind::FuncRef};
  const OutputKind Outputs[] = {
      OutputKind::Return,      OutputKind::OutParam, OutputKind::FieldStore,
      OutputKind::GlobalStore, OutputKind::CallArg,  OutputKind::StoreViaCall};
  int N = 0;
  for (LabelKind L : Labels)
    for (OutputKind O : Outputs) {
      FlowEdge E;
      E.Src.Kind = L;
      E.Src.A =
          (L == LabelKind::CallRet || L == LabelKind::CallOut) ? N % 2 : -1 - N;
      E.Src.B = ObjectIndex;
      E.Src.Key = "src key " + std::to_string(N);
      E.Dst.Kind = O;
      bool DstIsCall =
          O == OutputKind::CallArg || O == OutputKind::StoreViaCall;
      E.Dst.A = DstIsCall ? 1 : 2147483647;
      E.Dst.B = -2147483647 - 1;
      E.Dst.Key = N % 3 ? "" : "dst \"quoted\" \\ key\n\t\x01";
      if (N % 2)
        E.Steps = {
            {at(Root + "/src/account.cc", 13, 3),
             "read of 'acme::Account::phone'"},
            {at(Root + "/include/account.h", 2, 1), u8"caf\u00e9 \u2603"}};
      F.Edges.push_back(std::move(E));
      ++N;
    }
  S.Functions.push_back(F);
  FunctionSummary Empty;
  S.Functions.push_back(Empty);

  DeclInfo Field;
  Field.Kind = DeclInfo::Field;
  Field.Name = "acme::Account::phone";
  Field.Pos = at(Root + "/include/account.h", 5, 20);
  Field.Limited = {"security", "security.sms"};
  Field.Category = "user.contact.phone_number";
  S.Decls["c:@N@acme@S@Account@FI@phone"] = Field;
  DeclInfo Sink;
  Sink.Kind = DeclInfo::Function;
  Sink.Name = "adsdk::Match";
  Sink.Pos = at("/usr/include/adsdk.h", 10, 1);
  Sink.Use = "advertising";
  Sink.ParamUses = {{ObjectIndex, "advertising.object"},
                    {1, "advertising.partner"}};
  Sink.OutParamSources = {0, 2};
  Sink.Declassify = "";
  Sink.FromPolicy = true;
  S.Decls["c:@N@adsdk@F@Match#"] = Sink;
  DeclInfo Global;
  Global.Kind = DeclInfo::Global;
  Global.Name = "acme::gPhone";
  Global.Declassify = "keeps only the last two digits";
  S.Decls["c:@N@acme@gPhone"] = Global;
  DeclInfo Param;
  Param.Kind = DeclInfo::Param;
  Param.Name = "acme::Upload::phone";
  S.Decls[""] = Param;

  S.Types["c:@N@acme@S@Account"] = {"acme::Account",
                                    {"c:@N@acme@S@Account@FI@phone"},
                                    {"c:@N@acme@S@Address", "c:@N@std@S@x"}};
  S.Types["c:@N@acme@S@Empty"] = {"acme::Empty", {}, {}};
  S.PolicyParamFits = {{Root + "/policy.json:3:5", true},
                       {Root + "/odd:name.json:12:1", true},
                       {"/etc/p.json:9:1", false},
                       {"not a position", true}};
  // Positions are re-rooted; messages are free text, stored verbatim.
  S.AnnotationFindings = {
      {{Root + "/account.cc", 3, 1}, "malformed purpose 'Ads' in /x/y.h:1:1"},
      {{"/usr/include/z.h", 9, 2}, ""}};
  return S;
}

/// An entry whose payload is \p Payload, with a correct checksum.
std::string entryWithPayload(llvm::StringRef Payload,
                             int Version = CacheFormatVersion) {
  return "{\"format\":\"purpose-check-summary\",\"version\":" +
         std::to_string(Version) + ",\"checksum\":\"" + contentDigest(Payload) +
         "\",\"payload\":" + Payload.str() + "}\n";
}

/// The payload text of an entry that serializeSummary wrote.
std::string payloadOf(llvm::StringRef Entry) {
  size_t Start = Entry.find("\"payload\":") + 10;
  return Entry.slice(Start, Entry.rfind('}')).str();
}

/// Resolves any shared input set id to an empty set.
llvm::Expected<std::shared_ptr<const SharedInputs>> anySet(llvm::StringRef Id) {
  auto S = std::make_shared<SharedInputs>();
  S->Id = Id.str();
  return S;
}

/// Parses what serializeSummary wrote, its shared set included.
llvm::Expected<TUSummary> parseWritten(const SerializedSummary &W,
                                       llvm::StringRef Root) {
  return parseSummary(
      W.Entry, Root, "entry.json",
      [&](llvm::StringRef Id)
          -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
        if (Id != W.SharedId)
          return llvm::createStringError("unexpected shared set '" + Id + "'");
        auto Set = parseSharedInputs(W.SharedText, Root, Id, "inputs.json");
        if (!Set)
          return Set.takeError();
        return std::make_shared<const SharedInputs>(std::move(*Set));
      });
}

std::string parseError(llvm::StringRef Text, llvm::StringRef Root = "/r") {
  auto S = parseSummary(Text, Root, "entry.json", anySet);
  return S ? "<parsed>" : errorText(S.takeError());
}

void replaceOnce(std::string &S, llvm::StringRef From, llvm::StringRef To) {
  size_t At = S.find(From.str());
  REQUIRE(At != std::string::npos);
  S.replace(At, From.size(), To.str());
}

void writeText(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  REQUIRE(!EC);
  OS << Text;
}

} // namespace

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

TEST_CASE("relative paths are normalised when read", "[cache]") {
  std::string Entry = serializeSummary(TUSummary(), "/r").Entry;
  std::string Payload = payloadOf(Entry);
  replaceOnce(Payload, "\"main_file\":\"\"",
              "\"main_file\":\"src/./x/../a.cc\"");
  auto S =
      parseSummary(entryWithPayload(Payload), "/root", "entry.json", anySet);
  REQUIRE(errorText(S.takeError()) == "");
  CHECK(S->MainFile == "/root/src/a.cc");
}

TEST_CASE("a damaged entry is an error naming it, never a crash", "[cache]") {
  std::string Good = serializeSummary(richSummary("/r"), "/r").Entry;
  REQUIRE(parseError(Good) == "<parsed>");

  SECTION("a changed byte in the payload") {
    std::string Bad = Good;
    replaceOnce(Bad, "acme::Upload", "acme::Uplaod");
    CHECK(parseError(Bad) ==
          "entry.json:1:58: error: checksum mismatch: the entry is damaged");
  }
  SECTION("a changed checksum") {
    std::string Bad = Good;
    Bad[60] = Bad[60] == '0' ? '1' : '0';
    CHECK(parseError(Bad) ==
          "entry.json:1:58: error: checksum mismatch: the entry is damaged");
  }
  SECTION("another version") {
    std::string Payload = payloadOf(Good);
    CHECK(parseError(entryWithPayload(Payload, 3)) ==
          "entry.json:1:45: error: unsupported cache format version 3; "
          "expected 4");
    CHECK(parseError(entryWithPayload(Payload, 5)) ==
          "entry.json:1:45: error: unsupported cache format version 5; "
          "expected 4");
    CHECK(parseError(entryWithPayload(Payload, 4)) == "<parsed>");
  }
  SECTION("not an entry") {
    CHECK(llvm::StringRef(parseError(""))
              .starts_with("entry.json:1:1: error: malformed JSON: "));
    CHECK(parseError("[]") ==
          "entry.json:1:1: error: not a purpose-check summary cache entry");
    CHECK(parseError("{\"format\":\"sarif\"}") ==
          "entry.json:1:11: error: not a purpose-check summary cache entry");
    CHECK(parseError("{\"format\":\"purpose-check-summary\",\"version\":4}") ==
          "entry.json:1:1: error: missing or malformed checksum");
    CHECK(parseError("{\"format\":\"purpose-check-summary\",\"version\":4,"
                     "\"checksum\":\"x\",\"payload\":{},\"extra\":0}") ==
          "entry.json:1:75: error: unknown key 'extra' in cache entry");
    CHECK(parseError("{\"format\":\"purpose-check-summary\",\"version\":4,"
                     "\"payload\":{},\"checksum\":\"x\"}") ==
          "entry.json:1:1: error: the payload must be the entry's last member");
  }
  SECTION("truncated at every 7th byte") {
    for (size_t N = 0; N < Good.size() - 1; N += 7) {
      INFO("truncated to " << N << " bytes");
      std::string E = parseError(Good.substr(0, N));
      CHECK(llvm::StringRef(E).starts_with("entry.json:"));
      CHECK(E.find(": error: ") != std::string::npos);
    }
  }
}

TEST_CASE("every member of the payload is validated", "[cache]") {
  std::string Payload =
      payloadOf(serializeSummary(richSummary("/r"), "/r").Entry);
  struct {
    const char *From, *To, *Error;
  } Cases[] = {
      {"\"main_file\":\"src/account.cc\"", "\"main_file\":7",
       "expected a string for 'main_file', found an integer"},
      {"\"command_hash\":\"0123456789abcdef\",", "",
       "missing key 'command_hash' in 'inputs'"},
      {",\"shared\":\"", ",\"shared\":7,\"x\":\"",
       "unknown key 'x' in 'inputs'"},
      {"\"annotation_findings\":[", "\"stray\":1,\"annotation_findings\":[",
       "unknown key 'stray' in 'payload'"},
      {"\"is_method\":true", "\"is_method\":1",
       "expected a boolean for 'is_method', found an integer"},
      {"\"num_params\":2", "\"num_params\":-2",
       "expected an unsigned 32-bit integer for 'num_params', found an "
       "out-of-range integer"},
      {"\"num_args\":3", "\"num_args\":4294967296",
       "expected an unsigned 32-bit integer for 'num_args', found an "
       "out-of-range integer"},
      {"\"ordinal\":7", "\"ordinal\":7.0",
       "expected an unsigned 32-bit integer for 'ordinal', found a number"},
      {"\"a\":2147483647", "\"a\":2147483648",
       "expected a 32-bit integer for 'a', found an out-of-range integer"},
      {"\"b\":-2147483648", "\"b\":-2147483649",
       "expected a 32-bit integer for 'b', found an out-of-range integer"},
      {"\"kind\":\"call_ret\"", "\"kind\":\"call_return\"",
       "unknown kind 'call_return'"},
      {"\"kind\":\"field\"", "\"kind\":\"fields\"", "unknown kind 'fields'"},
      {"\"out_args\":[true,false,true]", "\"out_args\":[true,0,true]",
       "expected a boolean for 'out_args', found an integer"},
      {"[\"src/account.cc\",12,6]", "[\"src/account.cc\",12]",
       "expected [file, line, column] for 'pos'"},
      {"[\"src/account.cc\",12,6]", "[\"src/account.cc\",12,null]",
       "expected an unsigned 32-bit integer for 'column', found null"},
      {"\"param_names\":[\"phone\",\"\"]", "\"param_names\":[\"phone\",null]",
       "expected a string for 'param_names', found null"},
      {"\"param_uses\":[[-1,", "\"param_uses\":[[1,",
       "duplicate parameter 1 in 'param_uses'"},
      {"\"param_uses\":[[-1,\"advertising.object\"]", "\"param_uses\":[[-1]",
       "expected [index, purpose] in 'param_uses'"},
      {"\"declassify\":\"keeps only the last two digits\"",
       "\"declassify\":false",
       "expected a string for 'declassify', found a boolean"},
      {"\"indirect\":true", "\"indirect\":null",
       "expected a boolean for 'indirect', found null"},
      {"\"policy_param_fits\":{", "\"policy_param_fits\":{\"k\":0,",
       "expected a boolean for 'policy_param_fits', found an integer"},
      {"\"kind\":\"func_ref\"", "\"kind\":\"funcref\"",
       "unknown kind 'funcref'"},
      {"\"from_policy\":true", "\"from_policy\":\"yes\"",
       "expected a boolean for 'from_policy', found a string"},
      {"\"types\":{", "\"types\":{\"x\":[],",
       "expected an object for a type, found an array"},
      {"\"decls\":{\"\":{", "\"decls\":{\"\":[],\"y\":{",
       "expected an object for a declaration, found an array"},
      {"\"types\":{", "\"types\":[],\"t\":{", "unknown key 't' in 'payload'"},
      {"\"message\":\"\"}]}", "\"message\":\"\",\"line\":1}]}",
       "unknown key 'line' in an annotation finding"},
      {"\"src\":{\"kind\":\"call_ret\",\"a\":1,",
       "\"src\":{\"kind\":\"call_ret\",\"a\":2,",
       "edge names a call site that function 'acme::Upload' does not have"},
      {"\"dst\":{\"kind\":\"call_arg\",\"a\":1,",
       "\"dst\":{\"kind\":\"call_arg\",\"a\":-1,",
       "edge names a call site that function 'acme::Upload' does not have"},
      {"\"dst\":{\"kind\":\"store_via_call\",\"a\":1,",
       "\"dst\":{\"kind\":\"store_via_call\",\"a\":2,",
       "edge names a call site that function 'acme::Upload' does not have"},
      {"\"returns_ref_to\":[{\"kind\":\"field_store\"",
       "\"returns_ref_to\":[{\"kind\":\"fieldstore\"",
       "unknown kind 'fieldstore'"},
      {"\"returns_ref_to\":[{", "\"returns_ref_to\":[7,{",
       "expected an object for an element of 'returns_ref_to', found an "
       "integer"},
  };
  for (const auto &C : Cases) {
    INFO("replacing " << C.From << " by " << C.To);
    std::string Bad = Payload;
    replaceOnce(Bad, C.From, C.To);
    std::string E = parseError(entryWithPayload(Bad));
    // The fast path gives up on it, and the validating reader says why.
    CHECK_FALSE(readCanonicalSummary(entryWithPayload(Bad), "/r", anySet));
    CHECK(llvm::StringRef(E).starts_with("entry.json:1:"));
    CHECK(E.find(std::string(": error: ") + C.Error) != std::string::npos);
    CHECK(llvm::StringRef(E).ends_with(C.Error));
  }
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
  CHECK(llvm::StringRef(E).starts_with(PathA + ":1:"));

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
  CHECK(llvm::StringRef(Damaged[0]).starts_with(Broken + ":1:"));

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
