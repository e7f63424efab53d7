#!/usr/bin/env python3
"""JSON report test: `--format json` matches docs/json-report.md.

Usage: json_schema_test.py --tool PURPOSE_CHECK CASE...

For each CASE (a corpus .cpp file or directory, copied to a temp dir) the test
runs purpose-check --format json and asserts, member by member, what
docs/json-report.md documents:

- the top level holds exactly version (1), complete, violations, suppressed,
  declassified and stats, in that order; stats exactly its five counters,
  non-negative integers, translation_units equal to the compilation
  database's entries; complete is true and the exit status is 1 iff there
  are violations (0 otherwise);
- every finding holds exactly rule, message, origin {name, purposes, file,
  line, column}, sink {name, purpose, file, line, column}, trace [{file,
  line, column, message}], fingerprint (16 hex digits), plus reason on
  suppressed and declassified entries and declassifier on declassified ones,
  each with its documented type; purposes are sorted, well-formed purpose
  names; positions count from 1 and files are relative, '/'-separated paths
  of existing files; trace[0] is the read of the origin and the last step is
  on the sink's line; the message names the origin, its purposes, the sink
  and its purpose; findings are sorted by sink position, origin, purpose;
- the bytes are the document dumped with two-space indentation, keys in
  order, and a final newline; -o writes the same bytes as standard output
  (but for stats.translation_units_from_cache: the second run finds the
  first one's cache).

Two extra runs check the edges: a case without violations (exit 0, empty
arrays) and a case with a translation unit that does not parse (exit 2,
complete false, failed_translation_units and errors counted, the report
still written and parseable).
"""

import json
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402

TOP_KEYS = ["version", "complete", "violations", "suppressed", "declassified", "stats"]
STATS_KEYS = ["translation_units", "translation_units_from_cache", "functions",
              "failed_translation_units", "errors"]
FINDING_KEYS = ["rule", "message", "origin", "sink", "trace", "fingerprint"]
EXTRA_KEYS = {"violations": [], "suppressed": ["reason"],
              "declassified": ["reason", "declassifier"]}
ORIGIN_KEYS = ["name", "purposes", "file", "line", "column"]
SINK_KEYS = ["name", "purpose", "file", "line", "column"]
STEP_KEYS = ["file", "line", "column", "message"]
RULES = {"purpose-limitation", "purpose-annotation"}
PURPOSE_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
FINGERPRINT_RE = re.compile(r"^[0-9a-f]{16}$")


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_str(v, nonempty=True):
    return isinstance(v, str) and (bool(v) or not nonempty)


