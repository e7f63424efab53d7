// The hierarchy goes by dotted components, not string prefixes:
// "security_audit" and "securityx" do not lie within "security".
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

PURPOSE_USE("security_audit") void AuditExport(const std::string& id);
PURPOSE_USE("securityx") void VendorExport(const std::string& id);
PURPOSE_USE("security.audit") void SecurityAudit(const std::string& id);

void Run(const Account& acct) {
  AuditExport(acct.phone);  // expect-violation: Account::phone
  VendorExport(acct.phone);  // expect-violation: Account::phone
  SecurityAudit(acct.phone);
}
