#!/usr/bin/env python3
"""Saved baselines keep matching across analysis changes.

Usage: saved_baseline_test.py --tool PURPOSE_CHECK CASE_DIR

CASE_DIR holds C++ files and NAME.baseline.json, written by an earlier
version of purpose-check (test-corpus/baselines/lambdas: before lambdas got
positions in their USRs). In a temporary build directory:
1. Without the baseline, the tool reports violations (exit 1), exactly as
   many as the baseline has fingerprints, and each fingerprint is in it,
   except for the findings whose sink call's line is marked
   `// fingerprint-changed: WHY` (a fingerprint that a fix changed on
   purpose, and which the tool still matches as the former one): exactly
   those are not in it.
2. With `--baseline`, it reports none and exits 0.
"""

import glob
import os
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402


def main():
    parser = lib.common_args(__doc__)
    parser.add_argument("case", type=os.path.abspath)
    args = parser.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.realpath(__file__))))
    baselines = glob.glob(os.path.join(args.case, "*.baseline.json"))
    if len(baselines) != 1:
        raise SystemExit("%s: expected one *.baseline.json" % args.case)
    saved = set(lib.load_json(baselines[0])["fingerprints"])
    if not saved:
        raise SystemExit("%s: the saved baseline is empty" % baselines[0])
    failures = []
    with tempfile.TemporaryDirectory(prefix="purpose-saved-baseline-") as tmp:
        make_compdb.main(["--repo", repo, args.case, tmp])
        report = os.path.join(tmp, "r.json")
        rc, _, err, _ = lib.run([args.tool, "-p", tmp, "--no-cache",
                                 "--format", "json", "-o", report], cwd=tmp)
        if rc != 1:
            failures.append("without the baseline: exit %d, expected 1\n%s"
                            % (rc, err))
        got = [v["fingerprint"] for v in lib.load_json(report)["violations"]]
        if len(got) != len(saved):
            failures.append("%d violations, the saved baseline has %d"
                            % (len(got), len(saved)))
        changed = set()
        for path in glob.glob(os.path.join(args.case, "*.cpp")):
            with open(path) as f:
                for n, line in enumerate(f, 1):
                    if "// fingerprint-changed:" in line:
                        changed.add((os.path.basename(path), n))
        for v in lib.load_json(report)["violations"]:
            fp, sink = v["fingerprint"], v["sink"]
            at = (os.path.basename(sink["file"]), sink["line"])
            if (fp in saved) == (at in changed):
                failures.append(
                    "%s:%d: fingerprint %s is %s the saved baseline, but "
                    "the line is %s `fingerprint-changed`"
                    % (at[0], at[1], fp, "in" if fp in saved else "not in",
                       "marked" if at in changed else "not marked"))
        rc, _, err, _ = lib.run([args.tool, "-p", tmp, "--no-cache",
                                 "--format", "json", "-o", report,
                                 "--baseline", baselines[0]], cwd=tmp)
        left = lib.load_json(report)["violations"]
        if rc != 0 or left:
            failures.append("with the saved baseline: exit %d and %d "
                            "violations, expected 0 and 0\n%s"
                            % (rc, len(left), err))
    for f in failures:
        print("FAIL: " + f)
    if failures:
        return 1
    print("saved baseline: %d fingerprints still match" % len(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
