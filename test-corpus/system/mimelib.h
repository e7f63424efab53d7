// Imitates a C library with opaque handles (options, connections): their
// structs are defined only inside the library, so callers hold pointers to
// incomplete types.
#pragma once

typedef struct _MimeOptions MimeOptions;
typedef struct _AddressList AddressList;

typedef struct {
  char text[256];
  int len;
} MimeBuffer;

#ifdef __cplusplus
extern "C" {
#endif
MimeOptions* mime_default_options(void);
AddressList* address_list_parse(MimeOptions* options, const char* text);
const char* content_type_parse(MimeOptions* options, const char* header);
void mime_buffer_append(MimeBuffer* buffer, const char* text);
#ifdef __cplusplus
}
#endif
