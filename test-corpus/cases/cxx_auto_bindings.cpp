// auto, structured bindings and range-for: bindings of a program-defined
// struct read single fields; bindings of a library type (std::pair, a map
// entry) carry the taint of the whole object (INTERFACE section 1: a member
// of a library type carries the taint of its object).
#include "purpose.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bind {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Auto(const Account& acct) {
  auto phone = acct.phone;
  Upload(phone);  // expect-violation: bind::Account::phone
  const auto& name = acct.display_name;
  Upload(name);
  auto* ptr = &acct.phone;
  Upload(*ptr);  // expect-violation: bind::Account::phone
}

void StructBindings(const Account& acct) {
  const auto& [id, display_name, phone] = acct;
  Upload(display_name);
  Upload(phone);  // expect-violation: bind::Account::phone
  Upload(std::to_string(id));
}

void PairBindings(const Account& acct) {
  auto [user, number] = std::make_pair(acct.user_id, acct.phone);
  Upload(number);  // expect-violation: bind::Account::phone
  Upload(std::to_string(user));  // expect-violation: bind::Account::phone

  auto [first, last] = std::make_pair(acct.display_name, std::string("x"));
  Upload(first + last);
}

void RangeFor(const std::vector<Account>& accounts) {
  for (const auto& a : accounts) {
    Upload(a.display_name);
    Upload(a.phone);  // expect-violation: bind::Account::phone
  }
  for (auto a : accounts) Upload(a.display_name);
}

void MapRangeFor(const std::vector<Account>& accounts) {
  std::map<int, Account> by_id;
  std::map<int, std::string> name_by_id;
  for (const auto& a : accounts) {
    by_id[a.user_id] = a;
    name_by_id[a.user_id] = a.display_name;
  }
  for (const auto& [id, a] : by_id) {
    Upload(a.display_name);
    Upload(a.phone);  // expect-violation: bind::Account::phone
  }
  for (const auto& [id, name] : name_by_id) Upload(name);
  for (const auto& entry : name_by_id) Upload(entry.second);
}

// Range-for over a program-defined container with its own iterator type.
class NumberList {
 public:
  class const_iterator {
   public:
    explicit const_iterator(const std::string* p) : p_(p) {}
    const std::string& operator*() const { return *p_; }
    const_iterator& operator++() {
      ++p_;
      return *this;
    }
    bool operator!=(const const_iterator& other) const { return p_ != other.p_; }

   private:
    const std::string* p_;
  };

  void Add(const std::string& number) { items_.push_back(number); }
  const_iterator begin() const { return const_iterator(items_.data()); }
  const_iterator end() const { return const_iterator(items_.data() + items_.size()); }

 private:
  std::vector<std::string> items_;
};

void UserRangeFor(const Account& acct) {
  NumberList numbers;
  numbers.Add(acct.phone);
  for (const auto& n : numbers) Upload(n);  // expect-violation: bind::Account::phone
}

}  // namespace bind
