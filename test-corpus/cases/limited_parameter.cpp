// PURPOSE_LIMITED on a parameter: the argument's value is limited inside the
// function, whatever the caller passed. The origin is named function::param.
#include "purpose.h"

#include <string>

namespace signup {

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("security.sms") void SendSms(const std::string& phone, const std::string& text);

void ShareWithAds(const std::string& contact) {
  Upload(contact);  // expect-violation: signup::OnSignup::phone
}

void OnSignup(int user_id, PURPOSE_LIMITED("security") const std::string& phone,
              const std::string& name) {
  SendSms(phone, "Welcome! Reply STOP to opt out.");
  Upload(name + std::to_string(user_id));
  Upload(phone);  // expect-violation: signup::OnSignup::phone
  ShareWithAds("tel:" + phone);
}

void Caller() { OnSignup(1, "+14155550100", "ada"); }

}  // namespace signup
