// A store through a pointer or reference that a program function returns
// reaches the fields and statics it refers to (see
// cxx_returned_references.cpp), and a caller's local passed in and handed
// back: the result of a call may refer to any argument of its own type.
// Formerly a known miss.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

std::string* Pick(std::string* slot) { return slot; }
std::string& Same(std::string& slot) { return slot; }

void Fill(const Account& acct) {
  std::string a;
  *Pick(&a) = acct.phone;
  Upload(a);  // expect-violation: Account::phone

  std::string b;
  Same(b) = acct.phone;
  Upload(b);  // expect-violation: Account::phone

  std::string c;
  *Pick(&c) = acct.display_name;
  Upload(c);
}
