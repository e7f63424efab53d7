// Types and helpers of the case; each helper lives in its own translation unit.
#ifndef XTU_FIELD_THREE_MAILBOX_H
#define XTU_FIELD_THREE_MAILBOX_H

#include "purpose.h"

#include <string>
#include <vector>

namespace xf {

struct Profile {
  std::string nickname;
  SECURITY_CONTACT std::string recovery_email;
};

struct Mailbox {
  std::string address;
  std::string label;
  std::vector<std::string> queue;
};

extern std::string g_last_contact;
extern std::string g_last_label;

AD_TARGETING void Upload(const std::string& id);

void Remember(Mailbox& box, const Profile& p);  // store.cpp
std::string AddressOf(const Mailbox& box);      // read.cpp
std::string LabelOf(const Mailbox& box);        // read.cpp
std::string Pending(const Mailbox& box);        // read.cpp
std::string LastContact();                      // read.cpp
std::string LastLabel();                        // read.cpp

}  // namespace xf

#endif
