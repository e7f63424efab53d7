#include "keys.h"

namespace xi {

PURPOSE_USE("security.authentication") void SendCode(const std::string& phone);

void OnMobileLogin(const Account& a) {
  SendCode(Key(a));
  PushAudience(a.display_name);
}

}  // namespace xi
