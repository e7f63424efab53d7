#include "audience.h"

#include "ads_sdk.h"
#include "crypto.h"

#include <utility>

namespace social::ads {

std::size_t SyncTailoredAudience(const AccountStore& store) {
  std::vector<std::string> audience;
  for (UserId id : store.AllIds()) {
    const Account* account = store.Find(id);
    if (account == nullptr) continue;
    for (std::string& key : MatchKeysFor(*account)) audience.push_back(std::move(key));
  }
  if (!audience.empty()) UploadTailoredAudience(audience);  // expect-violation: social::Account::recovery_email, social::Account::two_factor_phone
  return audience.size();
}

std::size_t SyncInterestAudience(const AccountStore& store,
                                 const std::string& interest) {
  std::vector<std::string> audience;
  for (UserId id : store.AllIds()) {
    const Account* account = store.Find(id);
    if (account == nullptr) continue;
    for (const std::string& topic : account->interests) {
      if (topic == interest) {
        audience.push_back(Sha256Hex(std::to_string(account->user_id)));
        break;
      }
    }
  }
  UploadTailoredAudience(audience);
  return audience.size();
}

void MatchPartnerCampaign(const AccountStore& store, int campaign,
                          const std::vector<UserId>& users) {
  for (UserId id : users) {
    const Account* account = store.Find(id);
    if (account == nullptr) continue;
    if (account->two_factor_phone.empty()) {
      MatchPartnerAudience(campaign, Sha256Hex(account->handle));
      continue;
    }
    std::string key = Sha256Hex(NormalizePhone(account->two_factor_phone, account->country_code));
    MatchPartnerAudience(campaign, key);  // expect-violation: social::Account::two_factor_phone
  }
}

}  // namespace social::ads
