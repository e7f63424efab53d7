// Copies: copy-initialisation, direct-initialisation, copy assignment, a copy
// passed by value, and a chain of locals all keep the limitation.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadByValue(std::string id);

void Run(const Account& acct) {
  std::string a = acct.phone;
  std::string b(a);
  std::string c;
  c = b;
  Upload(c);  // expect-violation: Account::phone
  UploadByValue(b);  // expect-violation: Account::phone

  std::string name = acct.display_name;
  std::string name_copy = name;
  Upload(name_copy);
}
