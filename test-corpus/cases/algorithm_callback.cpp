// A callable passed to a library algorithm is called with the taint of the
// container elements, and its results flow to the algorithm's outputs.
#include "purpose.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadAll(const std::vector<std::string>& ids);

void Run(const std::vector<Account>& accounts) {
  std::vector<std::string> phones;
  for (const Account& acct : accounts) phones.push_back(acct.phone);

  std::for_each(phones.begin(), phones.end(), [](const std::string& p) {
    Upload(p);  // expect-violation: Account::phone
  });

  std::vector<std::string> keys;
  std::transform(accounts.begin(), accounts.end(), std::back_inserter(keys),
                 [](const Account& a) { return "k:" + a.phone; });
  UploadAll(keys);  // expect-violation: Account::phone

  std::vector<std::string> names;
  std::transform(accounts.begin(), accounts.end(), std::back_inserter(names),
                 [](const Account& a) { return a.display_name; });
  UploadAll(names);
}
