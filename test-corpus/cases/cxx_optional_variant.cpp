// std::optional, std::variant (std::get, std::visit), std::pair, std::tuple
// and std::tie. These are library types: a member or alternative carries the
// taint of the whole object. Objects built only from clean data are not
// reported.
#include "purpose.h"

#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace sum {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

std::optional<std::string> FindPhone(const Account& acct) {
  if (acct.phone.empty()) return std::nullopt;
  return acct.phone;
}

std::optional<std::string> FindNickname(const Account& acct) {
  if (acct.display_name.empty()) return std::nullopt;
  return acct.display_name;
}

void Optionals(const Account& acct) {
  std::optional<std::string> phone = FindPhone(acct);
  if (phone) Upload(*phone);  // expect-violation: sum::Account::phone
  Upload(phone.value_or("none"));  // expect-violation: sum::Account::phone

  std::optional<std::string> nick = FindNickname(acct);
  if (nick.has_value()) Upload(nick.value());
  Upload(FindNickname(acct).value_or("anonymous"));
}

struct ToText {
  std::string operator()(int n) const { return std::to_string(n); }
  std::string operator()(const std::string& s) const { return s; }
};

void Variants(const Account& acct) {
  std::variant<int, std::string> contact = acct.phone;
  Upload(std::get<std::string>(contact));  // expect-violation: sum::Account::phone
  if (const auto* s = std::get_if<std::string>(&contact)) {
    Upload(*s);  // expect-violation: sum::Account::phone
  }
  std::string text = std::visit(
      [](const auto& v) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, int>) {
          return std::to_string(v);
        } else {
          return v;
        }
      },
      contact);
  Upload(text);  // expect-violation: sum::Account::phone

  std::variant<int, std::string> label = acct.display_name;
  Upload(std::visit(ToText{}, label));
  label = acct.user_id;
  Upload(std::get<std::string>(label));
}

void PairsAndTuples(const Account& acct) {
  std::pair<std::string, std::string> named{acct.display_name, acct.phone};
  Upload(named.second);  // expect-violation: sum::Account::phone

  std::pair<int, std::string> clean{acct.user_id, acct.display_name};
  Upload(clean.second);

  auto record = std::make_tuple(acct.user_id, acct.phone, acct.display_name);
  Upload(std::get<1>(record));  // expect-violation: sum::Account::phone

  auto clean_record = std::make_tuple(acct.user_id, acct.display_name);
  Upload(std::get<1>(clean_record));
}

void Tie(const Account& acct) {
  std::string name;
  std::string phone;
  std::tie(name, phone) = std::make_pair(acct.display_name, acct.phone);
  Upload(phone);  // expect-violation: sum::Account::phone
  // name is the first member of a pair that also holds the phone: a member of
  // a library type carries the taint of the whole object.
  Upload(name);  // expect-violation: sum::Account::phone

  std::string label;
  int id = 0;
  std::tie(id, label) = std::make_tuple(acct.user_id, acct.display_name);
  Upload(label);
}

}  // namespace sum
