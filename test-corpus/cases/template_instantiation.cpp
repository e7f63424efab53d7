// Templates: each instantiation is analyzed, and a function template that is
// called once with a limited and once with a clean argument keeps them apart.
#include "purpose.h"

#include <string>
#include <vector>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

template <typename T>
T Identity(T value) {
  return value;
}

template <typename Container>
void UploadEach(const Container& items) {
  for (const auto& item : items) Upload(item);  // expect-violation: Account::phone
}

void Run(const Account& acct) {
  Upload(Identity(acct.phone));  // expect-violation: Account::phone
  Upload(Identity(acct.display_name));

  std::vector<std::string> phones;
  phones.push_back(acct.phone);
  UploadEach(phones);
}
