#!/usr/bin/env bash
# Validates SARIF files with Microsoft's SARIF multitool.
#
# Usage: validate_sarif.sh [--strict] FILE...
#
# Runs the SARIF 2.1.0 schema and rule checks and GitHub code scanning's
# ingestion rules (GHnnnn: what upload-sarif would reject).
#
# Exits 0 iff every FILE exists, the multitool scanned all of them, and its
# output log holds no error-level result (with --strict: no warning-level one
# either) and no error notification. The multitool itself exits 0 even for an
# invalid file, so this reads the log it writes with -o.
#
# The multitool comes from scripts/setup.sh, which installs it with npm into
# PURPOSE_TOOLS_DIR (default: BUILD_DIR/.tools, BUILD_DIR defaulting to the
# repository's build/). It is a .NET program: without ICU it runs with
# DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-build}"
[[ "$build_dir" == /* ]] || build_dir="$repo/$build_dir"
tools="${PURPOSE_TOOLS_DIR:-$build_dir/.tools}"

strict=0
files=()
for arg in "$@"; do
  case "$arg" in
    --strict) strict=1 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "validate_sarif: unknown option '$arg'" >&2; exit 2 ;;
    *) files+=("$arg") ;;
  esac
done
if ((${#files[@]} == 0)); then
  echo "usage: validate_sarif.sh [--strict] FILE..." >&2
  exit 2
fi

# The npm package's launcher (what `npx sarif-multitool` runs) passes its
# arguments through a shell, which splits paths with spaces and treats ';' in
# option values as a command separator; so run the native binary it wraps.
multitool="$(node -p "require(require.resolve('@microsoft/sarif-multitool',
  {paths: [process.argv[1]]}))" "$tools/node_modules" 2>/dev/null || true)"
if [[ -z "$multitool" || ! -f "$multitool" ]]; then
  echo "validate_sarif: no @microsoft/sarif-multitool in '$tools';" \
    "run scripts/setup.sh (or set PURPOSE_TOOLS_DIR)" >&2
  exit 2
fi
[[ -x "$multitool" ]] || chmod u+x "$multitool"

# The multitool silently skips files that do not exist; we do not.
abs=()
for f in "${files[@]}"; do
  if [[ ! -s "$f" ]]; then
    echo "validate_sarif: $f: no such file, or empty" >&2
    exit 1
  fi
  abs+=("$(realpath "$f")")
done
mapfile -t unique < <(printf '%s\n' "${abs[@]}" | sort -u)

if ! ldconfig -p 2>/dev/null | grep -q 'libicuuc\.so'; then
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/validation.sarif"

status=0
"$multitool" validate "${unique[@]}" \
  --rule-kind "Sarif;Gh" -o "$log" --log ForceOverwrite \
  >"$work/stdout" 2>&1 || status=$?
if ((status != 0)); then
  cat "$work/stdout" >&2
  echo "validate_sarif: sarif-multitool exited $status" >&2
  exit 1
fi

python3 - "$log" "$work/stdout" "$strict" "${#unique[@]}" <<'PY'
import json
import re
import sys

log_path, stdout_path, strict, expected = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4])
console = open(stdout_path, encoding="utf-8", errors="replace").read()
failing = {"error", "warning"} if strict else {"error"}
problems = []

m = re.search(r"Done\. (\d+) files? scanned", console)
if not m or int(m.group(1)) != expected:
    problems.append("the multitool scanned %s files, expected %d"
                    % (m.group(1) if m else "no", expected))

try:
    with open(log_path, encoding="utf-8-sig") as f:
        doc = json.load(f)
    runs = doc["runs"]
except (OSError, ValueError, KeyError) as e:
    print(console, file=sys.stderr)
    print("validate_sarif: unreadable multitool log: %s" % e, file=sys.stderr)
    sys.exit(1)


def text(message, rule):
    """The message of a validation result, with its arguments filled in."""
    if "text" in message:
        return message["text"]
    template = (rule or {}).get("messageStrings", {}).get(message.get("id"), {}).get("text")
    args = message.get("arguments", [])
    if template is None:
        return "%s %s" % (message.get("id", "?"), args)
    return re.sub(r"\{(\d+)\}", lambda g: str(args[int(g.group(1))]) if int(g.group(1)) < len(args) else g.group(0), template)


counts = {"error": 0, "warning": 0, "note": 0}
for run in runs:
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    for inv in run.get("invocations", []):
        if inv.get("executionSuccessful") is False:
            problems.append("the multitool's run was not successful")
        for n in inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", []):
            if n.get("level", "warning") == "error":
                problems.append("multitool error: %s" % n.get("message", {}).get("text", n))
    for r in run.get("results", []):
        idx = r.get("ruleIndex", -1)
        rule = rules[idx] if 0 <= idx < len(rules) else next((x for x in rules if x.get("id") == r.get("ruleId")), None)
        level = r.get("level") or (rule or {}).get("defaultConfiguration", {}).get("level") or "warning"
        counts[level] = counts.get(level, 0) + 1
        where = "?"
        locs = r.get("locations") or []
        if locs:
            phys = locs[0].get("physicalLocation", {})
            uri = phys.get("artifactLocation", {}).get("uri", "?")
            region = phys.get("region", {})
            where = "%s(%s,%s)" % (re.sub(r"^file://", "", uri), region.get("startLine", "?"), region.get("startColumn", "?"))
        line = "%s: %s %s: %s" % (where, level, r.get("ruleId"), text(r.get("message", {}), rule))
        print(line)
        if level in failing:
            problems.append(line)

print("validate_sarif: %d file(s): %d error(s), %d warning(s), %d note(s)"
      % (expected, counts.get("error", 0), counts.get("warning", 0), counts.get("note", 0)))
if problems:
    for p in problems:
        print("validate_sarif: FAIL: " + p, file=sys.stderr)
    sys.exit(1)
PY
