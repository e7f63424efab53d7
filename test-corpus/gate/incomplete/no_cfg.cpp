// A function that Clang cannot build a control-flow graph for: a `break`
// inside a GNU statement expression in a loop's condition (Clang's CFG
// builder finds no loop to break out of and gives up). Such a function is
// not analyzed, and the run must say so (exit status 2) instead of reporting
// nothing for it: here, the flow to Upload is unknown.
//
// Not in test-corpus/gate/ itself: the tests that run every gate/*.cpp expect
// a complete report. scripts/tests/budget_test.py runs this one.
#include "purpose.h"
#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void Upload(const std::string& id);

namespace gate {

int Search(const Account& a, int n) {
  int found = 0;
  while (({
    if (n > 100)
      break;
    n < 10;
  })) {
    Upload(a.phone);
    ++n;
    ++found;
  }
  return found;
}

// Analyzed as usual: one function without a CFG does not stop the others.
void Direct(const Account& a) { Upload(a.phone); }

} // namespace gate
