#!/usr/bin/env python3
"""Runs purpose-check on self-checking corpus cases and compares the findings.

Usage:
  corpus_runner.py --tool PATH [--repo ROOT] [--summary] [-j N] CASE...

A CASE is a .cpp file (a single-file case) or a directory (a multi-file case:
every .cpp inside it, recursively). For each case the runner writes a
compile_commands.json into a temporary directory, runs

  TOOL -p TMP --format json --no-cache [--policy F]...

with the policies that belong to the case (NAME.policy.json or NAME.cpp.policy.json
next to a single-file case, every *.policy.json inside a directory case), and
compares what the tool reports with what the case's files expect.

Expectations are comments on the line of the sink call, in any .cpp/.h/.hpp
file of the case:

  // expect-violation: ORIGIN[, ORIGIN...]
      must be reported (rule purpose-limitation) for each ORIGIN;
  // FIXME xfail-violation: ORIGIN[, ORIGIN...]
      a known miss: should be reported but is not yet; the runner requires that
      it is NOT reported, so the case goes red once it is fixed;
  // FIXME xfail-no-violation: ORIGIN[, ORIGIN...]
      a known false positive: reported but should not be; the runner requires
      that it IS reported.

`expect-violation(RULE): ...` names a rule other than purpose-limitation.
ORIGIN is the fully qualified name of the limited declaration as the report
prints it: ns::Struct::field, ns::g_var, ns::Function (its return value),
ns::Function::param. Any other reported violation is an unexpected finding.

Extra compiler arguments for every file of a case go on a line of its own in
any of its .cpp/.h/.hpp files:

  // RUN-ARGS: ARG...
      split as a shell would; %S stands for the directory of the file that
      holds the line, e.g. `// RUN-ARGS: -isystem %S/../system`.

The tool must exit 1 when the case expects a report and 0 when it does not;
exit status 2 (or any other) fails the case and shows the tool's stderr.

Exit status: 0 if every case passes, 1 otherwise. With --summary, also prints
`recall=R precision=P tp=.. fp=.. fn=..` over all cases (known misses count
as fn, known false positives as fp) and exits 0 unless a case could not be
run at all (tool error, malformed expectations).
"""

import concurrent.futures
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

DEFAULT_RULE = "purpose-limitation"
EXPECTATION_SUFFIXES = (".cpp", ".cc", ".h", ".hpp")

# `// [FIXME] KIND[(RULE)]: ORIGIN, ORIGIN...` anywhere in a // comment.
EXPECT_RE = re.compile(
    r"//.*?\b(?P<kind>expect-violation|xfail-violation|xfail-no-violation)"
    r"(?:\((?P<rule>[a-z0-9-]+)\))?:(?P<origins>.*)$")
# `// RUN-ARGS: ARG...` at the start of a line: extra compiler arguments.
RUN_ARGS_RE = re.compile(r"^\s*//\s*RUN-ARGS:(?P<args>.*)$")
# Anything that looks like an expectation but does not parse is an error, so
# that a typo cannot silently turn a check off.
LOOKS_LIKE_EXPECT_RE = re.compile(r"//.*\b(expect-|xfail-)")


class CaseError(Exception):
    """The case could not be checked (not a mismatch): bad expectations, tool error."""


class Expectations:
    """Keys are (realpath, line, rule, origin)."""

    def __init__(self):
        self.expected = set()     # expect-violation
        self.xfail_miss = set()   # FIXME xfail-violation: must not be reported
        self.xfail_fp = set()     # FIXME xfail-no-violation: must be reported

    def must_report(self):
        return self.expected | self.xfail_fp


def rel(path, repo):
    """path relative to the repository when inside it, else as is."""
    try:
        r = os.path.relpath(path, repo)
    except ValueError:
        return path
    return path if r.startswith("..") else r


