// The purpose-unannotated-contact check in clang-tidy with its default
// patterns: fields and functions that look like contact data and have no
// purpose annotation.
// RUN: rm -rf %t && mkdir %t && cp %s %t/purpose-unannotated-contact.cpp
// RUN: %corpus-compdb %t %t/purpose-unannotated-contact.cpp
// RUN: %check-purpose-tidy -checks='-*,purpose-unannotated-contact' --config={} \
// RUN:   -p %t %t/purpose-unannotated-contact.cpp 2>%t/stderr \
// RUN:   | FileCheck %s -DFILE=%t/purpose-unannotated-contact.cpp \
// RUN:     --match-full-lines --implicit-check-not='{{warning|error|note}}:'
// RUN: FileCheck %s -DFILE=%t/purpose-unannotated-contact.cpp --check-prefix=STDERR \
// RUN:   --input-file=%t/stderr --match-full-lines \
// RUN:   --implicit-check-not='{{warning|error|note}}:'
#include "purpose.h"

#include <optional>
#include <string>

struct PhoneNumber {
  std::string digits;
};

struct User {
  std::string phone;
  // CHECK: [[FILE]]:[[@LINE-1]]:15: warning: field 'User::phone' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
  std::string Email_Address;
  // CHECK: [[FILE]]:[[@LINE-1]]:15: warning: field 'User::Email_Address' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
  long msisdn;
  // CHECK: [[FILE]]:[[@LINE-1]]:8: warning: field 'User::msisdn' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
  std::optional<PhoneNumber> backup;
  // CHECK: [[FILE]]:[[@LINE-1]]:30: warning: field 'User::backup' has type 'std::optional<PhoneNumber>', which looks like contact data, but no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
  SECURITY_CONTACT std::string recovery_phone;  // annotated
  PURPOSE_LIMITED("support") std::string e_mail; // annotated
  bool phone_verified = false;                   // a flag
  std::string name;                              // not contact data

  std::string GetPhone() const { return phone; }
  // CHECK: [[FILE]]:[[@LINE-1]]:15: warning: function 'User::GetPhone' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
  std::string RecoveryPhone() const { return recovery_phone; } // returns an annotated field
  void SetEmail(const std::string& e);                          // returns nothing
  bool HasEmail() const;                                        // a flag
};

// Reported once, at the first declaration.
std::string LookupEmail(int user);
// CHECK: [[FILE]]:[[@LINE-1]]:13: warning: function 'LookupEmail' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
std::string LookupEmail(int user) { return std::to_string(user) + "@example.com"; }

// Functions that transform data limited already are not reported: the
// analysis follows the limitation through them.
std::string NormalizeEmail(const std::string& email);
std::string Hash(const std::string& s);
std::string HashedPhone(const User& u) { return Hash(u.recovery_phone); }
std::string DefaultPhone(int country);
// CHECK: [[FILE]]:[[@LINE-1]]:13: warning: function 'DefaultPhone' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]

// An annotation on a virtual function covers its overrides.
struct Directory {
  virtual SECURITY_CONTACT std::string Phone(int user) const = 0;
  virtual ~Directory() = default;
};
struct LdapDirectory : Directory {
  std::string Phone(int user) const override;
};

// A class template: reported once, not per instantiation.
template <typename T> struct Holder {
  T phone_number;
  // CHECK: [[FILE]]:[[@LINE-1]]:5: warning: field 'Holder::phone_number' looks like contact data but has no purpose annotation; annotate it with PURPOSE_LIMITED if it holds personal data [purpose-unannotated-contact]
};
Holder<std::string> h1;
Holder<long> h2;

// STDERR: 8 warnings generated.
