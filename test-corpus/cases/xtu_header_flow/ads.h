// The ad platform: sinks, and a wrapper defined in publish.cpp.
#ifndef XTU_HEADER_FLOW_ADS_H
#define XTU_HEADER_FLOW_ADS_H

#include "purpose.h"

#include <string>

namespace xa {

AD_TARGETING void Track(const std::string& id);

// Sends `id` to the ad platform.
void Publish(const std::string& id);

}  // namespace xa

#endif
