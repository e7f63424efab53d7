// Cross-translation-unit flow, part 2: reads the field written in writer.cpp,
// and calls the helper defined there.
#include "model.h"

namespace crm {

void Flush(const Outbox& outbox) {
  Upload(outbox.pending);  // expect-violation: crm::Contact::phone
}

void Sync(const Contact& contact) {
  Upload(PhoneKey(contact));  // expect-violation: crm::Contact::phone
  Upload(contact.name);
}

}  // namespace crm
