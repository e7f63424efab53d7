// snprintf into a buffer: library code writes its arguments' taint into the
// non-template T* parameter, so the buffer is limited afterwards.
#include "purpose.h"

#include <cstdio>
#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void UploadRaw(const char* id);

void Run(const Account& acct) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "tel:%s", acct.phone.c_str());
  UploadRaw(buf);  // expect-violation: Account::phone

  char name_buf[64];
  std::snprintf(name_buf, sizeof(name_buf), "name:%s", acct.display_name.c_str());
  UploadRaw(name_buf);
}
