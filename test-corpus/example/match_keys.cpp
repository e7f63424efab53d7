#include "audience.h"
#include "crypto.h"

namespace social::ads {
namespace {

std::string HashedEmail(const Account& account) {
  return Sha256Hex(NormalizeEmail(account.recovery_email));
}

std::string HashedPhone(const Account& account) {
  return Sha256Hex(NormalizePhone(account.two_factor_phone, account.country_code));
}

}  // namespace

std::vector<std::string> MatchKeysFor(const Account& account) {
  std::vector<std::string> keys;
  if (!account.recovery_email.empty()) keys.push_back(HashedEmail(account));
  if (!account.two_factor_phone.empty()) keys.push_back(HashedPhone(account));
  return keys;
}

}  // namespace social::ads
