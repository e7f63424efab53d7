// RUN-ARGS: -isystem %S/../system
// A charset conversion hands back the converted text, which is the text;
// what it writes through its other arguments is not: byte counts, and an
// error whose message names the charsets. Logging why converting a limited
// address failed does not log the address; logging the converted address,
// or an error the program itself words with the address, does.
#include "purpose.h"

#include <fakegtk.h>

namespace charset_conversion {

struct Contact {
  SECURITY_CONTACT const char* recovery_address;
};

PURPOSE_USE("diagnostics") void Debug(const char* text);

gchar* ToUtf8(const Contact& c, const char* charset) {
  GError* error = nullptr;
  gsize read = 0, written = 0;
  gchar* text = g_convert(c.recovery_address, -1, "UTF-8", charset, &read,
                          &written, &error);
  if (text == nullptr) {
    Debug(error->message);
    g_error_free(error);
    return nullptr;
  }
  Debug(text);  // expect-violation: charset_conversion::Contact::recovery_address
  return text;
}

gchar* FromLocale(const Contact& c) {
  GError* error = nullptr;
  gchar* text = g_locale_to_utf8(c.recovery_address, -1, nullptr, nullptr,
                                 &error);
  if (text == nullptr) {
    g_set_error_literal(&error, 0, 1, c.recovery_address);
    Debug(error->message);  // expect-violation: charset_conversion::Contact::recovery_address
  }
  return text;
}

}  // namespace charset_conversion
