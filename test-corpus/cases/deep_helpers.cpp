// Helpers several calls deep: the limited value is returned up through three
// functions, and passed down through three more before it reaches the sink.
#include "purpose.h"

#include <string>

namespace svc {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

std::string Level3(const Account& acct) { return acct.phone; }
std::string Level2(const Account& acct) { return "+" + Level3(acct); }
std::string Level1(const Account& acct) { return Level2(acct); }

void Down3(const std::string& key) {
  Upload(key);  // expect-violation: svc::Account::phone
}
void Down2(const std::string& key) { Down3(key + "#"); }
void Down1(std::string key) { Down2(key); }

void Run(const Account& acct) {
  Upload(Level1(acct));  // expect-violation: svc::Account::phone
  Down1(acct.phone);
  Down1(acct.display_name);
}

}  // namespace svc
