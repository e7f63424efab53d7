//===- BaselineFuzzer.cpp - libFuzzer entry for baselines -----------------===//
//
// Feeds arbitrary bytes to parseBaseline. Beyond "no crash, no sanitizer
// report", it checks the reader's contract: every error is a clang-style
// line naming the file, and a baseline that loads holds only non-empty
// fingerprints.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace purpose;

namespace {

[[noreturn]] void fail(const char *What, llvm::StringRef Detail = "") {
  std::fprintf(stderr, "contract violated: %s %.*s\n", What,
               static_cast<int>(Detail.size()), Detail.data());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  auto Fingerprints = parseBaseline(Input, "fuzz.json");
  if (!Fingerprints) {
    llvm::handleAllErrors(
        Fingerprints.takeError(), [](const llvm::ErrorInfoBase &I) {
          std::string Msg = I.message();
          if (!llvm::StringRef(Msg).starts_with("fuzz.json") ||
              Msg.find(": error: ") == std::string::npos)
            fail("error is not 'fuzz.json[:L:C]: error: ...':", Msg);
        });
    return 0;
  }
  for (const std::string &F : *Fingerprints)
    if (F.empty())
      fail("an empty fingerprint was accepted");
  return 0;
}
