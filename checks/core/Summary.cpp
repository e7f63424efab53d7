//===- Summary.cpp --------------------------------------------------------===//
#include "Summary.h"

namespace purpose {

const std::vector<std::string> &SharedInputs::absentShadows() const {
  Shadows &S = *AbsentShadows;
  std::call_once(S.Once, [&S] {
    if (S.Resolve)
      S.Paths = S.Resolve();
    S.Resolve = nullptr;
  });
  return S.Paths;
}

void SharedInputs::setAbsentShadows(std::vector<std::string> Paths) {
  auto S = std::make_shared<Shadows>();
  S->Paths = std::move(Paths);
  AbsentShadows = std::move(S);
}

void SharedInputs::deferAbsentShadows(
    std::function<std::vector<std::string>()> Resolve) {
  auto S = std::make_shared<Shadows>();
  S->Resolve = std::move(Resolve);
  AbsentShadows = std::move(S);
}

} // namespace purpose
