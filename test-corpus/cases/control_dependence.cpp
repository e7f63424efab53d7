// Control dependence is not a flow: branching on a limited value does not
// limit what the branch sends. Nothing is reported.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Run(const Account& acct) {
  if (acct.phone.empty()) Upload(acct.display_name);

  std::string label = "no-phone";
  if (!acct.phone.empty()) label = "has-phone";
  Upload(label);

  for (char c : acct.phone) {
    if (c == '+') {
      Upload("international");
      break;
    }
  }

  switch (acct.phone.size()) {
    case 10:
      Upload("domestic");
      break;
    default:
      break;
  }

  while (acct.phone.size() > 20) {
    Upload("too-long");
    break;
  }
}
