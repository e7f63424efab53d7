#include "chain.h"

namespace xc {

namespace {
std::string Digits(const std::string& s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}
}  // namespace

std::string Step3(const Member& m) {
  std::string tmp;
  Step2(m, &tmp);
  return Digits(tmp);
}

}  // namespace xc
