// Member access through a library operator->, operator* or operator[] reads
// only the named field: display_name is clean, phone is limited.
#include "purpose.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Run(const std::unique_ptr<Account>& up, const std::shared_ptr<Account>& sp,
         const std::vector<Account>& v, const std::optional<Account>& o,
         const std::map<int, Account>& by_id) {
  Upload(up->display_name);
  Upload(up->phone);  // expect-violation: Account::phone
  Upload((*sp).display_name);
  Upload((*sp).phone);  // expect-violation: Account::phone
  Upload(v[0].display_name);
  Upload(v.at(1).phone);  // expect-violation: Account::phone
  Upload(o->display_name);
  Upload(by_id.at(7).display_name);
  Upload(v.front().display_name);
}
