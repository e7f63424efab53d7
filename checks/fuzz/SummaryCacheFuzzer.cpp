//===- SummaryCacheFuzzer.cpp - libFuzzer entry for cache entries ---------===//
//
// Feeds arbitrary bytes to parseSummary's two readers, twice: as a whole entry,
// and, since a checksum stops nearly every mutation of a payload at the door,
// with the text after "payload": re-wrapped in an envelope whose checksum is
// right. The same bytes also go to parseSharedInputs. An entry's shared input
// set resolves to a set made up from its id. Beyond "no crash, no sanitizer
// report", it checks that the canonical (fast) reader reads only what the
// validating one reads, and the same summary, that the head reader agrees with
// it, and that it reads every plain-ASCII entry the writer writes; and the
// format's contract: every error is a clang-style line naming the entry, and
// whatever parses serializes to an entry (and shared set) that parses back and
// serializes to the same bytes.
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

constexpr const char *Root = "/src";

[[noreturn]] void fail(const char *What, llvm::StringRef Detail = "") {
  std::fprintf(stderr, "contract violated: %s %.*s\n", What,
               static_cast<int>(Detail.size()), Detail.data());
  std::abort();
}

void checkError(llvm::Error E) {
  llvm::handleAllErrors(std::move(E), [](const llvm::ErrorInfoBase &I) {
    std::string Msg = I.message();
    if (!llvm::StringRef(Msg).starts_with("fuzz.json") ||
        Msg.find(": error: ") == std::string::npos)
      fail("error is not 'fuzz.json[:L:C]: error: ...':", Msg);
  });
}

/// The shared set an entry names: made up from the id, so that any id the
/// fuzzer writes resolves.
llvm::Expected<std::shared_ptr<const SharedInputs>>
madeUpSet(llvm::StringRef Id) {
  if (Id == "0000000000000000")
    return llvm::createStringError("no such shared input set");
  auto S = std::make_shared<SharedInputs>();
  S->Id = Id.str();
  S->Files = {{"/usr/include/" + Id.str(), "00000000000000bb"}};
  return S;
}

/// Plain printable ASCII, which the canonical reader must not give up on
/// when the writer wrote it.
bool isPlain(llvm::StringRef Text) {
  return Text.find("\\u") == llvm::StringRef::npos &&
         llvm::all_of(
             Text, [](char C) { return C == '\n' || (C >= 0x20 && C < 0x7f); });
}

void checkEntry(llvm::StringRef Entry) {
  // parseSummary's two readers: where the fast one reads the entry, the
  // validating one reads the same summary.
  std::optional<TUSummary> Fast = readCanonicalSummary(Entry, Root, madeUpSet);
  // The head reader (the kept result's check) reads the start of whatever
  // the fast one reads, the same; it may read the head of more.
  std::optional<EntryHead> Head = readCanonicalHead(Entry, Root, madeUpSet);
  if (Fast && (!Head || Head->MainFile != Fast->MainFile ||
               Head->Inputs.CommandHash != Fast->Inputs.CommandHash ||
               Head->Inputs.Files != Fast->Inputs.Files ||
               Head->Checksum != canonicalEntryChecksum(Entry)))
    fail("the head reader disagrees with the canonical reader on:", Entry);
  llvm::Expected<TUSummary> S =
      parseSummaryValidating(Entry, Root, "fuzz.json", madeUpSet);
  if (!S) {
    if (Fast)
      fail("the canonical reader takes an entry the validating one rejects:",
           llvm::toString(S.takeError()));
    checkError(S.takeError());
    return;
  }
  SerializedSummary Once = serializeSummary(*S, Root);
  if (Fast) {
    SerializedSummary FastOnce = serializeSummary(*Fast, Root);
    if (FastOnce.Entry != Once.Entry || FastOnce.SharedText != Once.SharedText)
      fail("the two readers read different summaries from:", Entry);
  }
  auto Written = [&](llvm::StringRef Id)
      -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
    if (Id != Once.SharedId)
      fail("a serialized entry names a set it was not written with:", Id);
    auto Set = parseSharedInputs(Once.SharedText, Root, Id, "fuzz-inputs.json");
    if (!Set)
      fail("a serialized shared input set does not parse:",
           llvm::toString(Set.takeError()));
    return std::make_shared<const SharedInputs>(std::move(*Set));
  };
  llvm::Expected<TUSummary> Again =
      parseSummary(Once.Entry, Root, "fuzz.json", Written);
  if (!Again)
    fail("a serialized summary does not parse:",
         llvm::toString(Again.takeError()));
  if (isPlain(Once.Entry) && !readCanonicalSummary(Once.Entry, Root, Written))
    fail("the canonical reader gives up on what the writer wrote:", Once.Entry);
  SerializedSummary Twice = serializeSummary(*Again, Root);
  if (Twice.Entry != Once.Entry || Twice.SharedText != Once.SharedText)
    fail("serializing a parsed entry is not a fixed point:", Once.Entry);
}

void checkSharedInputs(llvm::StringRef Input) {
  // The id must be the checksum: take whatever the input claims.
  size_t At = Input.find("\"checksum\":\"");
  llvm::StringRef Id =
      At == llvm::StringRef::npos ? "" : Input.substr(At + 12, 16);
  auto Set = parseSharedInputs(Input, Root, Id, "fuzz.json");
  if (!Set)
    checkError(Set.takeError());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  checkEntry(Input);
  checkSharedInputs(Input);

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
