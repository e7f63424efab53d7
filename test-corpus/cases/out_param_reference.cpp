// Out-parameter through a non-const reference, written two calls deep.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Fill(const Account& acct, std::string& out) { out = "tel:" + acct.phone; }
void Lookup(const Account& acct, std::string& result) { Fill(acct, result); }

void Run(const Account& acct) {
  std::string key;
  Lookup(acct, key);
  Upload(key);  // expect-violation: Account::phone
}
