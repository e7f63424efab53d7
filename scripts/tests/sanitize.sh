#!/usr/bin/env bash
# Builds purpose-check and its unit tests with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DPURPOSE_SANITIZE=ON) in a second build
# directory, and runs the unit and corpus tests under them (issue 8).
#
# Only our code is instrumented: LLVM and Clang come from Debian's shared
# libclang-cpp.so and libLLVM.so, which ASan tolerates uninstrumented.
#
# Sanitizer settings: every finding fails the test that ran into it.
# - ASan (with LeakSanitizer) and UBSan exit with status 99, never 1 (which
#   means "violations" to the tests); UBSan halts on its first report and
#   prints a stack.
# - LeakSanitizer is on. LLVM's global state (cl::opt registries,
#   ManagedStatic) is still reachable at exit, so it reports nothing today;
#   should a leak inside LLVM or Clang ever show up, suppress it by name in
#   a suppressions file (LSAN_OPTIONS=suppressions=...) rather than turn
#   leak detection off.
#
# Environment: PURPOSE_LLVM_VERSION (default 19; scripts/setup.sh), the LLVM
# to build against; ASAN_BUILD_DIR (default "build-asan", or "build-asan-22"
# for LLVM 22, relative to the repository root); SANITIZE_JOBS (default 2) for the build and ctest;
# SANITIZE_TESTS, the ctest -R regex (default '^(unit|corpus)/').
# Stage timings go to standard error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
LLVM_VERSION="${PURPOSE_LLVM_VERSION:-19}"
if [[ "$LLVM_VERSION" == 19 ]]; then
  ASAN_BUILD_DIR="${ASAN_BUILD_DIR:-build-asan}"
  tool_name=purpose-check
else
  ASAN_BUILD_DIR="${ASAN_BUILD_DIR:-build-asan-$LLVM_VERSION}"
  tool_name="purpose-check-$LLVM_VERSION"
fi
SANITIZE_JOBS="${SANITIZE_JOBS:-2}"
SANITIZE_TESTS="${SANITIZE_TESTS:-^(unit|corpus)/}"

# Also in force while building: catch_discover_tests runs the instrumented
# purpose-unittests to list its test cases.
export ASAN_OPTIONS="detect_leaks=1:exitcode=99:abort_on_error=0:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=99"

TIMED_PREFIX=sanitize
. scripts/timed.sh

configure() {
  if [[ -f "$ASAN_BUILD_DIR/CMakeCache.txt" && -f "$ASAN_BUILD_DIR/build.ninja" ]]; then
    echo "sanitize: $ASAN_BUILD_DIR already configured" >&2
    return 0
  fi
  # -O1 with line tables: stacks with file:line, and a build and run that
  # are faster than -O2 -g with sanitizers.
  cmake -S . -B "$ASAN_BUILD_DIR" -G Ninja --no-warn-unused-cli \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
    -DPURPOSE_LLVM_VERSION="$LLVM_VERSION" \
    -DCMAKE_CXX_COMPILER="clang++-$LLVM_VERSION" \
    -DCMAKE_C_COMPILER="clang-$LLVM_VERSION" \
    -DPURPOSE_SANITIZE=ON \
    -DPURPOSE_BUILD_CLANGD=OFF
}

timed "configure" configure
timed "build" cmake --build "$ASAN_BUILD_DIR" -j "$SANITIZE_JOBS" \
  --target purpose-check purpose-unittests
# A smoke test that the sanitizers are really in: the binary holds the ASan
# runtime. (grep -c reads all of nm's output: with pipefail, grep -q could
# fail the pipeline through nm's SIGPIPE.)
if [[ "$(nm -D "$ASAN_BUILD_DIR/tool/$tool_name" 2>/dev/null | grep -c __asan_init)" == 0 ]]; then
  echo "sanitize: $ASAN_BUILD_DIR/tool/$tool_name is not built with ASan" >&2
  exit 1
fi
timed "ctest" ctest --test-dir "$ASAN_BUILD_DIR" -R "$SANITIZE_TESTS" \
  --output-on-failure -j "$SANITIZE_JOBS"
