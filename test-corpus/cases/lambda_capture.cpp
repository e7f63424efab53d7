// Lambdas: captures by reference and by value, lambda parameters, and lambda
// return values carry the limitation.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Run(const Account& acct) {
  auto send_phone = [&acct]() {
    Upload(acct.phone);  // expect-violation: Account::phone
  };
  send_phone();

  std::string phone = acct.phone;
  auto with_suffix = [phone](const std::string& suffix) { return phone + suffix; };
  Upload(with_suffix("!"));  // expect-violation: Account::phone

  auto upload_it = [](const std::string& id) {
    Upload(id);  // expect-violation: Account::phone
  };
  upload_it(acct.phone);

  auto name_of = [&acct] { return acct.display_name; };
  Upload(name_of());
}
