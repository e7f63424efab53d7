// Calls the sink with what another translation unit's helper returns.
#include "ads.h"
#include "user.h"

namespace xa {

void Campaign(const User& user) {
  Track(ContactOf(user));  // expect-violation: xa::User::recovery_email
  Track(user.name);
  Publish("campaign:" + user.name);
}

}  // namespace xa
