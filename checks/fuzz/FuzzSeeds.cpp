//===- FuzzSeeds.cpp - Writes the fuzzers' seed corpora -------------------===//
//
//   purpose-fuzz-seeds SUMMARY_DIR BASELINE_DIR
//
// Writes a few valid cache entries (serializeSummary, source root "/src",
// as SummaryCacheFuzzer parses them) and baselines (writeBaseline). They are
// generated rather than checked in so that they follow the formats.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "FileUtil.h"
#include "SummaryCache.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace purpose;

namespace {

TUSummary richSummary() {
  TUSummary S;
  S.MainFile = "/src/app/account.cc";
  S.Inputs.CommandHash = "0123456789abcdef";
  S.Inputs.Files = {{"/src/app/account.cc", "00000000000000aa"},
                    {"/usr/include/string.h", "00000000000000bb"}};
  S.Inputs.AbsentShadows = {"/src/app/string.h"};

  FunctionSummary F;
  F.USR = "c:@N@acme@F@Send#";
  F.Name = "acme::Send";
  F.Pos = {"/src/app/account.cc", 10, 6};
  F.NumParams = 2;
  F.IsMethod = true;
  F.ParamNames = {"a", "out"};
  F.Overrides = {"c:@N@acme@S@Base@F@Send#"};
  F.FieldsRead = {"c:@N@acme@S@Account@FI@phone"};
  Output Ref;
  Ref.Kind = OutputKind::FieldStore;
  Ref.Key = "c:@N@acme@S@Account@FI@phone";
  F.ReturnsRefTo = {Ref};
  CallSite C;
  C.CalleeUSR = "c:@N@adsdk@F@Upload#";
  C.CalleeName = "adsdk::Upload";
  C.Pos = {"/src/app/account.cc", 12, 3};
  C.Virtual = C.Indirect = C.HasObject = C.ObjectMutable = true;
  C.NumArgs = 2;
  C.OutArg = {false, true};
  C.Ordinal = 1;
  F.Calls = {C};
  FlowEdge E;
  E.Src = {LabelKind::Field, 0, 0, "c:@N@acme@S@Account@FI@phone"};
  E.Dst.Kind = OutputKind::CallArg;
  E.Dst.A = 0;
  E.Dst.B = ObjectIndex;
  E.Steps = {
      {{"/src/app/account.cc", 11, 12}, "read of 'acme::Account::phone'"},
      {{"<built-in>", 1, 1}, "call of 'adsdk::Upload'"}};
  F.Edges = {E};
  E.Src = {LabelKind::CallRet, 0, 0, ""};
  E.Dst.Kind = OutputKind::StoreViaCall;
  F.Edges.push_back(E);
  E.Src = {LabelKind::FuncRef, 0, 0, "c:@F@cb#"};
  E.Dst = Output();
  F.Edges.push_back(E);
  S.Functions = {F};

  DeclInfo Field;
  Field.Kind = DeclInfo::Field;
  Field.Name = "acme::Account::phone";
  Field.Pos = {"/src/app/account.h", 3, 20};
  Field.Limited = {"security"};
  S.Decls["c:@N@acme@S@Account@FI@phone"] = Field;
  DeclInfo Sink;
  Sink.Name = "adsdk::Upload";
  Sink.Use = "advertising";
  Sink.ParamUses = {{1, "advertising.partner"}};
  Sink.OutParamSources = {0};
  Sink.Declassify = "masked";
  Sink.FromPolicy = true;
  S.Decls["c:@N@adsdk@F@Upload#"] = Sink;
  S.Types["c:@N@acme@S@Account"] = {"acme::Account",
                                    {"c:@N@acme@S@Account@FI@phone"},
                                    {"c:@N@acme@S@Address"}};
  S.PolicyParamFits = {{"/src/policy.json:4:5", true}};
  S.AnnotationFindings = {
      {{"/src/account.h", 3, 1}, "malformed purpose 'Ads'"}};
  return S;
}

bool write(const llvm::Twine &Path, llvm::StringRef Text) {
  if (llvm::Error E = writeFileAtomically(
          Path.str(), [&](llvm::raw_ostream &OS) { OS << Text; })) {
    llvm::errs() << llvm::toString(std::move(E)) << "\n";
    return false;
  }
  return true;
}

bool writeBaselineSeed(const std::string &Path, const Report &R) {
  if (llvm::Error E = writeBaseline(Path, R)) {
    llvm::errs() << llvm::toString(std::move(E)) << "\n";
    return false;
  }
  return true;
}

Finding withFingerprint(std::string FP) {
  Finding F;
  F.Fingerprint = std::move(FP);
  return F;
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 3) {
    llvm::errs() << "usage: purpose-fuzz-seeds SUMMARY_DIR BASELINE_DIR\n";
    return 2;
  }
  std::string SummaryDir = Argv[1], BaselineDir = Argv[2];
  if (llvm::sys::fs::create_directories(SummaryDir) ||
      llvm::sys::fs::create_directories(BaselineDir)) {
    llvm::errs() << "cannot create the seed directories\n";
    return 1;
  }

  TUSummary Outside;
  Outside.MainFile = "/elsewhere/main.cc";
  Outside.Inputs.Files = {{"/elsewhere/main.cc", "0000000000000001"}};
  bool OK = write(SummaryDir + "/empty.json",
                  serializeSummary(TUSummary(), "/src").Entry) &&
            write(SummaryDir + "/rich.json",
                  serializeSummary(richSummary(), "/src").Entry) &&
            write(SummaryDir + "/rich-inputs.json",
                  serializeSummary(richSummary(), "/src").SharedText) &&
            write(SummaryDir + "/outside.json",
                  serializeSummary(Outside, "/src").Entry);

  Report R;
  for (const char *FP : {"0123456789abcdef", "fedcba9876543210"})
    R.Violations.push_back(withFingerprint(FP));
  OK = OK && writeBaselineSeed(BaselineDir + "/two.json", R) &&
       writeBaselineSeed(BaselineDir + "/empty.json", Report());
  return OK ? 0 : 1;
}
