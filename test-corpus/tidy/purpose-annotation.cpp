// The purpose-annotation check in clang-tidy: malformed, unknown and
// misplaced annotations, and suppressions of purpose-limitation without a
// reason. Malformed purposes are errors, so clang-tidy exits with 1.
// RUN: rm -rf %t && mkdir %t && cp %s %t/purpose-annotation.cpp
// RUN: %corpus-compdb %t %t/purpose-annotation.cpp
// RUN: %exits-with 1 %check-purpose-tidy -checks='-*,purpose-annotation' --config={} \
// RUN:   -p %t %t/purpose-annotation.cpp 2>%t/stderr \
// RUN:   | FileCheck %s -DFILE=%t/purpose-annotation.cpp \
// RUN:     --match-full-lines --implicit-check-not='{{warning|error|note}}:'
// RUN: FileCheck %s -DFILE=%t/purpose-annotation.cpp --check-prefix=STDERR \
// RUN:   --input-file=%t/stderr --match-full-lines \
// RUN:   --implicit-check-not='{{warning|error|note}}:'
#include "purpose.h"

#include <string>

// Well-formed annotations in every place they apply: no diagnostic.
struct Account {
  SECURITY_CONTACT std::string phone;
  PURPOSE_LIMITED("security.sms, support") std::string backup_phone;
  PURPOSE_LIMITED("billing") static std::string billing_email;
};
PURPOSE_LIMITED("billing") std::string g_invoice_email;
SECURITY_CONTACT std::string RecoveryPhone(int user);
AD_TARGETING void Upload(const std::string& id);
void Match(int campaign, PURPOSE_USE("advertising.partner") const std::string& id);
void Verify(PURPOSE_LIMITED("security") const std::string& code);
PURPOSE_DECLASSIFY("keeps the last two digits") std::string Mask(const std::string& p);
struct Categorised {
  PURPOSE_CATEGORY("user.contact.phone_number") SECURITY_CONTACT std::string phone;
};

// Malformed purpose strings are errors, as for the CLI.
struct Malformed {
  PURPOSE_LIMITED("Security") std::string a;
  // CHECK: [[FILE]]:[[@LINE-1]]:3: error: malformed purpose 'Security'; expected [a-z0-9_]+(.[a-z0-9_]+)* [purpose-annotation]
  PURPOSE_LIMITED("security,") std::string b;
  // CHECK: [[FILE]]:[[@LINE-1]]:3: error: malformed purpose ''; expected [a-z0-9_]+(.[a-z0-9_]+)* [purpose-annotation]
  PURPOSE_LIMITED("security..sms") std::string c;
  // CHECK: [[FILE]]:[[@LINE-1]]:3: error: malformed purpose 'security..sms'; expected [a-z0-9_]+(.[a-z0-9_]+)* [purpose-annotation]
};
PURPOSE_USE("ad targeting") void Track(const std::string& id);
// CHECK: [[FILE]]:[[@LINE-1]]:1: error: malformed purpose 'ad targeting'; expected [a-z0-9_]+(.[a-z0-9_]+)* [purpose-annotation]
PURPOSE_CATEGORY("User Phone") SECURITY_CONTACT std::string g_category;
// CHECK: [[FILE]]:[[@LINE-1]]:1: error: malformed data category 'User Phone'; expected a fideslang key such as 'user.contact.phone_number' [purpose-annotation]
__attribute__((annotate("purpose_limit:security"))) std::string g_typo;
// CHECK: [[FILE]]:[[@LINE-1]]:16: warning: unknown purpose annotation 'purpose_limit'; expected purpose_limited, purpose_use, purpose_declassify or purpose_category [purpose-annotation]
PURPOSE_DECLASSIFY("") std::string Hash(const std::string& s);
// CHECK: [[FILE]]:[[@LINE-1]]:1: warning: 'PURPOSE_DECLASSIFY' without a reason; say why the result carries no limitation [purpose-annotation]

