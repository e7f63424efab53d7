// A third-party ads SDK header, included as a system header (-isystem) and
// never annotated: the policy file names its uses.
#pragma once
#include <string>
#include <vector>

namespace adsdk {
inline namespace v2 {
class Audience {
 public:
  explicit Audience(int campaign);
  void Add(const std::string& id);
  void Upload();
  const std::vector<std::string>& ids() const { return ids_; }

 private:
  std::vector<std::string> ids_;
};
void Track(const std::string& event, const std::string& user_key);
}  // namespace v2
using AudienceRef = Audience&;
}  // namespace adsdk
