#!/usr/bin/env bash
# Builds purpose-check and its unit tests with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DPURPOSE_SANITIZE=ON) in a second build
# directory, and runs the unit and corpus tests under them (issue 8).
#
# Only our code is instrumented: LLVM and Clang come from Debian's shared
# libclang-cpp.so and libLLVM.so, which ASan tolerates uninstrumented.
#
# Sanitizer settings:
# - Every UBSan finding is fatal (halt_on_error) and prints a stack.
# - ASan reports are fatal too (its default), with abort_on_error=0 so a
#   report exits 1 rather than dumping core.
# - LeakSanitizer is off (detect_leaks=0): LLVM keeps global state that it
#   never frees on purpose (cl::opt registries, ManagedStatic, the
#   CommandLine parser, Clang's builtin caches), and a run of purpose-check
#   ends in exit() with thread-pool and FileManager memory still live. The
#   reports are noise, not leaks of this project; ASan's use-after-free,
#   overflow and double-free detection stays on.
#
# Environment: ASAN_BUILD_DIR (default "build-asan", relative to the
# repository root); SANITIZE_JOBS (default 2) for the build and ctest;
# SANITIZE_TESTS, the ctest -R regex (default '^(unit|corpus)/').
# Stage timings go to standard error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ASAN_BUILD_DIR="${ASAN_BUILD_DIR:-build-asan}"
SANITIZE_JOBS="${SANITIZE_JOBS:-2}"
SANITIZE_TESTS="${SANITIZE_TESTS:-^(unit|corpus)/}"

# Also in force while building: catch_discover_tests runs the instrumented
# purpose-unittests to list its test cases.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=0:strict_string_checks=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

timed() {
  local name="$1" start end status=0
  shift
  start=$(date +%s.%N)
  "$@" || status=$?
  end=$(date +%s.%N)
  awk -v n="$name" -v s="$start" -v e="$end" \
    'BEGIN { printf "sanitize: %s took %.1fs\n", n, e - s }' >&2
  return "$status"
}

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
    -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_COMPILER=clang-19 \
    -DPURPOSE_SANITIZE=ON \
    -DPURPOSE_BUILD_CLANGD=OFF
}

timed "configure" configure
timed "build" cmake --build "$ASAN_BUILD_DIR" -j "$SANITIZE_JOBS" \
  --target purpose-check purpose-unittests
# A smoke test that the sanitizers are really in: the binary holds the ASan
# runtime. (grep -c reads all of nm's output: with pipefail, grep -q could
# fail the pipeline through nm's SIGPIPE.)
if [[ "$(nm -D "$ASAN_BUILD_DIR/tool/purpose-check" 2>/dev/null | grep -c __asan_init)" == 0 ]]; then
  echo "sanitize: $ASAN_BUILD_DIR/tool/purpose-check is not built with ASan" >&2
  exit 1
fi
timed "ctest" ctest --test-dir "$ASAN_BUILD_DIR" -R "$SANITIZE_TESTS" \
  --output-on-failure -j "$SANITIZE_JOBS"
