#!/usr/bin/env python3
"""The builds against LLVM 19 and LLVM 22 report the same on the corpus.

Usage: llvm_reports_test.py --tool PURPOSE_CHECK --other-tool PURPOSE_CHECK_22
                            [-j N] [CASE...]

For every case (default: each of test-corpus/cases/, the cases of
test-corpus/gate/ and the bundled example), writes the compilation database
the corpus runner writes (scripts/tests/corpus_runner.py: the case's RUN-ARGS and
policies), runs both tools on it, one after the other in the same directory,

  TOOL -p TMP --format json --no-cache [--policy F]...

and requires the same exit status and the same report, byte for byte:
violations, suppressed and declassified flows with their traces, messages,
fingerprints and stats.

Where Clang 22 parses a case differently, KNOWN_DIFFERENCES names the case
and says why; such a case must differ (the test goes red once it no longer
does, so the entry is dropped then). Any other difference fails and is
shown as a diff of the two reports.

Exit status: 0 when every case agrees, 1 otherwise.
"""

import argparse
import concurrent.futures
import difflib
import glob
import json
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import corpus_runner  # noqa: E402
import make_compdb  # noqa: E402

CORPUS = os.path.join(make_compdb.REPO_ROOT, "test-corpus")

# case (path relative to test-corpus/) -> why Clang 22 reports it differently.
KNOWN_DIFFERENCES = {}


def default_cases():
    cases = sorted(glob.glob(os.path.join(CORPUS, "cases", "*")))
    cases += sorted(glob.glob(os.path.join(CORPUS, "gate", "*.cpp")))
    cases.append(os.path.join(CORPUS, "example"))
    return [c for c in cases if os.path.isdir(c) or c.endswith(".cpp")]


def pretty(text):
    try:
        return json.dumps(json.loads(text), indent=1, sort_keys=True).splitlines()
    except ValueError:
        return text.splitlines()


def compare(case, args):
    """None when both tools agree on case, else a description of how not."""
    try:
        sources, texts, policies, directory = corpus_runner.case_files(case)
        extra = corpus_runner.parse_run_args(texts)
    except corpus_runner.CaseError as e:
        return "cannot read the case: %s" % e
    tmp = tempfile.mkdtemp(prefix="purpose-llvm-reports.")
    try:
        runs = []
        for tool in (args.tool, args.other_tool):
            run_args = argparse.Namespace(tool=tool, repo=make_compdb.REPO_ROOT,
                                          verbose=False, timeout=args.timeout)
            try:
                _, p = corpus_runner.run_tool(run_args, sources, policies, directory,
                                              tmp, extra)
            except corpus_runner.CaseError as e:
                return "%s: %s" % (tool, e)
            runs.append(p)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    (a, b) = runs
    problems = []
    if a.returncode != b.returncode:
        problems.append("exit status %d (%s) but %d (%s)"
                        % (a.returncode, args.tool, b.returncode, args.other_tool))
    if a.returncode not in (0, 1):
        problems.append("%s exits %d:\n%s" % (args.tool, a.returncode, a.stderr))
    if a.stdout != b.stdout:
        diff = difflib.unified_diff(pretty(a.stdout), pretty(b.stdout),
                                    os.path.basename(args.tool),
                                    os.path.basename(args.other_tool), lineterm="")
        problems.append("the reports differ:\n" + "\n".join(diff))
    return "\n".join(problems) or None


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", required=True, type=os.path.abspath)
    parser.add_argument("--other-tool", required=True, type=os.path.abspath)
    parser.add_argument("-j", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    cases = [os.path.abspath(c) for c in args.cases] or default_cases()
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        results = list(pool.map(lambda c: (c, compare(c, args)), cases))
    failed = known_count = 0
    for case, problem in results:
        name = os.path.relpath(case, CORPUS)
        known = KNOWN_DIFFERENCES.get(name)
        if problem and known:
            known_count += 1
            print("%s: differs, as known: %s" % (name, known))
        elif problem:
            failed += 1
            print("%s: FAIL: %s" % (name, problem))
        elif known:
            failed += 1
            print("%s: FAIL: no longer differs (known: %s); drop it from "
                  "KNOWN_DIFFERENCES" % (name, known))
    print("llvm-reports: %d case(s): %d agree, %d differ as known, %d FAILED" % (
        len(results), len(results) - failed - known_count, known_count, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
