// Virtual calls go to every override the program defines, and a PURPOSE_USE
// on a virtual function also applies to its overrides.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("security.audit") void AuditLog(const std::string& entry);

class Exporter {
public:
  virtual ~Exporter() = default;
  virtual void Export(const std::string& id) = 0;
};

class AdExporter : public Exporter {
public:
  void Export(const std::string& id) override {
    Upload(id);  // expect-violation: Account::phone
  }
};

class AuditExporter : public Exporter {
public:
  void Export(const std::string& id) override { AuditLog(id); }
};

class AdChannel {
public:
  virtual ~AdChannel() = default;
  AD_TARGETING virtual void Send(const std::string& id) = 0;
};

class PartnerChannel : public AdChannel {
public:
  void Send(const std::string& id) override;
};

void Run(Exporter& exporter, PartnerChannel& channel, const Account& acct) {
  exporter.Export(acct.phone);
  channel.Send(acct.phone);  // expect-violation: Account::phone
  channel.Send(acct.display_name);
}
