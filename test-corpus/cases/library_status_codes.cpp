// RUN-ARGS: -isystem %S/../system
// What a library returns about the data is not the data: the result code of
// a directory update, the message for that code, and the name of the charset
// that suits a text. The distinguished name itself, logged, is reported.
#include "purpose.h"

#include <ldapish.h>

namespace status_codes {

struct Contact {
  PURPOSE_LIMITED("contacts") const char* dn;
  PURPOSE_LIMITED("contacts") const char* card;
};

PURPOSE_USE("diagnostics") void Debug(const char* message);

void Store(LDAP* ld, const Contact& c, char** attrs) {
  int rc = ldap_add_ext_s(ld, c.dn, attrs, nullptr, nullptr);
  if (rc != 0)
    Debug(ldap_err2string(rc));
  rc = ldap_modify_ext_s(ld, c.dn, attrs, nullptr, nullptr);
  Debug(ldap_err2string(rc));
  Debug(mime_charset_best(c.card, 10));
  Debug(c.dn);  // expect-violation: status_codes::Contact::dn
}

}  // namespace status_codes
