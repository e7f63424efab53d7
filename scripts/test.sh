#!/usr/bin/env bash
# The README's second command, and what .ci/run runs: installs what is
# missing, builds, and runs every test (unit tests, corpus cases, example).
#
# Environment: BUILD_DIR (default "build"). Stage timings go to standard error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export BUILD_DIR="${BUILD_DIR:-build}"

timed() {
  local name="$1" start end status=0
  shift
  start=$(date +%s.%N)
  "$@" || status=$?
  end=$(date +%s.%N)
  awk -v n="$name" -v s="$start" -v e="$end" \
    'BEGIN { printf "test: %s took %.1fs\n", n, e - s }' >&2
  return "$status"
}

timed "setup" bash scripts/setup.sh
timed "ctest" ctest --test-dir "$BUILD_DIR" --output-on-failure -j2
