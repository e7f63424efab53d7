// Code that protoc generates (3.21, Debian 12's): setters, mutable_x(),
// add_x(), getters and SerializeToString, on a message built from an account.
// A lit test (test-corpus/protobuf/lit.local.cfg): it copies the case into
// %t, generates signup.pb.h there with protoc (%protoc, feature protoc),
// runs the tool on the copy with the corpus runner's compilation database
// (%corpus-compdb) and pins its whole output with the CHECK lines at the
// end, written by hand from the tool's output; the trace notes in
// signup.pb.h match any line and column, which another protoc would move.
// The `// expect-violation:` comments name the same findings.
//
// REQUIRES: protoc
// RUN: rm -rf %t && mkdir -p %t && cp -r %S %t/signup
// RUN: cd %t/signup && %protoc --cpp_out=. -I. signup.proto
// RUN: %corpus-compdb %t %t/signup
// RUN: cd %t && %exits-with 1 %purpose-check -p %t --no-cache 2>&1 \
// RUN:   | FileCheck %s -DDIR=%t/signup --match-full-lines --implicit-check-not='{{warning|error|note}}:'
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

// CHECK: [[DIR]]/events.cpp:46:3: warning: 'pbreal::Account::email', limited to 'security', reaches 'pbreal::Publish', a use for 'analytics' [purpose-limitation]
// CHECK: [[DIR]]/events.cpp:38:18: note: read of 'pbreal::Account::email'
// CHECK: [[DIR]]/events.cpp:38:18: note: passed to 'acme::SignupEvent::set_email' as argument 1
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: stored in 'acme::SignupEvent::Impl_::email_'
// CHECK: [[DIR]]/events.cpp:37:21: note: assigned to 'ev'
// CHECK: [[DIR]]/events.cpp:43:6: note: written by 'google::protobuf::MessageLite::SerializeToString' to 'wire'
// CHECK: [[DIR]]/events.cpp:46:21: note: passed to 'pbreal::Publish' as argument 2
// CHECK: [[DIR]]/events.cpp:46:3: warning: 'pbreal::Account::phone', limited to 'security', reaches 'pbreal::Publish', a use for 'analytics' [purpose-limitation]
// CHECK: [[DIR]]/events.cpp:59:19: note: read of 'pbreal::Account::phone'
// CHECK: [[DIR]]/events.cpp:59:19: note: passed to 'acme::SignupEvent::add_phones' as argument 1
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: stored in 'acme::SignupEvent::Impl_::phones_'
// CHECK: [[DIR]]/events.cpp:37:21: note: assigned to 'ev'
// CHECK: [[DIR]]/events.cpp:43:6: note: written by 'google::protobuf::MessageLite::SerializeToString' to 'wire'
// CHECK: [[DIR]]/events.cpp:46:21: note: passed to 'pbreal::Publish' as argument 2
// CHECK: [[DIR]]/events.cpp:54:3: warning: 'pbreal::Account::email', limited to 'security', reaches 'pbreal::Publish', a use for 'analytics' [purpose-limitation]
// CHECK: [[DIR]]/events.cpp:38:18: note: read of 'pbreal::Account::email'
// CHECK: [[DIR]]/events.cpp:38:18: note: passed to 'acme::SignupEvent::set_email' as argument 1
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: stored in 'acme::SignupEvent::Impl_::email_'
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: read of 'acme::SignupEvent::Impl_::email_'
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: returned from 'acme::SignupEvent::_internal_email'
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: returned from 'acme::SignupEvent::email'
// CHECK: [[DIR]]/events.cpp:54:23: note: passed to 'pbreal::Publish' as argument 2
// CHECK: [[DIR]]/events.cpp:61:3: warning: 'pbreal::Account::phone', limited to 'security', reaches 'pbreal::Publish', a use for 'analytics' [purpose-limitation]
// CHECK: [[DIR]]/events.cpp:59:19: note: read of 'pbreal::Account::phone'
// CHECK: [[DIR]]/events.cpp:59:19: note: passed to 'acme::SignupEvent::add_phones' as argument 1
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: stored in 'acme::SignupEvent::Impl_::phones_'
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: read of 'acme::SignupEvent::Impl_::phones_'
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: returned from 'acme::SignupEvent::_internal_phones'
// CHECK: [[DIR]]/signup.pb.h:{{[0-9]+:[0-9]+}}: note: returned from 'acme::SignupEvent::phones'
// CHECK: [[DIR]]/events.cpp:61:23: note: passed to 'pbreal::Publish' as argument 2
// CHECK: 4 warnings generated.
