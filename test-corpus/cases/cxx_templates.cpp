// Templates: a generic forward/wrap helper, a class template Wrapper<T> that
// holds the value, explicit specializations, a variadic join helper and a
// template that calls the sink itself. Each instantiation is analyzed on its
// own, and a helper called once with limited and once with clean data reports
// only the limited call. Wrapper<int>::value_ is a different field from
// Wrapper<std::string>::value_.
#include "purpose.h"

#include <string>
#include <utility>

namespace tmpl {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadId(int id);

template <typename T>
std::string Wrap(const T& value) {
  return "[" + value + "]";
}

template <typename T>
T&& Pass(T&& value) {
  return std::forward<T>(value);
}

template <typename T>
class Wrapper {
 public:
  explicit Wrapper(T value) : value_(std::move(value)) {}
  const T& get() const { return value_; }
  void set(T value) { value_ = std::move(value); }

 private:
  T value_;
};

// A generic formatter with explicit specializations.
template <typename T>
struct Formatter {
  static std::string Format(const T& value) { return value; }
};

template <>
struct Formatter<int> {
  static std::string Format(const int& value) { return std::to_string(value); }
};

template <>
struct Formatter<Account> {
  static std::string Format(const Account& acct) { return "user " + acct.display_name; }
};

template <typename T>
std::string ToText(const T& value) {
  return Formatter<T>::Format(value);
}

template <typename... Args>
std::string Join(const Args&... args) {
  std::string out;
  ((out += ToText(args) + ","), ...);
  return out;
}

template <typename T>
void Publish(const T& value) {
  Upload(ToText(value));  // expect-violation: tmpl::Account::phone
}

void Run(const Account& acct) {
  Upload(Wrap(acct.phone));  // expect-violation: tmpl::Account::phone
  Upload(Wrap(acct.display_name));
  Upload(Pass(acct.phone));  // expect-violation: tmpl::Account::phone
  Upload(Pass(acct.display_name));

  Wrapper<std::string> phone_box(acct.phone);
  Upload(phone_box.get());  // expect-violation: tmpl::Account::phone
  Wrapper<int> id_box(acct.user_id);
  UploadId(id_box.get());

  Upload(ToText(acct));  // the specialization reads only display_name
  Upload(ToText(acct.phone));  // expect-violation: tmpl::Account::phone
  Upload(Join(acct.display_name, acct.user_id));
  Upload(Join(acct.user_id, acct.phone));  // expect-violation: tmpl::Account::phone

  Publish(acct.phone);
  Publish(acct.user_id);
}

}  // namespace tmpl
