// Overloaded comparison operators of library types (std::string ==, !=, <)
// are comparisons too: they yield truth values and carry nothing. Nothing is
// reported.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadFlag(bool flag);

void Run(const Account& acct, const std::string& other) {
  bool same = acct.phone == other;
  Upload(same ? "same" : "different");
  UploadFlag(acct.phone != other);
  UploadFlag(acct.phone < other);
  UploadFlag(acct.phone == "+14155550100");
}
