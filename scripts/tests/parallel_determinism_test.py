#!/usr/bin/env python3
"""Reports do not depend on -j, on a generated code base (INTERFACE.md section 5).

Usage: parallel_determinism_test.py --tool PURPOSE_CHECK [--tus N] [--runs R]
                                    [--keep] [--xfail PATTERN=WHY]...

reports/determinism (determinism_test.py) covers the example's six TUs in
JSON and SARIF. This test covers a larger program, where more TUs are in
flight at once and summaries arrive in more orders: a code base of N TUs
(scripts/bench/gen_codebase.py, default 30, plus common.cpp), analyzed from
its root with `--no-cache --format json` R times (default 5) at -j 1 and R
times at -j 2. Every report must be byte-identical, hold the planted
violations, and count every TU; -o must write the same bytes as standard
output. Then a cold and a warm cache run at -j 2 must give the same bytes
except for the value of stats.translation_units_from_cache.
"""

import hashlib
import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

FROM_CACHE_RE = re.compile(r'("translation_units_from_cache"\s*:\s*)\d+')


def short(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--tus", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    c = lib.make_checks("parallel_determinism_test", args)
    with lib.TempDir("purpose-par.", args.keep) as root:
        src, build = os.path.join(root, "src"), os.path.join(root, "build")
        planted = lib.generate_codebase(src, build, args.tus)
        ntus = len(make_compdb.source_files(src))

        reports = {}  # digest -> [run names]
        reference = None
        for r in range(args.runs):
            for jobs in ("1", "2"):
                name = "-j%s #%d" % (jobs, r + 1)
                out_file = os.path.join(root, "report-j%s-%d.json" % (jobs, r + 1))
                rc, out, err, secs = lib.run(
                    [args.tool, "-p", "build", "--no-cache", "--format=json", "-j", jobs,
                     "-o", out_file], cwd=root)
                c.equal(rc, 1, "%s: exit status (%s)" % (name, err.strip()[-500:]))
                text = ""
                if c.check(os.path.exists(out_file), "%s: no report written to -o" % name):
                    with open(out_file, encoding="utf-8") as f:
                        text = f.read()
                reports.setdefault(short(text), []).append(name)
                print("%-8s %s (%.1fs)" % (name, short(text), secs))
                if reference is None and text:
                    reference = text
                    doc = json.loads(text)
                    c.equal(len(doc["violations"]), planted,
                            "%s: violations (planted: %d)" % (name, planted))
                    c.equal(doc["stats"]["translation_units"], ntus, "%s: TUs" % name)
        c.check(len(reports) == 1, "%d different reports across -j 1 and -j 2: %s"
                % (len(reports), reports))

        rc, stdout, err, _ = lib.run([args.tool, "-p", "build", "--no-cache",
                                      "--format=json", "-j", "2"], cwd=root)
        c.check(stdout == reference, "standard output differs from what -o wrote")

        cache = os.path.join(root, "cache")
        for name in ("-j2 cold cache", "-j2 warm cache", "-j1 warm cache"):
            jobs = name[2]
            rc, out, err, secs = lib.run([args.tool, "-p", "build", "--cache-dir", cache,
                                          "--format=json", "-j", jobs], cwd=root)
            print("%-8s %s (%.1fs)" % (name, short(out), secs))
            c.equal(rc, 1, "%s: exit status (%s)" % (name, err.strip()[-500:]))
            c.check(reference is not None and
                    FROM_CACHE_RE.sub(r"\1N", out) == FROM_CACHE_RE.sub(r"\1N", reference),
                    "%s: the report differs from the run without the cache "
                    "(beyond stats.translation_units_from_cache)" % name)
            if "warm" in name and out:
                c.equal(json.loads(out)["stats"]["translation_units_from_cache"], ntus,
                        "%s: stats.translation_units_from_cache" % name)
    c.report()


if __name__ == "__main__":
    main()
