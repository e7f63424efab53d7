// Calls through the interface; sees neither implementation.
#include <memory>
#include <string>
#include <vector>

#include "channel.h"
#include "purpose.h"

namespace vsplit {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

void Notify(const Account& acct) {
  std::vector<std::unique_ptr<Channel>> channels;
  channels.push_back(MakeSmsChannel());
  channels.push_back(MakeAudienceChannel());
  for (const auto& channel : channels) {
    channel->Deliver(acct.phone);
    channel->Greet(acct.display_name);
  }
}

}  // namespace vsplit
