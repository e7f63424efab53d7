#!/usr/bin/env bash
# The README's second command, and what .ci/run runs: installs what is
# missing, builds, and runs every test (unit tests, corpus cases, example,
# reports, robustness, fuzzers), then the unit and corpus tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer (scripts/sanitize.sh).
#
# Environment: BUILD_DIR (default "build"); PURPOSE_SKIP_SANITIZE=1 skips
# the sanitizer stage (ASAN_BUILD_DIR, default "build-asan"). Stage timings
# go to standard error. Every stage runs even when an earlier test stage
# failed; the exit status is then that of the first failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BUILD_DIR="${BUILD_DIR:-build}"

TIMED_PREFIX=test
. scripts/timed.sh

all_start=$(date +%s.%N)
status=0
timed "setup" bash scripts/setup.sh
timed "ctest" ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 || status=$?
if [[ "${PURPOSE_SKIP_SANITIZE:-0}" != 1 ]]; then
  timed "sanitize" bash scripts/sanitize.sh || { s=$?; ((status)) || status=$s; }
fi
awk -v s="$all_start" -v e="$(date +%s.%N)" \
  'BEGIN { printf "test: all took %.1fs\n", e - s }' >&2
exit "$status"
