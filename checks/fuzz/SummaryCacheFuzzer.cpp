//===- SummaryCacheFuzzer.cpp - libFuzzer entry for cache entries ---------===//
//
// Feeds arbitrary bytes to parseSummary, twice: as a whole entry, and, since
// a checksum stops nearly every mutation of a payload at the door, with the
// text after "payload": re-wrapped in an envelope whose checksum is right.
// The same bytes also go to parseSharedInputs. An entry's shared input set
// resolves to a set made up from its id.
// Beyond "no crash, no sanitizer report", it checks the format's contract:
// every error is a clang-style line naming the entry, and whatever parses
// serializes to an entry (and shared set) that parses back and serializes to
// the same bytes.
//
//===----------------------------------------------------------------------===//
#include "SummaryCache.h"
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

void checkEntry(llvm::StringRef Entry) {
  llvm::Expected<TUSummary> S = parseSummary(Entry, Root, "fuzz.json", madeUpSet);
  if (!S) {
    checkError(S.takeError());
    return;
  }
  SerializedSummary Once = serializeSummary(*S, Root);
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
