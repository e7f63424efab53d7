// Sources and sinks given by a policy file (policy_sdk_sink.policy.json) for
// code that cannot be annotated: a generated account type and an ad SDK.
#include "purpose.h"

#include <string>
#include <vector>

namespace acme {
struct Account {
  std::string name;
  std::string phone_2fa;
};
}  // namespace acme

namespace adsdk {
class Audience {
public:
  void Upload(const std::vector<std::string>& ids);
};
void Match(int campaign, const std::string& id);
}  // namespace adsdk

void Run(const acme::Account& acct) {
  std::vector<std::string> ids;
  ids.push_back(acct.phone_2fa);
  adsdk::Audience audience;
  audience.Upload(ids);  // expect-violation: acme::Account::phone_2fa

  adsdk::Match(static_cast<int>(acct.phone_2fa.size()), acct.name);
  adsdk::Match(1, acct.phone_2fa);  // expect-violation: acme::Account::phone_2fa
}
