// Built-in comparisons and logical operators yield truth values and carry
// nothing, even when their operands are limited. Nothing is reported.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
  PURPOSE_LIMITED("security") int failed_logins = 0;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadFlag(bool flag);

void Run(const Account& acct) {
  bool international = acct.phone.size() > 10;
  Upload(international ? "intl" : "domestic");

  bool plus = !acct.phone.empty() && acct.phone[0] == '+';
  Upload(std::to_string(plus));

  UploadFlag(acct.failed_logins >= 3);
  UploadFlag(acct.failed_logins != 0 || acct.phone.size() < 5);
  UploadFlag(!acct.failed_logins);
}
