// A sub-purpose of a purpose outside the limit is still outside it:
// "advertising.partner" on a value limited to "security" is reported.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

PURPOSE_USE("advertising.partner") void ShareWithPartner(const std::string& id);
PURPOSE_USE("analytics.growth.contacts") void GrowthImport(const std::string& id);

void Run(const Account& acct) {
  ShareWithPartner(acct.phone);  // expect-violation: Account::phone
  GrowthImport(acct.phone);  // expect-violation: Account::phone
  ShareWithPartner(acct.display_name);
}
