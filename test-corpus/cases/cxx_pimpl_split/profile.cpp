// Defines Profile::Impl, with the limited field, and the accessors.
#include "profile.h"

#include <utility>

#include "purpose.h"

namespace pimpl_split {

struct Profile::Impl {
  SECURITY_CONTACT std::string phone;
  std::string display_name;
};

Profile::Profile(std::string phone, std::string display_name)
    : impl_(std::make_unique<Impl>()) {
  impl_->phone = std::move(phone);
  impl_->display_name = std::move(display_name);
}

Profile::~Profile() = default;

std::string Profile::Phone() const { return impl_->phone; }
std::string Profile::DisplayName() const { return impl_->display_name; }

}  // namespace pimpl_split
