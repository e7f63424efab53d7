// What a sink returns carries what it was given: a contact exported for
// exchange, then logged, is logged. A sink consumes its arguments (they are
// not tainted by the call) and its truth-value result carries nothing.
#include "purpose.h"

#include <string>

namespace sink_result {

struct Contact {
  std::string name;
  SECURITY_CONTACT std::string phone;
};

PURPOSE_USE("security.exchange") std::string ExportCard(const Contact& c);
PURPOSE_USE("security.exchange") bool SendCard(const Contact& c);
PURPOSE_USE("diagnostics") void Log(const std::string& line);

void RoundTrip(const Contact& c) {
  std::string card = ExportCard(c);
  Log(card);  // expect-violation: sink_result::Contact::phone
  bool sent = SendCard(c);
  Log(sent ? "sent" : "not sent");
  Log(c.name);
}

}  // namespace sink_result
