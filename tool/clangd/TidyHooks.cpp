//===- TidyHooks.cpp - clangd's clang-tidy set-up, for purpose-* checks ===//
//
// Two functions of Debian's libclangDaemon.a are replaced at link time
// (CMakeLists.txt passes --wrap for each, so clangd's calls come here and
// __real_<name> is clangd's own function):
//
// - clang::clangd::isFastTidyCheck. clangd 19 runs only the clang-tidy
//   checks that it has measured to be fast unless .clangd says
//   `FastCheckFilter: Loose` or `None`; checks it does not know, ours among
//   them, are dropped without a word. The purpose-* checks are meant to run
//   on every edit (docs/editor.md, "How fast it is"), so purpose-clangd
//   answers "fast" for them and asks clangd about every other check.
//
// - clang::clangd::getTidyOptionsForFile, which ParsedAST::build calls once
//   per rebuild of an open file to learn the file's clang-tidy options. The
//   wrapper returns them unchanged, and logs (once per file and state)
//   whether purpose-limitation runs on the file and, when it does not, which
//   setting keeps it off.
//
// Debian ships no clangd headers, so the few clangd declarations used here
// are written out with their mangled names; the link fails if one is wrong.
//
//===----------------------------------------------------------------------===//
#include "TidyHooks.h"
#include "EditorClient.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace purpose::clangd_hooks {

using TidyProviderRef =
    llvm::function_ref<void(clang::tidy::ClangTidyOptions &, llvm::StringRef)>;

// The mangled names of clangd's functions, as in libclangDaemon.a and
// libclangdSupport.a.
#define IS_FAST_TIDY_CHECK "_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE"
#define GET_TIDY_OPTIONS_FOR_FILE                                              \
  "_ZN5clang6clangd21getTidyOptionsForFileEN4llvm12function_refIFvRNS_4tidy16" \
  "ClangTidyOptionsENS1_9StringRefEEEES6_"
#define LOG_IMPL                                                               \
  "_ZN5clang6clangd6detail7logImplENS0_6Logger5LevelEPKcRKN4llvm19formatv_"    \
  "object_baseE"

// clangd's own functions.
std::optional<bool> realIsFastTidyCheck(llvm::StringRef Check) __asm__(
    "__real_" IS_FAST_TIDY_CHECK);
clang::tidy::ClangTidyOptions realGetTidyOptionsForFile(
    TidyProviderRef Provider,
    llvm::StringRef File) __asm__("__real_" GET_TIDY_OPTIONS_FOR_FILE);
/// clang::clangd::detail::logImpl; the level is clangd::Logger::Level, an
/// enum of underlying type unsigned char: Debug, Verbose, Info, Error.
void clangdLog(unsigned char Level, const char *Fmt,
               const llvm::formatv_object_base &Message) __asm__(LOG_IMPL);
constexpr unsigned char LogInfo = 2, LogError = 3;

// The replacements, under the names that --wrap gives clangd's calls.
std::optional<bool> wrapIsFastTidyCheck(llvm::StringRef Check) __asm__(
    "__wrap_" IS_FAST_TIDY_CHECK);
clang::tidy::ClangTidyOptions wrapGetTidyOptionsForFile(
    TidyProviderRef Provider,
    llvm::StringRef File) __asm__("__wrap_" GET_TIDY_OPTIONS_FOR_FILE);

namespace {

constexpr llvm::StringLiteral MainCheck = "purpose-limitation";
std::atomic<bool> ConfigFilesRead{true};

bool isPurposeCheck(llvm::StringRef Check) {
  return Check.starts_with("purpose-");
}

/// The names of the purpose-* checks, sorted.
const std::vector<std::string> &purposeChecks() {
  static const std::vector<std::string> Names = [] {
    clang::tidy::ClangTidyCheckFactories Factories;
    for (const auto &E : clang::tidy::ClangTidyModuleRegistry::entries())
      E.instantiate()->addCheckFactories(Factories);
    std::vector<std::string> Result;
    for (const auto &F : Factories)
      if (isPurposeCheck(F.getKey()))
        Result.push_back(F.getKey().str());
    llvm::sort(Result);
    return Result;
  }();
  return Names;
}

/// The last glob of \p Checks that matches \p Check (the one that decides,
/// as in clang-tidy), with its '-' when it is negative; empty when none does.
std::string decidingGlob(llvm::StringRef Checks, llvm::StringRef Check) {
  std::string Decider;
  llvm::SmallVector<llvm::StringRef> Items;
  Checks.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    // A glob list also takes newlines as separators.
    llvm::SmallVector<llvm::StringRef> Lines;
    Item.split(Lines, '\n', -1, false);
    for (llvm::StringRef Glob : Lines) {
      Glob = Glob.trim();
      llvm::StringRef Positive = Glob;
      Positive.consume_front("-");
      if (Positive.empty())
        continue;
      if (clang::tidy::GlobList(Positive).contains(Check))
        Decider = Glob.str();
    }
  }
  return Decider;
}

