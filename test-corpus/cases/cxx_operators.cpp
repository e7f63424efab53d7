// Overloaded operators and conversion operators: an implicit conversion
// operator, operator+ on a user type, a user operator<< into an ostream and
// an ostringstream, and a user operator[]. Operators that read only clean
// fields of the Account are not reported.
#include "purpose.h"

#include <cstddef>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ops {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

class PhoneNumber {
 public:
  explicit PhoneNumber(std::string digits) : digits_(std::move(digits)) {}
  operator std::string() const { return "+" + digits_; }
  PhoneNumber operator+(const std::string& extension) const {
    return PhoneNumber(digits_ + "-" + extension);
  }
  friend std::ostream& operator<<(std::ostream& os, const PhoneNumber& p) {
    return os << "tel:" << p.digits_;
  }

 private:
  std::string digits_;
};

class DisplayName {
 public:
  explicit DisplayName(std::string name) : name_(std::move(name)) {}
  operator std::string() const { return name_; }

 private:
  std::string name_;
};

// Operators on the whole Account that read only the clean field.
std::ostream& operator<<(std::ostream& os, const Account& acct) {
  return os << acct.display_name << "#" << acct.user_id;
}

std::string operator+(const Account& acct, const std::string& suffix) {
  return acct.display_name + suffix;
}

class PhoneBook {
 public:
  void Add(const std::string& number) { numbers_.push_back(number); }
  const std::string& operator[](std::size_t i) const { return numbers_[i]; }

 private:
  std::vector<std::string> numbers_;
};

void Conversions(const Account& acct) {
  PhoneNumber number(acct.phone);
  Upload(number);  // expect-violation: ops::Account::phone
  std::string with_ext = number + "12";
  Upload(with_ext);  // expect-violation: ops::Account::phone
  Upload(DisplayName(acct.display_name));
}

void Streams(const Account& acct) {
  std::ostringstream phone_out;
  phone_out << PhoneNumber(acct.phone);
  Upload(phone_out.str());  // expect-violation: ops::Account::phone

  std::ostringstream name_out;
  name_out << acct;
  Upload(name_out.str());

  std::ostringstream plain;
  plain << acct.display_name << ' ' << acct.user_id;
  Upload(plain.str());

  Upload(acct + "!");
}

void Subscript(const Account& acct) {
  PhoneBook book;
  book.Add(acct.phone);
  Upload(book[0]);  // expect-violation: ops::Account::phone
}

}  // namespace ops
