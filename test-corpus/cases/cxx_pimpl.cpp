// Pimpl: the data lives behind std::unique_ptr<Impl>. impl_->phone reads the
// field Profile::Impl::phone (not the whole Impl), so the accessor returning
// it is reported and the accessor returning impl_->display_name is not. The
// whole Profile, passed to a sink, carries the limited field behind its
// owning pointer.
#include "purpose.h"

#include <memory>
#include <string>
#include <utility>

namespace pimpl {

AD_TARGETING void Upload(const std::string& id);

class Profile {
 public:
  Profile(std::string phone, std::string display_name);
  ~Profile();
  Profile(Profile&&) noexcept;
  Profile& operator=(Profile&&) noexcept;

  std::string Phone() const;
  std::string DisplayName() const;
  void Rename(const std::string& name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

AD_TARGETING void UploadProfile(const Profile& profile);

struct Profile::Impl {
  SECURITY_CONTACT std::string phone;
  std::string display_name;
  int revision = 0;
};

Profile::Profile(std::string phone, std::string display_name)
    : impl_(std::make_unique<Impl>()) {
  impl_->phone = std::move(phone);
  impl_->display_name = std::move(display_name);
}
Profile::~Profile() = default;
Profile::Profile(Profile&&) noexcept = default;
Profile& Profile::operator=(Profile&&) noexcept = default;

std::string Profile::Phone() const { return impl_->phone; }
std::string Profile::DisplayName() const { return impl_->display_name; }
void Profile::Rename(const std::string& name) {
  impl_->display_name = name;
  ++impl_->revision;
}

void Run(const Profile& profile) {
  Upload(profile.Phone());  // expect-violation: pimpl::Profile::Impl::phone
  Upload(profile.DisplayName());
  Upload("Hello, " + profile.DisplayName() + "!");
  UploadProfile(profile);  // expect-violation: pimpl::Profile::Impl::phone
}

}  // namespace pimpl
