// std::function: a call goes to the lambdas and functions whose value flows
// to that std::function object (directly, through a copy, or through a
// container of callbacks kept in a field), not to every callable of the same
// signature.
#include "purpose.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace events {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadName(const std::string& name);
PURPOSE_USE("security.audit") void AuditLog(const std::string& entry);

using Callback = std::function<void(const std::string&)>;

// Callbacks registered on a bus and kept in a member vector.
class EventBus {
 public:
  void Subscribe(Callback cb) { handlers_.push_back(std::move(cb)); }
  void Publish(const std::string& payload) const {
    for (const auto& h : handlers_) h(payload);
  }

 private:
  std::vector<Callback> handlers_;
};

void Wire(EventBus& bus, const Account& acct) {
  bus.Subscribe([](const std::string& payload) {
    Upload(payload);  // expect-violation: events::Account::phone
  });
  bus.Publish(acct.phone);
}

void Direct(const Account& acct) {
  Callback audit = [](const std::string& s) { AuditLog(s); };
  audit(acct.phone);

  // Same signature, calls a sink, but only ever called with the display name.
  Callback greet = [](const std::string& s) { UploadName("hi " + s); };
  greet(acct.display_name);

  // A copy of a std::function calls the same target.
  Callback track = [](const std::string& s) {
    Upload("t:" + s);  // expect-violation: events::Account::phone
  };
  Callback copy = track;
  copy(acct.phone);
}

// A std::function returning a value: only the stored lambda's result flows.
using KeyFn = std::function<std::string(const Account&)>;

void Keys(const Account& acct) {
  KeyFn by_name = [](const Account& a) { return a.display_name; };
  Upload(by_name(acct));

  KeyFn by_phone = [](const Account& a) { return "p:" + a.phone; };
  Upload(by_phone(acct));  // expect-violation: events::Account::phone
}

// A std::function built from a plain function.
std::string Prefixed(const std::string& s) { return "x" + s; }

void FromFunction(const Account& acct) {
  std::function<std::string(const std::string&)> f = &Prefixed;
  Upload(f(acct.phone));  // expect-violation: events::Account::phone
  Upload(f(acct.display_name));
}

// std::bind and std::invoke: library code that calls the callable it is given
// with the other arguments.
void AdsHandler(const std::string& id) {
  Upload("ads:" + id);  // expect-violation: events::Account::phone
}
void PartnerHandler(const std::string& id) {
  UploadName("partner:" + id);  // reached only with the display name
}
void InvokeHandler(const std::string& id) {
  UploadName("inv:" + id);  // expect-violation: events::Account::phone
}

void Bind(const Account& acct) {
  auto bound = std::bind(&AdsHandler, acct.phone);
  bound();
  auto later = std::bind(&PartnerHandler, std::placeholders::_1);
  later(acct.display_name);
  std::invoke(&InvokeHandler, acct.phone);
}

}  // namespace events
