// std::string and friends: append, +, substr, c_str, data, std::string_view,
// std::ostringstream and std::stringstream (in and out), snprintf, strcpy and
// memcpy into a buffer. Strings built only from clean data, and a local that
// was cleared or reassigned, are not reported.
#include "purpose.h"

#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>

namespace strings {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadRaw(const char* id);
AD_TARGETING void UploadView(std::string_view id);

void StringOps(const Account& acct) {
  std::string uri = "tel:";
  uri.append(acct.phone);
  Upload(uri);  // expect-violation: strings::Account::phone

  Upload("+" + acct.phone + ";ext=1");  // expect-violation: strings::Account::phone
  Upload(acct.phone.substr(0, 3));  // expect-violation: strings::Account::phone
  UploadRaw(acct.phone.c_str());  // expect-violation: strings::Account::phone

  const char* raw = acct.phone.data();
  Upload(std::string(raw, 4));  // expect-violation: strings::Account::phone

  std::string_view view = acct.phone;
  UploadView(view.substr(1));  // expect-violation: strings::Account::phone

  std::string name = acct.display_name;
  name.append(" (verified)");
  name += std::to_string(acct.user_id);
  Upload(name);
  UploadView(std::string_view(acct.display_name).substr(0, 8));

  std::string reused = acct.phone;
  reused.clear();
  reused += acct.display_name;
  Upload(reused);
}

void Streams(const Account& acct) {
  std::ostringstream out;
  out << "user=" << acct.user_id << " phone=" << acct.phone;
  Upload(out.str());  // expect-violation: strings::Account::phone

  std::stringstream io;
  io << acct.phone;
  std::string parsed;
  io >> parsed;
  Upload(parsed);  // expect-violation: strings::Account::phone

  std::stringstream names;
  names << acct.display_name;
  std::string first_word;
  names >> first_word;
  Upload(first_word);
}

void Buffers(const Account& acct) {
  char formatted[64];
  std::snprintf(formatted, sizeof(formatted), "phone:%s", acct.phone.c_str());
  UploadRaw(formatted);  // expect-violation: strings::Account::phone

  char copied[32];
  std::strcpy(copied, acct.phone.c_str());
  UploadRaw(copied);  // expect-violation: strings::Account::phone

  char prefix[5] = {};
  std::memcpy(prefix, acct.phone.data(), 4);
  UploadRaw(prefix);  // expect-violation: strings::Account::phone

  char greeting[64];
  std::snprintf(greeting, sizeof(greeting), "hi %s", acct.display_name.c_str());
  UploadRaw(greeting);
}

}  // namespace strings