def case_files(case):
    """(sources, expectation files, policies, directory) of a case."""
    case = os.path.abspath(case)
    if os.path.isdir(case):
        sources = make_compdb.source_files(case)
        texts = []
        for root, dirs, files in os.walk(case):
            dirs.sort()
            texts += [os.path.join(root, f) for f in files
                      if f.endswith(EXPECTATION_SUFFIXES)]
        policies = sorted(glob.glob(os.path.join(case, "**", "*.policy.json"),
                                    recursive=True))
        if not sources:
            raise CaseError("no .cpp files in case directory")
        return sources, sorted(texts), policies, case
    if not os.path.isfile(case):
        raise CaseError("no such case")
    stem = os.path.splitext(case)[0]
    policies = [p for p in (stem + ".policy.json", case + ".policy.json")
                if os.path.isfile(p)]
    return [case], [case], policies, os.path.dirname(case)


def parse_expectations(files):
    exp = Expectations()
    errors = []
    for path in files:
        real = os.path.realpath(path)
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = EXPECT_RE.search(line)
                if not m:
                    if LOOKS_LIKE_EXPECT_RE.search(line):
                        errors.append("%s:%d: malformed expectation: %s"
                                      % (path, lineno, line.strip()))
                    continue
                origins = [o.strip() for o in m.group("origins").split(",")]
                origins = [o for o in origins if o]
                if not origins:
                    errors.append("%s:%d: expectation names no origin"
                                  % (path, lineno))
                    continue
                rule = m.group("rule") or DEFAULT_RULE
                target = {"expect-violation": exp.expected,
                          "xfail-violation": exp.xfail_miss,
                          "xfail-no-violation": exp.xfail_fp}[m.group("kind")]
                for origin in origins:
                    target.add((real, lineno, rule, origin))
    overlap = (exp.expected | exp.xfail_fp) & exp.xfail_miss
    for key in sorted(overlap):
        errors.append("%s:%d: origin=%s is both expected and xfail-violation"
                      % (key[0], key[1], key[3]))
    return exp, errors


def parse_run_args(files):
    """Extra compiler arguments of a case, from its `// RUN-ARGS:` lines."""
    extra = []
    for path in files:
        directory = os.path.dirname(os.path.abspath(path))
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                m = RUN_ARGS_RE.match(line)
                if not m:
                    continue
                try:
                    words = shlex.split(m.group("args"))
                except ValueError as e:
                    raise CaseError("%s:%d: malformed RUN-ARGS: %s" % (path, lineno, e))
                extra += [w.replace("%S", directory) for w in words]
    return extra


def resolve(path, bases):
    if os.path.isabs(path):
        return os.path.realpath(path)
    for base in bases:
        candidate = os.path.join(base, path)
        if os.path.exists(candidate):
            return os.path.realpath(candidate)
    return os.path.realpath(os.path.join(bases[0], path))


def reported_keys(report, bases):
    if not isinstance(report, dict) or report.get("version") != 1:
        raise CaseError("report is not a version-1 JSON object")
    violations = report.get("violations")
    if not isinstance(violations, list):
        raise CaseError("report has no \"violations\" array")
    keys = set()
    for v in violations:
        try:
            sink, origin = v["sink"], v["origin"]
            keys.add((resolve(sink["file"], bases), int(sink["line"]),
                      v["rule"], origin["name"]))
        except (KeyError, TypeError, ValueError) as e:
            raise CaseError("malformed violation %s: %r" % (json.dumps(v), e))
    return keys


def run_tool(args, sources, policies, directory, tmp, extra=()):
    entries = make_compdb.make_entries(directory, extra, args.repo, files=sources)
    make_compdb.write_compdb(tmp, entries)
    cmd = [args.tool, "-p", tmp, "--format", "json", "--no-cache"]
    for p in policies:
        cmd += ["--policy", p]
    if args.verbose:
        print("$ " + " ".join(cmd), file=sys.stderr)
    try:
        # cwd=tmp: no .purpose-check.json of the repository is picked up.
        return cmd, subprocess.run(cmd, cwd=tmp, capture_output=True, text=True,
                                   timeout=args.timeout)
    except subprocess.TimeoutExpired:
        raise CaseError("tool timed out after %ss" % args.timeout)
    except OSError as e:
        raise CaseError("cannot run tool: %s" % e)


def tail(text, lines=40):
    rows = text.rstrip().splitlines()
    cut = rows[-lines:]
    prefix = ["  ... (%d lines cut)" % (len(rows) - lines)] if len(rows) > lines else []
    return "\n".join(prefix + ["  " + r for r in cut])


