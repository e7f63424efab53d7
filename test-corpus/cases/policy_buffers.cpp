// A policy source that fills a void* buffer (fread) and a sink that reads
// one (fwrite); and a function that is both a sink and an out-parameter
// source on the same T& argument: its first call fills the token, its second
// sends it.
#include "purpose.h"

#include <cstdio>
#include <string>

namespace xsdk {
void Exchange(std::string& token);
}

namespace buffers {

void Copy(FILE* in, FILE* out) {
  char buf[64];
  std::fread(buf, 1, sizeof buf, in);
  std::fwrite(buf, 1, sizeof buf, out);  // expect-violation: fread
}

void CopyClean(FILE* out) {
  char buf[8] = "hello";
  std::fwrite(buf, 1, sizeof buf, out);
}

void Twice() {
  std::string token;
  xsdk::Exchange(token);
  xsdk::Exchange(token);  // expect-violation: xsdk::Exchange
}

}  // namespace buffers
