// AD_TARGETING on a member function with arguments: a limited argument is
// reported at the call, whether made through an object or a pointer.
#include "purpose.h"

#include <string>
#include <utility>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

namespace ads {

class AudienceClient {
public:
  explicit AudienceClient(std::string advertiser) : advertiser_(std::move(advertiser)) {}
  AD_TARGETING void AddMember(int campaign, const std::string& hashed_id);

private:
  std::string advertiser_;
};

}  // namespace ads

void Run(ads::AudienceClient& client, const Account& acct) {
  client.AddMember(1, acct.phone);  // expect-violation: Account::phone
  client.AddMember(2, acct.display_name);
  ads::AudienceClient* p = &client;
  p->AddMember(3, "+" + acct.phone);  // expect-violation: Account::phone
}
