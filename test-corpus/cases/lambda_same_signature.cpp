// Two lambdas with the same parameter types in one member function are two
// functions. Calling one must not run the other's body with its captures:
// the clean lambda uploads only the name it captured, and the one that
// captured the phone number only sends a text.
#include "purpose.h"

#include <string>

namespace lambdas_same_signature {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("security.sms") void SendSms(const std::string& phone, int code);

struct Worker {
  void Run(const Account& a) {
    std::string name = a.display_name;
    std::string phone = a.phone;
    auto upload = [&](int n) { Upload(name); };
    auto text = [&](int n) { SendSms(phone, n); };
    upload(1);
    text(2);
  }

  void RunReversed(const Account& a) {
    std::string phone = a.phone;
    std::string name = a.display_name;
    auto text = [&](int n) { SendSms(phone, n); };
    auto upload = [&](int n) { Upload(name); };
    text(1);
    upload(2);
  }

  void Leaky(const Account& a) {
    std::string phone = a.phone;
    auto text = [&](int n) { SendSms(phone, n); };
    auto upload = [&](int n) { Upload(phone); };  // expect-violation: lambdas_same_signature::Account::phone
    text(1);
    upload(2);
  }
};

}  // namespace lambdas_same_signature
