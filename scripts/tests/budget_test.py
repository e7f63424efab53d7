#!/usr/bin/env python3
"""Drives each budget of the analysis to exhaustion. No budget may cut the
analysis silently.

--part solver: the budgets of the whole-program solve (SolverOptions).
test-corpus/gate/solver_budgets.cpp holds a call chain, mutual recursion and
calls through function pointers. With the default budgets the run is
complete and finds its flows (exit 1). Lowered with the hidden option
--solver-budget, each budget must make the run incomplete: exit 2, an error
naming the function where the budget ran out, and a JSON report marked
incomplete.

--part analyzer: the budgets of the function analysis (AnalyzerOptions),
the same way with --analyzer-budget on test-corpus/gate/analyzer_budgets.cpp;
also that a TU with such an error is not cached (a warm run reports it
again), that the cache keeps TUs analyzed with other budgets apart, and that
a function Clang cannot build a control-flow graph for
(test-corpus/gate/incomplete/no_cfg.cpp) makes the run incomplete too.

usage: budget_test.py --tool PATH --repo ROOT --work DIR [--part PART]
"""
import json
import os
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import report_testlib as lib  # noqa: E402

CHECKS = lib.Checks("budget_test")
check = CHECKS.check


SOLVER_CASES = [
    # (budget, what the error must say, the function it must name)
    ("summary-rounds=1", "while solving summaries", "'Ping'"),
    ("indirect-rounds=0", "while binding calls through function pointers",
     "'CallIt'"),
    ("trace-depth=1", "while building a trace", "'Wrap2'"),
]

ANALYZER_CASES = [
    # (budget, what the error must say, the function it must name). Each
    # value leaves the other functions of the file within the budget.
    ("block-visits=6", "(block-visits)", "'gate::Shift'"),
    ("points-to-rounds=3", "(points-to-rounds)", "'gate::Rotate'"),
    ("held-type-depth=3", "(held-type-depth)", "'gate::Nested'"),
]

BAD_ANALYZER_BUDGETS = ["points-to-rounds", "points-to-rounds=",
                        "bogus=3", "block-visits=-1", "held-type-depth=two"]


