// Code that protoc generates (3.21, Debian 12's): setters, mutable_x(),
// add_x(), getters and SerializeToString, on a message built from an account.
// The generated header is made by scripts/tests/protobuf_case_test.py before the
// corpus runner runs this case.
#include "purpose.h"

#include <string>

#include "signup.pb.h"

namespace pbreal {

struct Account {
  long user_id = 0;
  std::string referrer;
  SECURITY_CONTACT std::string email;
  SECURITY_CONTACT std::string phone;
};

PURPOSE_USE("analytics") void Publish(const std::string& topic,
                                      const std::string& payload);
PURPOSE_USE("analytics") void Count(const std::string& source);

void Setter(const Account& a) {
  acme::SignupEvent ev;
  ev.set_email(a.email);
  ev.set_source(a.referrer);
  ev.set_user_id(a.user_id);
  Count(ev.source());
  std::string wire;
  ev.SerializeToString(&wire);
  // The serialized message is the whole message: by the field-based rule it
  // also carries the phone numbers that Repeated() adds to field phones_.
  Publish("signup", wire);  // expect-violation: pbreal::Account::email, pbreal::Account::phone
}

void Mutable(const Account& a) {
  acme::SignupEvent ev;
  *ev.mutable_email() = a.email;
  ev.mutable_source()->assign(a.referrer);
  Count(ev.source());
  Publish("email", ev.email());  // expect-violation: pbreal::Account::email
}

void Repeated(const Account& a) {
  acme::SignupEvent ev;
  ev.add_phones(a.phone);
  *ev.add_phones() = a.phone;
  Publish("phone", ev.phones(0));  // expect-violation: pbreal::Account::phone
}

void Clean(const Account& a) {
  acme::SignupEvent ev;
  ev.set_source(a.referrer);
  ev.set_user_id(a.user_id);
  Count(ev.source());
}

}  // namespace pbreal
