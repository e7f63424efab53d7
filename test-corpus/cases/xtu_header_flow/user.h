// The user record and the helpers that read it (defined in contacts.cpp).
#ifndef XTU_HEADER_FLOW_USER_H
#define XTU_HEADER_FLOW_USER_H

#include "purpose.h"

#include <string>

namespace xa {

struct User {
  std::string name;
  SECURITY_CONTACT std::string recovery_email;
};

// The user's recovery e-mail, lower-cased.
std::string ContactOf(const User& user);

// Publishes the user's contact to the ad platform (through ads.h).
void Share(const User& user);

}  // namespace xa

#endif
