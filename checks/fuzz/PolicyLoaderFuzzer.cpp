//===- PolicyLoaderFuzzer.cpp - libFuzzer entry for policy files ----------===//
//
// Feeds arbitrary bytes to loadPolicyBuffer. Beyond "no crash, no sanitizer
// report", it checks the loader's contract: every error is a clang-style
// line naming the file, and every loaded policy satisfies the invariants
// that the analysis relies on (valid sorted purposes, non-negative indexes,
// patterns that match themselves, a merge with itself that changes nothing).
//
//===----------------------------------------------------------------------===//
#include "Policy.h"
#include "PolicyLoader.h"
#include "Purpose.h"
#include "llvm/ADT/STLExtras.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace purpose;

namespace {

[[noreturn]] void fail(const char *What, llvm::StringRef Detail = "") {
  std::fprintf(stderr, "contract violated: %s %.*s\n", What,
               static_cast<int>(Detail.size()), Detail.data());
  std::abort();
}

void checkErrors(llvm::Error E) {
  llvm::handleAllErrors(std::move(E), [](const llvm::ErrorInfoBase &I) {
    std::string Msg = I.message();
    if (!llvm::StringRef(Msg).starts_with("fuzz.json") ||
        Msg.find(": error: ") == std::string::npos)
      fail("error is not 'fuzz.json[:L:C]: error: ...':", Msg);
  });
}

bool sortedValidPurposes(const std::vector<std::string> &Ps) {
  return !Ps.empty() &&
         llvm::all_of(Ps,
                      [](const std::string &P) { return isValidPurpose(P); }) &&
         std::adjacent_find(Ps.begin(), Ps.end(),
                            [](const std::string &A, const std::string &B) {
                              return A >= B;
                            }) == Ps.end();
}

void checkPolicy(const Policy &P) {
  for (const SourceRule &S : P.Sources) {
    if (S.Pattern.empty() || !sortedValidPurposes(S.Purposes) ||
        S.Pos.Line == 0)
      fail("bad source rule", S.Pattern);
    if (S.Kind == SourceRule::Field && !S.OutParams.empty())
      fail("field source with out_params", S.Pattern);
    if (llvm::any_of(S.OutParams, [](int I) { return I < 0; }))
      fail("negative out_param", S.Pattern);
    const SourceRule *M = P.matchSource(S.Kind, S.Pattern);
    if (!M || !globMatch(M->Pattern, S.Pattern))
      fail("a source pattern does not match itself", S.Pattern);
  }
  for (const SinkRule &S : P.Sinks) {
    if (S.Pattern.empty() || !isValidPurpose(S.Purpose) ||
        (S.Param && *S.Param < 0))
      fail("bad sink rule", S.Pattern);
    if (P.matchSinks(S.Pattern).empty())
      fail("a sink pattern does not match itself", S.Pattern);
  }
  for (const DeclassifierRule &D : P.Declassifiers) {
    if (D.Pattern.empty() || D.Reason.empty())
      fail("bad declassifier rule", D.Pattern);
    if (!P.matchDeclassifier(D.Pattern))
      fail("a declassifier pattern does not match itself", D.Pattern);
  }
  Policy Copy;
  if (llvm::Error E = mergePolicy(Copy, P))
    fail("merging a loaded policy into an empty one failed",
         llvm::toString(std::move(E)));
  if (llvm::Error E = mergePolicy(Copy, P))
    fail("merging a loaded policy twice failed", llvm::toString(std::move(E)));
  if (Copy.digest() != P.digest())
    fail("merging changed the digest");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Input(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<Policy> P = loadPolicyBuffer(Input, "fuzz.json");
  if (!P) {
    checkErrors(P.takeError());
    return 0;
  }
  checkPolicy(*P);
  return 0;
}
