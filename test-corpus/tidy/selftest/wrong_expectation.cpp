// check_tidy.py must fail on this file: the expectation names the wrong
// column, and the second malformed purpose has no expectation at all.
#include "purpose.h"
#include <string>
// CHECKS: purpose-annotation

struct Account {
  PURPOSE_LIMITED("Security") std::string phone;
  // CHECK-MESSAGES: :[[@LINE-1]]:4: error: malformed purpose 'Security'
  PURPOSE_LIMITED("Email") std::string email;
};
