// References: a reference bound to a limited field, a const reference, and a
// reference parameter all carry the limitation.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT std::string email;
};

AD_TARGETING void Upload(const std::string& id);

void Forward(const std::string& ref) {
  Upload(ref);  // expect-violation: Account::email
}

void Run(Account& acct) {
  std::string& r = acct.phone;
  Upload(r);  // expect-violation: Account::phone

  const auto& cr = acct.email;
  Forward(cr);

  std::string& name = acct.display_name;
  Upload(name);
}
