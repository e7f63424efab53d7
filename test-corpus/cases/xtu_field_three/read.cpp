// Reads the fields and globals that store.cpp wrote; calls no sink.
#include "mailbox.h"

namespace xf {

std::string AddressOf(const Mailbox& box) { return box.address; }
std::string LabelOf(const Mailbox& box) { return box.label; }
std::string Pending(const Mailbox& box) {
  return box.queue.empty() ? std::string() : box.queue.front();
}
std::string LastContact() { return g_last_contact; }
std::string LastLabel() { return g_last_label; }

}  // namespace xf
