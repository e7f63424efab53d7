#!/usr/bin/env python3
"""Fails when a function of purpose-check's own sources is too long.

Usage:
  function_size_test.py --clang-tidy clang-tidy-19 -p BUILD [--repo ROOT] [-j N]

Runs clang-tidy with readability-function-size alone, configured by the
repository's .clang-tidy (LineThreshold 80; inline functions in the
project's headers count too, through its HeaderFilterRegex), and with
warnings as errors, on every file of BUILD/compile_commands.json under
checks/core, checks/fides, checks/io, checks/pipeline, checks/tidy and
tool/ (the unit tests and fuzzers are not held to the limit). Prints each
function over the limit once, as FILE:LINE: 'NAME' (N lines), and exits
with 1 if there is one, if clang-tidy fails on a file, or if no file was
selected; else 0.
"""

import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import report_testlib as lib  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__))))
# The sources held to the limit, relative to the repository root.
SELECTED_RE = re.compile(r"^(checks/(core|fides|io|pipeline|tidy)|tool)/.*\.cpp$")
TOO_LONG_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):\d+: (?:warning|error): function '(?P<name>[^']+)' "
    r"exceeds recommended size/complexity thresholds \[readability-function-size")
LINES_RE = re.compile(r"^.+?:\d+:\d+: note: (?P<lines>\d+) lines including")
DIAG_RE = re.compile(r"^.+?:\d+:\d+: (?:warning|error): ")


def selected_files(build_dir, repo):
    with open(os.path.join(build_dir, "compile_commands.json"), encoding="utf-8") as f:
        entries = json.load(f)
    files = set()
    for e in entries:
        path = os.path.normpath(os.path.join(e.get("directory", ""), e["file"]))
        if SELECTED_RE.match(os.path.relpath(path, repo)):
            files.add(path)
    return sorted(files)


def run(args, path):
    """(returncode, output) of clang-tidy on one file."""
    cmd = [args.clang_tidy, "-p", args.build_dir, "--quiet",
           "--config-file=" + os.path.join(args.repo, ".clang-tidy"),
           "--checks=-*,readability-function-size",
           "--warnings-as-errors=readability-function-size", path]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=args.timeout)
    return proc.returncode, proc.stdout


def too_long(output, repo):
    """{(file, line, name): lines} of the functions that output reports;
    an inline function of a header is reported by every file that includes
    it, and counted once."""
    found, last = {}, None
    for row in output.splitlines():
        m = TOO_LONG_RE.match(row)
        if m:
            last = (os.path.relpath(os.path.normpath(m.group("file")), repo),
                    int(m.group("line")), m.group("name"))
            found[last] = None
            continue
        n = LINES_RE.match(row)
        if n and last and found[last] is None:
            found[last] = int(n.group("lines"))
    return found


def main(argv):
    parser = lib.doc_parser(__doc__)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("-p", dest="build_dir", required=True,
                        help="the build directory (compile_commands.json)")
    parser.add_argument("--repo", default=REPO_ROOT)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    args.repo = os.path.realpath(args.repo)
    args.build_dir = os.path.abspath(args.build_dir)

    start = time.monotonic()
    files = selected_files(args.build_dir, args.repo)
    if not files:
        print("no file under checks/ or tool/ in %s/compile_commands.json"
              % args.build_dir)
        return 1
    found, failed = {}, []
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for path, (status, output) in zip(
                files, pool.map(lambda p: run(args, p), files)):
            these = too_long(output, args.repo)
            for key, lines in these.items():
                if found.get(key) is None:
                    found[key] = lines
            # A failure that is not (only) a function over the limit, e.g. a
            # compile error: its output says what.
            others = [r for r in output.splitlines()
                      if DIAG_RE.match(r) and not TOO_LONG_RE.match(r)]
            if (status != 0 and not these) or others:
                failed.append((path, status, output))
    for path, status, output in failed:
        print("clang-tidy failed (status %d) on %s:\n%s"
              % (status, os.path.relpath(path, args.repo), output[-4000:]))
    for (path, line, name), lines in sorted(found.items()):
        print("%s:%d: '%s' has %s lines; the limit is 80 (.clang-tidy): split it"
              % (path, line, name, lines if lines is not None else "too many"))
    elapsed = time.monotonic() - start
    if found or failed:
        print("FAIL: %d functions too long, %d files failed, of %d files (%.1fs)"
              % (len(found), len(failed), len(files), elapsed))
        return 1
    print("PASS: no function over the limit in %d files (%.1fs)"
          % (len(files), elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
