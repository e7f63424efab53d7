// RUN-ARGS: -isystem %S/../system
// Messages in the shape protoc generates: `*msg.mutable_email() = v` goes
// through mutable_email() -> _internal_mutable_email() -> the arena string
// of field `email_`, so the store reaches that field and later reads of
// email() see it. set_email() and a plain field read stay exact: another
// field of the same message is not limited.
#include "purpose.h"

#include <string>

#include "fake_protobuf.h"

namespace pb {

struct Account {
  std::string user_id;
  SECURITY_CONTACT std::string email;
};

class SignupEvent : public ::google::protobuf::MessageLite {
 public:
  const std::string& email() const { return _internal_email(); }
  std::string* mutable_email() {
    std::string* _s = _internal_mutable_email();
    return _s;
  }
  void set_email(const std::string& value) {
    _impl_.email_.Set(value, GetArenaForAllocation());
  }
  const std::string& source() const { return _impl_.source_.Get(); }
  std::string* mutable_source() {
    std::string* _s = _internal_mutable_source();
    return _s;
  }

 private:
  const std::string& _internal_email() const { return _impl_.email_.Get(); }
  std::string* _internal_mutable_email() {
    return _impl_.email_.Mutable(GetArenaForAllocation());
  }
  std::string* _internal_mutable_source() {
    return _impl_.source_.Mutable(GetArenaForAllocation());
  }
  struct Impl_ {
    ::google::protobuf::internal::ArenaStringPtr email_;
    ::google::protobuf::internal::ArenaStringPtr source_;
  };
  Impl_ _impl_;
};

AD_TARGETING void Upload(const std::string& id);

void ThroughMutable(const Account& a) {
  SignupEvent ev;
  *ev.mutable_email() = a.email;
  *ev.mutable_source() = a.user_id;
  Upload(ev.email());  // expect-violation: pb::Account::email
  Upload(ev.source());
}

void ThroughSetter(const Account& a) {
  SignupEvent ev;
  ev.set_email(a.email);
  Upload(ev.email());  // expect-violation: pb::Account::email
}

void Serialized(const Account& a) {
  SignupEvent ev;
  ev.mutable_email()->assign(a.email);
  std::string wire;
  ev.SerializeToString(&wire);
  Upload(wire);  // expect-violation: pb::Account::email
}

}  // namespace pb
