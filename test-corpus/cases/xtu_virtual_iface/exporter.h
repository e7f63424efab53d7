// The interface, seen by every translation unit.
#ifndef XTU_VIRTUAL_IFACE_EXPORTER_H
#define XTU_VIRTUAL_IFACE_EXPORTER_H

#include <string>

namespace xv {

class Exporter {
 public:
  virtual ~Exporter() = default;
  // Exports one contact; what for is up to the implementation.
  virtual void Export(const std::string& contact) = 0;
  virtual std::string Name() const = 0;
};

}  // namespace xv

#endif
