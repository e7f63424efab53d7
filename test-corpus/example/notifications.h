// Security notifications: SMS login codes and account recovery mail.
//
// Both are implemented by the carrier and mail gateway clients, which are
// linked in from outside this repository.
#ifndef SOCIAL_NOTIFICATIONS_H
#define SOCIAL_NOTIFICATIONS_H

#include "purpose.h"

#include <string>

namespace social {

// Texts a one-time login code to `phone` (E.164 digits).
PURPOSE_USE("security.sms_delivery")
void SendSmsCode(const std::string& phone, int code);

// Mails a single-use recovery link to `email`.
PURPOSE_USE("security.account_recovery")
void SendRecoveryLink(const std::string& email, const std::string& link);

}  // namespace social

#endif  // SOCIAL_NOTIFICATIONS_H
