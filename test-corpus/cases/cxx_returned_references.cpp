// Stores through references and pointers that a program-defined function
// returns: protobuf-style mutable accessors (T& and T*), a user operator[]
// that returns a reference into a member container, and a Meyers singleton
// returning a reference to a function-local static. The store taints the
// field (or static) the reference points to; accessors of fields that only
// ever received clean data are not reported.
#include "purpose.h"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace refs {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

// Generated-code style message.
class ContactProto {
 public:
  const std::string& number() const { return number_; }
  std::string* mutable_number() { return &number_; }
  const std::string& nickname() const { return nickname_; }
  std::string& mutable_nickname() { return nickname_; }
  const std::string& note() const { return note_; }
  std::string& mutable_note() { return note_; }

 private:
  std::string number_;
  std::string nickname_;
  std::string note_;
};

void Fill(ContactProto& proto, const Account& acct) {
  *proto.mutable_number() = acct.phone;
  proto.mutable_nickname() = acct.display_name;
  proto.mutable_note().append(acct.phone.substr(0, 3));
}

void Send(const ContactProto& proto) {
  Upload(proto.number());  // expect-violation: refs::Account::phone
  Upload(proto.nickname());
  Upload(proto.note());  // expect-violation: refs::Account::phone
}

// A user container whose operator[] returns a reference into a member map.
class Directory {
 public:
  std::string& operator[](int user_id) { return entries_[user_id]; }
  const std::map<int, std::string>& entries() const { return entries_; }

 private:
  std::map<int, std::string> entries_;
};

class Roster {
 public:
  std::string& at(std::size_t i) { return names_.at(i); }
  void resize(std::size_t n) { names_.resize(n); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

void Index(Directory& directory, Roster& roster, const Account& acct) {
  directory[acct.user_id] = acct.phone;
  roster.resize(1);
  roster.at(0) = acct.display_name;
  for (const auto& entry : directory.entries()) {
    Upload(entry.second);  // expect-violation: refs::Account::phone
  }
  for (const std::string& name : roster.names()) Upload(name);
}

// Meyers singletons: a reference to a function-local static.
std::string& LastContacted() {
  static std::string slot;
  return slot;
}

std::string& LastGreeted() {
  static std::string slot;
  return slot;
}

void Contact(const Account& acct) {
  LastContacted() = acct.phone;
  LastGreeted() = acct.display_name;
}

void Report() {
  Upload(LastContacted());  // expect-violation: refs::Account::phone
  Upload(LastGreeted());
}

}  // namespace refs
