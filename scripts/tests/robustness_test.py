#!/usr/bin/env python3
"""Robustness tests of purpose-check (issue 8): bad input, huge input,
concurrency and interruption.

usage: robustness_test.py --tool PURPOSE_CHECK --case NAME [--work DIR]
                          [--xfail PATTERN=WHY] [--keep] [--runs N]
       robustness_test.py --list

Each case builds its inputs under --work (default: a temporary directory;
CTest passes one in the build tree), runs the tool, and checks, for every
run:
- the documented exit status (INTERFACE.md section 4), and no crash;
- a message on standard error that names what is wrong (file, and position
  where there is one);
- nothing half-written: the -o file is absent or complete (and marked
  incomplete when the status is 2), no temporary files are left next to it
  or in the cache directory, and every cache entry parses;
- bounded time (a timeout per run, and a stated bound for the huge inputs)
  and bounded memory (each run under RLIMIT_AS, --mem-limit-mb), with the
  time and peak RSS printed.

The cases live in scripts/tests/stress/: bad_input.py, huge_input.py and
concurrency.py (with interruption), on inputs from gen_stress.py, with the
running and checking in harness.py.

Failures name the case and the run. Known tool bugs are passed as --xfail
PATTERN=WHY (see report_testlib.Checks): such a failure is expected, and the
test goes red once the bug is fixed.
"""

import os
import shutil
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "stress"))
import report_testlib as lib  # noqa: E402
import harness  # noqa: E402
import bad_input  # noqa: E402
import huge_input  # noqa: E402
import concurrency  # noqa: E402

CASES = {
    "compdb-missing": bad_input.case_compdb_missing,
    "compdb-malformed": bad_input.case_compdb_malformed,
    "compdb-missing-file": bad_input.case_compdb_missing_file,
    "compdb-relative": bad_input.case_compdb_relative,
    "broken-tu": bad_input.case_broken_tu,
    "cache-unwritable": bad_input.case_cache_unwritable,
    "output-unwritable": bad_input.case_output_unwritable,
    "cache-damaged": bad_input.case_cache_damaged,
    "unknown-option": bad_input.case_unknown_option,
    "non-utf8": bad_input.case_non_utf8,
    "dump-summaries": bad_input.case_dump_summaries,
    "million-lines": huge_input.case_million_lines,
    "deep-chain": huge_input.case_deep_chain,
    "recursion": huge_input.case_recursion,
    "macro": huge_input.case_macro,
    "headers": huge_input.case_headers,
    "determinism-20": concurrency.case_determinism_20,
    "shared-cache": concurrency.case_shared_cache,
    "sigint": concurrency.case_sigint,
}


def main():
    if "--list" in sys.argv[1:]:
        for name, fn in CASES.items():
            print("%-20s %s" % (name, fn.__doc__.split("\n")[0]))
        return
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--work", help="working directory (emptied first; removed "
                        "after a pass unless --keep)")
    parser.add_argument("--runs", type=int, default=20, help="determinism-20: runs")
    parser.add_argument("--mem-limit-mb", type=int, default=harness.MEM_LIMIT_MB,
                        help="RLIMIT_AS of every run (0: none)")
    parser.add_argument("--timeout", type=int, default=harness.TIMEOUT,
                        help="seconds, any single run (huge inputs: %ds)"
                        % (2 * harness.HUGE_BOUND))
    args = parser.parse_args()
    harness.configure(args.tool, args.mem_limit_mb, args.timeout)
    c = lib.make_checks("robust/" + args.case, args)
    if args.work:
        work_dir = os.path.abspath(args.work)
        shutil.rmtree(work_dir, ignore_errors=True)
        os.makedirs(work_dir)
    else:
        work_dir = tempfile.mkdtemp(prefix="purpose-robust.")
    began = time.monotonic()
    try:
        CASES[args.case](c, harness.Work(work_dir), args)
    finally:
        print("robust/%s: %.1fs in %s" % (args.case, time.monotonic() - began, work_dir))
        if not args.keep and not c.failures:
            shutil.rmtree(work_dir, ignore_errors=True)
    c.report()


if __name__ == "__main__":
    main()
