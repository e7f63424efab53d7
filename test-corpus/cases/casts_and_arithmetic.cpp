// Casts, conditional expressions, and built-in arithmetic and bitwise
// operators carry the limitation.
#include "purpose.h"

#include <cstdint>
#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
  PURPOSE_LIMITED("security") std::int64_t pin_hash = 0;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadNumber(long long value);

void Run(const Account& acct, bool prefer_phone) {
  Upload(prefer_phone ? acct.phone : acct.display_name);  // expect-violation: Account::phone
  Upload(prefer_phone ? std::string("anonymous") : acct.display_name);

  UploadNumber(static_cast<long long>(static_cast<int>(acct.pin_hash)));  // expect-violation: Account::pin_hash
  UploadNumber((long long)acct.pin_hash);  // expect-violation: Account::pin_hash

  long long checksum = 0;
  for (char c : acct.phone) checksum = checksum * 31 + c;
  UploadNumber(checksum);  // expect-violation: Account::phone

  std::uint64_t mixed = static_cast<std::uint64_t>(acct.pin_hash) ^ 0x9e3779b97f4a7c15ULL;
  UploadNumber(static_cast<long long>((mixed << 7) | (mixed >> 57)));  // expect-violation: Account::pin_hash

  const char* raw = acct.phone.c_str();
  Upload(std::string(reinterpret_cast<const char*>(raw)));  // expect-violation: Account::phone
}
