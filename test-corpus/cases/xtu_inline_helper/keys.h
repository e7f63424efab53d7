// Inline helpers shared by every translation unit of the case.
#ifndef XTU_INLINE_HELPER_KEYS_H
#define XTU_INLINE_HELPER_KEYS_H

#include "purpose.h"

#include <string>
#include <vector>

namespace xi {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void UploadAudience(const std::vector<std::string>& ids);
AD_TARGETING void UploadOne(const std::string& id);

// A matching key for the account: its phone number without punctuation.
inline std::string Key(const Account& a) {
  std::string k;
  for (char c : a.phone)
    if (c != ' ' && c != '-') k.push_back(c);
  return k;
}

// Sends one id to the ad audience.
inline void PushAudience(const std::string& id) {
  std::vector<std::string> ids{id};
  UploadAudience(ids);  // expect-violation: xi::Account::phone
}

}  // namespace xi

#endif
