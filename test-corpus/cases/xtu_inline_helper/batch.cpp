#include "keys.h"

#include <vector>

namespace xi {

void Nightly(const std::vector<Account>& accounts) {
  for (const Account& a : accounts) {
    PushAudience(Key(a));
    UploadOne(Key(a));  // expect-violation: xi::Account::phone
    UploadOne(a.display_name);
  }
}

}  // namespace xi
