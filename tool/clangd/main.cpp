//===- main.cpp - purpose-clangd: clangd with the purpose-* checks --------===//
//
// clangd 19 (Debian's libclangdMain.a) with the purpose-* clang-tidy module
// linked in. Enable the checks in .clangd (docs/editor.md).
//
//===----------------------------------------------------------------------===//

namespace clang::clangd {
// Declared in clangd's tool/ClangdMain.h, which Debian does not ship.
int clangdMain(int Argc, char *Argv[]);
} // namespace clang::clangd

namespace purpose {
// Keeps the module (PurposeTidyModule.cpp) in the static link.
extern volatile int PurposeCheckModuleAnchorSource;
[[maybe_unused]] static int PurposeCheckModuleAnchorDestination =
    PurposeCheckModuleAnchorSource;
} // namespace purpose

#include "llvm/Config/llvm-config.h"
#include <cstdio>
#include <cstring>
#include <vector>

/// clangd looks for Clang's builtin headers (stddef.h, ...) next to its own
/// binary, where purpose-clangd has none. Unless the user chose one, use the
/// resource directory of the Clang it was built against, as purpose-check
/// does.
int main(int Argc, char *Argv[]) {
  // --version names this binary, not stock clangd, so that a user can tell
  // which one the editor runs.
  for (int I = 1; I < Argc; ++I)
    if (std::strcmp(Argv[I], "--version") == 0 ||
        std::strcmp(Argv[I], "-version") == 0) {
      std::printf("purpose-clangd %s: clangd with the purpose-* checks of "
                  "purpose-check %s\nbased on clangd from LLVM %s\n",
                  PURPOSE_CHECK_VERSION, PURPOSE_CHECK_VERSION,
                  LLVM_VERSION_STRING);
      return 0;
    }
  std::vector<char *> Args(Argv, Argv + Argc);
  bool HasResourceDir = false;
  for (int I = 1; I < Argc; ++I)
    HasResourceDir |= std::strncmp(Argv[I], "--resource-dir", 14) == 0 ||
                      std::strncmp(Argv[I], "-resource-dir", 13) == 0;
  static char ResourceDir[] = "--resource-dir=" PURPOSE_CLANG_RESOURCE_DIR;
  if (!HasResourceDir)
    Args.insert(Args.begin() + 1, ResourceDir);
  Args.push_back(nullptr);
  return clang::clangd::clangdMain((int)Args.size() - 1, Args.data());
}
