// PURPOSE_LIMITED on a global variable, and a non-annotated global that a
// limited value is stored into (globals behave like fields).
#include "purpose.h"

#include <string>

namespace cfg {
PURPOSE_LIMITED("security") std::string g_support_phone = "+18005550100";
std::string g_public_hotline = "+18005550199";
std::string g_last_contact;
}  // namespace cfg

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Remember(const Account& acct) { cfg::g_last_contact = acct.phone; }

void Run() {
  Upload(cfg::g_support_phone);  // expect-violation: cfg::g_support_phone
  std::string copy = cfg::g_support_phone;
  Upload(copy + ";ext=2");  // expect-violation: cfg::g_support_phone
  Upload(cfg::g_public_hotline);
  Upload(cfg::g_last_contact);  // expect-violation: Account::phone
}
