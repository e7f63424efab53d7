// A value derived from several limited origins is checked per origin: only the
// origin whose limit does not allow the use is reported.
#include "purpose.h"

#include <string>

struct Account {
  PURPOSE_LIMITED("security,advertising") std::string marketing_phone;
  SECURITY_CONTACT std::string two_factor_phone;
  SECURITY_CONTACT std::string recovery_email;
};

AD_TARGETING void Upload(const std::string& key);
PURPOSE_USE("security") void Audit(const std::string& key);
PURPOSE_USE("analytics") void Analyze(const std::string& key);

void Run(const Account& acct) {
  std::string key = acct.marketing_phone + "|" + acct.two_factor_phone;
  Upload(key);  // expect-violation: Account::two_factor_phone
  Upload(acct.recovery_email + acct.two_factor_phone);  // expect-violation: Account::recovery_email, Account::two_factor_phone
  Audit(key);
  Analyze(key);  // expect-violation: Account::marketing_phone, Account::two_factor_phone
}
