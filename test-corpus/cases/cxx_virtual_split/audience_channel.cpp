// The implementation that uses its argument for advertising.
#include "channel.h"
#include "purpose.h"

namespace vsplit {

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadGreeting(const std::string& text);

namespace {

class AudienceChannel : public Channel {
 public:
  void Deliver(const std::string& address) override {
    Upload(address);  // expect-violation: vsplit::Account::phone
  }
  void Greet(const std::string& name) override { UploadGreeting("Hello " + name); }
};

}  // namespace

std::unique_ptr<Channel> MakeAudienceChannel() { return std::make_unique<AudienceChannel>(); }

}  // namespace vsplit
