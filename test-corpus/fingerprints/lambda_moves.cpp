// A finding inside a lambda keeps its fingerprint when a line is inserted
// above the function that holds it, and two lambdas of one signature in one
// function keep two fingerprints.
//
// Found on kcontacts (whose QStringLiteral expands to a lambda): Clang spells
// the USR of a lambda's call operator with its byte offset in the file
// ("c:file.cpp@123@...@F@operator()#1"), which fingerprints used to hold, so
// a baseline stopped matching such a finding after any edit above it.
// fingerprintIdentity (checks/core/Summary.h) now drops the offset, and
// FindingBuilder numbers lambdas that then share an identity in the order
// of their offsets. (Baselines written before still match:
// Finding::FormerFingerprint, test-corpus/baselines/lambdas.)
//
// RUN: rm -rf %t && mkdir -p %t/src && cp %s %t/src/lambda.cpp
// RUN: %corpus-compdb %t %t/src/lambda.cpp
// RUN: cd %t && %exits-with 1 %purpose-check -p %t --no-cache --format json -o %t/before.json
// RUN: sed -i '1i // a line inserted above everything' %t/src/lambda.cpp
// RUN: %exits-with 1 %purpose-check -p %t --no-cache --format json -o %t/after.json
// RUN: grep -o '"fingerprint": *"[0-9a-f]*"' %t/before.json | sort -u > %t/before.txt
// RUN: grep -o '"fingerprint": *"[0-9a-f]*"' %t/after.json | sort -u > %t/after.txt
// RUN: count 3 < %t/before.txt
// RUN: diff %t/before.txt %t/after.txt
#include "purpose.h"

#include <string>

namespace lambda_fingerprint {

AD_TARGETING void Upload(const std::string &Id);

struct Account {
  SECURITY_CONTACT std::string phone;
};

void share(const Account &A) {
  auto Send = [&]() { Upload(A.phone); };
  Send();
}

// Two lambdas of one signature: one identity, told apart by their order.
void shareTwice(const Account &A) {
  auto First = [&]() { Upload(A.phone); };
  auto Second = [&]() { Upload(A.phone); };
  First();
  Second();
}

} // namespace lambda_fingerprint
