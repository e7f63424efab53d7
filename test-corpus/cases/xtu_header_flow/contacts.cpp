// Reads the origin; calls no sink itself.
#include "ads.h"
#include "user.h"

namespace xa {

std::string ContactOf(const User& user) {
  std::string out = user.recovery_email;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void Share(const User& user) { Publish(user.recovery_email); }

}  // namespace xa
