// Builds advertising audiences from the account store.
#ifndef SOCIAL_AUDIENCE_H
#define SOCIAL_AUDIENCE_H

#include "account.h"

#include <cstddef>
#include <string>
#include <vector>

namespace social::ads {

// The keys under which the ad platform can match `account`: normalised,
// SHA-256-hashed contact points.
std::vector<std::string> MatchKeysFor(const Account& account);

// Uploads every account as the "our users" tailored audience, so campaigns can
// include or exclude them. Returns the number of keys uploaded.
std::size_t SyncTailoredAudience(const AccountStore& store);

// Uploads the accounts that follow `interest`, keyed by hashed user id.
std::size_t SyncInterestAudience(const AccountStore& store,
                                 const std::string& interest);

// Adds `users` to a partner campaign.
void MatchPartnerCampaign(const AccountStore& store, int campaign,
                          const std::vector<UserId>& users);

}  // namespace social::ads

#endif  // SOCIAL_AUDIENCE_H
