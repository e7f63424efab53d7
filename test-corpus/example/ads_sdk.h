// Client of the ad platform's audience API (vendor SDK, no sources here).
//
// "Tailored audiences" and "partner audiences" are matched against the
// platform's own users by hashed e-mail address or phone number.
#ifndef SOCIAL_ADS_SDK_H
#define SOCIAL_ADS_SDK_H

#include "purpose.h"

#include <string>
#include <vector>

namespace social::ads {

// Replaces the advertiser's tailored audience with these hashed match keys.
AD_TARGETING void UploadTailoredAudience(const std::vector<std::string>& hashed_ids);

// Adds one member, identified by a hashed match key, to a partner campaign.
void MatchPartnerAudience(int campaign,
                          PURPOSE_USE("advertising.partner") const std::string& id);

}  // namespace social::ads

#endif  // SOCIAL_ADS_SDK_H
