#!/usr/bin/env bash
# Installs purpose-check into a temporary prefix and runs the installed tool
# (CTest install/prefix; issue 9, INTERFACE.md section 7).
#
# Usage: install_test.sh BUILD_DIR [REPO_ROOT]
#
# Asserts:
# - `cmake --install BUILD_DIR --prefix P` succeeds;
# - P holds bin/purpose-check, include/purpose.h, the hook
#   share/purpose-check/hooks/pre-commit (executable), the docs
#   share/doc/purpose-check/ (README.md, every *.md and *.json under docs/)
#   and the man page
#   share/man/man1/purpose-check.1, which man(1) finds and renders;
# - P holds bin/purpose-clangd and lib/libPurposeCheckTidy.so when the build
#   made them (else that assertion is skipped, with a message); the installed
#   clangd prints its version and clang-tidy-19 loads the installed plugin
#   and lists the purpose-* checks;
# - a build against LLVM 22 installs the same with "-22" appended
#   (bin/purpose-check-22, bin/purpose-clangd-22,
#   lib/libPurposeCheckTidy-22.so) and is checked with clang-tidy-22;
# - the installed binaries resolve every shared library and keep no path of
#   the build tree (RUNPATH);
# - `P/bin/purpose-check --version` prints the build's version line;
# - the installed tool finds Clang's builtin headers (the resource directory,
#   an absolute path compiled in) when run from P/bin: a TU that includes
#   <stddef.h>, <stdarg.h> and <xmmintrin.h> analyzes cleanly, and its -v
#   output shows an absolute -resource-dir outside the prefix and the build
#   tree that holds those headers, with its include/ on the search list
#   (Debian's clang also searches /usr/include/clang/19.x/include, which would
#   hide a wrong resource directory from the parse alone);
# - on a copy of test-corpus/example, with a compilation database whose -I
#   names P/include (not the repository's annotations/), the installed tool
#   exits 1 and reports the same set of (origin, sink, line) as the build
#   tree's tool with the repository's header.
#
# The temporary directory is removed at the end unless KEEP=1.
#
# Environment (set by CTest, test-corpus/integration.cmake):
# PURPOSE_LLVM_MAJOR (default 19), the LLVM the build is against;
# PURPOSE_NAME_SUFFIX (default none), what it appends to the names of the
# binaries and the plugin.
set -uo pipefail

