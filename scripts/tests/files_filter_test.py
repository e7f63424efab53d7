#!/usr/bin/env python3
"""FILE... arguments restrict the report (INTERFACE.md section 4), on a copy of
test-corpus/example.

Usage: files_filter_test.py --tool PURPOSE_CHECK [--keep] [--xfail PATTERN=WHY]...

A violation touches a file when its origin declaration, its sink call, its
sink's declaration or one of its trace steps lies in that file. With FILE
arguments the report must hold exactly the violations of the full report
that touch one of them (compared by fingerprint, with the full report's
members unchanged), the exit status is 1 if any is left and 0 otherwise, and
the whole program is still analyzed: stats.translation_units counts every
TU, and unchanged TUs come from the cache.

Checked, from the project's root (ROOT: src/, build/, cache/):
1. every source file of the example alone (.cpp and .h: files in the middle
   of a trace such as crypto.cpp, the origin's header, the sink's header,
   and files that no violation touches, e.g. login_flow.cpp: 0 violations,
   exit 0), each with every TU from the warm cache;
2. several files at once: the union;
3. the same file written as ./src/F, as an absolute path, and as F from the
   cwd src/ with --source-root ROOT (FILE paths are relative to the current
   directory);
4. after a comment is appended to one .cpp: only that TU is analyzed again
   (stats), and the filtered report is unchanged.
"""

import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

# Where the example declares its sinks (the JSON report locates only the call).
SINK_DECLARATIONS = {
    "social::ads::UploadTailoredAudience": "src/ads_sdk.h",
    "social::ads::MatchPartnerAudience": "src/ads_sdk.h",
}


def touched(v):
    files = {v["origin"]["file"], v["sink"]["file"]}
    files |= {t["file"] for t in v["trace"]}
    files.add(SINK_DECLARATIONS.get(v["sink"]["name"], "?"))
    return files


class Runner:
    def __init__(self, c, tool, proj):
        self.c, self.tool, self.proj = c, tool, proj
        self.cache = os.path.join(proj.root, "cache")
        self.ntus = len(make_compdb.source_files(proj.src))

    def run(self, tag, files, cwd=None, want_from_cache=None):
        cmd = [self.tool, "-p", self.proj.build, "--format=json", "-j", "2",
               "--cache-dir", self.cache] + files
        rc, out, err, secs = lib.run(cmd, cwd=cwd or self.proj.root)
        try:
            doc = json.loads(out)
        except ValueError:
            self.c.check(False, "%s: exit status %d, the report is not JSON\n%s"
                         % (tag, rc, err))
            return rc, None
        st = doc["stats"]
        print("%-44s exit %d, %d violations, %d/%d TUs from cache (%.1fs)"
              % (tag, rc, len(doc["violations"]), st["translation_units_from_cache"],
                 st["translation_units"], secs))
        self.c.equal(st["translation_units"], self.ntus,
                     "%s: stats.translation_units (the whole program is analyzed)" % tag)
        if want_from_cache is not None:
            self.c.equal(st["translation_units_from_cache"], want_from_cache,
                         "%s: stats.translation_units_from_cache" % tag)
        self.c.check(doc.get("complete") is True, "%s: report marked incomplete" % tag)
        return rc, doc

    def expect(self, tag, files, full, cwd=None, want_from_cache=None, selected=None):
        """Runs with FILE arguments `files`; `selected` are the root-relative names."""
        if want_from_cache is None:
            want_from_cache = self.ntus
        rc, doc = self.run(tag, files, cwd, want_from_cache)
        if doc is None:
            return
        selected = set(selected or files)
        want = [v for v in full["violations"] if touched(v) & selected]
        got_fp = [v["fingerprint"] for v in doc["violations"]]
        want_fp = [v["fingerprint"] for v in want]
        self.c.equal(sorted(got_fp), sorted(want_fp),
                     "%s: violations (fingerprints) touching %s" % (tag, sorted(selected)))
        if got_fp == want_fp:
            self.c.check(doc["violations"] == want,
                         "%s: the selected violations differ from the full report's" % tag)
        self.c.equal(rc, 1 if want else 0, "%s: exit status" % tag)


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    args = parser.parse_args()
    c = lib.make_checks("files_filter_test", args)
    with lib.TempDir("purpose-files.", args.keep) as tmp:
        proj = lib.Project(lib.EXAMPLE, tmp)
        r = Runner(c, args.tool, proj)
        rc, full = r.run("full report, cold cache", [], want_from_cache=0)
        if full is None:
            c.report()
        c.equal(rc, 1, "full report: exit status")
        unknown = sorted({v["sink"]["name"] for v in full["violations"]} - set(SINK_DECLARATIONS))
        c.check(not unknown, "test setup: sinks without a known declaration file: %s" % unknown)

        sources = sorted("src/" + f for f in os.listdir(proj.src)
                         if f.endswith((".cpp", ".h")))
        counts = {}
        for f in sources:
            r.expect("1 " + f, [f], full)
            counts[f] = len([v for v in full["violations"] if f in touched(v)])
        # The table must exercise both outcomes, and a file in the middle of
        # a trace (neither origin nor sink).
        c.check(counts.get("src/login_flow.cpp") == 0,
                "test setup: login_flow.cpp should touch no violation: %s" % counts)
        c.check(counts.get("src/crypto.cpp", 0) > 0 and counts.get("src/match_keys.cpp", 0) > 0,
                "test setup: crypto.cpp and match_keys.cpp should be in traces: %s" % counts)

        r.expect("2 login_flow.cpp + match_keys.cpp",
                 ["src/login_flow.cpp", "src/match_keys.cpp"], full)
        r.expect("2 main.cpp + crypto.cpp + account_store.cpp",
                 ["src/main.cpp", "src/crypto.cpp", "src/account_store.cpp"], full)

        r.expect("3 ./src/match_keys.cpp", ["./src/match_keys.cpp"], full,
                 selected=["src/match_keys.cpp"])
        r.expect("3 absolute match_keys.cpp", [os.path.join(proj.src, "match_keys.cpp")], full,
                 selected=["src/match_keys.cpp"])
        # --source-root keeps the cache entries' names and the report's
        # paths; FILE is still relative to the current directory.
        r.expect("3 match_keys.cpp from src/", ["--source-root", proj.root, "match_keys.cpp"],
                 full, cwd=proj.src, selected=["src/match_keys.cpp"])

        with open(os.path.join(proj.src, "main.cpp"), "a") as f:
            f.write("// files_filter_test: an edit\n")
        r.expect("4 after an edit of main.cpp: login_flow.cpp", ["src/login_flow.cpp"], full,
                 want_from_cache=r.ntus - 1)
        r.expect("4 next run: match_keys.cpp", ["src/match_keys.cpp"], full)
    c.report()


if __name__ == "__main__":
    main()
