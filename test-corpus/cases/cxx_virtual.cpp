// Virtual dispatch through an interface: a call through the base class goes
// to every override that the program defines. Of two implementations only one
// calls the sink; the limited value reaches that sink through the interface.
// An override reached only with clean data is not reported.
#include "purpose.h"

#include <memory>
#include <string>
#include <vector>

namespace notify {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadGreeting(const std::string& text);
PURPOSE_USE("security.authentication") void SendSms(const std::string& to,
                                                   const std::string& body);

class Channel {
 public:
  virtual ~Channel() = default;
  virtual void Deliver(const std::string& address) = 0;
  virtual void Greet(const std::string& name) = 0;
};

class SmsChannel : public Channel {
 public:
  void Deliver(const std::string& address) override {
    SendSms(address, "Your code is 123456");
  }
  void Greet(const std::string& name) override { SendSms(name, "hi"); }
};

class AudienceChannel : public Channel {
 public:
  void Deliver(const std::string& address) override {
    Upload(address);  // expect-violation: notify::Account::phone
  }
  void Greet(const std::string& name) override {
    UploadGreeting("Hello " + name);
  }
};

// A second level of overriding, which calls up to its base.
class FilteredAudienceChannel : public AudienceChannel {
 public:
  void Deliver(const std::string& address) override {
    if (!address.empty()) AudienceChannel::Deliver(address);
  }
};

// Return values through virtual calls: one override returns the limited field.
class ContactSource {
 public:
  virtual ~ContactSource() = default;
  virtual std::string Address() const = 0;
};

class TwoFactorSource : public ContactSource {
 public:
  explicit TwoFactorSource(const Account& acct) : acct_(acct) {}
  std::string Address() const override { return acct_.phone; }

 private:
  Account acct_;
};

class NicknameSource : public ContactSource {
 public:
  explicit NicknameSource(std::string nick) : nick_(std::move(nick)) {}
  std::string Address() const override { return nick_; }

 private:
  std::string nick_;
};

void Notify(const std::vector<std::unique_ptr<Channel>>& channels, const Account& acct) {
  for (const auto& channel : channels) {
    channel->Deliver(acct.phone);
    channel->Greet(acct.display_name);
  }
}

void Export(const ContactSource& source) {
  Upload(source.Address());  // expect-violation: notify::Account::phone
}

// Only the clean implementation exists for this interface; nothing limited
// reaches its sink.
class Labeler {
 public:
  virtual ~Labeler() = default;
  virtual std::string Label(const Account& acct) const = 0;
};

class NameLabeler : public Labeler {
 public:
  std::string Label(const Account& acct) const override { return "@" + acct.display_name; }
};

void Tag(const Labeler& labeler, const Account& acct) {
  UploadGreeting(labeler.Label(acct));
}

}  // namespace notify
