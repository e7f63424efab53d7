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

int main(int Argc, char *Argv[]) {
  return clang::clangd::clangdMain(Argc, Argv);
}
