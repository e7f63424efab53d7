# Sourced by quickstart.sh, test.sh and tests/sanitize.sh (not run on its own).
#
# timed NAME COMMAND...: runs COMMAND, prints "$TIMED_PREFIX: NAME took Xs"
# to standard error whatever its outcome, and returns its exit status.
timed() {
  local name="$1" start end status=0
  shift
  start=$(date +%s.%N)
  "$@" || status=$?
  end=$(date +%s.%N)
  awk -v p="$TIMED_PREFIX" -v n="$name" -v s="$start" -v e="$end" \
    'BEGIN { printf "%s: %s took %.1fs\n", p, n, e - s }' >&2
  return "$status"
}
