// Pointers: dereferencing a pointer to a limited field, and writing a limited
// value through a pointer into a local, both carry the limitation.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Run(Account& acct) {
  const std::string* p = &acct.phone;
  Upload(*p);  // expect-violation: Account::phone

  std::string local;
  std::string* q = &local;
  *q = acct.phone;
  Upload(local);  // expect-violation: Account::phone

  const std::string* n = &acct.display_name;
  Upload(*n);
}
