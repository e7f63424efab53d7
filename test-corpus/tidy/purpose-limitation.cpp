// The purpose-limitation check in clang-tidy: the warning at the sink call,
// a note per trace step, and NOLINT with a reason, which hides a finding
// (clang-tidy counts it as suppressed).
// RUN: rm -rf %t && mkdir %t && cp %s %t/purpose-limitation.cpp
// RUN: %corpus-compdb %t %t/purpose-limitation.cpp
// RUN: %check-purpose-tidy -checks='-*,purpose-limitation' --config={} \
// RUN:   -p %t %t/purpose-limitation.cpp 2>%t/stderr \
// RUN:   | FileCheck %s -DFILE=%t/purpose-limitation.cpp \
// RUN:     --match-full-lines --implicit-check-not='{{warning|error|note}}:'
// RUN: FileCheck %s -DFILE=%t/purpose-limitation.cpp --check-prefix=STDERR \
// RUN:   --input-file=%t/stderr --match-full-lines \
// RUN:   --implicit-check-not='{{warning|error|note}}:'
#include "purpose.h"

#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
  std::string name;
};

AD_TARGETING void Upload(const std::string& id);
PURPOSE_USE("security.sms") void SendSms(const std::string& to);

std::string Normalize(const std::string& p) { return "+" + p; }

void Run(const Account& a) {
  SendSms(a.phone);  // allowed: security.sms lies within security
  std::string n = Normalize(a.phone);
  Upload(n);
  // CHECK: [[FILE]]:[[@LINE-1]]:3: warning: 'Account::phone', limited to 'security', reaches 'Upload', a use for 'advertising' [purpose-limitation]
  // CHECK: [[FILE]]:[[@LINE-3]]:31: note: read of 'Account::phone'
  // CHECK: [[FILE]]:[[@LINE-4]]:31: note: passed to 'Normalize' as argument 1
  // CHECK: [[FILE]]:[[@LINE-9]]:47: note: returned from 'Normalize'
  // CHECK: [[FILE]]:[[@LINE-6]]:15: note: assigned to 'n'
  // CHECK: [[FILE]]:[[@LINE-6]]:10: note: passed to 'Upload' as argument 1
  Upload(a.name);
  Upload(a.phone);  // NOLINT(purpose-limitation): reviewed in PRIV-1
}

// STDERR: 1 warning generated.
// STDERR-NEXT: Suppressed 1 warnings (1 NO{{L}}INT).
