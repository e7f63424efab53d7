// Runner self-test: this expectation is deliberately wrong. Nothing here is
// annotated, so no tool can report the expected violation, and the corpus
// runner must fail on this file (CTest: corpus/runner-selftest, WILL_FAIL).
#include "purpose.h"

#include <string>

struct Account {
  std::string display_name;
};

void Upload(const std::string& id);

void Run(const Account& acct) {
  Upload(acct.display_name);  // expect-violation: Account::display_name
}
