// The Patterns option of purpose-unannotated-contact replaces the default
// list (and matches without regard to case).
// RUN: rm -rf %t && mkdir %t && cp %s %t/purpose-unannotated-contact-patterns.cpp
// RUN: %corpus-compdb %t %t/purpose-unannotated-contact-patterns.cpp
// RUN: %check-purpose-tidy -checks='-*,purpose-unannotated-contact' \
// RUN:   --config="{CheckOptions: {purpose-unannotated-contact.Patterns: 'fax;IBAN'}}" \
// RUN:   -p %t %t/purpose-unannotated-contact-patterns.cpp 2>%t/stderr \
// RUN:   | FileCheck %s -DFILE=%t/purpose-unannotated-contact-patterns.cpp \
// RUN:     --match-full-lines --implicit-check-not='{{warning|error|note}}:'
// RUN: FileCheck %s -DFILE=%t/purpose-unannotated-contact-patterns.cpp --check-prefix=STDERR \
// RUN:   --input-file=%t/stderr --match-full-lines \
// RUN:   --implicit-check-not='{{warning|error|note}}:'
#include <string>

struct Customer {
  std::string phone;  // not in the patterns any more
  std::string fax;
  // CHECK: [[FILE]]:[[@LINE-1]]:15: warning: field 'Customer::fax' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
  std::string iban;
  // CHECK: [[FILE]]:[[@LINE-1]]:15: warning: field 'Customer::iban' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
};

// STDERR: 2 warnings generated.
