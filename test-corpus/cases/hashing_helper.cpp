// A user-written hash (FNV-1a, hex encoded) does not remove the limitation: a
// hashed phone number is still the phone number for matching purposes.
#include "purpose.h"

#include <cstdint>
#include <cstdio>
#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& hashed_id);

std::string Fnv1aHex(const std::string& data) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char out[17];
  std::snprintf(out, sizeof(out), "%016llx", static_cast<unsigned long long>(hash));
  return std::string(out);
}

std::string NormalizePhone(const std::string& phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9') digits.push_back(c);
  return digits;
}

void Run(const Account& acct) {
  Upload(Fnv1aHex(NormalizePhone(acct.phone)));  // expect-violation: Account::phone
  Upload(Fnv1aHex(acct.display_name));
}
