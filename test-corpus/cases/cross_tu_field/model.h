// Shared declarations of the cross-translation-unit case.
#ifndef CROSS_TU_FIELD_MODEL_H
#define CROSS_TU_FIELD_MODEL_H

#include "purpose.h"

#include <string>

namespace crm {

struct Contact {
  std::string name;
  SECURITY_CONTACT std::string phone;
};

struct Outbox {
  std::string pending;
};

AD_TARGETING void Upload(const std::string& id);

void Enqueue(Outbox& outbox, const Contact& contact);
std::string PhoneKey(const Contact& contact);
void Flush(const Outbox& outbox);

}  // namespace crm

#endif
