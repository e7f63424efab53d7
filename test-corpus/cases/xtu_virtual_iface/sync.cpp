// Calls through the interface; sees neither implementation.
#include "exporter.h"
#include "purpose.h"

#include <memory>
#include <vector>

namespace xv {

struct Member {
  std::string handle;
  SECURITY_CONTACT std::string phone;
};

void SyncOne(Exporter& exporter, const Member& member) { exporter.Export(member.phone); }

void SyncAll(const std::vector<Exporter*>& exporters, const Member& member) {
  for (Exporter* e : exporters) e->Export(member.handle);
}

}  // namespace xv
