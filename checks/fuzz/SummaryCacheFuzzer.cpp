//===- SummaryCacheFuzzer.cpp - libFuzzer entry for cache entries ---------===//
//
// Feeds arbitrary bytes to parseSummary, twice: as a whole entry, and, since
// a checksum stops nearly every mutation of a payload at the door, with the
// text after "payload": re-wrapped in an envelope whose checksum is right.
// Beyond "no crash, no sanitizer report", it checks the format's contract:
// every error is a clang-style line naming the entry, and whatever parses
// serializes to an entry that parses back and serializes to the same bytes.
//
//===----------------------------------------------------------------------===//
#include "SummaryCache.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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

void checkEntry(llvm::StringRef Entry) {
  llvm::Expected<TUSummary> S = parseSummary(Entry, Root, "fuzz.json");
  if (!S) {
    checkError(S.takeError());
    return;
  }
  std::string Once = serializeSummary(*S, Root);
  llvm::Expected<TUSummary> Again = parseSummary(Once, Root, "fuzz.json");
  if (!Again)
    fail("a serialized summary does not parse:",
         llvm::toString(Again.takeError()));
  if (serializeSummary(*Again, Root) != Once)
    fail("serializing a parsed entry is not a fixed point:", Once);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  checkEntry(Input);

  size_t Start = Input.find("\"payload\":");
  size_t End = Input.rfind('}');
  if (Start == llvm::StringRef::npos || End == llvm::StringRef::npos ||
      End < Start + 10)
    return 0;
  llvm::StringRef Payload = Input.slice(Start + 10, End);
  std::string Entry = "{\"format\":\"purpose-check-summary\",\"version\":1,"
                      "\"checksum\":\"" +
                      contentDigest(Payload) +
                      "\",\"payload\":" + Payload.str() + "}\n";
  checkEntry(Entry);
  return 0;
}
