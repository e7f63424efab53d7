// Standard containers: std::vector, std::map, std::unordered_map, std::set and
// std::array, filled with insert, emplace, push_back and operator[], and read
// by iteration, at() and operator[]. A container that only ever held clean
// values is not reported; neither is emplace_back's lvalue argument.
#include "purpose.h"

#include <array>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace containers {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadAll(const std::vector<std::string>& ids);
AD_TARGETING void UploadIds(const std::set<int>& ids);

void Vectors(const std::vector<Account>& accounts) {
  std::vector<std::string> phones;
  std::vector<std::string> names;
  for (const Account& a : accounts) {
    phones.push_back(a.phone);
    names.emplace_back(a.display_name);
  }
  UploadAll(phones);  // expect-violation: containers::Account::phone
  UploadAll(names);
  Upload(phones[0]);  // expect-violation: containers::Account::phone
  Upload(names.at(0));

  std::vector<std::pair<std::string, std::string>> rows;
  std::string number = accounts.front().phone;
  std::string label = accounts.front().display_name;
  rows.emplace_back(number, label);
  Upload(label);
  Upload(rows.back().first);  // expect-violation: containers::Account::phone

  std::vector<Account> copy(accounts.begin(), accounts.end());
  Upload(copy[0].display_name);
  Upload(copy.front().phone);  // expect-violation: containers::Account::phone
}

void Maps(const Account& acct) {
  std::map<int, std::string> phone_by_id;
  phone_by_id[acct.user_id] = acct.phone;
  Upload(phone_by_id.at(acct.user_id));  // expect-violation: containers::Account::phone
  for (const auto& entry : phone_by_id) {
    Upload(entry.second);  // expect-violation: containers::Account::phone
  }

  std::map<int, std::string> name_by_id;
  name_by_id.emplace(acct.user_id, acct.display_name);
  name_by_id.insert({acct.user_id + 1, "guest"});
  for (const auto& [id, name] : name_by_id) Upload(name);

  std::unordered_map<std::string, std::string> by_name;
  by_name.insert({acct.display_name, acct.phone});
  for (const auto& kv : by_name) {
    Upload(kv.second);  // expect-violation: containers::Account::phone
  }
  std::unordered_map<std::string, int> visits;
  visits[acct.display_name] += 1;
  for (const auto& kv : visits) Upload(kv.first);
}

void Sets(const Account& acct) {
  std::set<std::string> seen;
  seen.insert(acct.phone);
  UploadAll(std::vector<std::string>(seen.begin(), seen.end()));  // expect-violation: containers::Account::phone

  std::set<int> ids;
  ids.insert(acct.user_id);
  ids.emplace(acct.user_id * 2);
  UploadIds(ids);
}

void Arrays(const Account& acct) {
  std::array<std::string, 2> contacts;
  contacts[0] = acct.phone;
  Upload(contacts[0]);  // expect-violation: containers::Account::phone

  std::array<std::string, 2> labels{acct.display_name, "guest"};
  for (const std::string& l : labels) Upload(l);
}

}  // namespace containers
