//===- ForcedSignalStackSize.cpp - A test knob for SIGSTKSZ --------------===//
//
// With PURPOSE_TEST_SIGSTKSZ=N in the environment, sysconf(_SC_SIGSTKSZ) and
// sysconf(_SC_MINSIGSTKSZ) return N in this test binary; without it, they
// return what glibc says. Since glibc 2.34 both SIGSTKSZ and MINSIGSTKSZ are
// such sysconf calls, so this decides the alternate signal stacks that the
// sanitizer runtime (linked into this executable) and libLLVM.so (which binds
// to this executable's exported definition) allocate. It lets one machine
// test the sizes other machines have: the threaded cache tests run at 8,192
// (LLVM replaces ASan's stack) and 54,016 (it keeps it); see Main.cpp and
// checks/unittests/CMakeLists.txt.
//
//===----------------------------------------------------------------------===//
#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdlib>
#include <unistd.h>

// glibc's own entry point, which its public sysconf is an alias of.
extern "C" long __sysconf(int Name);

namespace {
/// The forced size, or 0 when the environment forces none. Read afresh each
/// time: the sanitizer runtime calls sysconf before the environment can be
/// relied on, and a cached first answer would then stick.
long forcedSize() {
  const char *Text = std::getenv("PURPOSE_TEST_SIGSTKSZ");
  if (!Text || !*Text)
    return 0;
  int SavedErrno = errno; // sysconf's callers may look at errno.
  char *End = nullptr;
  errno = 0;
  long N = std::strtol(Text, &End, 10);
  bool Valid = errno == 0 && *End == '\0' && N > 0;
  errno = SavedErrno;
  return Valid ? N : 0;
}
} // namespace

extern "C" long sysconf(int Name) {
  if (Name == _SC_SIGSTKSZ || Name == _SC_MINSIGSTKSZ)
    if (long N = forcedSize())
      return N;
  return __sysconf(Name);
}

TEST_CASE("PURPOSE_TEST_SIGSTKSZ decides what sysconf says", "[sigstksz]") {
  const char *Text = std::getenv("PURPOSE_TEST_SIGSTKSZ");
  if (!Text) {
    CHECK(sysconf(_SC_SIGSTKSZ) == __sysconf(_SC_SIGSTKSZ));
    CHECK(sysconf(_SC_PAGESIZE) == __sysconf(_SC_PAGESIZE));
    return;
  }
  CHECK(sysconf(_SC_SIGSTKSZ) == std::atol(Text));
  CHECK(sysconf(_SC_MINSIGSTKSZ) == std::atol(Text));
  CHECK(sysconf(_SC_PAGESIZE) == __sysconf(_SC_PAGESIZE));
}
