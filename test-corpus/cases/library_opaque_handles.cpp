// RUN-ARGS: -isystem %S/../system
// A pointer to a type whose inside the program never sees (an options or
// connection handle of a C library) is the library's state, not an output:
// parsing a limited address with shared options does not make everything
// later parsed with those options limited. A buffer the program can see
// into still receives what is written into it.
#include "purpose.h"

#include <mimelib.h>

namespace opaque {

struct Message {
  SECURITY_CONTACT const char* recovery_address;
  const char* content_type_header;
};

PURPOSE_USE("diagnostics") void Debug(const char* text);

MimeOptions* g_options = mime_default_options();

void Parse(const Message& m, MimeOptions* options) {
  AddressList* bcc = address_list_parse(options, m.recovery_address);
  const char* ct = content_type_parse(options, m.content_type_header);
  Debug(ct);
  address_list_parse(g_options, m.recovery_address);
  Debug(content_type_parse(g_options, m.content_type_header));
  MimeBuffer buffer = {};
  mime_buffer_append(&buffer, m.recovery_address);
  Debug(buffer.text);  // expect-violation: opaque::Message::recovery_address
  (void)bcc;
}

}  // namespace opaque
