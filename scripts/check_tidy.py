#!/usr/bin/env python3
"""Runs clang-tidy with the purpose-* plugin on a self-checking test file.

Usage:
  check_tidy.py --clang-tidy PATH --plugin libPurposeCheckTidy.so
                [--repo ROOT] FILE

The file states what clang-tidy must print, in the style of clang-tidy's own
tests (check_clang_tidy.py), without needing FileCheck:

  // CHECKS: purpose-annotation
      the -checks list (default: the file name's stem, e.g.
      purpose-annotation for purpose-annotation.cpp)
  // CONFIG: {CheckOptions: {purpose-unannotated-contact.Patterns: 'fax'}}
      passed as --config (optional)
  // ARGS: -DFOO
      extra compiler arguments after -std=c++17 -I ROOT/annotations

  Upload(acct.phone);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Account::phone', limited to [purpose-limitation]
  // CHECK-NOTES: :[[@LINE-2]]:10: note: read of 'Account::phone'

A CHECK-MESSAGES line names a warning or error: its line ([[@LINE]],
[[@LINE+N]], [[@LINE-N]] or a number), column, severity, and text that must
occur in the printed message (which ends in "[check-name]"). Every warning
and error printed for the file must match exactly one CHECK-MESSAGES, and
every CHECK-MESSAGES must be matched: missing and unexpected diagnostics both
fail, each named FILE:LINE. CHECK-NOTES lines name notes that must be
printed; other notes are not checked.

The file is checked as a copy in an empty temporary directory, so that no
.purpose-check.json of the repository applies. Exit status 0 on success, 1 on
a mismatch or a failure to run.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHECK_RE = re.compile(
    r"//\s*CHECK-(?P<kind>MESSAGES|NOTES):\s*"
    r":(?:\[\[@LINE(?P<off>[+-]\d+)?\]\]|(?P<abs>\d+)):(?P<col>\d+):\s*"
    r"(?P<sev>warning|error|note):\s*(?P<text>.*?)\s*$")
LOOKS_LIKE_CHECK_RE = re.compile(r"//\s*CHECK-")
DIRECTIVE_RE = re.compile(r"^\s*//\s*(?P<name>CHECKS|CONFIG|ARGS):\s*(?P<value>.*?)\s*$")
DIAG_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>warning|error|note): "
    r"(?P<text>.*)$")


def parse(path):
    """(expectations, directives, errors); an expectation is
    (kind, line, col, severity, text, source line)."""
    checks, directives, errors = [], {}, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            d = DIRECTIVE_RE.match(line)
            if d:
                directives[d.group("name")] = d.group("value")
                continue
            m = CHECK_RE.search(line)
            if not m:
                if LOOKS_LIKE_CHECK_RE.search(line):
                    errors.append("%s:%d: malformed CHECK line: %s"
                                  % (path, lineno, line.strip()))
                continue
            target = int(m.group("abs")) if m.group("abs") else \
                lineno + int(m.group("off") or 0)
            checks.append((m.group("kind"), target, int(m.group("col")),
                           m.group("sev"), m.group("text"), lineno))
    return checks, directives, errors


def run(args, path, directives, tmp):
    copy = os.path.join(tmp, os.path.basename(path))
    shutil.copyfile(path, copy)
    stem = os.path.splitext(os.path.basename(path))[0]
    cmd = [args.clang_tidy, "--load=" + args.plugin,
           "-checks=-*," + directives.get("CHECKS", stem)]
    if "CONFIG" in directives:
        cmd.append("--config=" + directives["CONFIG"])
    cmd += [copy, "--", "-std=c++17",
            "-I" + os.path.join(args.repo, "annotations")]
    cmd += directives.get("ARGS", "").split()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp,
                          timeout=args.timeout)
    diags = []
    for line in proc.stdout.splitlines():
        m = DIAG_RE.match(line)
        if m and os.path.realpath(m.group("file")) == os.path.realpath(copy):
            diags.append((int(m.group("line")), int(m.group("col")),
                          m.group("sev"), m.group("text")))
    return cmd, proc, diags


def compare(path, checks, diags):
    """Failure messages; empty when the output matches."""
    failures = []
    primary = [d for d in diags if d[2] != "note"]
    notes = [d for d in diags if d[2] == "note"]
    used = set()
    for kind, line, col, sev, text, src in checks:
        pool = primary if kind == "MESSAGES" else notes
        hit = next((i for i, d in enumerate(pool)
                    if (kind, i) not in used and d[0] == line and d[1] == col
                    and d[2] == sev and text in d[3]), None)
        if hit is None:
            failures.append("%s:%d: missing %s at %d:%d: %s"
                            % (path, src, sev, line, col, text))
        else:
            used.add((kind, hit))
    for i, d in enumerate(primary):
        if ("MESSAGES", i) not in used:
            failures.append("%s:%d: unexpected %s at %d:%d: %s"
                            % (path, d[0], d[2], d[0], d[1], d[3]))
    return failures


def main(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--repo", default=os.path.dirname(os.path.dirname(
        os.path.realpath(__file__))))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("file")
    args = parser.parse_args(argv)
    args.plugin = os.path.abspath(args.plugin)
    path = os.path.abspath(args.file)
    name = os.path.relpath(path, args.repo)

    checks, directives, errors = parse(path)
    if errors:
        print("\n".join(errors))
        return 1
    if not checks:
        print("%s: no CHECK-MESSAGES or CHECK-NOTES lines" % name)
        return 1
    tmp = tempfile.mkdtemp(prefix="purpose-check-tidy-")
    try:
        cmd, proc, diags = run(args, path, directives, tmp)
    except subprocess.TimeoutExpired:
        print("%s: clang-tidy timed out after %ss" % (name, args.timeout))
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failures = compare(name, checks, diags)
    if failures:
        print("\n".join(failures))
        print("$ " + " ".join(cmd))
        print(proc.stdout[-4000:] + proc.stderr[-2000:])
        return 1
    print("PASS %s (%d diagnostics)" % (name, len(diags)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
