// Streams are not hubs. Extracting into a limited field (`in >> c.phone`,
// std::getline) reads from the stream and writes the field: the stream does
// not become limited, so what is read from it next is clean. Inserting
// (`os << a.user_id << ',' << a.phone`) writes into the stream only: the
// stream that operator<< returns is the stream, never its right operand, so
// `user_id` does not become limited. Two string streams stay apart.
#include "purpose.h"

#include <istream>
#include <ostream>
#include <sstream>
#include <string>

namespace stream_hubs {

struct Contact {
  std::string name;
  SECURITY_CONTACT std::string phone;
};

struct Account {
  std::string user_id;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

void Load(std::istream& in, Contact& c) {
  in >> c.name >> c.phone;
  std::string next;
  in >> next;
  Upload(next);
  std::string line;
  std::getline(in, line);
  Upload(line);
  Upload(c.phone);  // expect-violation: stream_hubs::Contact::phone
}

void ReadAll(std::istream& in) {
  std::string token;
  while (in >> token)
    Upload(token);
}

void Export(std::ostream& os, const Account& a) {
  os << a.user_id << ',' << a.phone << '\n';
  Upload(a.user_id);
}

void Serialize(const Account& a) {
  std::ostringstream out;
  out << a.user_id << ':' << a.phone;
  Upload(out.str());  // expect-violation: stream_hubs::Account::phone
  std::ostringstream other;
  other << a.user_id << ':' << 42;
  Upload(other.str());
}

void Parse(const Account& a) {
  std::istringstream in(a.phone);
  std::string digits;
  in >> digits;
  Upload(digits);  // expect-violation: stream_hubs::Account::phone
}

}  // namespace stream_hubs
