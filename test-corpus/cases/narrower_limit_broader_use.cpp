// A value limited to "security.auth" used for the broader "security" is
// reported: the use does not lie within the narrower limit. Uses within
// "security.auth" are allowed.
#include "purpose.h"

#include <string>

struct Credentials {
  PURPOSE_LIMITED("security.auth") std::string totp_seed;
};

PURPOSE_USE("security") void SecurityLog(const std::string& entry);
PURPOSE_USE("security.fraud") void FraudSignal(const std::string& entry);
PURPOSE_USE("security.auth.totp") void VerifyTotp(const std::string& seed, int code);

void Run(const Credentials& creds, int code) {
  SecurityLog(creds.totp_seed);  // expect-violation: Credentials::totp_seed
  FraudSignal(creds.totp_seed);  // expect-violation: Credentials::totp_seed
  VerifyTotp(creds.totp_seed, code);
}
