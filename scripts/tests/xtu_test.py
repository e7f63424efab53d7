#!/usr/bin/env python3
"""Cross-TU corpus cases: each violation once, with a trace across the files.

Usage: xtu_test.py --tool PURPOSE_CHECK [--keep] [--xfail PATTERN=WHY]... CASE_DIR...

The corpus runner (corpus/xtu_*) compares sets of (sink line, origin), so it
cannot see a violation reported twice, nor where its trace goes. For each
multi-file case this test runs the tool as the runner does (a fresh
compile_commands.json, --no-cache, -j 2), and checks:
- no two violations share (origin, sink call position, sink purpose), and no
  two share a fingerprint (INTERFACE.md section 1: one violation per origin
  declaration, sink call and sink purpose);
- every trace step has a position, and trace[0] (the read of the origin) and
  the sink call are in the case's files;
- the origin is located at its declaration, in the header named below;
- for the sink files named below, the trace passes through the listed files
  in that order (as a subsequence of the files of its steps).
"""

import json
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

# case -> (header declaring the origin, {sink file: files the trace crosses, in order})
EXPECTED = {
    "xtu_header_flow": ("user.h", {
        "publish.cpp": ["contacts.cpp", "publish.cpp"],
        "campaign.cpp": ["contacts.cpp", "campaign.cpp"],
    }),
    "xtu_virtual_iface": ("sync.cpp", {
        "ads_exporter.cpp": ["sync.cpp", "ads_exporter.cpp"],
    }),
    "xtu_chain5": ("chain.h", {
        "step5.cpp": ["step1.cpp", "step2.cpp", "step3.cpp", "step4.cpp", "step5.cpp"],
    }),
    "xtu_inline_helper": ("keys.h", {
        "keys.h": ["keys.h"],
        "web.cpp": ["keys.h", "web.cpp"],
        "batch.cpp": ["keys.h", "batch.cpp"],
    }),
    "xtu_field_three": ("mailbox.h", {
        "export.cpp": ["store.cpp", "read.cpp", "export.cpp"],
    }),
}


def is_subsequence(want, seq):
    it = iter(seq)
    return all(any(w == s for s in it) for w in want)


def check_case(c, tool, case, keep):
    name = os.path.basename(os.path.normpath(case))
    tmp = tempfile.mkdtemp(prefix="purpose-xtu.")
    try:
        make_compdb.write_compdb(tmp, make_compdb.make_entries(case, repo_root=lib.REPO_ROOT))
        rc, out, err, secs = lib.run([tool, "-p", tmp, "--no-cache", "--format=json",
                                      "-j", "2"], cwd=tmp)
    finally:
        if keep:
            print("kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if not c.check(rc == 1, "%s: exit status %d, want 1\n%s" % (name, rc, err)):
        return
    doc = json.loads(out)
    violations = doc["violations"]
    print("%-20s %d violations (%.1fs)" % (name, len(violations), secs))
    own = {os.path.realpath(os.path.join(case, f)) for f in os.listdir(case)}

    def base(path):
        return os.path.basename(path)

    def in_case(path):
        return os.path.realpath(os.path.join(tmp, path)) in own

    seen, fingerprints = {}, {}
    for v in violations:
        s = v["sink"]
        key = (v["origin"]["name"], base(s["file"]), s["line"], s["column"], s["purpose"])
        where = "%s: %s:%d: origin=%s" % (name, base(s["file"]), s["line"], v["origin"]["name"])
        c.check(key not in seen, "%s: reported twice" % where)
        seen[key] = v
        c.check(v["fingerprint"] not in fingerprints,
                "%s: fingerprint %s also belongs to %s"
                % (where, v["fingerprint"], fingerprints.get(v["fingerprint"])))
        fingerprints[v["fingerprint"]] = where
        c.check(all(t["file"] and t["line"] > 0 for t in v["trace"]),
                "%s: a trace step without a position: %s" % (where, v["trace"]))
        c.check(v["trace"] and in_case(v["trace"][0]["file"]) and in_case(s["file"]),
                "%s: trace[0] or the sink call is outside the case" % where)
        header, crossings = EXPECTED.get(name, (None, {}))
        if header:
            c.equal(base(v["origin"]["file"]), header, "%s: origin declaration file" % where)
        want = crossings.get(base(s["file"]))
        if want:
            files = [base(t["file"]) for t in v["trace"]]
            c.check(is_subsequence(want, files), "%s: the trace does not cross %s in order; "
                    "its files: %s" % (where, " -> ".join(want), " -> ".join(files)))
    for sink_file in sorted(EXPECTED.get(name, (None, {}))[1]):
        c.check(any(k[1] == sink_file for k in seen),
                "%s: no violation at a sink call in %s (test table out of date?)"
                % (name, sink_file))


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    c = lib.make_checks("xtu_test", args)
    for case in args.cases:
        check_case(c, args.tool, os.path.abspath(case), args.keep)
    c.report()


if __name__ == "__main__":
    main()
