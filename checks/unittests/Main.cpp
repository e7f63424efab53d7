//===- Main.cpp - The unit tests' entry point -----------------------------===//
//
// Catch2's runner, after registering LLVM's signal handlers on the main
// thread, before any test starts a worker thread.
//
// LLVM registers its handlers once per process, the first time anything asks
// for them (RemoveFileOnSignal, SetInterruptFunction, ...). The thread that
// registers also gets LLVM's own malloc'd alternate signal stack whenever the
// one it has is smaller than MINSIGSTKSZ + 64 KiB. Under AddressSanitizer,
// whose per-thread alternate stack is 4 * SIGSTKSZ, that replacement happens
// when SIGSTKSZ is under 21,846 bytes (glibc's is 13,504 on our machines);
// if the registering thread is a worker, ASan then fails to munmap the stack
// it finds at that thread's exit. The main thread never goes through that
// exit path, which is why the CLI (Driver.cpp registers on the main thread)
// is not affected. LLVM's own unit-test main does the same as this one.
//
//===----------------------------------------------------------------------===//
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Signals.h"

int main(int Argc, char **Argv) {
  llvm::sys::PrintStackTraceOnErrorSignal(Argv[0],
                                          /*DisableCrashReporting=*/true);
  return Catch::Session().run(Argc, Argv);
}
