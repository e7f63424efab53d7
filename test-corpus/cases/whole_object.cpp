// Whole objects: passing, copying or pointing to a struct that holds limited
// fields carries every one of them.
#include "purpose.h"

#include <string>

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT std::string email;
};

struct Banner {
  std::string text;
};

AD_TARGETING void UploadProfile(const Account& acct);
AD_TARGETING void UploadProfilePtr(const Account* acct);
AD_TARGETING void UploadBanner(const Banner& banner);

void Run(const Account& acct, const Banner& banner) {
  UploadProfile(acct);  // expect-violation: Account::email, Account::phone
  Account copy = acct;
  UploadProfilePtr(&copy);  // expect-violation: Account::email, Account::phone
  UploadBanner(banner);
}
