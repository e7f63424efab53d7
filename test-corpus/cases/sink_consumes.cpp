// Sinks consume what they are passed: only the call of the outer sink is
// reported, not the sink it calls in its body with the data it received, and
// a sink does not taint its own arguments.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Transmit(const std::string& payload);

AD_TARGETING void UploadAudience(const std::string& id) {
  std::string payload = "{\"id\":\"" + id + "\"}";
  Transmit(payload);
}

AD_TARGETING void Track(const std::string& id, std::string& receipt);

void Run(const Account& acct) {
  UploadAudience(acct.phone);  // expect-violation: Account::phone
  std::string receipt;
  Track(acct.phone, receipt);  // expect-violation: Account::phone
  Transmit(receipt);
}
