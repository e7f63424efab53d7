// Policy entries on C library functions that Clang knows as builtins
// (printf, fprintf, fwrite, strcpy, getchar) take precedence over the
// library model, as they do for any other function: the policy makes
// fprintf and fwrite telemetry sinks, printf a logging sink, and getchar a
// source of security data. strcpy has no role: it copies.
#include "purpose.h"

#include <cstdio>
#include <cstring>
#include <string>

namespace builtins {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

void Log(FILE* telemetry, const Account& a) {
  char buf[64];
  std::strcpy(buf, a.phone.c_str());
  std::fprintf(telemetry, "%s\n", buf);  // expect-violation: builtins::Account::phone
  std::fwrite(buf, 1, 8, telemetry);  // expect-violation: builtins::Account::phone
  std::printf("%s\n", a.display_name.c_str());
  std::printf("%s\n", a.phone.c_str());  // expect-violation: builtins::Account::phone
}

void Pin(FILE* telemetry) {
  int c = std::getchar();
  char digit = static_cast<char>(c);
  std::fwrite(&digit, 1, 1, telemetry);  // expect-violation: getchar
}

}  // namespace builtins
