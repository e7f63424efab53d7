// PURPOSE_LIMITED on a function limits its return value, whether or not the
// function has a body here. The origin is the function's name.
#include "purpose.h"

#include <string>

namespace db {
PURPOSE_LIMITED("security") std::string ReadRecoveryEmail(int user_id);
SECURITY_CONTACT std::string LoadOtpPhone(int user_id) {
  return "+1415555" + std::to_string(1000 + user_id);
}
std::string ReadDisplayName(int user_id);
}  // namespace db

AD_TARGETING void Upload(const std::string& id);

void Run(int user_id) {
  Upload(db::ReadRecoveryEmail(user_id));  // expect-violation: db::ReadRecoveryEmail
  std::string phone = db::LoadOtpPhone(user_id);
  Upload(phone);  // expect-violation: db::LoadOtpPhone
  Upload(db::ReadDisplayName(user_id));
}
