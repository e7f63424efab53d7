#!/usr/bin/env python3
"""Fails when a source file of purpose-check is not formatted.

Usage:
  format_test.py --clang-format clang-format-19 [--repo ROOT] [--fix]

Runs `clang-format --dry-run --Werror` (the style is the repository's
.clang-format: LLVM's) on every .cpp and .h under checks/ and tool/ (not
annotations/purpose.h: users read it, and diagnostics name its lines), and
names each file that it would change, with the first
lines it would change. --fix formats them in place instead. Exits 1 when a
file is not formatted or clang-format fails, else 0.
"""

import argparse
import os
import subprocess
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__))))
DIRS = ("checks", "tool")


def sources(repo):
    out = []
    for d in DIRS:
        for root, dirs, files in os.walk(os.path.join(repo, d)):
            dirs[:] = sorted(x for x in dirs if not x.startswith("."))
            out += [os.path.join(root, f) for f in sorted(files)
                    if f.endswith((".cpp", ".h"))]
    return out


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clang-format", required=True)
    parser.add_argument("--repo", default=REPO_ROOT)
    parser.add_argument("--fix", action="store_true")
    args = parser.parse_args(argv)
    files = sources(os.path.realpath(args.repo))
    if not files:
        print("FAIL: no source file under %s" % ", ".join(DIRS))
        return 1
    if args.fix:
        return subprocess.call([args.clang_format, "-i"] + files)
    bad = []
    for path in files:
        proc = subprocess.run([args.clang_format, "--dry-run", "--Werror", path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if proc.returncode != 0:
            bad.append(path)
            print("%s is not formatted (clang-format would change it):\n%s"
                  % (os.path.relpath(path, args.repo),
                     "\n".join(proc.stdout.splitlines()[:12])))
    if bad:
        print("FAIL: %d of %d files are not formatted; run "
              "scripts/tests/format_test.py --clang-format %s --fix"
              % (len(bad), len(files), args.clang_format))
        return 1
    print("PASS: %d files formatted" % len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
