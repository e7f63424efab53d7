//===- SummaryCacheFuzzer.cpp - libFuzzer entry for cache entries ---------===//
//
// The entry format has one writer and one reader, both driven by the schema
// of SummarySchema.h; this fuzzer checks that they are inverses:
//
//   - write(read(bytes)) == bytes for any bytes that read accepts, with an
//     empty source root (which maps no path), for entries and shared input
//     sets alike: the reader takes the canonical form and nothing else. With
//     the root "/src", whatever reads writes an entry that reads back to the
//     same summary (a fixed point);
//   - read(write(x)) == x for summaries x made up from the bytes (strings cut
//     from them, invalid UTF-8 and control characters included): the reader
//     takes everything the writer writes;
//   - the head reader (readEntryHead) agrees with the full read;
//   - every error is one line, "fuzz.json: error: corrupt ...".
//
// Since a checksum stops nearly every mutation of a payload at the door, the
// bytes are tried twice: as a whole entry, and with the text after
// "payload": re-wrapped in an envelope whose checksum is right.
//
//===----------------------------------------------------------------------===//
#include "SummaryCache.h"
#include "SummaryFormat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

using namespace purpose;

namespace {

using SetPtr = std::shared_ptr<const SharedInputs>;

[[noreturn]] void fail(const char *What, llvm::StringRef Detail = "") {
  std::fprintf(stderr, "contract violated: %s %.*s\n", What,
               static_cast<int>(Detail.size()), Detail.data());
  std::abort();
}

void checkError(llvm::Error E, llvm::StringRef What) {
  llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &I) {
    std::string Msg = I.message();
    if (!llvm::StringRef(Msg).starts_with(
            ("fuzz.json: error: corrupt " + What + ": ").str()) ||
        Msg.find('\n') != std::string::npos ||
        Msg.find(" at offset ") == std::string::npos)
      fail("error is not 'fuzz.json: error: corrupt ...' on one line:", Msg);
  });
}

/// The payload of the seed corpus's shared set (FuzzSeeds.cpp), which
/// its rich entry names: an entry that names it round-trips byte for byte.
constexpr const char *SeedSetPayload =
    "{\"files\":[{\"path\":\"/usr/include/string.h\",\"digest\":"
    "\"00000000000000bb\"}],\"absent_shadows\":[\"app/string.h\"]}";

/// The shared set an entry names: the seed's, or one made up from the id, so
/// that any id the fuzzer writes resolves (but "0000000000000000").
llvm::Expected<SetPtr> resolve(llvm::StringRef Id) {
  if (Id == contentDigest(SeedSetPayload)) {
    std::string Text = "{\"format\":\"purpose-check-inputs\",\"version\":" +
                       std::to_string(CacheFormatVersion) + ",\"checksum\":\"" +
                       Id.str() + "\",\"payload\":" + SeedSetPayload + "}\n";
    auto Set = parseSharedInputs(Text, "", Id, "seed-inputs.json");
    if (!Set)
      fail("the seed set does not parse:", llvm::toString(Set.takeError()));
    return std::make_shared<const SharedInputs>(std::move(*Set));
  }
  if (Id == "0000000000000000")
    return llvm::createStringError("no such shared input set");
  auto S = std::make_shared<SharedInputs>();
  S->Id = Id.str();
  S->Files = {{"/usr/include/" + Id.str(), "00000000000000bb"}};
  return S;
}

/// The resolver of what serializeSummary wrote: its own set.
auto writtenSets(const SerializedSummary &W, llvm::StringRef Root) {
  return [&W, Root](llvm::StringRef Id) -> llvm::Expected<SetPtr> {
    if (Id != W.SharedId)
      fail("a serialized entry names a set it was not written with:", Id);
    auto Set = parseSharedInputs(W.SharedText, Root, Id, "fuzz.json");
    if (!Set)
      fail("a serialized shared input set does not parse:",
           llvm::toString(Set.takeError()));
    return std::make_shared<const SharedInputs>(std::move(*Set));
  };
}

/// read(write(S)) writes the same bytes as S: the reader takes what the
/// writer writes, and reads back what it was written from.
void checkWrittenReads(const TUSummary &S, llvm::StringRef Root) {
  SerializedSummary Once = serializeSummary(S, Root);
  auto Again =
      parseSummary(Once.Entry, Root, "fuzz.json", writtenSets(Once, Root));
  if (!Again)
    fail("the reader rejects what the writer wrote:",
         llvm::toString(Again.takeError()) + "\n" + Once.Entry +
             Once.SharedText);
  if (!readEntryHead(Once.Entry, Root, writtenSets(Once, Root)))
    fail("the head reader rejects what the writer wrote:", Once.Entry);
  SerializedSummary Twice = serializeSummary(*Again, Root);
  if (Twice.Entry != Once.Entry || Twice.SharedText != Once.SharedText)
    fail("read(write(x)) is not x:", Once.Entry + Once.SharedText +
                                         "\nwritten again:\n" + Twice.Entry +
                                         Twice.SharedText);
}

