//===- main.cpp - purpose-clangd: clangd with the purpose-* checks --------===//
//
// clangd 19 (Debian's libclangdMain.a) with the purpose-* clang-tidy module
// linked in. Enable the checks in .clangd (docs/editor.md). Besides the
// module, purpose-clangd differs from clangd in what it does around it, so
// that a set-up that hides the checks never does so silently:
// - the purpose-* checks count as fast, so clangd's default
//   FastCheckFilter runs them, and each open file's log says whether
//   purpose-limitation runs and, if not, which setting to change
//   (TidyHooks.cpp);
// - an LSP client that cannot show related information gets the trace of a
//   violation in the warning's message rather than as one diagnostic per
//   step (LspClientSniffer.h, checks/tidy/EditorClient.h);
// - --check prints warnings too (clangd's --check-warnings), with the trace.
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

#include "EditorClient.h"
#include "LspClientSniffer.h"
#include "TidyHooks.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

/// Whether \p Arg is the command-line option \p Name (given with one dash or
/// two, with or without a value).
bool isOption(llvm::StringRef Arg, llvm::StringRef Name) {
  if (!Arg.consume_front("-"))
    return false;
  Arg.consume_front("-");
  return Arg.consume_front(Name) && (Arg.empty() || Arg.front() == '=');
}

/// The value of boolean option \p Arg, which isOption() accepted.
bool boolValue(llvm::StringRef Arg) {
  auto [Name, Value] = Arg.split('=');
  return !(Value.equals_insensitive("false") || Value == "0");
}

} // namespace

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
  bool HasResourceDir = false, CheckMode = false, HasCheckWarnings = false,
       DelimitedInput = false, ConfigFilesRead = true;
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    HasResourceDir |= isOption(Arg, "resource-dir");
    CheckMode |= isOption(Arg, "check");
    HasCheckWarnings |= isOption(Arg, "check-warnings");
    if (isOption(Arg, "input-style"))
      DelimitedInput = Arg.ends_with("=delimited");
    if (isOption(Arg, "enable-config"))
      ConfigFilesRead = boolValue(Arg);
    if (isOption(Arg, "lit-test") && boolValue(Arg))
      DelimitedInput = true, ConfigFilesRead = false;
  }
  static char ResourceDir[] = "--resource-dir=" PURPOSE_CLANG_RESOURCE_DIR;
  if (!HasResourceDir)
    Args.insert(Args.begin() + 1, ResourceDir);
  purpose::clangd_hooks::setConfigFilesRead(ConfigFilesRead);
  if (CheckMode) {
    // --check prints only errors unless told otherwise, and a violation is a
    // warning; it prints no notes, so the trace goes into the message.
    static char CheckWarnings[] = "--check-warnings";
    if (!HasCheckWarnings)
      Args.push_back(CheckWarnings);
    purpose::setTraceInMessage(true);
  } else if (!DelimitedInput) {
    purpose::sniffLspInitialize([](const llvm::json::Object &Params) {
      bool Related = purpose::clientShowsRelatedInformation(Params);
      purpose::setTraceInMessage(!Related);
    });
  }
  Args.push_back(nullptr);
  return clang::clangd::clangdMain((int)Args.size() - 1, Args.data());
}
