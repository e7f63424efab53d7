// Exceptions that carry the value: throw to the matching catch, catch by
// reference, what() of a standard exception built from the phone, a member of
// a user exception, a rethrow, and a thrown std::string. A catch clause that
// no limited exception matches is not reported.
#include "purpose.h"

#include <stdexcept>
#include <string>

namespace exc {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

class VerificationError : public std::runtime_error {
 public:
  VerificationError(const std::string& number, int code)
      : std::runtime_error("cannot verify " + number), number_(number), code_(code) {}
  const std::string& number() const { return number_; }
  int code() const { return code_; }

 private:
  std::string number_;
  int code_;
};

void Verify(const Account& acct) {
  if (acct.phone.size() < 7) throw VerificationError(acct.phone, 42);
}

void SendCode(const Account& acct) {
  if (acct.phone.empty()) throw std::runtime_error("no route to " + acct.phone);
}

void ValidateName(const Account& acct) {
  if (acct.display_name.empty())
    throw std::invalid_argument("bad display name: " + acct.display_name);
}

void ParseOrThrow(const Account& acct) {
  if (acct.phone[0] != '+') throw acct.phone;
}

void Handle(const Account& acct) {
  try {
    Verify(acct);
  } catch (const VerificationError& e) {
    Upload(e.what());  // expect-violation: exc::Account::phone
    Upload(e.number());  // expect-violation: exc::Account::phone
    Upload(std::to_string(e.code()));
  }

  try {
    try {
      SendCode(acct);
    } catch (const std::exception&) {
      throw;
    }
  } catch (const std::runtime_error& e) {
    Upload(e.what());  // expect-violation: exc::Account::phone
  }

  try {
    ValidateName(acct);
  } catch (const std::invalid_argument& e) {
    Upload(e.what());
  }

  try {
    ParseOrThrow(acct);
  } catch (const std::string& raw) {
    Upload("unparsable: " + raw);  // expect-violation: exc::Account::phone
  }
}

}  // namespace exc
