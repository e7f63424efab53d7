// Non-limited sibling fields of a struct that also holds a limited field do
// not carry its limitation: nothing here is a violation.
#include "purpose.h"

#include <string>

struct Account {
  int user_id = 0;
  std::string display_name;
  std::string handle;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

std::string Greeting(const Account& acct) { return "hi " + acct.display_name; }

void Run(Account& acct) {
  acct.phone = "+14155550100";
  Upload(acct.display_name);
  Upload("@" + acct.handle);
  Upload(std::to_string(acct.user_id));
  Upload(Greeting(acct));
}
