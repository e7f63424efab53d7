#!/usr/bin/env bash
# Recall and precision of the built tool over the whole corpus (every case and
# the example), counting FIXME xfail-violation as misses and FIXME
# xfail-no-violation as false positives. Does not build; run setup.sh first.
#
# Environment: BUILD_DIR (default "build"), JOBS (default 2).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BUILD_DIR="${BUILD_DIR:-build}"

cases=(test-corpus/cases/*.cpp)
for dir in test-corpus/cases/*/; do
  [[ -d "$dir" ]] && cases+=("${dir%/}")
done
cases+=(test-corpus/example)

exec python3 scripts/tests/corpus_runner.py --tool "$BUILD_DIR/tool/purpose-check" \
  --summary -j "${JOBS:-2}" "${cases[@]}"
