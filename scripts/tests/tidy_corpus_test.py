#!/usr/bin/env python3
"""Runs the purpose-limitation clang-tidy check on corpus cases.

Usage:
  tidy_corpus_test.py --clang-tidy PATH --plugin libPurposeCheckTidy.so
                      [--tool purpose-check] [--repo ROOT] [-j N]
                      [--cases-dir DIR]... [CASE...]

A CASE is a .cpp file (a single-file case) or a directory (a multi-file
case); --cases-dir DIR adds every *.cpp and every subdirectory of DIR, such
as test-corpus/cases. Expectations are the corpus runner's
(scripts/tests/corpus_runner.py): `// expect-violation: ORIGIN` on the sink line
must be reported, `// FIXME xfail-violation: ORIGIN` must NOT be.

Single-file case: the file is copied into an empty temporary directory (so
that no .purpose-check.json or cache of the repository is picked up) and
checked with

  clang-tidy --load=PLUGIN -checks=-*,purpose-limitation FILE
      -- -std=c++17 -I ROOT/annotations

Its NAME.policy.json, if any, is passed with the check's Policies option.

Multi-file case (only with --tool): the case is copied into a temporary
project with a .purpose-check.json; `purpose-check -p build` fills the
summary cache, then clang-tidy checks each .cpp, which reads the rest of the
program from that cache. Expectations in headers are not checked there: the
check reports sinks in the file being checked.

The reported set of (file, line, origin) must equal the expected set; missing
and extra findings both fail, each named FILE:LINE. Exit status 0 if every
case passes, 1 otherwise.
"""

import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import corpus_runner  # noqa: E402
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

RULE = "purpose-limitation"
WARNING_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): warning: (?P<msg>.*) \[%s\]$" % RULE)
ORIGIN_RE = re.compile(r"^'(?P<origin>[^']*)', limited to ")


class CaseError(Exception):
    pass


def expand(cases, cases_dirs):
    """The cases: each argument, and each *.cpp and subdirectory of each
    --cases-dir, sorted."""
    out = [os.path.abspath(c) for c in cases]
    for d in cases_dirs:
        d = os.path.abspath(d)
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if (os.path.isfile(p) and name.endswith(".cpp")) or os.path.isdir(p):
                out.append(p)
    for c in out:
        if not os.path.exists(c):
            raise SystemExit("no such case: %s" % c)
    return out


def run_args(texts):
    """The case's `// RUN-ARGS:` compiler arguments (corpus_runner.py)."""
    if hasattr(corpus_runner, "parse_run_args"):
        try:
            return corpus_runner.parse_run_args(texts)
        except corpus_runner.CaseError as e:
            raise CaseError(str(e))
    return []


def run_tidy(args, files, build_dir=None, policies=(), cwd=None, extra=()):
    cmd = [args.clang_tidy, "--load=" + args.plugin, "-checks=-*," + RULE,
           "--quiet"]
    if policies:
        opts = {"CheckOptions": {RULE + ".Policies": ";".join(policies)}}
        cmd.append("--config=" + json.dumps(opts))
    if build_dir:
        cmd += ["-p", build_dir] + files
    else:
        cmd += files + ["--", "-std=c++17",
                        "-I" + os.path.join(args.repo, "annotations"), *extra]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd,
                              timeout=args.timeout)
    except subprocess.TimeoutExpired:
        raise CaseError("clang-tidy timed out after %ss" % args.timeout)
    if "error:" in proc.stdout + proc.stderr and proc.returncode != 0:
        raise CaseError("clang-tidy failed (status %d):\n%s%s"
                        % (proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:]))
    found = set()
    for line in proc.stdout.splitlines():
        m = WARNING_RE.match(line)
        if not m:
            continue
        if m.group("msg").startswith("purpose-check: "):
            # What the cache lacks (a single-file case has no cache): not a
            # violation; the trust tests check these warnings.
            continue
        o = ORIGIN_RE.match(m.group("msg"))
        if not o:
            raise CaseError("cannot read the origin from: %s" % line)
        found.add((os.path.realpath(m.group("file")), int(m.group("line")),
                   RULE, o.group("origin")))
    return found