def check_case(case, args):
    """Returns (name, passed, messages, counts); counts = (tp, fp, fn) or None."""
    name = rel(os.path.abspath(case), args.repo)
    messages = []
    try:
        sources, texts, policies, directory = case_files(case)
        exp, errors = parse_expectations(texts)
        if errors:
            raise CaseError("\n".join(errors))
        extra = parse_run_args(texts)
        tmp = tempfile.mkdtemp(prefix="purpose-corpus-")
        try:
            cmd, proc = run_tool(args, sources, policies, directory, tmp, extra)
            if proc.returncode not in (0, 1):
                raise CaseError("tool exited with status %d\n%s"
                                % (proc.returncode, tail(proc.stderr)))
            try:
                report = json.loads(proc.stdout)
            except ValueError as e:
                raise CaseError("tool output is not JSON (%s)\nstdout:\n%s\nstderr:\n%s"
                                % (e, tail(proc.stdout, 10), tail(proc.stderr)))
            got = reported_keys(report, [directory, tmp])
        finally:
            if args.keep:
                print("%s: kept %s" % (name, tmp), file=sys.stderr)
            else:
                shutil.rmtree(tmp, ignore_errors=True)
    except CaseError as e:
        return name, False, ["%s: error: %s" % (name, e)], None

    if report.get("complete") is False:
        messages.append("%s: report is marked incomplete" % name)

    must = exp.must_report()
    for key in sorted(must - got):
        how = "missing (FIXME xfail-no-violation no longer reported: fixed?)" \
            if key in exp.xfail_fp and key not in exp.expected else "missing"
        messages.append("%s:%d: %s %s origin=%s"
                        % (rel(key[0], args.repo), key[1], how, key[2], key[3]))
    for key in sorted(got - must):
        how = "unexpected (FIXME xfail-violation now reported: fixed?)" \
            if key in exp.xfail_miss else "unexpected"
        messages.append("%s:%d: %s %s origin=%s"
                        % (rel(key[0], args.repo), key[1], how, key[2], key[3]))

    want_status = 1 if must else 0
    if proc.returncode != want_status:
        messages.append("%s: tool exited with status %d, expected %d"
                        % (name, proc.returncode, want_status))
        if proc.stderr.strip():
            messages.append(tail(proc.stderr))

    truth = exp.expected | exp.xfail_miss
    counts = (len(got & truth), len(got - truth), len(truth - got))
    return name, not messages, messages, counts


def main(argv):
    parser = lib.doc_parser(__doc__)
    parser.add_argument("--tool", required=True, help="the purpose-check binary")
    parser.add_argument("--repo", default=make_compdb.REPO_ROOT,
                        help="repository root (annotations/ is on the include path)")
    parser.add_argument("--summary", action="store_true",
                        help="print recall/precision over all cases")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds per tool run (default 600)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary compilation databases")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("cases", nargs="+", metavar="CASE")
    args = parser.parse_args(argv)
    args.repo = os.path.abspath(args.repo)
    args.tool = os.path.abspath(args.tool) if os.sep in args.tool else args.tool

    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: check_case(c, args), args.cases))

    failed = 0
    broken = 0
    tp = fp = fn = 0
    for name, passed, messages, counts in results:
        for m in messages:
            print(m)
        if counts is None:
            broken += 1
        else:
            tp, fp, fn = tp + counts[0], fp + counts[1], fn + counts[2]
        if not passed:
            failed += 1
        if args.verbose or len(results) > 1:
            print("%s %s" % ("PASS" if passed else "FAIL", name), file=sys.stderr)

    if len(results) > 1:
        print("%d of %d cases passed" % (len(results) - failed, len(results)),
              file=sys.stderr)
    if args.summary:
        recall = tp / (tp + fn) if tp + fn else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        print("recall=%.3f precision=%.3f tp=%d fp=%d fn=%d cases=%d failed=%d errors=%d"
              % (recall, precision, tp, fp, fn, len(results), failed, broken))
        return 1 if broken else 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
