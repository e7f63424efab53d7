// Function pointers and member-function pointers: a call through a pointer
// goes to the functions whose address flows to that pointer, not to every
// function of the same signature. Functions with the same signature that the
// limited value never reaches through a pointer are not reported.
#include "purpose.h"

#include <string>

namespace dispatch {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("advertising.partner") void ShareWithPartner(const std::string& id);
PURPOSE_USE("security.audit") void AuditLog(const std::string& entry);

using Handler = void (*)(const std::string&);

void AdsHandler(const std::string& id) {
  Upload(id);  // expect-violation: dispatch::Account::phone
}

void PartnerHandler(const std::string& id) {
  ShareWithPartner(id);  // reached only with the display name
}

void AuditHandler(const std::string& id) { AuditLog(id); }

// A table of handlers, all called with the phone number.
void Broadcast(const Account& acct) {
  static const Handler kHandlers[] = {&AuditHandler, &AdsHandler};
  for (Handler h : kHandlers) h(acct.phone);
}

// A pointer chosen at run time; each call reaches only the functions assigned.
void Route(const Account& acct, bool audit) {
  Handler on_phone = &AuditHandler;
  on_phone(acct.phone);

  Handler on_name = audit ? &AuditHandler : &PartnerHandler;
  on_name(acct.display_name);
}

// Getters of the same signature: only the one the pointer holds is called.
using Getter = std::string (*)(const Account&);

std::string GetPhone(const Account& acct) { return acct.phone; }
std::string GetName(const Account& acct) { return acct.display_name; }

void Export(const Account& acct) {
  Getter name_getter = &GetName;
  Upload(name_getter(acct));

  Getter phone_getter = GetPhone;
  Upload(phone_getter(acct));  // expect-violation: dispatch::Account::phone
}

// A callback passed as a parameter.
void WithCallback(const std::string& value, void (*callback)(const std::string&)) {
  callback(value);
}

void Register(const Account& acct) { WithCallback(acct.phone, &AuditHandler); }

// Member-function pointers.
class Exporter {
 public:
  void ToAds(const std::string& id) {
    Upload("ads:" + id);  // expect-violation: dispatch::Account::phone
  }
  void ToPartner(const std::string& id) {
    ShareWithPartner("partner:" + id);  // reached only with the display name
  }
  void ToAudit(const std::string& id) { AuditLog(id); }
};

using ExportFn = void (Exporter::*)(const std::string&);

void RunExports(Exporter& exporter, const Account& acct, bool ads_enabled) {
  ExportFn phone_fn = ads_enabled ? &Exporter::ToAds : &Exporter::ToAudit;
  (exporter.*phone_fn)(acct.phone);

  ExportFn name_fn = &Exporter::ToPartner;
  Exporter* ptr = &exporter;
  (ptr->*name_fn)(acct.display_name);
}

}  // namespace dispatch
