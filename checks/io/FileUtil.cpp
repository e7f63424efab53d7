//===- FileUtil.cpp -------------------------------------------------------===//
#include "FileUtil.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include <atomic>
#include <csignal>
#include <ctime>
#include <iterator>

namespace purpose {

namespace {
/// Writers between "no interrupt yet" and "the temporary file exists and is
/// registered for removal".
std::atomic<int> Creating{0};
std::atomic<bool> Interrupted{false};

/// The interrupt signal being handled, so that the process ends by the
/// signal that came (a CI runner's SIGTERM reads as SIGTERM, not SIGINT).
std::atomic<int> Caught{SIGINT};
constexpr int InterruptSignals[] = {SIGHUP, SIGINT, SIGTERM};
/// LLVM's handlers for InterruptSignals, which recordSignal chains to.
struct sigaction LLVMHandlers[std::size(InterruptSignals)];

/// Runs in LLVM's signal handler, after it removed the registered files (it
/// unregistered its handlers first, so raise() below takes the default
/// action). Only async-signal-safe calls.
void onInterrupt() {
  Interrupted.store(true);
  // A writer that passed the check before the flag was set finishes creating
  // its file, registered; one that comes later sees the flag. (If this
  // thread is such a writer, the wait times out: its file, if it exists, is
  // registered too.)
  for (int I = 0; I < 1000 && Creating.load() > 0; ++I) {
    struct timespec Ms = {0, 1000000};
    nanosleep(&Ms, nullptr);
  }
  llvm::sys::RunInterruptHandlers(); // Removes the registered files again.
  raise(Caught.load());
}

/// Installed over LLVM's handler: notes the signal, then runs LLVM's.
void recordSignal(int Sig, siginfo_t *Info, void *Context) {
  Caught.store(Sig);
  for (size_t I = 0; I < std::size(InterruptSignals); ++I) {
    if (InterruptSignals[I] != Sig)
      continue;
    const struct sigaction &A = LLVMHandlers[I];
    if (A.sa_flags & SA_SIGINFO) {
      A.sa_sigaction(Sig, Info, Context);
    } else if (A.sa_handler != SIG_IGN && A.sa_handler != SIG_DFL) {
      A.sa_handler(Sig);
    } else {
      signal(Sig, SIG_DFL);
      raise(Sig);
    }
    return;
  }
}
} // namespace

void installInterruptCleanup() {
  // Registers LLVM's handlers (RemoveFileOnSignal's), then wraps them.
  llvm::sys::SetInterruptFunction(onInterrupt);
  for (size_t I = 0; I < std::size(InterruptSignals); ++I) {
    struct sigaction Current;
    if (sigaction(InterruptSignals[I], nullptr, &Current) != 0 ||
        (!(Current.sa_flags & SA_SIGINFO) &&
         (Current.sa_handler == SIG_IGN || Current.sa_handler == SIG_DFL)))
      continue; // Not LLVM's: leave it (an ignored SIGHUP stays ignored).
    struct sigaction Mine = Current;
    Mine.sa_flags |= SA_SIGINFO;
    Mine.sa_sigaction = recordSignal;
    sigaction(InterruptSignals[I], &Mine, &LLVMHandlers[I]);
  }
}

static llvm::Error cannotWrite(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError("cannot write '" + Path + "': " + Why);
}

llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  llvm::SmallString<256> Model(Dir.empty() ? "." : Dir);
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path) +
                                     ".tmp-%%%%%%%%");
  // The temporary name is registered for removal on Ctrl-C *before* the file
  // exists, so that no moment leaves an unregistered file; removing a name
  // that does not exist yet is harmless. A signal handled by another thread
  // while this one creates the file is onInterrupt's business.
  int FD = -1;
  llvm::SmallString<256> TempPath;
  std::error_code CreateEC;
  {
    Creating.fetch_add(1);
    auto Created = llvm::make_scope_exit([] { Creating.fetch_sub(1); });
    if (Interrupted.load())
      return cannotWrite(Path, "interrupted");
    for (int Attempt = 0; Attempt < 64; ++Attempt) {
      llvm::sys::fs::createUniquePath(Model, TempPath, /*MakeAbsolute=*/false);
      llvm::sys::RemoveFileOnSignal(TempPath);
      CreateEC = llvm::sys::fs::openFileForWrite(
          TempPath, FD, llvm::sys::fs::CD_CreateNew, llvm::sys::fs::OF_None);
      if (!CreateEC)
        break;
      llvm::sys::DontRemoveFileOnSignal(TempPath);
      if (CreateEC != std::errc::file_exists)
        break;
    }
  }
  if (CreateEC)
    return cannotWrite(Path, CreateEC.message());
  auto Forget = llvm::make_scope_exit(
      [&] { llvm::sys::DontRemoveFileOnSignal(TempPath); });

  std::error_code WriteEC;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      WriteEC = OS.error();
      OS.clear_error(); // Otherwise the destructor aborts.
    }
  }
  if (WriteEC) {
    llvm::sys::fs::remove(TempPath);
    return cannotWrite(Path, WriteEC.message());
  }
  if (std::error_code EC = llvm::sys::fs::rename(TempPath, Path)) {
    llvm::sys::fs::remove(TempPath);
    return cannotWrite(Path, EC.message());
  }
  return llvm::Error::success();
}

} // namespace purpose
