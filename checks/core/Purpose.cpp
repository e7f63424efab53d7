//===- Purpose.cpp --------------------------------------------------------===//
#include "Purpose.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace purpose {

static bool isPurposeChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '_';
}

bool isValidPurpose(llvm::StringRef Name) {
  if (Name.empty())
    return false;
  bool SegmentEmpty = true;
  for (char C : Name) {
    if (C == '.') {
      if (SegmentEmpty)
        return false;
      SegmentEmpty = true;
      continue;
    }
    if (!isPurposeChar(C))
      return false;
    SegmentEmpty = false;
  }
  return !SegmentEmpty;
}

bool purposeWithin(llvm::StringRef Use, llvm::StringRef Limit) {
  if (Use == Limit)
    return true;
  return Use.size() > Limit.size() && Use.starts_with(Limit) &&
         Use[Limit.size()] == '.';
}

bool useAllowed(llvm::StringRef Use, const std::vector<std::string> &Limits) {
  return llvm::any_of(
      Limits, [&](const std::string &L) { return purposeWithin(Use, L); });
}

llvm::Expected<std::vector<std::string>>
parsePurposeList(llvm::StringRef Text) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Text.split(Parts, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/true);
  for (llvm::StringRef P : Parts) {
    llvm::StringRef T = P.trim(" \t");
    if (!isValidPurpose(T))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "malformed purpose '" + T.str() +
              "'; expected [a-z0-9_]+(.[a-z0-9_]+)*");
    Out.push_back(T.str());
  }
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

} // namespace purpose
