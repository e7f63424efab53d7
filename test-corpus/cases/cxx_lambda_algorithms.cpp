// Lambdas passed to standard algorithms: std::for_each, std::transform,
// std::accumulate and std::find_if. The lambda is called with the elements of
// the range; its result flows to the algorithm's outputs. Lambdas that read
// only clean fields are not reported.
#include "purpose.h"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <string>
#include <vector>

namespace algo {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);
AD_TARGETING void UploadAll(const std::vector<std::string>& ids);

void ForEach(const std::vector<Account>& accounts) {
  std::for_each(accounts.begin(), accounts.end(), [](const Account& a) {
    Upload(a.phone);  // expect-violation: algo::Account::phone
  });
  std::for_each(accounts.begin(), accounts.end(), [](const Account& a) {
    Upload(a.display_name);
  });

  // A lambda that collects into a captured-by-reference vector.
  std::vector<std::string> seen;
  std::for_each(accounts.begin(), accounts.end(),
                [&seen](const Account& a) { seen.push_back(a.phone); });
  UploadAll(seen);  // expect-violation: algo::Account::phone
}

void Transform(const std::vector<Account>& accounts) {
  std::vector<std::string> keys;
  keys.reserve(accounts.size());
  std::transform(accounts.begin(), accounts.end(), std::back_inserter(keys),
                 [](const Account& a) { return "tel:" + a.phone; });
  UploadAll(keys);  // expect-violation: algo::Account::phone

  // In place, through an output iterator into a vector of clean names.
  std::vector<std::string> names;
  for (const Account& a : accounts) names.push_back(a.display_name);
  std::transform(names.begin(), names.end(), names.begin(),
                 [](const std::string& n) { return "@" + n; });
  UploadAll(names);

  std::vector<std::string> handles;
  std::transform(accounts.begin(), accounts.end(), std::back_inserter(handles),
                 [](const Account& a) { return "@" + a.display_name; });
  UploadAll(handles);
}

void Accumulate(const std::vector<Account>& accounts) {
  std::string joined = std::accumulate(
      accounts.begin(), accounts.end(), std::string(),
      [](std::string acc, const Account& a) { return std::move(acc) + a.phone + ";"; });
  Upload(joined);  // expect-violation: algo::Account::phone

  std::vector<std::string> names;
  for (const Account& a : accounts) names.push_back(a.display_name);
  std::string all_names = std::accumulate(
      names.begin(), names.end(), std::string(),
      [](const std::string& acc, const std::string& n) { return acc + n + ","; });
  Upload(all_names);
}

void Find(const std::vector<Account>& accounts, int user_id) {
  auto it = std::find_if(accounts.begin(), accounts.end(),
                         [user_id](const Account& a) { return a.user_id == user_id; });
  if (it == accounts.end()) return;
  Upload(it->display_name);
  Upload(it->phone);  // expect-violation: algo::Account::phone
}

}  // namespace algo
