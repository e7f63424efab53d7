//===- purpose.h - Purpose-limitation annotations for purpose-check -*- C++ -*-===//
//
// Annotations read by purpose-check (see README.md and docs/analysis.md).
//
//   PURPOSE_LIMITED("p1,p2")   field, global or static variable, parameter, or
//                              function (its return value): the value may be
//                              used only for p1, p2 or purposes within them
//                              ("security.sms" lies within "security").
//   PURPOSE_USE("u")           function or parameter: a value that reaches it
//                              is used for purpose u.
//   PURPOSE_DECLASSIFY("why")  function: its return value carries no
//                              limitation from its inputs.
//   PURPOSE_CATEGORY("c")      next to PURPOSE_LIMITED: the data category
//                              of the value, a fideslang key such as
//                              "user.contact.phone_number", for the data map
//                              (purpose-check --inventory --format fides).
//   SECURITY_CONTACT           PURPOSE_LIMITED("security")
//   AD_TARGETING               PURPOSE_USE("advertising")
//
// Purposes are dotted names: [a-z0-9_]+(\.[a-z0-9_]+)*. Placement follows the
// attribute grammar:
//
//   struct Account { SECURITY_CONTACT std::string two_factor_phone; };
//   AD_TARGETING void UploadAudience(const std::vector<std::string>& ids);
//   void Match(int campaign, PURPOSE_USE("advertising.partner") const std::string& id);
//
// Under Clang the macros expand to __attribute__((annotate("KIND:ARG"))), with
// KIND one of purpose_limited, purpose_use, purpose_declassify,
// purpose_category. Elsewhere they expand to nothing, so annotated code still
// builds with GCC and MSVC.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CHECK_PURPOSE_H
#define PURPOSE_CHECK_PURPOSE_H

#if defined(__clang__)
#define PURPOSE_LIMITED(purposes)                                              \
  __attribute__((annotate("purpose_limited:" purposes)))
#define PURPOSE_USE(purpose) __attribute__((annotate("purpose_use:" purpose)))
#define PURPOSE_DECLASSIFY(reason)                                             \
  __attribute__((annotate("purpose_declassify:" reason)))
#define PURPOSE_CATEGORY(category)                                             \
  __attribute__((annotate("purpose_category:" category)))
#else
#define PURPOSE_LIMITED(purposes)
#define PURPOSE_USE(purpose)
#define PURPOSE_DECLASSIFY(reason)
#define PURPOSE_CATEGORY(category)
#endif

#define SECURITY_CONTACT PURPOSE_LIMITED("security")
#define AD_TARGETING PURPOSE_USE("advertising")

#endif // PURPOSE_CHECK_PURPOSE_H
