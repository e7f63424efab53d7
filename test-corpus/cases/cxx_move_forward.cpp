// std::move and std::forward: moving a limited string into a local, into a
// container and into a by-value sink keeps the limitation; perfect
// forwarding through a generic relay and a factory does too. The forwarding
// helpers called with clean data are not reported, and emplace_back leaves
// its lvalue argument clean.
#include "purpose.h"

#include <string>
#include <utility>
#include <vector>

namespace mv {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(std::string id);
AD_TARGETING void UploadAll(const std::vector<std::string>& ids);

template <typename T>
void Relay(T&& value) {
  Upload(std::forward<T>(value));  // expect-violation: mv::Account::phone
}

template <typename T, typename... Args>
T Build(Args&&... args) {
  return T(std::forward<Args>(args)...);
}

void Moves(const Account& acct) {
  std::string phone = acct.phone;
  std::string moved = std::move(phone);
  Upload(std::move(moved));  // expect-violation: mv::Account::phone

  std::string name = acct.display_name;
  Upload(std::move(name));

  std::vector<std::string> ids;
  std::string tmp = acct.phone;
  ids.push_back(std::move(tmp));
  UploadAll(ids);  // expect-violation: mv::Account::phone

  std::vector<std::string> labels;
  std::string label = acct.display_name;
  labels.emplace_back(std::move(label));
  UploadAll(labels);
}

void Forwarding(const Account& acct) {
  Relay(acct.phone);
  Relay(std::string("static"));

  std::string key = Build<std::string>(acct.phone);
  Upload(key);  // expect-violation: mv::Account::phone
  std::string title = Build<std::string>(acct.display_name);
  Upload(title);
  std::string stars = Build<std::string>(3, '*');
  Upload(stars);
}

void EmplaceLeavesArgumentsClean(const Account& acct) {
  std::vector<std::pair<std::string, std::string>> rows;
  std::string phone = acct.phone;
  std::string name = acct.display_name;
  rows.emplace_back(phone, name);
  Upload(name);
}

}  // namespace mv
