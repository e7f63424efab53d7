// The helpers of the chain, one per translation unit.
#ifndef XTU_CHAIN5_CHAIN_H
#define XTU_CHAIN5_CHAIN_H

#include "purpose.h"

#include <string>

namespace xc {

struct Member {
  std::string nickname;
  SECURITY_CONTACT std::string phone;
};

AD_TARGETING void UploadKey(const std::string& key);

std::string Step1(const Member& m);                 // step1.cpp
void Step2(const Member& m, std::string* out);      // step2.cpp
std::string Step3(const Member& m);                 // step3.cpp
void Step4(const Member& m, std::string& out);      // step4.cpp

}  // namespace xc

#endif
