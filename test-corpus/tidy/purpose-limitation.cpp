// Self-checking test of the purpose-limitation check (scripts/check_tidy.py):
// the warning at the sink call, a note per trace step, NOLINT with a reason.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
  std::string name;
};

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("security.sms") void SendSms(const std::string& to);

std::string Normalize(const std::string& p) { return "+" + p; }

void Run(const Account& a) {
  SendSms(a.phone);  // allowed: security.sms lies within security
  std::string n = Normalize(a.phone);
  Upload(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Account::phone', limited to 'security', reaches 'Upload', a use for 'advertising' [purpose-limitation]
  // CHECK-NOTES: :[[@LINE-3]]:31: note: read of 'Account::phone'
  // CHECK-NOTES: :[[@LINE-4]]:31: note: passed to 'Normalize' as argument 1
  // CHECK-NOTES: :15:47: note: returned from 'Normalize'
  // CHECK-NOTES: :[[@LINE-6]]:15: note: assigned to 'n'
  // CHECK-NOTES: :[[@LINE-6]]:10: note: passed to 'Upload' as argument 1
  Upload(a.name);
  Upload(a.phone);  // NOLINT(purpose-limitation): reviewed in PRIV-1
}