class Schema:
    def __init__(self, c, case, src):
        self.c = c
        self.case = case
        self.src = src

    def keys(self, where, obj, want):
        if not self.c.check(isinstance(obj, dict), "%s: %s is not an object" % (self.case, where)):
            return False
        return self.c.equal(list(obj.keys()), want, "%s: %s keys (in order)" % (self.case, where))

    def position(self, where, obj):
        c = self.c
        f = obj.get("file")
        if c.check(is_str(f), "%s: %s.file is not a non-empty string: %r" % (self.case, where, f)):
            c.check(not os.path.isabs(f) and "\\" not in f,
                    "%s: %s.file %r is not a relative '/'-separated path" % (self.case, where, f))
            c.check(os.path.isfile(os.path.join(self.src, f)),
                    "%s: %s.file %r is not a file under the source root" % (self.case, where, f))
        for k in ("line", "column"):
            v = obj.get(k)
            c.check(is_int(v) and v >= 1, "%s: %s.%s is not an integer >= 1: %r"
                    % (self.case, where, k, v))

    def finding(self, kind, i, f):
        c = self.c
        where = "%s[%d]" % (kind, i)
        if not self.keys(where, f, FINDING_KEYS + EXTRA_KEYS[kind]):
            return
        c.check(f["rule"] in RULES, "%s: %s.rule %r" % (self.case, where, f["rule"]))
        c.check(is_str(f["message"]), "%s: %s.message is empty" % (self.case, where))
        c.check(is_str(f["fingerprint"]) and FINGERPRINT_RE.match(f["fingerprint"]),
                "%s: %s.fingerprint %r is not 16 hex digits" % (self.case, where, f["fingerprint"]))
        for k in EXTRA_KEYS[kind]:
            c.check(is_str(f[k]), "%s: %s.%s is not a non-empty string: %r"
                    % (self.case, where, k, f[k]))

        if f["rule"] == "purpose-annotation":
            self.annotation(where, f)
            return
        o = f["origin"]
        if self.keys(where + ".origin", o, ORIGIN_KEYS):
            c.check(is_str(o["name"]), "%s: %s.origin.name is empty" % (self.case, where))
            p = o["purposes"]
            if c.check(isinstance(p, list) and p and all(is_str(x) for x in p),
                       "%s: %s.origin.purposes is not a non-empty array of strings: %r"
                       % (self.case, where, p)):
                c.equal(p, sorted(p), "%s: %s.origin.purposes sorted" % (self.case, where))
                for x in p:
                    c.check(PURPOSE_RE.match(x), "%s: %s: bad purpose %r" % (self.case, where, x))
            self.position(where + ".origin", o)
        s = f["sink"]
        if self.keys(where + ".sink", s, SINK_KEYS):
            c.check(is_str(s["name"]), "%s: %s.sink.name is empty" % (self.case, where))
            c.check(is_str(s["purpose"]) and PURPOSE_RE.match(s["purpose"]),
                    "%s: %s.sink.purpose %r" % (self.case, where, s["purpose"]))
            self.position(where + ".sink", s)

        t = f["trace"]
        if not c.check(isinstance(t, list) and t, "%s: %s.trace is not a non-empty array"
                       % (self.case, where)):
            return
        for j, step in enumerate(t):
            if self.keys("%s.trace[%d]" % (where, j), step, STEP_KEYS):
                self.position("%s.trace[%d]" % (where, j), step)
                c.check(is_str(step["message"]), "%s: %s.trace[%d].message is empty"
                        % (self.case, where, j))
        if isinstance(o, dict) and isinstance(s, dict) and "name" in o and "file" in s:
            c.check("'%s'" % o["name"] in t[0].get("message", ""),
                    "%s: %s.trace[0] %r is not the read of %r"
                    % (self.case, where, t[0].get("message"), o["name"]))
            c.equal((t[-1].get("file"), t[-1].get("line")), (s["file"], s["line"]),
                    "%s: %s: the last trace step is not on the sink's line" % (self.case, where))
            msg = f["message"]
            for part in [o["name"], s["name"], s["purpose"]]:
                c.check("'%s'" % part in msg, "%s: %s.message %r does not name '%s'"
                        % (self.case, where, msg, part))
            for part in o.get("purposes", []):
                c.check(re.search(r"\b%s\b" % re.escape(part), msg),
                        "%s: %s.message %r does not name the purpose %r"
                        % (self.case, where, msg, part))


    def annotation(self, where, f):
        """A purpose-annotation entry: origin and sink both at the annotation
        or comment, without names or purposes, and no trace."""
        c = self.c
        o, s = f["origin"], f["sink"]
        if self.keys(where + ".origin", o, ORIGIN_KEYS) and \
                self.keys(where + ".sink", s, SINK_KEYS):
            self.position(where + ".sink", s)
            c.equal([o[k] for k in ("file", "line", "column")],
                     [s[k] for k in ("file", "line", "column")],
                     "%s: %s: origin and sink at the annotation" % (self.case, where))
            c.equal((o["name"], o["purposes"], s["name"], s["purpose"]), ("", [], "", ""),
                    "%s: %s: no names or purposes" % (self.case, where))
        c.equal(f["trace"], [], "%s: %s.trace" % (self.case, where))


def sort_key(f):
    s = f["sink"]
    return (s["file"], s["line"], s["column"], f["origin"]["name"], s["purpose"])


def check_report(c, case, src, raw, rc, entries):
    try:
        doc = json.loads(raw)
    except ValueError as e:
        c.check(False, "%s: the report is not JSON: %s" % (case, e))
        return None
    sch = Schema(c, case, src)
    if not sch.keys("top level", doc, TOP_KEYS):
        return doc
    c.check(is_int(doc["version"]) and doc["version"] == 1, "%s: version %r" % (case, doc["version"]))
    c.check(isinstance(doc["complete"], bool), "%s: complete is not a boolean" % case)
    st = doc["stats"]
    if sch.keys("stats", st, STATS_KEYS):
        for k in STATS_KEYS:
            c.check(is_int(st[k]) and st[k] >= 0, "%s: stats.%s %r" % (case, k, st[k]))
        c.equal(st["translation_units"], entries, "%s: stats.translation_units" % case)
        c.check(st["translation_units_from_cache"] <= st["translation_units"],
                "%s: more translation units from the cache than in the run" % case)
    for kind in ("violations", "suppressed", "declassified"):
        arr = doc[kind]
        if not c.check(isinstance(arr, list), "%s: %s is not an array" % (case, kind)):
            continue
        for i, f in enumerate(arr):
            sch.finding(kind, i, f)
        try:
            keys = [sort_key(f) for f in arr]
            c.equal(keys, sorted(keys), "%s: %s sorted by sink position, origin, purpose"
                    % (case, kind))
        except (KeyError, TypeError):
            pass  # already reported as a schema failure
    # Bytes: two-space indentation, documented key order, final newline.
    c.check(raw == json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
            "%s: the bytes are not the document dumped with two-space indentation "
            "and a final newline" % case)
    if rc != 2:
        c.check(doc["complete"] is True, "%s: complete is false, but the exit status is %d" % (case, rc))
        c.equal(rc, 1 if doc["violations"] else 0, "%s: exit status vs. violations" % case)
    return doc


