// Mistakes in annotations and suppressions: every report format lists them
// as findings of rule purpose-annotation, and they fail the gate. Not a corpus
// case (its findings have no origin); the report tests run on it.
#include "purpose.h"

#include <string>

struct Profile {
  SECURITY_CONTACT std::string phone;
  PURPOSE_USE("advertising") std::string campaign;  // a use on a field
};

PURPOSE_USE("Ads") void Track(const std::string& id);  // malformed purpose
AD_TARGETING void Upload(const std::string& id);

void Run(const Profile& p) {
  Upload(p.phone);  // NOLINT(purpose-limitation)
  Track(p.campaign);
}
