// Protobuf-style generated code that cannot be annotated: the policy limits
// the accessors' return values and names the generated setter of an ad event
// as a use. A declassifier from the policy masks the phone for support.
#include "purpose.h"

#include <string>

namespace acme {
namespace pb {
class Account {
 public:
  const std::string& recovery_email() const { return recovery_email_; }
  const std::string& display_name() const { return display_name_; }
  const std::string& two_factor_phone() const { return two_factor_phone_; }

 private:
  std::string recovery_email_;
  std::string display_name_;
  std::string two_factor_phone_;
};

class AdEvent {
 public:
  void set_user_key(const std::string& v) { user_key_ = v; }

 private:
  std::string user_key_;
};
}  // namespace pb

std::string MaskPhone(const std::string& phone) {
  return phone.size() > 2 ? "*" + phone.substr(phone.size() - 2) : "*";
}
}  // namespace acme

PURPOSE_USE("support.ticket") void OpenTicket(const std::string& text);

void Emit(const acme::pb::Account& a, acme::pb::AdEvent& e) {
  e.set_user_key(a.recovery_email());  // expect-violation: acme::pb::Account::recovery_email
  e.set_user_key(a.display_name());
  e.set_user_key(acme::MaskPhone(a.two_factor_phone()));  // declassified, not a violation
  std::string key = a.recovery_email();
  key = "anonymous";
  e.set_user_key(key);
  OpenTicket("call " + acme::MaskPhone(a.two_factor_phone()));
  OpenTicket(a.two_factor_phone());  // expect-violation: acme::pb::Account::two_factor_phone
}
