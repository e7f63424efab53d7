// Containers: a limited value pushed into a vector taints the vector; a vector
// of non-limited values stays clean.
#include "purpose.h"

#include <string>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void UploadAudience(const std::vector<std::string>& ids);

void Run(const std::vector<Account>& accounts) {
  std::vector<std::string> phones;
  std::vector<std::string> names;
  for (const Account& acct : accounts) {
    phones.push_back(acct.phone);
    names.push_back(acct.display_name);
  }
  UploadAudience(phones);  // expect-violation: Account::phone
  UploadAudience(names);
}
