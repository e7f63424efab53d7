// Cross-translation-unit flow, part 1: stores a limited value into a field and
// defines a helper that returns one.
#include "model.h"

namespace crm {

void Enqueue(Outbox& outbox, const Contact& contact) {
  outbox.pending = contact.phone;
}

std::string PhoneKey(const Contact& contact) { return "p:" + contact.phone; }

}  // namespace crm
