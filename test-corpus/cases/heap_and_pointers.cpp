// Heap memory through raw pointers: what is stored through a pointer from
// malloc or new is read back through it. Reassigning a pointer local points
// it elsewhere: what it pointed to before is no longer read through it.
#include "purpose.h"

#include <cstdlib>
#include <string>

namespace heap_pointers {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
  SECURITY_CONTACT int pin = 0;
};

struct Device {
  std::string model;
  PURPOSE_LIMITED("fraud_prevention") std::string ad_id;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadInt(int v);
AD_TARGETING void UploadKey(const char* key);

void Malloc(const Account& a) {
  int* m = static_cast<int*>(std::malloc(sizeof(int)));
  *m = a.pin;
  UploadInt(*m);  // expect-violation: heap_pointers::Account::pin
  std::free(m);
}

void New(const Account& a) {
  std::string* s = new std::string;
  *s = a.phone;
  Upload(*s);  // expect-violation: heap_pointers::Account::phone
  delete s;
  int* n = new int(0);
  UploadInt(*n);
  delete n;
}

void ReassignCString(const Account& a) {
  const char* key = a.phone.c_str();
  UploadKey(key);  // expect-violation: heap_pointers::Account::phone
  key = "anonymous";
  UploadKey(key);
}

void ReassignAddress(const Device& d) {
  const std::string* id = &d.ad_id;
  id = &d.model;
  Upload(*id);
}

}  // namespace heap_pointers
