// Calls the sink with what read.cpp's helpers return.
#include "mailbox.h"

namespace xf {

void ExportMailbox(const Mailbox& box) {
  Upload(AddressOf(box));  // expect-violation: xf::Profile::recovery_email
  Upload(LabelOf(box));
  Upload(Pending(box));  // expect-violation: xf::Profile::recovery_email
}

void ExportLast() {
  Upload(LastContact());  // expect-violation: xf::Profile::recovery_email
  Upload(LastLabel());
}

}  // namespace xf
