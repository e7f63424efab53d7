// Uses within the limit are allowed: "security.sms" and "security.sms.otp" lie
// within "security", and "security" itself is allowed. Nothing is reported.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT std::string email;
};

PURPOSE_USE("security.sms") void SendSms(const std::string& phone, const std::string& text);
PURPOSE_USE("security.sms.otp") void SendOtp(const std::string& phone, int code);
PURPOSE_USE("security") void AuditContactChange(const std::string& contact);

void Run(const Account& acct) {
  SendSms(acct.phone, "Your login code is 123456");
  SendOtp("+" + acct.phone, 123456);
  AuditContactChange(acct.email);
}
