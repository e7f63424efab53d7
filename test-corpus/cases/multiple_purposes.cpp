// A value limited to several purposes ("security, billing", with spaces) may
// be used for any of them or purposes within them, and for nothing else.
#include "purpose.h"

#include <string>

struct Customer {
  PURPOSE_LIMITED("security, billing") std::string email;
};

PURPOSE_USE("billing.invoice") void MailInvoice(const std::string& email, int amount_cents);
PURPOSE_USE("security.recovery") void MailRecoveryLink(const std::string& email);
AD_TARGETING void UploadAudience(const std::string& email);

void Run(const Customer& customer) {
  MailInvoice(customer.email, 1999);
  MailRecoveryLink(customer.email);
  UploadAudience(customer.email);  // expect-violation: Customer::email
}
