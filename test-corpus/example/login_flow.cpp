#include "login_flow.h"

#include "crypto.h"
#include "notifications.h"

namespace social {

LoginFlow::LoginFlow(const AccountStore& store)
    : store_(store), rng_(std::random_device{}()) {}

int LoginFlow::NextCode() {
  std::uniform_int_distribution<int> digits(0, 999999);
  return digits(rng_);
}

std::string LoginFlow::NextToken() {
  std::uniform_int_distribution<unsigned> word;
  return Sha256Hex(std::to_string(word(rng_)) + std::to_string(word(rng_)));
}

bool LoginFlow::StartChallenge(UserId id) {
  const Account* account = store_.Find(id);
  if (account == nullptr || account->two_factor_phone.empty()) return false;
  int code = NextCode();
  pending_codes_[id] = code;
  // The purpose the number was collected for: security.sms_delivery lies
  // within security.
  std::string phone = NormalizePhone(account->two_factor_phone, account->country_code);
  SendSmsCode(phone, code);
  return true;
}

bool LoginFlow::VerifyCode(UserId id, int code) {
  auto it = pending_codes_.find(id);
  if (it == pending_codes_.end() || it->second != code) return false;
  pending_codes_.erase(it);
  return true;
}

bool LoginFlow::StartRecovery(UserId id) {
  const Account* account = store_.Find(id);
  if (account == nullptr || account->recovery_email.empty()) return false;
  std::string link = "https://social.example/recover?t=" + NextToken();
  SendRecoveryLink(account->recovery_email, link);
  return true;
}

}  // namespace social