def from_cache_blank(text):
    """text with stats.translation_units_from_cache blanked out."""
    return re.sub(r'"translation_units_from_cache": \d+', '"translation_units_from_cache": N', text)


def check_case(c, tool, case, tmp, want_rc=None):
    proj = lib.Project(case, tmp)
    entries = len(lib.load_json(os.path.join(proj.build, "compile_commands.json")))
    out_file = os.path.join(proj.root, "report.json")
    rc, stdout, stderr, _ = lib.run_tool(tool, proj, ["--format=json"])
    rc2, _, _, _ = lib.run_tool(tool, proj, ["--format=json", "-o", out_file])
    if want_rc is None:
        c.check(rc in (0, 1), "%s: exit status %d\n%s" % (proj.name, rc, stderr))
    else:
        c.equal(rc, want_rc, "%s: exit status" % proj.name)
    c.equal(rc2, rc, "%s: exit status with -o" % proj.name)
    with open(out_file, encoding="utf-8") as f:
        # The second run finds the first one's cache: only that count differs.
        c.check(from_cache_blank(f.read()) == from_cache_blank(stdout),
                "%s: -o wrote other bytes than standard output" % proj.name)
    doc = check_report(c, proj.name, proj.src, stdout, rc, entries)
    if doc and isinstance(doc.get("violations"), list):
        print("%s: exit %d, %d violations, %d suppressed, %d declassified"
              % (proj.name, rc, len(doc["violations"]), len(doc["suppressed"]),
                 len(doc["declassified"])))
    return proj, doc


def check_incomplete(c, tool, tmp):
    """A translation unit that does not parse: exit 2, complete false."""
    proj = lib.Project(os.path.join(lib.CORPUS, "cases", "declassify.cpp"), tmp)
    with open(proj.path("broken.cpp"), "w") as f:
        f.write("int broken( {\n")
    proj.compdb()
    entries = len(lib.load_json(os.path.join(proj.build, "compile_commands.json")))
    rc, stdout, stderr, _ = lib.run_tool(tool, proj, ["--format=json"])
    c.equal(rc, 2, "broken: exit status with a translation unit that does not parse")
    doc = check_report(c, "broken", proj.src, stdout, rc, entries)
    if doc and isinstance(doc.get("stats"), dict):
        c.check(doc.get("complete") is False, "broken: complete is not false")
        c.check(doc["stats"].get("failed_translation_units", 0) >= 1,
                "broken: stats.failed_translation_units is 0")
        c.check(doc["stats"].get("errors", 0) >= 1, "broken: stats.errors is 0")
        c.check(len(doc.get("violations", [])) >= 1,
                "broken: the violation in the good translation unit is missing")
    c.check("broken.cpp" in stderr, "broken: standard error does not name broken.cpp:\n" + stderr)


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="+")
    args = parser.parse_args()
    c = lib.make_checks("json_schema_test", args)
    with lib.TempDir("purpose-json.", args.keep) as tmp:
        kinds = set()
        for case in args.cases:
            _, doc = check_case(c, args.tool, case, tmp)
            for kind in ("violations", "suppressed", "declassified"):
                if doc and doc.get(kind):
                    kinds.add(kind)
        c.check(kinds == {"violations", "suppressed", "declassified"},
                "the cases do not exercise every kind of finding: only %s" % sorted(kinds))
        check_case(c, args.tool, os.path.join(lib.CORPUS, "cases", "allowed_by_hierarchy.cpp"),
                   tmp, want_rc=0)
        check_incomplete(c, args.tool, tmp)
    c.report()


if __name__ == "__main__":
    main()
