// Storing into an element of a container adds to what the container holds;
// it never clears it. `profile["source"] = "web"` after
// `profile["phone"] = a.phone` leaves the phone number in the map. Only a
// store to the whole variable (`profile = {}`, `s = "x"`, `s.clear()`)
// replaces what it held.
#include "purpose.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace element_store {

struct Account {
  std::string user_id;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadMap(const std::map<std::string, std::string>& m);
AD_TARGETING void UploadPair(const std::pair<std::string, std::string>& p);
AD_TARGETING void UploadAll(const std::vector<std::string>& v);

void MapElements(const Account& a) {
  std::map<std::string, std::string> profile;
  profile["phone"] = a.phone;
  profile["event_source"] = "website";
  UploadMap(profile);  // expect-violation: element_store::Account::phone

  std::map<std::string, std::string> copy = profile;
  copy.at("event_source") = "app";
  UploadMap(copy);  // expect-violation: element_store::Account::phone

  std::map<std::string, std::string> cleared = profile;
  cleared = {};
  cleared["user"] = a.user_id;
  UploadMap(cleared);
}

void PairMembers(const Account& a) {
  std::pair<std::string, std::string> p{a.user_id, a.phone};
  p.first = "anonymous";
  UploadPair(p);  // expect-violation: element_store::Account::phone
}

void VectorElements(const Account& a) {
  std::vector<std::string> v{a.phone, a.user_id};
  v[1] = "x";
  v.front().clear();
  UploadAll(v);  // expect-violation: element_store::Account::phone

  std::string s = a.phone;
  s = "redacted";
  Upload(s);
  std::string t = a.phone;
  t.clear();
  Upload(t);
}

}  // namespace element_store
