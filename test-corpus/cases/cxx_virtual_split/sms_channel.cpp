// The implementation that uses its argument for authentication only.
#include "channel.h"
#include "purpose.h"

namespace vsplit {

PURPOSE_USE("security.authentication") void SendSms(const std::string& to,
                                                   const std::string& body);

namespace {

class SmsChannel : public Channel {
 public:
  void Deliver(const std::string& address) override { SendSms(address, "Code: 123456"); }
  void Greet(const std::string& name) override { SendSms(name, "Welcome"); }
};

}  // namespace

std::unique_ptr<Channel> MakeSmsChannel() { return std::make_unique<SmsChannel>(); }

}  // namespace vsplit
