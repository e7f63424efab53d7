// Field-based flow: a limited value stored into a non-annotated field in one
// function taints every read of that field in another. Storing into a field
// only adds: a later clean store does not clear it.
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
  SECURITY_CONTACT std::string phone;
};

struct LookupCache {
  std::string last;
  std::string last_name;
  int hits = 0;
};

AD_TARGETING void Upload(const std::string& id);

void Remember(LookupCache& cache, const Account& acct) {
  cache.last = acct.phone;
  cache.last_name = acct.display_name;
  ++cache.hits;
}

void Forget(LookupCache& cache) { cache.last = ""; }

void Flush(const LookupCache& cache) {
  Upload(cache.last);  // expect-violation: Account::phone
  Upload(cache.last_name);
  Upload(std::to_string(cache.hits));
}
