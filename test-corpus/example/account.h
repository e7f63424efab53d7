// Accounts of the social service and the store that holds them.
//
// The phone number and e-mail address that a user gives for two-factor
// authentication and account recovery are collected for security only: they
// must not be used for anything else, advertising included.
#ifndef SOCIAL_ACCOUNT_H
#define SOCIAL_ACCOUNT_H

#include "purpose.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace social {

using UserId = std::int64_t;

struct Account {
  UserId user_id = 0;
  std::string handle;        // @name, public
  std::string display_name;  // public
  std::string country_code;  // ISO 3166-1 alpha-2, e.g. "US"
  std::vector<std::string> interests;

  // Given only to protect the account: SMS login codes and recovery links.
  // The categories name them in the data map (--inventory --format fides).
  PURPOSE_CATEGORY("user.contact.phone_number")
  SECURITY_CONTACT std::string two_factor_phone;
  PURPOSE_CATEGORY("user.contact.email")
  SECURITY_CONTACT std::string recovery_email;
};

class AccountStore {
public:
  // Adds or replaces the account with account.user_id.
  void Put(Account account);

  // The account with `id`, or nullptr. The pointer stays valid until the next
  // Put or Remove.
  const Account* Find(UserId id) const;

  void Remove(UserId id);

  // Ids of every account, ascending.
  std::vector<UserId> AllIds() const;

  std::size_t size() const { return accounts_.size(); }

private:
  std::map<UserId, Account> accounts_;
};

}  // namespace social

#endif  // SOCIAL_ACCOUNT_H
