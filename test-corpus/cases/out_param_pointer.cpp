// Out-parameter through a pointer: the callee writes a limited value through
// `out`, and the caller's local is limited afterwards.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void GetPhone(const Account& acct, std::string* out) { *out = acct.phone; }
void GetName(const Account& acct, std::string* out) { *out = acct.display_name; }

void Run(const Account& acct) {
  std::string phone;
  GetPhone(acct, &phone);
  Upload(phone);  // expect-violation: Account::phone

  std::string name;
  GetName(acct, &name);
  Upload(name);
}
