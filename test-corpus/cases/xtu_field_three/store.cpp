// Stores the limited value; reads nothing back.
#include "mailbox.h"

namespace xf {

std::string g_last_contact;
std::string g_last_label;

void Remember(Mailbox& box, const Profile& p) {
  box.address = p.recovery_email;
  box.label = "primary";
  box.queue.push_back(p.recovery_email);
  g_last_contact = p.recovery_email;
  g_last_label = "inbox";
}

}  // namespace xf