// Annotations on declarations they cannot apply to.
struct Misplaced {
  PURPOSE_USE("advertising") std::string campaign_id;
  // CHECK: [[FILE]]:[[@LINE-1]]:3: warning: 'PURPOSE_USE' cannot apply to a field; it applies to functions and parameters [purpose-annotation]
  PURPOSE_DECLASSIFY("why") int counter;
  // CHECK: [[FILE]]:[[@LINE-1]]:3: warning: 'PURPOSE_DECLASSIFY' cannot apply to a field; it applies to functions that return a value [purpose-annotation]
  PURPOSE_CATEGORY("user.contact") void Notify(int user);
  // CHECK: [[FILE]]:[[@LINE-1]]:3: warning: 'PURPOSE_CATEGORY' cannot apply to a function returning void; it applies to fields, global or static variables, parameters, and functions that return a value [purpose-annotation]
};
PURPOSE_DECLASSIFY("public anyway") std::string g_motd;
// CHECK: [[FILE]]:[[@LINE-1]]:1: warning: 'PURPOSE_DECLASSIFY' cannot apply to a variable; it applies to functions that return a value [purpose-annotation]
PURPOSE_LIMITED("security") void Reset(int user);
// CHECK: [[FILE]]:[[@LINE-1]]:1: warning: 'PURPOSE_LIMITED' cannot apply to a function returning void; it applies to fields, global or static variables, parameters, and functions that return a value [purpose-annotation]
struct PURPOSE_LIMITED("security") Secret {};
// CHECK: [[FILE]]:[[@LINE-1]]:8: warning: 'PURPOSE_LIMITED' cannot apply to a type; it applies to fields, global or static variables, parameters, and functions that return a value [purpose-annotation]

void Local() {
  PURPOSE_LIMITED("security") std::string otp = "123456";
  // CHECK: [[FILE]]:[[@LINE-1]]:3: warning: 'PURPOSE_LIMITED' cannot apply to a local variable; it applies to fields, global or static variables, parameters, and functions that return a value [purpose-annotation]
  PURPOSE_LIMITED("security") static std::string cached;  // a static local: fine
}

// PURPOSE_USE and PURPOSE_LIMITED on the same declaration.
void Both(SECURITY_CONTACT AD_TARGETING const std::string& phone);
// CHECK: [[FILE]]:[[@LINE-1]]:28: warning: 'PURPOSE_USE' and 'PURPOSE_LIMITED' on the same declaration; a declaration either holds limited data or uses it [purpose-annotation]
// CHECK: [[FILE]]:[[@LINE-2]]:11: note: 'PURPOSE_LIMITED' is here
SECURITY_CONTACT std::string Lookup(int user);
AD_TARGETING std::string Lookup(int user);
// CHECK: [[FILE]]:[[@LINE-1]]:1: warning: 'PURPOSE_USE' and 'PURPOSE_LIMITED' on the same declaration; a declaration either holds limited data or uses it [purpose-annotation]
// CHECK: [[FILE]]:[[@LINE-3]]:1: note: 'PURPOSE_LIMITED' is here

// A class template: reported once, not per instantiation.
template <typename T> struct Box {
  PURPOSE_LIMITED("Bad") T value;
  // CHECK: [[FILE]]:[[@LINE-1]]:3: error: malformed purpose 'Bad'; expected [a-z0-9_]+(.[a-z0-9_]+)* [purpose-annotation]
};
Box<int> b1;
Box<long> b2;

// Suppressions of purpose-limitation need a reason.
void Suppressed(const Account& a) {
  Upload(a.phone);  // NOLINT(purpose-limitation)
  // CHECK: [[FILE]]:[[@LINE-1]]:24: warning: suppression of purpose-limitation without a reason; write 'NO{{L}}INT(purpose-limitation): reason' [purpose-annotation]
  Upload(a.phone);  // NOLINT(purpose-limitation): approved in PRIV-123
  // NOLINTNEXTLINE(purpose-limitation)
  // CHECK: [[FILE]]:[[@LINE-1]]:6: warning: suppression of purpose-limitation without a reason; write 'NO{{L}}INT(purpose-limitation): reason' [purpose-annotation]
  Upload(a.phone);
  // NOLINTBEGIN(purpose-*)
  // CHECK: [[FILE]]:[[@LINE-1]]:6: warning: suppression of purpose-limitation without a reason; write 'NO{{L}}INT(purpose-limitation): reason' [purpose-annotation]
  Upload(a.phone);
  // NOLINTEND(purpose-*)
  Upload(a.phone);  // NOLINT: a bare NOLINT is for every tool, not reported
}

// STDERR: 14 warnings and 6 errors generated.
// STDERR-NEXT: Error while processing [[FILE]].
// STDERR-NEXT: Found compiler error(s).
