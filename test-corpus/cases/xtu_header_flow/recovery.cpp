// An allowed use of the same helper: recovery lies within security.
#include "user.h"

namespace xa {

PURPOSE_USE("security.recovery") void SendRecoveryLink(const std::string& to);

void Recover(const User& user) { SendRecoveryLink(ContactOf(user)); }

}  // namespace xa
