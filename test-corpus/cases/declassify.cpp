// PURPOSE_DECLASSIFY: the return value of a declassifier carries no limitation
// from its inputs. The flow is listed as declassified and does not fail the
// run; a plain substring is no declassifier.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

PURPOSE_DECLASSIFY("keeps only the last two digits")
std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 2) return "**";
  return std::string(phone.size() - 2, '*') + phone.substr(phone.size() - 2);
}

void Run(const Account& acct) {
  Upload(MaskPhone(acct.phone));
  Upload(acct.phone.substr(0, 3));  // expect-violation: Account::phone
}
