// String building: operator+, append and += keep the limitation of either
// operand.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Run(const Account& acct) {
  Upload("tel:" + acct.phone);  // expect-violation: Account::phone

  std::string appended = "id=";
  appended.append(acct.phone);
  Upload(appended);  // expect-violation: Account::phone

  std::string accumulated;
  accumulated += acct.phone;
  accumulated += ";";
  Upload(accumulated);  // expect-violation: Account::phone

  std::string clean = "name=" + acct.display_name;
  clean += "!";
  Upload(clean);
}
