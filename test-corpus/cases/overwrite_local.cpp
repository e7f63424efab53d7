// Local overwrite: assigning an untainted value to a local or a parameter, or
// clearing it (clear, assign, reset), replaces what it carried. An overwrite
// on only one path does not.
#include "purpose.h"

#include <memory>
#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void OverwriteParameter(std::string id) {
  id = "anonymous";
  Upload(id);
}

void Run(const Account& acct, bool unknown) {
  std::string s = acct.phone;
  s = "unknown";
  Upload(s);

  std::string t = acct.phone;
  t.clear();
  Upload(t);

  std::string u = acct.phone;
  u.assign("n/a");
  Upload(u);

  std::unique_ptr<std::string> p = std::make_unique<std::string>(acct.phone);
  p.reset();
  if (p) Upload(*p);

  OverwriteParameter(acct.phone);

  std::string maybe = acct.phone;
  if (unknown) maybe = "unknown";
  Upload(maybe);  // expect-violation: Account::phone

  std::string later = acct.display_name;
  later = acct.phone;
  Upload(later);  // expect-violation: Account::phone
}
