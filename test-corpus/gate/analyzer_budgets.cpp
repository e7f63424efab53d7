// Drives each budget of the function analysis (checks/core/AnalyzerOptions.h)
// to exhaustion when scripts/tests/budget_test.py lowers it with --analyzer-budget.
// With the default budgets the run is complete and finds the three flows.
#include "purpose.h"
#include <string>
#include <vector>

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

namespace gate {

// block-visits: the phone moves one local further each time round the loop,
// so the loop's blocks are visited once per local before nothing changes.
void Shift(const Account& a, int n) {
  std::string s1, s2, s3, s4, s5, s6, s7, s8, s9, s10;
  for (int i = 0; i < n; ++i) {
    s10 = s9; s9 = s8; s8 = s7; s7 = s6; s6 = s5;
    s5 = s4; s4 = s3; s3 = s2; s2 = s1; s1 = a.phone;
  }
  Upload(s10);
}

// points-to-rounds: p4 points to 'first' from the third time round the loop.
// Each pass of the points-to map follows one more assignment of the chain,
// as they come against the order of the blocks: five passes, the last one
// changing nothing. (Three passes, once the limit, missed this flow.)
void Rotate(const Account& a, int n) {
  std::string first, second;
  std::string *p1 = &first, *p2 = &second, *p3 = &second, *p4 = &second;
  for (int i = 0; i < n; ++i) {
    p4 = p3;
    p3 = p2;
    p2 = p1;
  }
  *p4 = a.phone;
  Upload(first);
}

// held-type-depth: Account is held four library templates deep.
using Deep = std::vector<std::vector<std::vector<std::vector<Account>>>>;
AD_TARGETING void UploadAll(const Deep& all);
void Nested(const Deep& all) { UploadAll(all); }

} // namespace gate
