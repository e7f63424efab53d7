#include "keys.h"

namespace xi {

void OnWebSignup(const Account& a) {
  PushAudience(Key(a));
  UploadOne(Key(a));  // expect-violation: xi::Account::phone
}

}  // namespace xi
