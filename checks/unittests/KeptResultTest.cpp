//===- KeptResultTest.cpp - The kept result and entry heads ---------------===//
#include "KeptResult.h"
#include "SummaryCache.h"
#include "SummaryFormat.h"
#include "TestUtil.h"
#include <catch2/catch.hpp>

using namespace purpose;
using purpose::test::errorText;
using purpose::test::TempDir;

namespace {

Finding sampleFinding(FindingKind Kind) {
  Finding F;
  F.Kind = Kind;
  F.Message = "'acme::Account::phone' (security) reaches 'adsdk::Upload'";
  F.OriginName = "acme::Account::phone";
  F.OriginPurposes = {"recovery", "security"};
  F.OriginPos = {"/r/account.h", 3, 20};
  F.SinkName = "adsdk::Upload";
  F.SinkPurpose = "advertising";
  F.SinkPos = {"/r/ads.cc", 12, 3};
  F.SinkDeclPos = {"/r/sdk.h", 4, 6};
  F.Trace = {{{"/r/ads.cc", 11, 14}, "read of 'acme::Account::phone'"},
             {{"/r/ads.cc", 12, 3}, "passed to 'adsdk::Upload'"}};
  F.Fingerprint = "0123456789abcdef";
  F.Reason = Kind == FindingKind::Violation ? "" : "a reason";
  F.Declassifier = Kind == FindingKind::Declassified ? "acme::Mask" : "";
  return F;
}

KeptResult sampleKept() {
  KeptResult K;
  K.Key = "fedcba9876543210";
  K.Entries = {{"/r/a.cc", "00000000000000aa"},
               {"/r/b.cc", "00000000000000bb"}};
  K.Functions = 42;
  K.Violations = {sampleFinding(FindingKind::Violation)};
  K.Suppressed = {sampleFinding(FindingKind::Suppressed)};
  K.Declassified = {sampleFinding(FindingKind::Declassified)};
  K.Read = {{"/r/ads.cc", "00000000000000cc"}, {"/r/gone.h", ""}};
  return K;
}

} // namespace

TEST_CASE("a kept result reads back as written", "[kept]") {
  KeptResult K = sampleKept();
  std::string Text = serializeKeptResult(K);
  std::optional<KeptResult> Back = parseKeptResult(Text);
  REQUIRE(Back);
  CHECK(Back->Key == K.Key);
  CHECK(Back->Entries == K.Entries);
  CHECK(Back->Functions == 42);
  CHECK(Back->Read == K.Read);
  REQUIRE(Back->Declassified.size() == 1);
  const Finding &D = Back->Declassified.front();
  CHECK(D.Kind == FindingKind::Declassified);
  CHECK(D.Declassifier == "acme::Mask");
  CHECK(D.Reason == "a reason");
  CHECK(D.OriginPurposes == K.Declassified.front().OriginPurposes);
  CHECK(D.SinkDeclPos.File == "/r/sdk.h");
  REQUIRE(D.Trace.size() == 2);
  CHECK(D.Trace[1].Message == "passed to 'adsdk::Upload'");
  CHECK(D.Trace[1].Pos.Column == 3);
  CHECK(serializeKeptResult(*Back) == Text);
}

TEST_CASE("anything but a kept result as written is a miss", "[kept]") {
  std::string Text = serializeKeptResult(sampleKept());
  CHECK_FALSE(parseKeptResult(""));
  CHECK_FALSE(parseKeptResult("{}"));
  CHECK_FALSE(parseKeptResult(Text.substr(0, Text.size() / 2)));
  // Valid JSON, spelled otherwise: not what the writer writes.
  std::string Spaced = Text;
  Spaced.insert(1, " ");
  CHECK_FALSE(parseKeptResult(Spaced));
  // A member of the wrong type, or a finding kind out of range.
  std::string Wrong = Text;
  Wrong.replace(Wrong.find("\"functions\":42"), 14, "\"functions\":\"42\"");
  CHECK_FALSE(parseKeptResult(Wrong));
  std::string Kind = Text;
  Kind.replace(Kind.find("\"kind\":0"), 8, "\"kind\":9");
  CHECK_FALSE(parseKeptResult(Kind));
  std::string Version = Text;
  Version.replace(Version.find("\"version\":1"), 11, "\"version\":2");
  CHECK_FALSE(parseKeptResult(Version));
}

TEST_CASE("an entry's head is its inputs and checksum, or says why not",
          "[kept][cache]") {
  TempDir D;
  std::string Root = D.file("src");
  SummaryCache Cache(D.file("cache"), Root);
  TUSummary S;
  S.MainFile = Root + "/a.cc";
  S.Inputs.CommandHash = "0123456789abcdef";
  S.Inputs.Files = {{Root + "/a.cc", "00000000000000aa"},
                    {Root + "/a.h", "00000000000000bb"}};
  FunctionSummary F;
  F.USR = "c:@F@f#";
  F.Name = "f";
  S.Functions = {F};

  EntryHead H;
  CHECK(Cache.loadHead(S.MainFile, H) == SummaryCache::HeadRead::Missing);

  std::string Stored;
  REQUIRE(errorText(Cache.store(S, &Stored)) == "");
  CHECK(Stored.size() == 16);
  REQUIRE(Cache.loadHead(S.MainFile, H) == SummaryCache::HeadRead::Read);
  CHECK(H.Checksum == Stored);
  CHECK(H.MainFile == S.MainFile);
  CHECK(H.Inputs.CommandHash == S.Inputs.CommandHash);
  CHECK(H.Inputs.Files == S.Inputs.Files);
  std::string Loaded;
  auto Full = Cache.load(S.MainFile, &Loaded);
  REQUIRE(errorText(Full.takeError()) == "");
  CHECK(Loaded == Stored);

  // Another summary, another checksum.
  S.Functions.front().Name = "g";
  std::string Other;
  REQUIRE(errorText(Cache.store(S, &Other)) == "");
  CHECK(Other != Stored);
  REQUIRE(Cache.loadHead(S.MainFile, H) == SummaryCache::HeadRead::Read);
  CHECK(H.Checksum == Other);

  // A flipped payload byte: the checksum no longer matches.
  std::string Path = Cache.entryPath(S.MainFile);
  std::string Text = serializeSummary(S, Root).Entry;
  Text[Text.size() - 10] ^= 1;
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Text;
  }
  CHECK(Cache.loadHead(S.MainFile, H) == SummaryCache::HeadRead::Unreadable);

  // Another TU's entry under this name.
  TUSummary B = S;
  B.MainFile = Root + "/b.cc";
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << serializeSummary(B, Root).Entry;
  }
  CHECK(Cache.loadHead(S.MainFile, H) == SummaryCache::HeadRead::Unreadable);
}