if (($# < 1)); then
  echo "usage: $0 BUILD_DIR [REPO_ROOT]" >&2
  exit 2
fi
build="$(cd "$1" && pwd)"
repo="$(cd "${2:-$(dirname "${BASH_SOURCE[0]}")/../..}" && pwd)"
python="${PYTHON:-python3}"
major="${PURPOSE_LLVM_MAJOR:-19}"
suffix="${PURPOSE_NAME_SUFFIX:-}"
check_name="purpose-check$suffix"
clangd_name="purpose-clangd$suffix"
plugin_name="libPurposeCheckTidy$suffix.so"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/purpose-install.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "install_test: keeping $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi
prefix="$tmp/prefix"

failures=0
passed=0
fail() { echo "install_test: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { passed=$((passed + 1)); }
check() { # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  if "$@"; then pass; else fail "$what"; fi
}
skip() { echo "install_test: SKIP: $*"; }

# 1. Install.
if ! cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log" >&2
  fail "cmake --install $build --prefix $prefix failed"
  echo "install_test: $failures check(s) failed" >&2
  exit 1
fi
pass

# 2. The installed files.
check "bin/$check_name is installed and executable" test -x "$prefix/bin/$check_name"
check "include/purpose.h is installed" test -f "$prefix/include/purpose.h"
check "include/purpose.h is the repository's" cmp -s "$prefix/include/purpose.h" "$repo/annotations/purpose.h"
check "the pre-commit hook is installed and executable" \
  test -x "$prefix/share/purpose-check/hooks/pre-commit"
while IFS= read -r doc; do
  check "share/doc/purpose-check/$doc is installed" test -f "$prefix/share/doc/purpose-check/$doc"
done < <(cd "$repo/docs" && find . -name '*.md' -o -name '*.json' | sed 's|^\./||' | sort)
check "share/doc/purpose-check/README.md is installed" test -f "$prefix/share/doc/purpose-check/README.md"
check "the man page is not among the docs" test ! -e "$prefix/share/doc/purpose-check/purpose-check.1"
for doc in install.md configuration.md; do
  check "share/doc/purpose-check/$doc is installed" test -f "$prefix/share/doc/purpose-check/$doc"
done
check "the policy examples are installed" test -f "$prefix/share/doc/purpose-check/examples/ads-sdk.policy.json"
man1="$prefix/share/man/man1/purpose-check.1"
check "share/man/man1/purpose-check.1 is installed" test -f "$man1"
if command -v man >/dev/null 2>&1 && [[ -f "$man1" ]]; then
  found="$(MANPATH="$prefix/share/man" man -w purpose-check 2>/dev/null || true)"
  check "man finds the installed page through MANPATH (got '$found')" test "$found" = "$man1"
  rendered="$(MANWIDTH=80 man -l "$man1" 2>"$tmp/man.err" | col -b 2>/dev/null || true)"
  for want in NAME SYNOPSIS OPTIONS "EXIT STATUS" FILES --config --no-cache .purpose-check.json; do
    check "the man page renders and mentions '$want'" grep -qF -- "$want" <<<"$rendered"
  done
  check "the man page renders without warnings: $(cat "$tmp/man.err")" test ! -s "$tmp/man.err"
else
  skip "man is not installed: the man page is not rendered"
fi

binaries=("$prefix/bin/$check_name")
if [[ -x "$build/tool/clangd/$clangd_name" ]]; then
  check "bin/$clangd_name is installed and executable" test -x "$prefix/bin/$clangd_name"
  binaries+=("$prefix/bin/$clangd_name")
  if [[ -x "$prefix/bin/$clangd_name" ]]; then
    out="$("$prefix/bin/$clangd_name" --version 2>&1)"
    check "the installed $clangd_name prints its version (got '$out')" grep -q "^purpose-clangd [0-9].*clangd from LLVM $major\\." <<<"$(tr '\n' ' ' <<<"$out")"
  fi
else
  skip "$build/tool/clangd/$clangd_name was not built: bin/$clangd_name not checked"
fi
if [[ -f "$build/checks/tidy/$plugin_name" ]]; then
  plugin="$prefix/lib/$plugin_name"
  check "lib/$plugin_name is installed" test -f "$plugin"
  binaries+=("$plugin")
  tidy="$(command -v "clang-tidy-$major" || command -v clang-tidy || true)"
  if [[ -n "$tidy" && -f "$plugin" ]]; then
    out="$("$tidy" --load="$plugin" -checks='-*,purpose-*' --list-checks 2>&1)"
    for c in purpose-limitation purpose-annotation; do
      check "$tidy loads the installed plugin and lists $c" grep -q "$c" <<<"$out"
    done
  else
    skip "no clang-tidy: the installed plugin is not loaded"
  fi
else
  skip "$build/checks/tidy/$plugin_name was not built: lib/$plugin_name not checked"
fi

# 3. The installed binaries stand alone: every library resolves, and nothing
# points back into the build tree.
for b in "${binaries[@]}"; do
  [[ -f "$b" ]] || continue
  missing="$(ldd "$b" 2>&1 | grep 'not found' || true)"
  check "$(basename "$b") resolves every shared library: $missing" test -z "$missing"
  runpath="$(readelf -d "$b" 2>/dev/null | grep -E 'RUNPATH|RPATH' || true)"
  if grep -qF "$build" <<<"$runpath"; then
    fail "$(basename "$b") keeps a path of the build tree: $runpath"
  else
    pass
  fi
done

tool="$prefix/bin/$check_name"
if [[ ! -x "$tool" ]]; then
  echo "install_test: $failures check(s) failed (no installed tool to run)" >&2
  exit 1
fi

# 4. --version, from the prefix.
want_version="$("$build/tool/$check_name" --version 2>&1 | head -n1)"
got_version="$(cd "$prefix/bin" && "./$check_name" --version 2>&1 | head -n1)"
check "the installed --version prints '$want_version' (got '$got_version')" \
  test "$got_version" = "$want_version"
check "the version line names purpose-check and LLVM ('$got_version')" \
  grep -qE "^purpose-check [0-9]+\\.[0-9]+\\.[0-9]+ \\(LLVM $major\\." <<<"$got_version"

# 5. Clang's builtin headers, run from the prefix. The resource directory is
# compiled in as an absolute path; from P/bin, Clang's own guess
# (P/lib/clang/19) does not exist, so a wrong path would fail the parse.
mkdir -p "$tmp/builtins/src"
cat >"$tmp/builtins/src/builtins.cpp" <<'EOF'
#include "purpose.h"
#include <stdarg.h>
#include <stddef.h>
#include <xmmintrin.h>

struct Pair { int a; int b; };

size_t Sum(int n, ...) {
  va_list ap;
  va_start(ap, n);
  size_t s = 0;
  for (int i = 0; i < n; ++i)
    s += static_cast<size_t>(va_arg(ap, int));
  va_end(ap);
  __m128 v = _mm_set1_ps(1.0f);
  (void)v;
  return s + offsetof(Pair, b);
}
EOF
"$python" - "$tmp/builtins/src" "$tmp/builtins/build" "$prefix/include" <<'PY'
import json, os, sys
src, out, inc = sys.argv[1:]
os.makedirs(out, exist_ok=True)
f = os.path.join(src, "builtins.cpp")
with open(os.path.join(out, "compile_commands.json"), "w") as fp:
    json.dump([{"directory": src, "file": f,
                "arguments": ["clang++-19", "-std=c++17", "-I" + inc, "-c", f]}], fp)
PY
status=0
(cd "$prefix/bin" && "./$check_name" -p "$tmp/builtins/build" --no-cache --extra-arg=-v) \
  >"$tmp/builtins.out" 2>"$tmp/builtins.err" || status=$?
check "the installed tool, run from P/bin, parses <stddef.h>, <stdarg.h> and <xmmintrin.h> (exit $status, want 0): $(cat "$tmp/builtins.err")" \
  test "$status" = 0
if grep -q 'failed to parse\|file not found' "$tmp/builtins.err"; then
  fail "builtin headers not found from the prefix: $(cat "$tmp/builtins.err")"
else
  pass
fi
# Debian's clang also searches /usr/include/clang/VERSION/include, which
# would hide a wrong resource directory; so the -v output must show the
# compiled-in one, existing, and its include/ on the search list.
resource_dir="$(grep -o '"-resource-dir" "[^"]*"' "$tmp/builtins.err" | head -n1 | cut -d'"' -f4)"
check "the installed tool passes an absolute -resource-dir (got '$resource_dir')" \
  grep -q '^/' <<<"$resource_dir"
check "the resource directory '$resource_dir' holds the builtin headers" \
  test -f "$resource_dir/include/stddef.h" -a -f "$resource_dir/include/xmmintrin.h"
check "the resource directory lies outside the prefix and the build tree" \
  test "${resource_dir#"$prefix"}" = "$resource_dir" -a "${resource_dir#"$build"}" = "$resource_dir"
search_list="$(sed -n '/^#include <...> search starts here:/,/^End of search list/p' "$tmp/builtins.err")"
check "'$resource_dir/include' is on the header search list: $search_list" \
  grep -qxF " $resource_dir/include" <<<"$search_list"

# 6. The bundled example: installed header and tool against the build tree's.
cp -r "$repo/test-corpus/example" "$tmp/example"
"$python" - "$repo" "$tmp/example" "$prefix/include" "$tmp/build-installed" "$tmp/build-repo" <<'PY'
import os, sys
repo, src, inc, out_installed, out_repo = sys.argv[1:]
sys.path.insert(0, os.path.join(repo, "scripts"))
sys.dont_write_bytecode = True
import make_compdb
# The repository's build: -I REPO/annotations.
make_compdb.write_compdb(out_repo, make_compdb.make_entries(src, repo_root=repo))
# The installed build: -I P/include instead.
annotations = os.path.join(repo, "annotations")
entries = make_compdb.make_entries(src, repo_root=repo)
for e in entries:
    e["arguments"] = ["-I" + inc if a == "-I" + annotations else a
                      for a in e["arguments"]]
    assert "-I" + inc in e["arguments"], e
make_compdb.write_compdb(out_installed, entries)
PY

run_example() { # run_example TOOL BUILD OUT -> exit status in $status
  status=0
  (cd "$tmp/example" && "$1" -p "$2" --format json --no-cache) >"$3" 2>"$3.err" || status=$?
}
run_example "$build/tool/$check_name" "$tmp/build-repo" "$tmp/repo.json"
repo_status=$status
run_example "$tool" "$tmp/build-installed" "$tmp/installed.json"
installed_status=$status
check "the build tree's tool exits 1 on the example (got $repo_status): $(cat "$tmp/repo.json.err")" \
  test "$repo_status" = 1
check "the installed tool exits 1 on the example (got $installed_status): $(cat "$tmp/installed.json.err")" \
  test "$installed_status" = 1
if grep -q 'failed to parse' "$tmp/installed.json.err"; then
  fail "the installed tool failed to parse the example: $(cat "$tmp/installed.json.err")"
else
  pass
fi
if "$python" - "$tmp/repo.json" "$tmp/installed.json" "$prefix/include/purpose.h" <<'PY'
import json, sys
repo_path, installed_path, header = sys.argv[1:]
def load(p):
    try:
        with open(p) as f:
            r = json.load(f)
    except ValueError as e:
        with open(p + ".err") as f:
            err = f.read()
        sys.exit("install_test: FAIL: %s is not a JSON report (%s); stderr:\n%s" % (p, e, err))
    return r, {(v["origin"]["name"], v["sink"]["name"], v["sink"]["file"], v["sink"]["line"])
               for v in r["violations"]}
ok = True
repo, want = load(repo_path)
inst, got = load(installed_path)
if not inst.get("complete"):
    print("install_test: FAIL: the installed tool's report is incomplete", file=sys.stderr); ok = False
if not want:
    print("install_test: FAIL: the build tree's tool found no violations", file=sys.stderr); ok = False
if ("social::Account::two_factor_phone", "advertising") not in {
        (v["origin"]["name"], v["sink"]["purpose"]) for v in inst["violations"]}:
    print("install_test: FAIL: the installed tool misses the 2FA phone -> advertising violation",
          file=sys.stderr); ok = False
if got != want:
    print("install_test: FAIL: the installed tool's violations differ from the build's:\n"
          "  only installed: %r\n  only build: %r" % (sorted(got - want), sorted(want - got)),
          file=sys.stderr); ok = False
print("install_test: %d violation(s), the same from both tools" % len(got))
sys.exit(0 if ok else 1)
PY
then pass; else failures=$((failures + 1)); fi

if ((failures)); then
  echo "install_test: $failures check(s) failed, $passed passed" >&2
  exit 1
fi
echo "install_test: all $passed checks passed"
