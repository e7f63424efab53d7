// Stream building: operator<< taints the stream it writes to, through the
// chained references it returns, and str() returns that taint.
#include "purpose.h"

#include <sstream>
#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Run(const Account& acct) {
  std::ostringstream os;
  os << "tel:" << acct.phone << ";v=1";
  Upload(os.str());  // expect-violation: Account::phone

  std::ostringstream clean;
  clean << "name:" << acct.display_name;
  Upload(clean.str());
}
