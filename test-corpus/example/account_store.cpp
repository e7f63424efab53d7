#include "account.h"

#include <utility>

namespace social {

void AccountStore::Put(Account account) {
  UserId id = account.user_id;
  accounts_[id] = std::move(account);
}

const Account* AccountStore::Find(UserId id) const {
  auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

void AccountStore::Remove(UserId id) { accounts_.erase(id); }

std::vector<UserId> AccountStore::AllIds() const {
  std::vector<UserId> ids;
  ids.reserve(accounts_.size());
  for (const auto& entry : accounts_) ids.push_back(entry.second.user_id);
  return ids;
}

}  // namespace social
