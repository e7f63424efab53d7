// The implementation that uses its argument for a security audit only.
#include "exporters.h"
#include "purpose.h"

namespace xv {

PURPOSE_USE("security.audit") void WriteAuditRecord(const std::string& what);
AD_TARGETING void UploadSegment(const std::string& id);

void AuditExporter::Export(const std::string& contact) {
  WriteAuditRecord("exported " + contact);
  UploadSegment(Name());
}

std::string AuditExporter::Name() const { return "audit"; }

}  // namespace xv
