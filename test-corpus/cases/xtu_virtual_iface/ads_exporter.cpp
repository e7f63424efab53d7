// The implementation that uses its argument for advertising.
#include "exporters.h"
#include "purpose.h"

namespace xv {

AD_TARGETING void UploadSegment(const std::string& id);

void AdsExporter::Export(const std::string& contact) {
  UploadSegment(contact);  // expect-violation: xv::Member::phone
}

std::string AdsExporter::Name() const { return "ads"; }

}  // namespace xv
