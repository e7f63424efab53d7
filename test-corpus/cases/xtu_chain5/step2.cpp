#include "chain.h"

namespace xc {

void Step2(const Member& m, std::string* out) {
  std::string v = Step1(m);
  *out = v + "#";
}

}  // namespace xc
