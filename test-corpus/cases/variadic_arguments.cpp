// A program function that takes "..." hands its variadic arguments to its
// body through a va_list: what a caller passes among them reaches what the
// body does with the list (a line formatted with vsnprintf, or each va_arg).
// A variadic function that never starts the list carries nothing of them.
#include "purpose.h"

#include <cstdarg>
#include <cstdio>
#include <string>

namespace variadic {

struct Envelope {
  SECURITY_CONTACT const char* sender;
  const char* subject;
};

PURPOSE_USE("diagnostics") void DebugLog(const char* line);

void LogCommand(int level, const char* fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (level > 0)
    DebugLog(buf);  // expect-violation: variadic::Envelope::sender
}

void LogEach(int n, ...) {
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; ++i)
    DebugLog(va_arg(ap, const char*));  // expect-violation: variadic::Envelope::sender
  va_end(ap);
}

int Ignore(const char* what, ...) { return what[0] == '%' ? 1 : 0; }

void LogSubject(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  DebugLog(fmt);  // the list is started, but only the format is logged
  va_end(ap);
}

void Send(const Envelope& e) {
  LogCommand(1, "MAIL FROM:<%s>", e.sender);
  LogEach(2, e.subject, e.sender);
  DebugLog(std::to_string(Ignore("%s", e.sender)).c_str());
  LogSubject(e.subject, e.sender);
}

}  // namespace variadic
