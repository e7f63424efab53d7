// Lambda captures: by value, by init-capture, by reference (a lambda that
// writes a captured-by-reference variable, which is sunk afterwards) and
// capturing this. Captures of clean data are not reported.
#include "purpose.h"

#include <string>
#include <utility>

namespace capture {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void ByValue(const Account& acct) {
  std::string phone = acct.phone;
  auto send = [phone]() {
    Upload(phone);  // expect-violation: capture::Account::phone
  };
  send();

  std::string name = acct.display_name;
  auto greet = [name]() { Upload("hi " + name); };
  greet();
}

void InitCapture(const Account& acct) {
  std::string local = acct.phone;
  auto send = [key = std::move(local), suffix = std::string("#")]() {
    Upload(key + suffix);  // expect-violation: capture::Account::phone
  };
  send();
}

void ByReferenceWrite(const Account& acct) {
  std::string out;
  auto fill = [&out, &acct]() { out = "tel:" + acct.phone; };
  fill();
  Upload(out);  // expect-violation: capture::Account::phone

  std::string label;
  auto fill_label = [&]() { label = acct.display_name; };
  fill_label();
  Upload(label);
}

// A pointer captured by value (plain or init-capture), written through.
void ByPointerWrite(const Account& acct) {
  std::string result;
  std::string* slot = &result;
  auto fill = [slot, &acct]() { *slot = acct.phone; };
  fill();
  Upload(result);  // expect-violation: capture::Account::phone

  std::string other;
  auto fill_other = [out = &other, &acct]() { out->assign(acct.phone); };
  fill_other();
  Upload(other);  // expect-violation: capture::Account::phone
}

// A by-reference accumulator: the sink before the limited write is clean.
void Accumulate(const Account& acct) {
  std::string acc;
  auto add = [&acc](const std::string& part) { acc += part; };
  add(acct.display_name);
  Upload(acc);
  add(acct.phone);
  Upload(acc);  // expect-violation: capture::Account::phone
}

// A lambda returned from a function carries its by-value capture.
auto MakeSender(const Account& acct) {
  return [p = acct.phone]() {
    Upload(p);  // expect-violation: capture::Account::phone
  };
}

void UseSender(const Account& acct) { MakeSender(acct)(); }

class Session {
 public:
  Session(std::string phone, std::string nick)
      : phone_(std::move(phone)), nick_(std::move(nick)) {}

  void Flush() const {
    auto send_phone = [this]() {
      Upload(phone_);  // expect-violation: capture::Session::phone_
    };
    auto send_nick = [this]() { Upload(nick_); };
    send_phone();
    send_nick();
  }

 private:
  SECURITY_CONTACT std::string phone_;
  std::string nick_;
};

}  // namespace capture
