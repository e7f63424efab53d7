// The Patterns option replaces the default list.
// CHECKS: purpose-unannotated-contact
// CONFIG: {CheckOptions: {purpose-unannotated-contact.Patterns: 'fax;IBAN'}}
#include <string>

struct Customer {
  std::string phone;  // not in the patterns any more
  std::string fax;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: field 'Customer::fax' looks like contact data
  std::string iban;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: field 'Customer::iban' looks like contact data
};
