// Maps: storing a limited value through operator[] or insert taints the map,
// as key or as value.
#include "purpose.h"

#include <map>
#include <string>

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void UploadById(const std::map<int, std::string>& ids);
AD_TARGETING void UploadByKey(const std::map<std::string, int>& keys);

void Run(const Account& acct) {
  std::map<int, std::string> by_id;
  by_id[acct.user_id] = acct.phone;
  UploadById(by_id);  // expect-violation: Account::phone

  std::map<std::string, int> by_key;
  by_key.insert({acct.phone, acct.user_id});
  UploadByKey(by_key);  // expect-violation: Account::phone

  std::map<int, std::string> names;
  names[acct.user_id] = acct.display_name;
  names.insert({acct.user_id + 1, acct.display_name});
  UploadById(names);
}
