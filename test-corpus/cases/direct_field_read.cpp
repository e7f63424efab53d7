// Direct read of a limited field passed straight to an advertising sink.
#include "purpose.h"

#include <string>

namespace demo {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Run(const Account& acct) {
  Upload(acct.phone);  // expect-violation: demo::Account::phone
}

void RunThroughPointer(const Account* acct) {
  Upload(acct->phone);  // expect-violation: demo::Account::phone
}

}  // namespace demo
