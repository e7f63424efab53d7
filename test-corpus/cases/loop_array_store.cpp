// A value that becomes limited inside a loop and is then stored into a local
// array keeps the limitation, also when it comes in through a parameter
// (the pattern of snprintf-after-hash-loop and hex encoders with a buffer).
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

std::string LastCharViaLoop(const std::string& data) {
  char last = 0;
  for (char c : data) last = c;
  char out[2] = {};
  out[0] = last;
  return std::string(out);
}

std::string CopyInLoop(const std::string& data) {
  char out[4] = {};
  for (int i = 0; i < 3 && i < static_cast<int>(data.size()); ++i) out[i] = data[i];
  return std::string(out);
}

std::string FirstCharNoLoop(const std::string& data) {
  char out[2] = {};
  out[0] = data.empty() ? '\0' : data[0];
  return std::string(out);
}

void Run(const Account& acct) {
  Upload(LastCharViaLoop(acct.phone));  // expect-violation: Account::phone
  Upload(CopyInLoop(acct.phone));  // expect-violation: Account::phone
  Upload(FirstCharNoLoop(acct.phone));  // expect-violation: Account::phone

  char direct[2] = {};
  for (char c : acct.phone) direct[0] = c;
  Upload(std::string(direct));  // expect-violation: Account::phone
}
