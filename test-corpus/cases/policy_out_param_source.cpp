// A C-style API that writes the recovery e-mail into a caller's buffer: the
// policy limits what its first argument points to after the call.
#include "purpose.h"

#include <cstddef>
#include <cstring>
#include <string>

extern "C" int read_recovery_email(char* out, std::size_t n);
extern "C" int read_display_name(char* out, std::size_t n);

AD_TARGETING void UploadEmail(const std::string& email);

void Sync() {
  char email[256];
  if (read_recovery_email(email, sizeof(email)) == 0)
    UploadEmail(email);  // expect-violation: read_recovery_email

  char name[64];
  read_display_name(name, sizeof(name));
  UploadEmail(name);

  char copy[256];
  read_recovery_email(email, sizeof(email));
  std::strcpy(copy, email);
  UploadEmail(std::string(copy));  // expect-violation: read_recovery_email
}
