//===- SummaryCacheTestUtil.h - What the cache tests share ------*- C++ -*-===//
//
// The summary cache's tests are in two files (SummaryCacheTest.cpp: the
// format and the cache; SummaryCacheSetsTest.cpp: real TUs, shared input
// sets, the reader and other spellings); these are their common helpers.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_UNITTESTS_SUMMARYCACHETESTUTIL_H
#define PURPOSE_UNITTESTS_SUMMARYCACHETESTUTIL_H

#include "LLVMCompat.h"
#include "SummaryCache.h"
#include "SummaryFormat.h"
#include "TestUtil.h"
#include "llvm/Support/raw_ostream.h"
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

namespace purpose {
namespace test {
namespace cache {

using purpose::test::errorText;

/// Where a test's cache keeps its entries, relative to the test's
/// directory: cache/v4, with the suffix of a build against another LLVM
/// than 19 (LLVMCompat.h, CacheDirSuffix).
inline std::string versionDir() {
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

inline std::string dump(const TUSummary &S) {
  std::string Out;
  Dumper D(Out);
  D.summary(S);
  D.OS.flush();
  return Out;
}

inline SourcePos at(std::string File, unsigned Line, unsigned Column) {
  return SourcePos{std::move(File), Line, Column};
}

/// A summary that sets every member to something other than its default,
/// and uses every enumerator, under the source root \p Root.
inline TUSummary richSummary(const std::string &Root) {
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
inline std::string entryWithPayload(llvm::StringRef Payload,
                                    int Version = CacheFormatVersion) {
  return "{\"format\":\"purpose-check-summary\",\"version\":" +
         std::to_string(Version) + ",\"checksum\":\"" + contentDigest(Payload) +
         "\",\"payload\":" + Payload.str() + "}\n";
}

/// The payload text of an entry that serializeSummary wrote.
inline std::string payloadOf(llvm::StringRef Entry) {
  size_t Start = Entry.find("\"payload\":") + 10;
  return Entry.slice(Start, Entry.rfind('}')).str();
}

/// Resolves any shared input set id to an empty set.
inline llvm::Expected<std::shared_ptr<const SharedInputs>>
anySet(llvm::StringRef Id) {
  auto S = std::make_shared<SharedInputs>();
  S->Id = Id.str();
  return S;
}

/// Parses what serializeSummary wrote, its shared set included.
inline llvm::Expected<TUSummary> parseWritten(const SerializedSummary &W,
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

inline std::string parseError(llvm::StringRef Text,
                              llvm::StringRef Root = "/r") {
  auto S = parseSummary(Text, Root, "entry.json", anySet);
  return S ? "<parsed>" : errorText(S.takeError());
}

inline void replaceOnce(std::string &S, llvm::StringRef From,
                        llvm::StringRef To) {
  size_t At = S.find(From.str());
  REQUIRE(At != std::string::npos);
  S.replace(At, From.size(), To.str());
}

inline void writeText(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  REQUIRE(!EC);
  OS << Text;
}

} // namespace cache
} // namespace test
} // namespace purpose

#endif
