#include "chain.h"

namespace xc {

std::string Step1(const Member& m) { return m.phone; }

}  // namespace xc