struct Verdict {
  bool Runs = false;
  std::string Message;
};

Verdict judge(bool TidyOn, const clang::tidy::ClangTidyOptions &Opts,
              llvm::StringRef File) {
  Verdict V;
  if (!TidyOn) {
    V.Message = llvm::formatv(
        "purpose-clangd: {0} does not run on {1}: clang-tidy is off "
        "(--clang-tidy=false); start purpose-clangd with --clang-tidy",
        MainCheck, File);
    return V;
  }
  llvm::StringRef Checks = Opts.Checks ? llvm::StringRef(*Opts.Checks) : "";
  clang::tidy::GlobList Enabled(Checks);
  std::vector<std::string> Running;
  for (const std::string &Name : purposeChecks())
    if (Enabled.contains(Name))
      Running.push_back(Name);
  if (Enabled.contains(MainCheck)) {
    V.Runs = true;
    V.Message = llvm::formatv("purpose-clangd: running {0} on {1}",
                              llvm::join(Running, ", "), File);
    if (traceInMessage())
      V.Message += " (the trace in the warning's message: for --check, or "
                   "for an LSP client without relatedInformation)";
    return V;
  }
  std::string Also;
  if (!Running.empty())
    Also = llvm::formatv(" ({0} runs)", llvm::join(Running, ", "));
  std::string Decider = decidingGlob(Checks, MainCheck);
  if (Decider.empty()) {
    V.Message = llvm::formatv(
        "purpose-clangd: {0} does not run on {1}{2}: no clang-tidy check "
        "enables it. Enable it in .clangd: `Diagnostics: ClangTidy: Add: "
        "[purpose-*]` (docs/editor.md){3}. clang-tidy checks: {4}",
        MainCheck, File, Also,
        ConfigFilesRead ? ""
                        : "; purpose-clangd was started with "
                          "--enable-config=false and reads no .clangd, so "
                          "use `Checks: purpose-*` in .clang-tidy or drop "
                          "that flag",
        Checks.empty() ? "(none)" : Checks);
    return V;
  }
  llvm::StringRef Glob = llvm::StringRef(Decider).drop_front();
  V.Message = llvm::formatv(
      "purpose-clangd: {0} does not run on {1}{2}: '{3}' in the clang-tidy "
      "checks disables it. Remove '{4}' from `Diagnostics: ClangTidy: "
      "Remove` in .clangd, or '{3}' from `Checks` in .clang-tidy. clang-tidy "
      "checks: {5}",
      MainCheck, File, Also, Decider, Glob, Checks);
  return V;
}

} // namespace

void setConfigFilesRead(bool Read) { ConfigFilesRead = Read; }

std::optional<bool> wrapIsFastTidyCheck(llvm::StringRef Check) {
  if (isPurposeCheck(Check))
    return true;
  return realIsFastTidyCheck(Check);
}

clang::tidy::ClangTidyOptions
wrapGetTidyOptionsForFile(TidyProviderRef Provider, llvm::StringRef File) {
  clang::tidy::ClangTidyOptions Opts =
      realGetTidyOptionsForFile(Provider, File);
  Verdict V = judge(static_cast<bool>(Provider), Opts, File);
  static std::mutex Mu;
  static llvm::StringMap<std::string> LastSaid;
  {
    std::lock_guard<std::mutex> Lock(Mu);
    std::string &Last = LastSaid[File];
    if (Last == V.Message)
      return Opts;
    Last = V.Message;
  }
  clangdLog(V.Runs ? LogInfo : LogError, "{0}",
            llvm::formatv("{0}", V.Message));
  return Opts;
}

} // namespace purpose::clangd_hooks
