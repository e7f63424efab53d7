// A sink that the program only declares (an SDK's upload function), called
// through a function pointer or std::function: the call is a use, as a direct
// call of the sink is. Only the pointers that hold the sink count: a pointer
// to a harmless function of the same signature is no use.
#include "purpose.h"

#include <functional>
#include <string>

namespace sdk_callbacks {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
void Greet(const std::string& name);  // no role

using Sink = void (*)(const std::string&);

void CallIt(Sink f, const std::string& v) {
  f(v);  // expect-violation: sdk_callbacks::Account::phone
}

void HandOn(Sink f, const std::string& v) { CallIt(f, v); }

void ThroughPointer(const Account& a) {
  HandOn(&Upload, a.phone);
  HandOn(&Greet, a.display_name);
}

void ThroughStdFunction(const Account& a) {
  std::function<void(const std::string&)> upload = Upload;
  upload(a.phone);  // expect-violation: sdk_callbacks::Account::phone

  std::function<void(const std::string&)> greet = Greet;
  greet(a.phone);
}

}  // namespace sdk_callbacks
