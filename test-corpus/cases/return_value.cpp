// Return values: by value, by const reference, and through a conditional.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

std::string PhoneOf(const Account& acct) { return acct.phone; }
const std::string& PhoneRef(const Account& acct) { return acct.phone; }
std::string NameOf(const Account& acct) { return acct.display_name; }
std::string BestContact(const Account& acct, bool prefer_name) {
  return prefer_name ? acct.display_name : acct.phone;
}

void Run(const Account& acct) {
  Upload(PhoneOf(acct));  // expect-violation: Account::phone
  Upload(PhoneRef(acct));  // expect-violation: Account::phone
  Upload(BestContact(acct, true));  // expect-violation: Account::phone
  Upload(NameOf(acct));
}
