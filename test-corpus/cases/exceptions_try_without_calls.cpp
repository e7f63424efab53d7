// A catch handler starts from what the locals may hold anywhere in its try
// block, whatever may throw there: a new-expression, a constructor or a
// throw, not only a call. Nested try blocks too, and a value assigned in
// such a handler reaches the code after the try. A value that is clean
// everywhere in the try block, or becomes limited only after it, is not
// reported.
#include "purpose.h"

#include <stdexcept>
#include <string>

namespace try_without_calls {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

struct Session {
  explicit Session(int slot);
  int slot;
};

AD_TARGETING void Upload(const std::string& id);

void OnlyNew(const Account& a) {
  std::string d = a.phone;
  try {
    Session* s = new Session(0);
    delete s;
  } catch (...) {
    Upload(d);  // expect-violation: try_without_calls::Account::phone
  }
}

void OnlyConstructor(const Account& a) {
  std::string d = a.phone;
  try {
    Session s(1);
  } catch (const std::exception&) {
    Upload(d);  // expect-violation: try_without_calls::Account::phone
  }
}

void OnlyThrow(const Account& a) {
  std::string d = a.phone;
  try {
    if (d.size() > 20) throw 7;
  } catch (int) {
    Upload(d);  // expect-violation: try_without_calls::Account::phone
  }
}

void AssignedInHandler(const Account& a) {
  std::string d;
  try {
    Session* s = new Session(2);
    delete s;
  } catch (...) {
    d = a.phone;
  }
  Upload(d);  // expect-violation: try_without_calls::Account::phone
}

void Nested(const Account& a) {
  std::string d = a.display_name;
  try {
    try {
      d = a.phone;
      Session s(3);
      d = a.display_name;
    } catch (const std::exception&) {
      Session t(4);
    }
  } catch (...) {
    Upload(d);  // expect-violation: try_without_calls::Account::phone
  }
}

void CleanBeforeTry(const Account& a) {
  std::string d = a.phone;
  d = a.display_name;
  try {
    Session* s = new Session(5);
    delete s;
  } catch (...) {
    Upload(d);
  }
}

void LimitedOnlyAfter(const Account& a) {
  std::string d = a.display_name;
  try {
    Session s(6);
  } catch (...) {
    Upload(d);
  }
  d = a.phone;
}

}  // namespace try_without_calls
