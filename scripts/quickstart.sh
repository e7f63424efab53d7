#!/usr/bin/env bash
# The README's first command: installs what is missing, builds purpose-check,
# and runs it on the bundled example (test-corpus/example), which has
# violations on purpose. Exits 0 when the tool finds them (its status 1);
# any other tool status is passed on.
#
# Environment: PURPOSE_LLVM_VERSION (19, the default, or 22, as setup.sh);
# BUILD_DIR (default "build", or "build-22" for LLVM 22). Stage timings go to
# standard error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
LLVM_VERSION="${PURPOSE_LLVM_VERSION:-19}"
if [[ "$LLVM_VERSION" == 19 ]]; then
  default_build_dir=build suffix=""
else
  default_build_dir="build-$LLVM_VERSION" suffix="-$LLVM_VERSION"
fi
export BUILD_DIR="${BUILD_DIR:-$default_build_dir}"
TOOL="$BUILD_DIR/tool/purpose-check$suffix"

TIMED_PREFIX=quickstart
. scripts/timed.sh

timed "setup" bash scripts/setup.sh
timed "compilation database" \
  python3 scripts/make_compdb.py test-corpus/example "$BUILD_DIR/example" >/dev/null

echo "quickstart: running $TOOL -p $BUILD_DIR/example" >&2
status=0
timed "analysis" "$TOOL" -p "$BUILD_DIR/example" || status=$?

if [[ $status -eq 1 ]]; then
  echo "quickstart: violations found in test-corpus/example, as expected (the example is built to have them)"
  exit 0
fi
if [[ $status -eq 0 ]]; then
  echo "quickstart: warning: no violations found, but test-corpus/example has them" >&2
fi
exit "$status"
