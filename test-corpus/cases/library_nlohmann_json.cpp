// nlohmann::json, the JSON library most C++ services use: building an object
// with operator[] and initializer lists, copying it, adding an unrelated
// element, dump() and get<>(). Storing into one element adds to the object
// (it does not clear the phone number stored under another key); an object
// built only from clean values is not reported.
#include "purpose.h"

#include <string>

#include <nlohmann/json.hpp>

namespace json_models {

using json = nlohmann::json;

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& payload);

void Events(const Account& a) {
  json m;
  m["phone"] = a.phone;
  m["name"] = a.display_name;
  json profile = m;
  profile["event_source"] = "website";
  Upload(profile.dump());  // expect-violation: json_models::Account::phone

  json clean;
  clean["name"] = a.display_name;
  clean["id"] = a.user_id;
  Upload(clean.dump());

  std::string back = m["phone"].get<std::string>();
  Upload(back);  // expect-violation: json_models::Account::phone

  json built = {{"id", a.user_id}, {"phone", a.phone}};
  Upload(built.dump());  // expect-violation: json_models::Account::phone

  json parsed = json::parse(a.display_name);
  Upload(parsed.dump());
}

}  // namespace json_models
