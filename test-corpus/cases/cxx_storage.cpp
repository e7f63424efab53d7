// Storage: globals, static members and function-local statics used as
// caches, and thread_local variables. They behave like fields: a store in one
// function taints every read, anywhere. An annotated global and an annotated
// in-class static member are origins themselves. Storage that only ever held
// clean data is not reported.
#include "purpose.h"

#include <map>
#include <string>
#include <unordered_map>

namespace storage {

struct Account {
  int user_id = 0;
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

// Globals.
std::string g_last_phone;
std::string g_last_name;
SECURITY_CONTACT std::string g_support_phone = "+14155550100";

void Remember(const Account& acct) {
  g_last_phone = acct.phone;
  g_last_name = acct.display_name;
}

void ReportGlobals() {
  Upload(g_last_phone);  // expect-violation: storage::Account::phone
  Upload(g_last_name);
  Upload(g_support_phone);  // expect-violation: storage::g_support_phone
}

// Static members: a cache keyed by user, and an annotated constant.
class PhoneCache {
 public:
  static void Put(const Account& acct) { cache_[acct.user_id] = acct.phone; }
  static std::string Get(int user_id) { return cache_[user_id]; }
  static int hits() { return hits_; }

 private:
  static std::map<int, std::string> cache_;
  static int hits_;
};
std::map<int, std::string> PhoneCache::cache_;
int PhoneCache::hits_ = 0;

struct Config {
  SECURITY_CONTACT static std::string recovery_number;
  static std::string brand;
};
std::string Config::recovery_number = "+18005550199";
std::string Config::brand = "Acme";

void ReportStatics(int user_id) {
  Upload(PhoneCache::Get(user_id));  // expect-violation: storage::Account::phone
  Upload(std::to_string(PhoneCache::hits()));
  Upload(Config::recovery_number);  // expect-violation: storage::Config::recovery_number
  Upload(Config::brand);
}

// Function-local statics: a memoizing normalizer and a Meyers-singleton slot.
const std::string& NormalizedPhone(const Account& acct) {
  static std::unordered_map<int, std::string> memo;
  auto it = memo.find(acct.user_id);
  if (it == memo.end()) {
    std::string digits;
    for (char c : acct.phone)
      if (c >= '0' && c <= '9') digits.push_back(c);
    it = memo.emplace(acct.user_id, digits).first;
  }
  return it->second;
}

std::string& LastContacted() {
  static std::string slot;
  return slot;
}

std::string& LastGreeted() {
  static std::string slot;
  return slot;
}

void Contact(const Account& acct) {
  LastContacted() = acct.phone;
  LastGreeted() = acct.display_name;
}

void ReportLocalStatics(const Account& acct) {
  Upload(NormalizedPhone(acct));  // expect-violation: storage::Account::phone
  Upload(LastContacted());  // expect-violation: storage::Account::phone
  Upload(LastGreeted());
}

// thread_local: the current request's caller.
thread_local std::string t_caller_phone;
thread_local std::string t_caller_name;
thread_local int t_requests = 0;

void EnterRequest(const Account& acct) {
  t_caller_phone = acct.phone;
  t_caller_name = acct.display_name;
  ++t_requests;
}

void TrackRequest() {
  Upload(t_caller_phone);  // expect-violation: storage::Account::phone
  Upload(t_caller_name);
  Upload(std::to_string(t_requests));
}

}  // namespace storage
