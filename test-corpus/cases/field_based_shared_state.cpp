// Field state is shared by every object of the type (documented imprecision):
// a fresh object's field read is reported once any object's field was given a
// limited value.
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

struct Slot {
  std::string value;
};

AD_TARGETING void Upload(const std::string& id);

void Store(Slot& slot, const Account& acct) { slot.value = acct.phone; }

void Unrelated() {
  Slot fresh;
  fresh.value = "constant";
  // Reported although `fresh` never held the phone: field state is per field.
  Upload(fresh.value);  // expect-violation: Account::phone
}