class Project:
    """One gate file in its own source directory with a compilation
    database, and a way to run the tool on it."""

    def __init__(self, a, name, relpath):
        self.tool = a.tool
        self.src = os.path.join(a.work, name, "src")
        os.makedirs(self.src)
        shutil.copy(os.path.join(a.repo, "test-corpus", *relpath.split("/")),
                    self.src)
        self.build = os.path.join(a.work, name, "build")
        self.cache = os.path.join(a.work, name, "cache")
        lib.run_make_compdb(a.repo, self.src, self.build)

    def run(self, *extra, cache=False):
        args = [self.tool, "-p", self.build, "--format", "json"]
        args += ["--cache-dir", self.cache] if cache else ["--no-cache"]
        p = subprocess.run(args + list(extra), cwd=self.src, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            doc = None
        return p, doc


def errors_of(p, marker="analysis budget exhausted"):
    return [l for l in p.stderr.splitlines() if marker in l]


def sink_lines(doc):
    return sorted(v["sink"]["line"] for v in doc["violations"]) if doc else []


def check_default(label, p, doc, lines):
    check(p.returncode == 1, "%s: exit 1, got %d: %s"
          % (label, p.returncode, p.stderr))
    check("budget" not in p.stderr and "cannot analyze" not in p.stderr,
          "%s: no budget runs out: %r" % (label, p.stderr))
    check(doc is not None and doc["complete"] is True,
          "%s: the report is complete" % label)
    check(sink_lines(doc) == lines, "%s: the flows at lines %r: %r"
          % (label, lines, sink_lines(doc)))


def check_exhausted(label, p, doc, what, function):
    check(p.returncode == 2, "%s: exit 2, got %d" % (label, p.returncode))
    errors = errors_of(p)
    check(len(errors) == 1 and what in errors[0] and function in errors[0],
          "%s: one error %r naming %s: %r" % (label, what, function, errors))
    check(doc is not None and doc["complete"] is False,
          "%s: the JSON report is marked incomplete" % label)


def solver_part(a):
    proj = Project(a, "solver", "gate/solver_budgets.cpp")
    p, doc = proj.run()
    # The flows through the chain, the recursion and the pointers.
    check_default("default budgets", p, doc, [17, 24, 29])
    for budget, what, function in SOLVER_CASES:
        p, doc = proj.run("--solver-budget=" + budget)
        check_exhausted(budget, p, doc, what, function)
    p, _ = proj.run("--solver-budget=trace-depth")
    check(p.returncode == 2 and "--solver-budget must be" in p.stderr,
          "a malformed budget is an option error: %r" % p.stderr)


def from_cache(doc):
    return doc["stats"]["translation_units_from_cache"] if doc else None


def analyzer_cache(proj):
    """The cache keeps TUs analyzed with other budgets apart and never
    stores one whose analysis ran out of budget."""
    lowered = "--analyzer-budget=points-to-rounds=3"
    p, doc = proj.run(cache=True)
    check_default("cache, default budgets", p, doc, [24, 40, 46])
    p, doc = proj.run(lowered, cache=True)
    check_exhausted("cache, lowered after the default", p, doc,
                    "(points-to-rounds)", "'gate::Rotate'")
    check(from_cache(doc) == 0, "cache: the entry made with the default "
          "budgets is not used with another: %r" % from_cache(doc))
    p, doc = proj.run(lowered, cache=True)
    check_exhausted("cache, lowered again", p, doc, "(points-to-rounds)",
                    "'gate::Rotate'")
    check(from_cache(doc) == 0, "cache: a TU whose budget ran out is not "
          "cached: %r" % from_cache(doc))
    p, doc = proj.run(cache=True)
    check_default("cache, default budgets again", p, doc, [24, 40, 46])
    check(from_cache(doc) == 1, "cache: the default entry is still used: %r"
          % from_cache(doc))


def no_cfg(a):
    """A function without a CFG: an error naming it, cold and warm."""
    proj = Project(a, "no-cfg", "gate/incomplete/no_cfg.cpp")
    for run in ("cold", "warm"):
        p, doc = proj.run(cache=True)
        check(p.returncode == 2, "no CFG, %s: exit 2, got %d: %s"
              % (run, p.returncode, p.stderr))
        errors = errors_of(p, "cannot analyze")
        check(len(errors) == 1 and "'gate::Search'" in errors[0] and
              "control-flow graph" in errors[0],
              "no CFG, %s: one error naming 'gate::Search': %r"
              % (run, p.stderr))
        check(doc is not None and doc["complete"] is False,
              "no CFG, %s: the JSON report is marked incomplete" % run)
        check(from_cache(doc) == 0, "no CFG, %s: the TU is not cached: %r"
              % (run, from_cache(doc)))
        # The other function of the TU is analyzed as usual.
        check(sink_lines(doc) == [35], "no CFG, %s: the flow in "
              "'gate::Direct': %r" % (run, sink_lines(doc)))


def analyzer_part(a):
    proj = Project(a, "analyzer", "gate/analyzer_budgets.cpp")
    p, doc = proj.run()
    # The flows through the shifting locals, the rotating pointers and the
    # nested vectors.
    check_default("default budgets", p, doc, [24, 40, 46])
    for budget, what, function in ANALYZER_CASES:
        p, doc = proj.run("--analyzer-budget=" + budget)
        check_exhausted(budget, p, doc, what, function)
    for bad in BAD_ANALYZER_BUDGETS:
        p, _ = proj.run("--analyzer-budget=" + bad)
        check(p.returncode == 2 and "--analyzer-budget must be" in p.stderr,
              "a malformed budget %r is an option error: %r" % (bad, p.stderr))
    analyzer_cache(proj)
    no_cfg(a)


def main():
    ap = lib.work_args()
    ap.add_argument("--part", choices=["solver", "analyzer"], default="solver")
    a = ap.parse_args()
    a.tool = os.path.abspath(a.tool)
    shutil.rmtree(a.work, ignore_errors=True)
    (solver_part if a.part == "solver" else analyzer_part)(a)
    CHECKS.report()


if __name__ == "__main__":
    sys.exit(main())
