//===- TestUtil.h - Helpers shared by the unit tests ------------*- C++ -*-===//
#ifndef PURPOSE_UNITTESTS_TESTUTIL_H
#define PURPOSE_UNITTESTS_TESTUTIL_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <string>
#include <vector>

namespace purpose {
namespace test {

/// The message of \p E ("" for success), consuming it.
inline std::string errorText(llvm::Error E) {
  if (!E)
    return "";
  return llvm::toString(std::move(E));
}

/// The messages of every error joined in \p E, in order.
inline std::vector<std::string> errorList(llvm::Error E) {
  std::vector<std::string> Out;
  llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &I) {
    Out.push_back(I.message());
  });
  return Out;
}

/// A fresh directory, removed with its contents at the end of the scope.
class TempDir {
public:
  TempDir() {
    if (llvm::sys::fs::createUniqueDirectory("purpose-unittest", Path))
      Path.clear();
  }
  ~TempDir() {
    if (!Path.empty())
      llvm::sys::fs::remove_directories(Path);
  }
  std::string path() const { return std::string(Path); }
  std::string file(const llvm::Twine &Name) const {
    llvm::SmallString<256> P(Path);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  }
  /// Writes \p Contents to the file \p Name in this directory; its path.
  std::string write(const llvm::Twine &Name, llvm::StringRef Contents) const {
    std::string P = file(Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    OS << Contents;
    return P;
  }
  /// The names of the entries in this directory, sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> Out;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Path, EC), End; It != End && !EC;
         It.increment(EC))
      Out.push_back(llvm::sys::path::filename(It->path()).str());
    std::sort(Out.begin(), Out.end());
    return Out;
  }

private:
  llvm::SmallString<256> Path;
};

/// The contents of \p Path, or "<unreadable>".
inline std::string readFile(const llvm::Twine &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  return Buf ? (*Buf)->getBuffer().str() : "<unreadable>";
}

} // namespace test
} // namespace purpose

#endif