void checkEntry(llvm::StringRef Entry) {
  // With no source root, paths are not mapped: bytes read are bytes written.
  llvm::Expected<TUSummary> S = parseSummary(Entry, "", "fuzz.json", resolve);
  std::optional<EntryHead> Head = readEntryHead(Entry, "", resolve);
  if (!S) {
    checkError(S.takeError(), "entry");
  } else {
    if (!Head || Head->MainFile != S->MainFile ||
        Head->Inputs.CommandHash != S->Inputs.CommandHash ||
        Head->Inputs.Files != S->Inputs.Files ||
        Head->Checksum != entryChecksum(Entry))
      fail("the head reader disagrees with the reader on:", Entry);
    SerializedSummary W = serializeSummary(*S, "");
    // A made-up set is not the one its id names: the entry then names
    // another, and only the fixed point below holds.
    bool RealSet = !S->Inputs.Shared ||
                   S->Inputs.Shared->Id == contentDigest(SeedSetPayload);
    if (RealSet && W.Entry != Entry)
      fail("write(read(bytes)) is not bytes:", Entry);
    checkWrittenReads(*S, "");
  }
  // With a root, paths are mapped both ways; a summary read is one that
  // writes and reads back.
  if (llvm::Expected<TUSummary> Rooted =
          parseSummary(Entry, "/src", "fuzz.json", resolve))
    checkWrittenReads(*Rooted, "/src");
  else
    checkError(Rooted.takeError(), "entry");
}

void checkSharedInputs(llvm::StringRef Input) {
  // The id must be the checksum: take whatever the input claims.
  size_t At = Input.find("\"checksum\":\"");
  llvm::StringRef Id =
      At == llvm::StringRef::npos ? "" : Input.substr(At + 12, 16);
  auto Set = parseSharedInputs(Input, "", Id, "fuzz.json");
  if (!Set) {
    checkError(Set.takeError(), "shared input set");
    return;
  }
  TUSummary S;
  S.Inputs.Shared = std::make_shared<const SharedInputs>(std::move(*Set));
  SerializedSummary W = serializeSummary(S, "");
  if (W.SharedId != Id || W.SharedText != Input)
    fail("write(read(bytes)) is not bytes for a shared input set:", Input);
}

/// A summary made up from \p Input: strings cut from it (any bytes), and
/// numbers and flags from its bytes; its paths start with \p Dir (in memory,
/// paths are absolute where there is a source root).
TUSummary madeUp(llvm::StringRef Input, const std::string &Dir) {
  size_t At = 0;
  auto Next = [&](size_t Max) {
    size_t N = At < Input.size() ? Input[At] % (Max + 1) : 0;
    llvm::StringRef S = Input.substr(At + 1, N);
    At += 1 + S.size();
    return S.str();
  };
  auto NextPath = [&](size_t Max) { return Dir + Next(Max); };
  // Map keys and input paths in ASCII: U+FFFD in place of what is not UTF-8
  // can make two of them one, or reorder them, and the reader then rejects
  // the entry (docs/cache-format.md: the TU is re-analyzed each run).
  auto Ascii = [](std::string S) {
    llvm::erase_if(
        S, [](char C) { return static_cast<unsigned char>(C) >= 0x80; });
    return S;
  };
  auto NextKey = [&](size_t Max) { return Ascii(Next(Max)); };
  auto NextInput = [&](size_t Max) { return Ascii(NextPath(Max)); };
  auto Byte = [&]() -> unsigned {
    return At < Input.size() ? static_cast<unsigned char>(Input[At++]) : 0;
  };
  TUSummary S;
  S.MainFile = NextPath(12);
  S.Inputs.CommandHash = Next(8);
  S.Inputs.Files = {{NextInput(12), Next(4)}, {NextInput(12), Next(4)}};
  S.Inputs.AbsentShadows = {NextInput(12)};
  FunctionSummary F;
  F.USR = Next(16);
  F.Name = Next(16);
  F.Pos = {NextPath(12), Byte(), Byte() * 0x01010101u};
  F.ParamNames = {Next(8), Next(8)};
  CallSite C;
  C.CalleeName = Next(16);
  C.OutArg = {Byte() % 2 == 0, true};
  F.Calls = {C};
  FlowEdge E;
  E.Src = {LabelKind::CallRet, 0, -static_cast<int>(Byte()), Next(16)};
  E.Dst = {OutputKind::GlobalStore, static_cast<int>(Byte()), 0, Next(16)};
  E.Steps = {{{NextPath(12), 1, 2}, Next(24)}};
  F.Edges = {E};
  S.Functions = {F};
  DeclInfo D;
  D.Name = Next(16);
  D.ParamUses = {{-1, Next(8)}, {static_cast<int>(Byte()), Next(8)}};
  if (Byte() % 2)
    D.Declassify = Next(8);
  S.Decls[NextKey(8)] = D;
  S.Decls[NextKey(8)] = D;
  S.Types[NextKey(8)] = {Next(8), {Next(8)}, {}};
  S.PolicyParamFits[NextInput(12) + ":1:2"] = Byte() % 2;
  S.PolicyParamFits[NextKey(12)] = true;
  S.AnnotationFindings = {{{NextPath(12), 3, 4}, Next(24)}};
  return S;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  checkEntry(Input);
  checkSharedInputs(Input);
  checkWrittenReads(madeUp(Input, ""), "");
  checkWrittenReads(madeUp(Input, "/src/"), "/src");

  size_t Start = Input.find("\"payload\":");
  size_t End = Input.rfind('}');
  if (Start == llvm::StringRef::npos || End == llvm::StringRef::npos ||
      End < Start + 10)
    return 0;
  llvm::StringRef Payload = Input.slice(Start + 10, End);
  std::string Entry = "{\"format\":\"purpose-check-summary\",\"version\":" +
                      std::to_string(CacheFormatVersion) + ",\"checksum\":\"" +
                      contentDigest(Payload) +
                      "\",\"payload\":" + Payload.str() + "}\n";
  checkEntry(Entry);
  return 0;
}
