// Calls the sink with its parameter; the limited value comes from contacts.cpp.
#include "ads.h"

namespace xa {

void Publish(const std::string& id) {
  Track(id);  // expect-violation: xa::User::recovery_email
}

}  // namespace xa
