// No flow into T&& or forwarding-reference parameters of library code:
// emplace_back(phone, name) and make_pair(phone, name) leave `name` clean,
// while the container and the pair take the limitation.
#include "purpose.h"

#include <string>
#include <utility>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

using Row = std::pair<std::string, std::string>;

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadRows(const std::vector<Row>& rows);

void Run(const Account& acct) {
  std::string name = acct.display_name;
  std::vector<Row> rows;
  rows.emplace_back(acct.phone, name);
  Upload(name);
  UploadRows(rows);  // expect-violation: Account::phone

  std::string other = acct.display_name;
  auto pair = std::make_pair(acct.phone, other);
  Upload(other);
  // A member of a library type carries the taint of its whole object.
  Upload(pair.second);  // expect-violation: Account::phone
}
