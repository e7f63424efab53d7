// Two-factor login: a one-time code sent by SMS, and e-mail recovery.
#ifndef SOCIAL_LOGIN_FLOW_H
#define SOCIAL_LOGIN_FLOW_H

#include "account.h"

#include <map>
#include <random>
#include <string>

namespace social {

class LoginFlow {
public:
  // `store` must outlive the flow.
  explicit LoginFlow(const AccountStore& store);

  // Texts a fresh code to the account's two-factor phone. False when the
  // account is unknown or has no phone on file.
  bool StartChallenge(UserId id);

  // True, once, for the code most recently sent to `id`.
  bool VerifyCode(UserId id, int code);

  // Mails a recovery link to the account's recovery address.
  bool StartRecovery(UserId id);

private:
  int NextCode();
  std::string NextToken();

  const AccountStore& store_;
  std::map<UserId, int> pending_codes_;
  std::mt19937 rng_;
};

}  // namespace social

#endif  // SOCIAL_LOGIN_FLOW_H
