// A tiny driver: two accounts, a login, and the nightly audience sync.
#include "account.h"
#include "audience.h"
#include "login_flow.h"

#include <iostream>
#include <string>
#include <utility>

namespace {

social::Account MakeAccount(social::UserId id, std::string handle,
                            std::string phone, std::string email) {
  social::Account account;
  account.user_id = id;
  account.handle = std::move(handle);
  account.display_name = account.handle;
  account.country_code = "US";
  account.interests = {"hiking", "photography"};
  account.two_factor_phone = std::move(phone);
  account.recovery_email = std::move(email);
  return account;
}

}  // namespace

int main() {
  social::AccountStore store;
  store.Put(MakeAccount(1, "ada", "(415) 555-0100", "Ada.Lovelace+2fa@gmail.com"));
  store.Put(MakeAccount(2, "grace", "", "grace@example.org"));

  social::LoginFlow login(store);
  if (login.StartChallenge(1)) std::cout << "code sent\n";

  std::size_t tailored = social::ads::SyncTailoredAudience(store);
  std::size_t hikers = social::ads::SyncInterestAudience(store, "hiking");
  social::ads::MatchPartnerCampaign(store, 4242, {1, 2});
  std::cout << "tailored=" << tailored << " hikers=" << hikers << "\n";
  return 0;
}
