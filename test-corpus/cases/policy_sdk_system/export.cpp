// An SDK header with no annotations, in a system header behind an inline
// namespace and a using-alias: the policy marks every adsdk function a use,
// with a more specific entry for Track's second parameter only.
// RUN-ARGS: -isystem %S/sdk
#include "purpose.h"
#include <adsdk/audience.h>
#include <string>

struct Member {
  std::string nickname;
  SECURITY_CONTACT std::string phone;
};

void Export(const Member& m) {
  adsdk::Audience audience(7);
  adsdk::AudienceRef ref = audience;
  ref.Add(m.phone);  // expect-violation: Member::phone
  ref.Add(m.nickname);
  adsdk::Track(m.phone, m.nickname);  // only argument 2 is a use
  adsdk::Track("signup", m.phone);  // expect-violation: Member::phone
}
