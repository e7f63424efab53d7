// Sees only the header: Profile::Impl is incomplete in this translation unit.
#include <string>

#include "profile.h"
#include "purpose.h"

namespace pimpl_split {

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadProfile(const Profile& profile);

void Export(const Profile& profile) {
  Upload(profile.Phone());  // expect-violation: pimpl_split::Profile::Impl::phone
  Upload(profile.DisplayName());
  UploadProfile(profile);  // expect-violation: pimpl_split::Profile::Impl::phone
}

}  // namespace pimpl_split
