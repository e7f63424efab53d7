#include "chain.h"

namespace xc {

void Step4(const Member& m, std::string& out) { out = "k:" + Step3(m); }

}  // namespace xc
