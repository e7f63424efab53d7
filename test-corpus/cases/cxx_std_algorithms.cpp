// Standard algorithms without user callbacks: std::copy with back_inserter,
// std::copy_n into a buffer, std::transform into an existing string,
// std::accumulate, std::reverse and std::sort. Ranges holding only clean data
// are not reported.
#include "purpose.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <numeric>
#include <string>
#include <vector>

namespace stdalgo {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadRaw(const char* id);
AD_TARGETING void UploadAll(const std::vector<std::string>& ids);

void Copy(const std::vector<Account>& accounts) {
  std::vector<std::string> phones;
  std::vector<std::string> names;
  for (const Account& a : accounts) {
    phones.push_back(a.phone);
    names.push_back(a.display_name);
  }

  std::vector<std::string> audience;
  std::copy(phones.begin(), phones.end(), std::back_inserter(audience));
  UploadAll(audience);  // expect-violation: stdalgo::Account::phone

  std::vector<std::string> greeting_list;
  std::copy(names.begin(), names.end(), std::back_inserter(greeting_list));
  UploadAll(greeting_list);

  char prefix[5] = {};
  std::copy_n(accounts.front().phone.data(), 4, prefix);
  UploadRaw(prefix);  // expect-violation: stdalgo::Account::phone
}

void Transform(const Account& acct) {
  std::string upper(acct.phone.size(), ' ');
  std::transform(acct.phone.begin(), acct.phone.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  Upload(upper);  // expect-violation: stdalgo::Account::phone

  std::string lower(acct.display_name.size(), ' ');
  std::transform(acct.display_name.begin(), acct.display_name.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  Upload(lower);
}

void Accumulate(const Account& acct) {
  int checksum = std::accumulate(acct.phone.begin(), acct.phone.end(), 0);
  Upload(std::to_string(checksum));  // expect-violation: stdalgo::Account::phone

  int name_sum = std::accumulate(acct.display_name.begin(), acct.display_name.end(), 0);
  Upload(std::to_string(name_sum));
}

void Reorder(const Account& acct) {
  std::string reversed = acct.phone;
  std::reverse(reversed.begin(), reversed.end());
  Upload(reversed);  // expect-violation: stdalgo::Account::phone

  std::string sorted_name = acct.display_name;
  std::sort(sorted_name.begin(), sorted_name.end());
  Upload(sorted_name);
}

}  // namespace stdalgo
