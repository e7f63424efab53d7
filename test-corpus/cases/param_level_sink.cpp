// PURPOSE_USE on one parameter: only what reaches that parameter is used for
// the purpose. A limited value in another parameter is not reported.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

void Match(int campaign, PURPOSE_USE("advertising") const std::string& id);
void Tag(const std::string& label, PURPOSE_USE("advertising") const std::string& id);

void Run(const Account& acct) {
  Match(static_cast<int>(acct.phone.size()), acct.display_name);
  Match(7, acct.phone);  // expect-violation: Account::phone
  Tag(acct.phone, acct.display_name);
  Tag("vip", acct.phone);  // expect-violation: Account::phone
}
