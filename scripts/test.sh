#!/usr/bin/env bash
# The README's second command, and what .ci/run runs: for each supported LLVM
# (19, then 22), installs what is missing, builds, and runs every test (unit
# tests, corpus cases, example, reports, robustness, fuzzers, clang-tidy
# plugin, purpose-clangd). The LLVM 19 run then runs the unit and corpus
# tests again under AddressSanitizer and UndefinedBehaviorSanitizer
# (scripts/tests/sanitize.sh); the LLVM 22 run skips that stage, for time. When
# both ran, the two builds' reports on the corpus must be identical
# (scripts/tests/llvm_reports_test.py).
#
# Environment: PURPOSE_LLVM_VERSIONS (default "19 22"), the LLVMs to test
# against, in order; BUILD_DIR (default "build"), the LLVM 19 build
# directory; the LLVM 22 one is "$BUILD_DIR-22". PURPOSE_SKIP_SANITIZE=1
# skips the sanitizer stage (ASAN_BUILD_DIR, default "build-asan").
# Every stage and run prints how long it took to standard error. Every stage
# runs even when an earlier test stage or run failed; the exit status is then
# that of the first failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE_BUILD_DIR="${BUILD_DIR:-build}"
LLVM_VERSIONS="${PURPOSE_LLVM_VERSIONS:-19 22}"

TIMED_PREFIX=test
. scripts/timed.sh

status=0
# keep STATUS: records the first failure.
keep() { ((status)) || status=$1; }

# run_llvm VERSION: the whole test for one LLVM, in its own build directory.
run_llvm() {
  local version="$1" s=0
  export PURPOSE_LLVM_VERSION="$version"
  if [[ "$version" == 19 ]]; then
    export BUILD_DIR="$BASE_BUILD_DIR"
  else
    export BUILD_DIR="$BASE_BUILD_DIR-$version"
  fi
  echo "test: LLVM $version in $BUILD_DIR" >&2
  # Without a build, no test can run.
  timed "LLVM $version setup" bash scripts/setup.sh || return $?
  timed "LLVM $version ctest" ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 || s=$?
  if [[ "$version" == 19 && "${PURPOSE_SKIP_SANITIZE:-0}" != 1 ]]; then
    timed "LLVM $version sanitize" bash scripts/tests/sanitize.sh || { local t=$?; ((s)) || s=$t; }
  fi
  return "$s"
}

all_start=$(date +%s.%N)
for version in $LLVM_VERSIONS; do
  timed "LLVM $version run" run_llvm "$version" || keep $?
done
tool_19="$BASE_BUILD_DIR/tool/purpose-check"
tool_22="$BASE_BUILD_DIR-22/tool/purpose-check-22"
if [[ " $LLVM_VERSIONS " == *" 19 "* && " $LLVM_VERSIONS " == *" 22 "* ]]; then
  if [[ -x "$tool_19" && -x "$tool_22" ]]; then
    timed "LLVM 19 and 22 reports" python3 scripts/tests/llvm_reports_test.py \
      --tool "$tool_19" --other-tool "$tool_22" -j 2 || keep $?
  else
    echo "test: cannot compare the LLVM 19 and 22 reports: $tool_19 or $tool_22 was not built" >&2
    keep 1
  fi
fi
awk -v s="$all_start" -v e="$(date +%s.%N)" \
  'BEGIN { printf "test: all took %.1fs\n", e - s }' >&2
exit "$status"