def check_single(args, case, tmp):
    copy = os.path.join(tmp, os.path.basename(case))
    shutil.copyfile(case, copy)
    _, texts, policies, directory = corpus_runner.case_files(case)
    got = run_tidy(args, [copy], policies=[os.path.abspath(p) for p in policies],
                   cwd=tmp, extra=["-I" + directory] + run_args(texts))
    real_case = os.path.realpath(case)
    return {(real_case if f == os.path.realpath(copy) else f, l, r, o)
            for f, l, r, o in got}, None


def check_multi(args, case, tmp):
    if not args.tool:
        return None, "skipped (multi-file case; pass --tool)"
    project = os.path.join(tmp, "project")
    shutil.copytree(case, project)
    sources = make_compdb.source_files(project)
    build = os.path.join(project, "build")
    _, texts, _, _ = corpus_runner.case_files(case)
    make_compdb.write_compdb(build, make_compdb.make_entries(
        project, run_args(texts), args.repo, files=sources))
    policies = [os.path.relpath(p, project) for p in sorted(
        os.path.join(r, f) for r, _, fs in os.walk(project) for f in fs
        if f.endswith(".policy.json"))]
    with open(os.path.join(project, ".purpose-check.json"), "w") as f:
        json.dump({"build_dir": "build", "policies": policies}, f)
    proc = subprocess.run([args.tool, "-p", build], cwd=project,
                          capture_output=True, text=True, timeout=args.timeout)
    if proc.returncode not in (0, 1):
        raise CaseError("purpose-check exited with %d:\n%s"
                        % (proc.returncode, proc.stderr[-3000:]))
    got = set()
    for src in sources:
        got |= run_tidy(args, [src], build_dir=build, cwd=project)
    real_project = os.path.realpath(project)
    real_case = os.path.realpath(case)
    mapped = set()
    for f, l, r, o in got:
        if f.startswith(real_project + os.sep):
            f = real_case + f[len(real_project):]
        mapped.add((f, l, r, o))
    return mapped, None


def check_case(args, case):
    name = corpus_runner.rel(case, args.repo)
    try:
        _, texts, _, _ = corpus_runner.case_files(case)
        exp, errors = corpus_runner.parse_expectations(texts)
        if errors:
            raise CaseError("\n".join(errors))
        tmp = tempfile.mkdtemp(prefix="purpose-tidy-")
        try:
            if os.path.isdir(case):
                got, skipped = check_multi(args, case, tmp)
            else:
                got, skipped = check_single(args, case, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except (CaseError, subprocess.TimeoutExpired, OSError) as e:
        return name, False, ["%s: error: %s" % (name, e)]
    if skipped:
        return name, True, ["%s: %s" % (name, skipped)]

    def checkable(key):
        # The check reports sinks in the file it checks: a .cpp.
        return key[2] == RULE and key[0].endswith((".cpp", ".cc"))

    must = {k for k in exp.must_report() if checkable(k)}
    messages = []
    for key in sorted(must - got):
        messages.append("%s:%d: missing %s origin=%s"
                        % (corpus_runner.rel(key[0], args.repo), key[1], key[2], key[3]))
    for key in sorted(got - must):
        how = "unexpected (FIXME xfail-violation now reported: fixed?)" \
            if key in exp.xfail_miss else "unexpected"
        messages.append("%s:%d: %s %s origin=%s"
                        % (corpus_runner.rel(key[0], args.repo), key[1], how,
                           key[2], key[3]))
    return name, not messages, messages


def main(argv):
    parser = lib.doc_parser(__doc__)
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True, help="libPurposeCheckTidy.so")
    parser.add_argument("--tool", help="purpose-check, for multi-file cases")
    parser.add_argument("--repo", default=make_compdb.REPO_ROOT)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--cases-dir", action="append", default=[],
                        help="a directory of cases, e.g. test-corpus/cases")
    parser.add_argument("cases", nargs="*", metavar="CASE")
    args = parser.parse_args(argv)
    args.repo = os.path.abspath(args.repo)
    args.plugin = os.path.abspath(args.plugin)
    if args.tool:
        args.tool = os.path.abspath(args.tool)

    cases = expand(args.cases, args.cases_dir)
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: check_case(args, c), cases))
    failed = 0
    for name, passed, messages in results:
        for m in messages:
            print(m)
        print("%s %s" % ("PASS" if passed else "FAIL", name), file=sys.stderr)
        failed += not passed
    print("%d of %d cases passed" % (len(results) - failed, len(results)),
          file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
