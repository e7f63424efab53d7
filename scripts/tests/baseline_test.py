#!/usr/bin/env python3
"""Baseline test: adopt purpose-check on code that already has violations.

Usage: baseline_test.py --tool PURPOSE_CHECK [--keep]

In a temporary copy of test-corpus/example:
1. `--write-baseline b.json` exits 0 and writes version 1 with the sorted,
   unique fingerprints of exactly the current violations (as the JSON report
   lists them).
2. Every file that a finding touches is shifted down (comments and blank
   lines at the top, a different amount per file) and an unrelated function
   is added before the violating ones: without the baseline the same
   violations are reported, on other lines, with the same fingerprints; with
   `--baseline b.json` there are 0 violations and the exit status is 0 (JSON
   and text).
3. A new violating flow is added: with the baseline, exactly that one is
   reported (origin, sink, line), with a fingerprint not in the baseline,
   and the exit status is 1 (JSON and text).
"""

import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402

UNRELATED = """
// Unrelated to any limited data: must not disturb the baseline.
int UnrelatedScore(int likes, int shares) { return 2 * likes + 3 * shares; }
"""

NEW_FLOW = """
// A new flow: every two-factor phone number straight into an ad audience.
void ExportPhonesForAds(const AccountStore& store) {
  std::vector<std::string> phones;
  for (UserId id : store.AllIds()) {
    const Account* account = store.Find(id);
    if (account != nullptr) phones.push_back(account->two_factor_phone);
  }
  UploadTailoredAudience(phones);  // the new violation
}
"""


def json_run(c, tool, proj, args, tag):
    out = os.path.join(proj.root, tag + ".json")
    rc, _, err, secs = lib.run_tool(tool, proj, ["--format=json", "-o", out] + args)
    c.check(rc in (0, 1), "%s: exit status %d\n%s" % (tag, rc, err))
    doc = lib.load_json(out) if os.path.exists(out) else {"violations": []}
    print("%s: exit %d, %d violations (%.1fs)" % (tag, rc, len(doc["violations"]), secs))
    return rc, doc


def text_run(tool, proj, args):
    rc, out, err, _ = lib.run_tool(tool, proj, ["--format=text", "--color=never"] + args)
    warnings = [l for l in out.splitlines() if re.search(r": warning: .*\[purpose-limitation\]$", l)]
    return rc, warnings, out + err


def insert_after_namespace_open(text, snippet, anchor):
    """Inserts snippet after the first line that starts with anchor."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(anchor):
            return "\n".join(lines[:i + 1] + snippet.split("\n") + lines[i + 1:])
    raise SystemExit("baseline_test: no line starting with %r" % anchor)


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    args = parser.parse_args()
    c = lib.make_checks("baseline_test", args)
    tool = args.tool
    with lib.TempDir("purpose-baseline.", args.keep) as tmp:
        proj = lib.Project(lib.EXAMPLE, tmp)
        baseline = os.path.join(proj.root, "b.json")

        # 1. Write the baseline.
        rc0, before = json_run(c, tool, proj, [], "before")
        c.equal(rc0, 1, "before: the example has violations")
        want_fps = sorted({v["fingerprint"] for v in before["violations"]})
        c.check(len(want_fps) == len(before["violations"]) and want_fps,
                "before: fingerprints are not unique: %r" % want_fps)
        rc, _, err, _ = lib.run_tool(tool, proj, ["--write-baseline", baseline, "--format=json",
                                                  "-o", os.path.join(proj.root, "w.json")])
        c.equal(rc, 0, "--write-baseline exit status (stderr: %s)" % err.strip())
        if not c.check(os.path.exists(baseline), "--write-baseline wrote no file"):
            c.report()
        b = lib.load_json(baseline)
        c.equal(list(b.keys()), ["version", "fingerprints"], "baseline keys")
        c.equal(b.get("version"), 1, "baseline version")
        c.equal(b.get("fingerprints"), want_fps,
                "baseline fingerprints (sorted, unique, those of the violations)")

        # 2. Shift every touched file down, add an unrelated function.
        touched = set()
        for _, f in lib.all_findings(before):
            touched.update([f["origin"]["file"], f["sink"]["file"]])
            touched.update(t["file"] for t in f["trace"])
        for n, rel in enumerate(sorted(touched)):
            path = proj.path(rel)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            shift = "// Moved down by the baseline test.\n" + "\n" * (3 + 2 * n)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(shift + text)
        audience = proj.path("audience.cpp")
        with open(audience, encoding="utf-8") as fh:
            text = fh.read()
        with open(audience, "w", encoding="utf-8") as fh:
            fh.write(insert_after_namespace_open(text, UNRELATED, "namespace social::ads {"))
        print("shifted %s; added UnrelatedScore to audience.cpp" % ", ".join(sorted(touched)))

        rc, shifted = json_run(c, tool, proj, [], "shifted")
        c.equal(rc, 1, "shifted, no baseline: exit status")
        c.equal(sorted(v["fingerprint"] for v in shifted["violations"]), want_fps,
                "shifted, no baseline: the fingerprints survive the shift")
        c.check([v["sink"]["line"] for v in shifted["violations"]]
                != [v["sink"]["line"] for v in before["violations"]],
                "shifted: the sink lines did not move; the test shifts nothing")

        rc, kept = json_run(c, tool, proj, ["--baseline", baseline], "shifted+baseline")
        c.equal(rc, 0, "shifted, with the baseline: exit status")
        c.equal([v["sink"] for v in kept["violations"]], [],
                "shifted, with the baseline: violations")
        rc, warnings, out = text_run(tool, proj, ["--baseline", baseline])
        c.equal(rc, 0, "shifted, with the baseline, text: exit status")
        c.equal(warnings, [], "shifted, with the baseline, text: warnings")

        # 3. A new violating flow.
        with open(audience, encoding="utf-8") as fh:
            text = fh.read()
        text = text.rstrip("\n")
        assert text.endswith("}  // namespace social::ads")
        text = text[:-len("}  // namespace social::ads")] + NEW_FLOW + "\n}  // namespace social::ads\n"
        with open(audience, "w", encoding="utf-8") as fh:
            fh.write(text)
        new_line = text.split("\n").index("  UploadTailoredAudience(phones);  // the new violation") + 1

        rc, new = json_run(c, tool, proj, ["--baseline", baseline], "new+baseline")
        c.equal(rc, 1, "new flow, with the baseline: exit status")
        got = [(v["origin"]["name"], v["sink"]["name"], v["sink"]["file"], v["sink"]["line"])
               for v in new["violations"]]
        c.equal(got, [("social::Account::two_factor_phone", "social::ads::UploadTailoredAudience",
                       "audience.cpp", new_line)],
                "new flow, with the baseline: exactly the new violation")
        for v in new["violations"]:
            c.check(v["fingerprint"] not in want_fps,
                    "new flow: its fingerprint %s is in the baseline" % v["fingerprint"])
        rc, warnings, out = text_run(tool, proj, ["--baseline", baseline])
        c.equal(rc, 1, "new flow, with the baseline, text: exit status")
        c.check(len(warnings) == 1 and warnings[0].startswith(proj.path("audience.cpp") + ":%d:" % new_line),
                "new flow, with the baseline, text: want one warning at audience.cpp:%d, got %r"
                % (new_line, warnings))
        rc, everything = json_run(c, tool, proj, [], "new, no baseline")
        c.equal(len(everything["violations"]), len(want_fps) + 1,
                "new flow, no baseline: the old violations and the new one")
    c.report()


if __name__ == "__main__":
    main()
