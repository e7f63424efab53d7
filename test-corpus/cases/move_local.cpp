// Moves: std::move into a local, move assignment, and a moved argument keep
// the limitation.
#include "purpose.h"

#include <string>
#include <utility>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(std::string id);

void Run(Account acct) {
  std::string moved = std::move(acct.phone);
  std::string target;
  target = std::move(moved);
  Upload(std::move(target));  // expect-violation: Account::phone
}
