// The implementations; their members are defined in their own translation units.
#ifndef XTU_VIRTUAL_IFACE_EXPORTERS_H
#define XTU_VIRTUAL_IFACE_EXPORTERS_H

#include "exporter.h"

#include <vector>

namespace xv {

class AdsExporter : public Exporter {
 public:
  void Export(const std::string& contact) override;
  std::string Name() const override;

 private:
  std::vector<std::string> batch_;
};

class AuditExporter : public Exporter {
 public:
  void Export(const std::string& contact) override;
  std::string Name() const override;
};

}  // namespace xv

#endif
