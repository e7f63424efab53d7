// RUN-ARGS: -isystem %S/../system
// Generated parsing code, in the shape protoc writes _InternalParse: the
// parse cursor that protobuf's wire-format readers return points into the
// input, not into the field just parsed, so a field read next through the
// cursor does not carry the field before it.
#include "purpose.h"

#include <cstdint>
#include <string>

#include "fake_protobuf.h"

namespace pbparse {

struct PhoneMessage {
  SECURITY_CONTACT std::string extension;
  uint64_t country_code = 0;

  const char* Parse(const char* ptr,
                    ::google::protobuf::internal::ParseContext* ctx) {
    ptr = ::google::protobuf::internal::InlineGreedyStringParser(&extension, ptr,
                                                                 ctx);
    ptr = ::google::protobuf::internal::ReadVarint64(ptr, &country_code);
    return ptr;
  }
};

PURPOSE_USE("diagnostics") void LogCountry(uint64_t code);
PURPOSE_USE("diagnostics") void Log(const std::string& s);

void Show(const PhoneMessage& m) {
  LogCountry(m.country_code);
  Log(m.extension);  // expect-violation: pbparse::PhoneMessage::extension
}

}  // namespace pbparse
