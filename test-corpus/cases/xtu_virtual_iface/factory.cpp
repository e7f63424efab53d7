// Creates the implementations (so that both are part of the program).
#include "exporters.h"

#include <memory>

namespace xv {

std::unique_ptr<Exporter> MakeExporter(bool audit) {
  if (audit) return std::make_unique<AuditExporter>();
  return std::make_unique<AdsExporter>();
}

}  // namespace xv
