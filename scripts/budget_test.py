#!/usr/bin/env python3
"""Drives each budget of the whole-program solve to exhaustion.

test-corpus/gate/solver_budgets.cpp holds a call chain, mutual recursion and
calls through function pointers. With the default budgets the run is
complete and finds its flows (exit 1). Lowered with the hidden option
--solver-budget, each budget must make the run incomplete: exit 2, an error
naming the function where the budget ran out, and a JSON report marked
incomplete. No budget may cut the analysis silently.

usage: budget_test.py --tool PATH --repo ROOT --work DIR
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("budget_test: FAIL: " + what)


CASES = [
    # (budget, what the error must say, the function it must name)
    ("summary-rounds=1", "while solving summaries", "'Ping'"),
    ("indirect-rounds=0", "while binding calls through function pointers",
     "'CallIt'"),
    ("trace-depth=1", "while building a trace", "'Wrap2'"),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    a.tool = os.path.abspath(a.tool)
    shutil.rmtree(a.work, ignore_errors=True)
    src = os.path.join(a.work, "src")
    os.makedirs(src)
    shutil.copy(os.path.join(a.repo, "test-corpus", "gate", "solver_budgets.cpp"),
                src)
    build = os.path.join(a.work, "build")
    subprocess.run([sys.executable, os.path.join(a.repo, "scripts", "make_compdb.py"),
                    src, build], check=True, stdout=subprocess.DEVNULL)

    def run(*extra):
        p = subprocess.run([a.tool, "-p", build, "--no-cache", "--format", "json"]
                           + list(extra), cwd=src, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            doc = None
        return p, doc

    p, doc = run()
    check(p.returncode == 1, "default budgets: exit 1, got %d: %s"
          % (p.returncode, p.stderr))
    check("budget" not in p.stderr, "default budgets: no budget runs out: %r"
          % p.stderr)
    check(doc is not None and doc["complete"] is True,
          "default budgets: the report is complete")
    lines = sorted(v["sink"]["line"] for v in doc["violations"]) if doc else []
    check(lines == [17, 24, 29], "default budgets: the flows through the "
          "chain, the recursion and the pointers: %r" % lines)

    for budget, what, function in CASES:
        p, doc = run("--solver-budget=" + budget)
        check(p.returncode == 2, "%s: exit 2, got %d" % (budget, p.returncode))
        errors = [l for l in p.stderr.splitlines()
                  if "analysis budget exhausted" in l]
        check(len(errors) == 1 and what in errors[0] and function in errors[0],
              "%s: one error %r naming %s: %r" % (budget, what, function, errors))
        check(doc is not None and doc["complete"] is False,
              "%s: the JSON report is marked incomplete" % budget)

    p, _ = run("--solver-budget=trace-depth")
    check(p.returncode == 2 and "--solver-budget must be" in p.stderr,
          "a malformed budget is an option error: %r" % p.stderr)

    if FAILURES:
        print("budget_test: %d failure(s)" % len(FAILURES))
        return 1
    print("budget_test: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
