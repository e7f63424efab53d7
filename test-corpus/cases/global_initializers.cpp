// Namespace-scope initializers run before main and are analyzed like code in
// a function: a global initialized from a limited source, a global object
// constructed from one, a global function pointer, and a static table of
// function pointers built by aggregate initialization. A global initialized
// from clean data is not reported.
#include "purpose.h"

#include <string>

namespace global_init {

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

PURPOSE_LIMITED("security") std::string LoadRecoveryPhone();
std::string LoadDisplayName();

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("analytics") void Track(const std::string& event);

const std::string g_phone = LoadRecoveryPhone();
const std::string g_name = LoadDisplayName();

void UseGlobals() {
  Upload(g_phone);  // expect-violation: global_init::LoadRecoveryPhone
  Upload(g_name);
}

struct Holder {
  explicit Holder(const std::string& v) : value(v) {}
  std::string value;
};

Holder g_holder{LoadRecoveryPhone()};

void UseHolder() {
  Track(g_holder.value);  // expect-violation: global_init::LoadRecoveryPhone
}

using Sender = void (*)(const std::string&);

void AudienceSend(const std::string& id) {
  Upload(id);  // expect-violation: global_init::Account::phone
}

Sender g_sender = AudienceSend;

void ViaGlobalPointer(const Account& a) { g_sender(a.phone); }

struct Route {
  const char* name;
  void (*handler)(const std::string&);
};

void TrackRoute(const std::string& id) {
  Track(id);  // expect-violation: global_init::Account::phone
}
void NoopRoute(const std::string& id) {}

const Route kRoutes[] = {{"track", &TrackRoute}, {"noop", &NoopRoute}};

void Dispatch(const Account& a, int i) { kRoutes[i].handler(a.phone); }

}  // namespace global_init
