// NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND with a reason suppress a
// violation; suppressed flows do not fail the run. Outside them it is reported.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT std::string email;
};

AD_TARGETING void Upload(const std::string& id);

void Run(const Account& acct) {
  Upload(acct.phone);  // NOLINT(purpose-limitation): approved by privacy review PRIV-123
  // NOLINTNEXTLINE(purpose-limitation): legal-hold export, ticket LEGAL-7
  Upload(acct.email);
  // NOLINTBEGIN(purpose-limitation): migration window, see PRIV-130
  Upload(acct.phone + "#1");
  // NOLINTEND(purpose-limitation)
  Upload(acct.email + "#2");  // expect-violation: Account::email
}
