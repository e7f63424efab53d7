// RUN-ARGS: -isystem %S/../system
// A configuration group selected by name is a view of the configuration
// file: it holds the file's entries, not the name it was selected by. An
// address format looked up by a contact's country is configuration text.
#include "purpose.h"

#include <kconfig.h>
#include <qstring.h>

namespace config_lookup {

struct Address {
  PURPOSE_LIMITED("contacts") QString country;
  PURPOSE_LIMITED("contacts") QString street;
};

PURPOSE_USE("diagnostics") void Warn(const QString& message);

QString FormatFor(const KConfig& cfg, const Address& a) {
  QString format = cfg.group(a.country).readEntry("AddressFormat");
  Warn(format);
  Warn(a.street);  // expect-violation: config_lookup::Address::street
  return format;
}

}  // namespace config_lookup
