// Precision: what must NOT be reported, next to what must. A clean sibling
// field of the same object; a variable overwritten with clean data (and one
// overwritten on one branch only, which stays reported); a container that only
// ever held clean values; a struct without limited or tainted fields.
// Field state is per field, not per object (INTERFACE section 1, documented
// imprecision): of two Messages, only one written from the phone, both report.
#include "purpose.h"

#include <string>
#include <vector>

namespace precision {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

struct Message {
  std::string recipient;
  std::string body;
};

struct Banner {
  std::string text;
  int width = 0;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadAll(const std::vector<std::string>& ids);
AD_TARGETING void UploadBanner(const Banner& banner);

void Siblings(const Account& acct) {
  Upload(acct.display_name);
  Upload(std::to_string(acct.user_id));
  const Account* ptr = &acct;
  Upload(ptr->display_name);
  Upload(ptr->phone);  // expect-violation: precision::Account::phone
}

void Overwrites(const Account& acct, bool fallback) {
  std::string id = acct.phone;
  id = acct.display_name;
  Upload(id);

  std::string maybe = acct.phone;
  if (fallback) maybe = "unknown";
  Upload(maybe);  // expect-violation: precision::Account::phone

  std::string cleared = acct.phone;
  cleared.assign("anonymous");
  Upload(cleared);
}

void Containers(const std::vector<Account>& accounts) {
  std::vector<std::string> phones;
  std::vector<std::string> names;
  for (const Account& a : accounts) {
    phones.push_back(a.phone);
    names.push_back(a.display_name);
  }
  UploadAll(names);
  UploadAll(phones);  // expect-violation: precision::Account::phone
}

void Objects(const Account& acct) {
  Message sms;
  sms.recipient = acct.phone;
  sms.body = "Your code is 123456";
  Message ad;
  ad.recipient = acct.display_name;
  ad.body = "Spring sale!";
  // Field-based: Message::recipient holds the phone somewhere in the program,
  // so every read of it is limited, ad's included.
  Upload(ad.recipient);  // expect-violation: precision::Account::phone
  Upload(ad.body);

  Banner banner{"Welcome " + acct.display_name, 300};
  UploadBanner(banner);
}

void ControlDependence(const Account& acct) {
  if (acct.phone.empty()) Upload(acct.display_name);
}

}  // namespace precision
