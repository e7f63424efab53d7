#include "chain.h"

namespace xc {

void Export(const Member& m) {
  std::string key;
  Step4(m, key);
  UploadKey(key);  // expect-violation: xc::Member::phone
}

void ExportAnonymous(const Member& m) {
  std::string key;
  Step4(m, key);
  key = "anonymous";
  UploadKey(key);
  UploadKey(m.nickname);
}

}  // namespace xc
