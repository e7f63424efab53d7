// A count or a length is not the data it counts: logging how many contacts a
// list holds, the length of a phone number (from size(), strlen or the
// distance between two pointers), or a length kept in a field is not a use
// of the phone numbers. The list itself, or the number, still is.
#include "purpose.h"

#include <cstring>
#include <map>
#include <string>
#include <vector>

extern "C" unsigned long contact_list_length(const void* list);

namespace counts {

struct Contact {
  std::string name;
  SECURITY_CONTACT std::string phone;
};

struct Stats {
  unsigned long digits = 0;
};

PURPOSE_USE("diagnostics") void Log(const std::string& line);
PURPOSE_USE("diagnostics") void LogCount(unsigned long n);

void Report(const std::vector<Contact>& contacts, const void* c_list) {
  LogCount(contacts.size());
  std::vector<std::string> phones;
  for (const Contact& c : contacts)
    phones.push_back(c.phone);
  LogCount(phones.size());
  LogCount(contacts.front().phone.length());
  LogCount(std::strlen(contacts.front().phone.c_str()));
  LogCount(contact_list_length(c_list));
  Stats s;
  s.digits = contacts.front().phone.size();
  LogCount(s.digits);
  const char* begin = contacts.front().phone.data();
  const char* end = begin + contacts.front().phone.size();
  LogCount(static_cast<unsigned long>(end - begin));
  Log(std::string(begin, end));  // expect-violation: counts::Contact::phone
  Log(phones.front());  // expect-violation: counts::Contact::phone
  Log("n=" + std::to_string(phones.size()));
}

}  // namespace counts
