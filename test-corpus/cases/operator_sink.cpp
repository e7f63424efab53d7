// An operator as the sink: the violation is located at the operator.
#include "purpose.h"

#include <string>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

struct Audience {
  std::vector<std::string> keys;
};

AD_TARGETING Audience& operator<<(Audience& audience, const std::string& key);

void Run(const Account& acct) {
  Audience audience;
  audience << acct.phone;  // expect-violation: Account::phone
  audience << acct.display_name;
}
