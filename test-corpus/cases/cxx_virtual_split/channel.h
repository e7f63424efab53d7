// The interface, seen by every translation unit.
#pragma once

#include <memory>
#include <string>

namespace vsplit {

class Channel {
 public:
  virtual ~Channel() = default;
  virtual void Deliver(const std::string& address) = 0;
  virtual void Greet(const std::string& name) = 0;
};

std::unique_ptr<Channel> MakeAudienceChannel();
std::unique_ptr<Channel> MakeSmsChannel();

}  // namespace vsplit
