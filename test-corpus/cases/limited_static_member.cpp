// PURPOSE_LIMITED on an in-class static data member covers its out-of-class
// definition.
#include "purpose.h"

#include <string>

namespace support {

struct Config {
  SECURITY_CONTACT static std::string escalation_phone;
  static std::string public_hotline;
};

std::string Config::escalation_phone = "+14155550123";
std::string Config::public_hotline = "+18005550199";

AD_TARGETING void Upload(const std::string& id);

void Run() {
  Upload(Config::escalation_phone);  // expect-violation: support::Config::escalation_phone
  Upload(Config::public_hotline);
}

}  // namespace support
