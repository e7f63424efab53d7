// Constructors: member initializers, delegating and base-class constructors,
// aggregate and brace initialization, a constructor that calls the sink, and
// user-written copy and move constructors and assignment operators. A class
// whose constructor reads only clean fields of the Account is not reported.
#include "purpose.h"

#include <string>
#include <utility>

namespace ctor {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

class Contact {
 public:
  Contact(std::string number, std::string label)
      : number_(std::move(number)), label_(std::move(label)) {}
  explicit Contact(const Account& acct) : Contact(acct.phone, acct.display_name) {}
  const std::string& number() const { return number_; }
  const std::string& label() const { return label_; }

 private:
  std::string number_;
  std::string label_;
};

class VerifiedContact : public Contact {
 public:
  explicit VerifiedContact(const Account& acct) : Contact(acct), verified_(true) {}
  bool verified() const { return verified_; }

 private:
  bool verified_;
};

// Aggregate and brace initialization.
struct AdRow {
  std::string key;
  std::string name;
  int weight = 1;
};

AD_TARGETING void UploadRow(const AdRow& row);

// A constructor that uses its argument for advertising.
class AdRequest {
 public:
  explicit AdRequest(const std::string& audience_id) {
    Upload(audience_id);  // expect-violation: ctor::Account::phone
  }
};

// A class whose constructor reads only the clean field.
class Greeting {
 public:
  explicit Greeting(const Account& acct) : text_("Hi " + acct.display_name) {}
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

AD_TARGETING void UploadGreeting(const Greeting& greeting);

// User-written copy and move operations.
class Token {
 public:
  explicit Token(std::string value) : value_(std::move(value)) {}
  Token(const Token& other) : value_(other.value_) {}
  Token(Token&& other) noexcept : value_(std::move(other.value_)) {}
  Token& operator=(const Token& other) {
    value_ = other.value_;
    return *this;
  }
  Token& operator=(Token&& other) noexcept {
    value_ = std::move(other.value_);
    return *this;
  }
  const std::string& value() const { return value_; }

 private:
  std::string value_;
};

void Run(const Account& acct) {
  Contact contact(acct);
  Upload(contact.number());  // expect-violation: ctor::Account::phone
  Upload(contact.label());

  VerifiedContact verified(acct);
  Upload(verified.verified() ? "v" : "u");

  AdRow row{acct.phone, acct.display_name};
  Upload(row.name);
  UploadRow(row);  // expect-violation: ctor::Account::phone

  AdRequest request(acct.phone);
  (void)request;

  Greeting greeting(acct);
  Upload(greeting.text());
  UploadGreeting(greeting);
}

void CopyAndMove(const Account& acct) {
  Token original(acct.phone);
  Token copy(original);
  Token moved(std::move(copy));
  Token assigned(std::string("placeholder"));
  assigned = moved;
  Token move_assigned(std::string("placeholder"));
  move_assigned = std::move(assigned);
  Upload(move_assigned.value());  // expect-violation: ctor::Account::phone
}

// Whole objects copied by the implicit copy constructor still carry the
// limited field.
struct Profile {
  Account account;
  std::string theme;
};

AD_TARGETING void UploadProfile(const Profile& profile);

void CopyProfile(const Account& acct) {
  Profile profile{acct, "dark"};
  Profile copy = profile;
  Profile assigned;
  assigned = copy;
  UploadProfile(assigned);  // expect-violation: ctor::Account::phone
}

// Default member initializers, used by an implicit and by a user-written
// default constructor, and default arguments.
SECURITY_CONTACT std::string CurrentUserPhone();

struct SmsRequest {
  std::string to = CurrentUserPhone();
  std::string body = "Your code is 123456";
};

class Callback {
 public:
  Callback() {}
  const std::string& number() const { return number_; }
  const std::string& greeting() const { return greeting_; }

 private:
  std::string number_ = CurrentUserPhone();
  std::string greeting_ = "Thanks for calling";
};

void Notify(const std::string& to = CurrentUserPhone()) {
  Upload(to);  // expect-violation: ctor::CurrentUserPhone
}

void Defaults() {
  SmsRequest request;
  Upload(request.to);  // expect-violation: ctor::CurrentUserPhone
  Upload(request.body);

  Callback callback;
  Upload(callback.number());  // expect-violation: ctor::CurrentUserPhone
  Upload(callback.greeting());

  Notify();
}

}  // namespace ctor
