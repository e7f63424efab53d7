#!/usr/bin/env python3
"""SARIF report test: valid SARIF 2.1.0 that says what INTERFACE.md section 5 says.

Usage:
  sarif_test.py --tool PURPOSE_CHECK CASE...      check the SARIF of each case
  sarif_test.py --tool PURPOSE_CHECK --selftest   the validator rejects bad SARIF

For each CASE (a corpus .cpp file or directory, copied to a temp dir) the test
runs purpose-check with --format sarif and --format json, validates the SARIF
with Microsoft's SARIF multitool (scripts/validate_sarif.sh: schema, SARIF
rules and GitHub's ingestion rules), and checks against the JSON report of
the same input:

- one run; tool.driver.name "purpose-check"; rule "purpose-limitation" with
  help text; results in the order of JSON's violations, suppressed and
  declassified, one result per finding;
- each result: ruleId, message, locations[0] at the sink call (file, line,
  column; the source line there holds the sink's name at that column),
  codeFlows[0].threadFlows[0].locations equal in count and position to the
  JSON trace, partialFingerprints holding the JSON fingerprint;
- every artifact URI relative with uriBaseId %SRCROOT%, which
  originalUriBaseIds maps to the source directory, and resolves to a file;
- suppressed and declassified results carry suppressions whose justification
  holds the JSON reason; violations carry none;
- invocations[0].executionSuccessful is true, and the exit status is 1 iff
  there are violations.
"""

import copy
import json
import os
import re
import subprocess
import sys
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402

VALIDATOR = os.path.join(lib.REPO_ROOT, "scripts", "validate_sarif.sh")
SRCROOT = "%SRCROOT%"


def validate(files):
    """Runs validate_sarif.sh; returns (exit status, output)."""
    p = subprocess.run(["bash", VALIDATOR] + files, capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def resolve(artifact, bases):
    """The absolute path an artifactLocation names, or None."""
    uri = artifact.get("uri", "")
    base_id = artifact.get("uriBaseId")
    if base_id:
        base = bases.get(base_id, {}).get("uri", "")
        uri = urllib.parse.urljoin(base, uri)
    parsed = urllib.parse.urlparse(uri)
    if parsed.scheme != "file":
        return None
    return urllib.parse.unquote(parsed.path)


def check_artifact(c, where, artifact, bases, src):
    uri = artifact.get("uri", "")
    c.check(uri and not urllib.parse.urlparse(uri).scheme and not uri.startswith("/"),
            "%s: uri %r is not relative" % (where, uri))
    c.equal(artifact.get("uriBaseId"), SRCROOT, "%s: uriBaseId" % where)
    path = resolve(artifact, bases)
    c.check(path and os.path.isfile(path),
            "%s: uri %r does not resolve to a file (got %r)" % (where, uri, path))
    return path


def check_physical(c, where, loc, want, bases, src):
    """loc is a SARIF location; want a JSON position {file, line, column}."""
    phys = loc.get("physicalLocation", {})
    path = check_artifact(c, where, phys.get("artifactLocation", {}), bases, src)
    if path:
        c.equal(os.path.relpath(path, src), want["file"], "%s: file" % where)
    region = phys.get("region", {})
    c.equal(region.get("startLine"), want["line"], "%s: startLine" % where)
    c.equal(region.get("startColumn"), want["column"], "%s: startColumn" % where)


def source_line(path, line):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
        return lines[line - 1] if 0 < line <= len(lines) else None
    except OSError:
        return None


def check_case(c, tool, case, tmp):
    proj = lib.Project(case, tmp)
    name = proj.name
    sarif_path = os.path.join(proj.root, name + ".sarif")
    json_path = os.path.join(proj.root, name + ".json")
    rc_s, _, err_s, _ = lib.run_tool(tool, proj, ["--format=sarif", "-o", sarif_path])
    rc_j, _, err_j, _ = lib.run_tool(tool, proj, ["--format=json", "-o", json_path])
    if not c.check(rc_s in (0, 1) and rc_j in (0, 1),
                   "%s: purpose-check exited %d (sarif) / %d (json)\n%s%s"
                   % (name, rc_s, rc_j, err_s, err_j)):
        return
    c.equal(rc_s, rc_j, "%s: exit status of the sarif and json runs" % name)

    status, out = validate([sarif_path])
    print(out, end="")
    c.check(status == 0, "%s: the SARIF multitool found errors (above)" % name)

    sarif = lib.load_json(sarif_path)
    report = lib.load_json(json_path)
    findings = list(lib.all_findings(report))
    c.equal(rc_s, 1 if report["violations"] else 0,
            "%s: exit status vs. violations" % name)
    print("%s: %d violations, %d suppressed, %d declassified"
          % (name, len(report["violations"]), len(report["suppressed"]),
             len(report["declassified"])))

    c.equal(sarif.get("version"), "2.1.0", "%s: version" % name)
    runs = sarif.get("runs", [])
    if not c.equal(len(runs), 1, "%s: number of runs" % name):
        return
    run = runs[0]
    driver = run.get("tool", {}).get("driver", {})
    c.equal(driver.get("name"), "purpose-check", "%s: tool.driver.name" % name)
    rules = driver.get("rules", [])
    rule_ids = [r.get("id") for r in rules]
    c.check("purpose-limitation" in rule_ids,
            "%s: no rule purpose-limitation in %r" % (name, rule_ids))
    for r in rules:
        c.check(r.get("help", {}).get("text"), "%s: rule %s has no help text" % (name, r.get("id")))
        c.check(r.get("shortDescription", {}).get("text"),
                "%s: rule %s has no shortDescription" % (name, r.get("id")))

    bases = run.get("originalUriBaseIds", {})
    root_uri = bases.get(SRCROOT, {}).get("uri", "")
    c.check(root_uri.startswith("file:///") and root_uri.endswith("/"),
            "%s: originalUriBaseIds[%s].uri %r is not an absolute file:// URI "
            "ending in '/'" % (name, SRCROOT, root_uri))
    root_path = urllib.parse.unquote(urllib.parse.urlparse(root_uri).path)
    c.check(os.path.realpath(root_path or "/nonexistent") == os.path.realpath(proj.src),
            "%s: %s is %r, expected the source directory %r"
            % (name, SRCROOT, root_path, proj.src))

    invocations = run.get("invocations", [])
    c.check(invocations and invocations[0].get("executionSuccessful") is True,
            "%s: invocations[0].executionSuccessful is not true" % name)

    results = run.get("results", [])
    if not c.equal(len(results), len(findings), "%s: results vs. JSON findings" % name):
        return
    for i, (res, (kind, f)) in enumerate(zip(results, findings)):
        where = "%s: results[%d] (%s %s -> %s)" % (name, i, kind, f["origin"]["name"],
                                                   f["sink"]["name"])
        annotation = f["rule"] == "purpose-annotation"
        c.check(res.get("ruleId") in ("purpose-limitation", "purpose-annotation"),
                where + ": ruleId %r" % res.get("ruleId"))
        c.equal(res.get("ruleId"), f["rule"], where + ": ruleId vs. JSON rule")
        if "ruleIndex" in res:
            idx = res["ruleIndex"]
            c.check(0 <= idx < len(rules) and rules[idx].get("id") == res.get("ruleId"),
                    where + ": ruleIndex %r does not name %r" % (idx, res.get("ruleId")))
        c.equal(res.get("message", {}).get("text"), f["message"], where + ": message")

        locs = res.get("locations", [])
        if c.check(locs, where + ": no locations"):
            check_physical(c, where + ": locations[0]", locs[0], f["sink"], bases, proj.src)
            # The sink call: its callee's name starts at the reported column.
            text = source_line(proj.path(f["sink"]["file"]), f["sink"]["line"])
            callee = f["sink"]["name"].split("::")[-1]
            if text is not None and not annotation and not callee.startswith("operator"):
                c.check(text[f["sink"]["column"] - 1:].startswith(callee),
                        "%s: locations[0] %s:%d:%d is not at a call of %r: %r"
                        % (where, f["sink"]["file"], f["sink"]["line"],
                           f["sink"]["column"], callee, text))

        flows = res.get("codeFlows", [])
        steps = (flows[0].get("threadFlows", [{}])[0].get("locations", [])
                 if flows else [])
        if annotation:
            # A mistake at one place: no flow to show.
            c.check(not flows, where + ": a purpose-annotation result has codeFlows")
        else:
            c.check(steps, where + ": codeFlows[0].threadFlows[0].locations is empty")
        if c.equal(len(steps), len(f["trace"]), where + ": code flow steps vs. JSON trace"):
            for j, (step, t) in enumerate(zip(steps, f["trace"])):
                loc = step.get("location", {})
                check_physical(c, "%s: step %d" % (where, j), loc, t, bases, proj.src)
                c.equal(loc.get("message", {}).get("text"), t["message"],
                        "%s: step %d message" % (where, j))
        for j, rel in enumerate(res.get("relatedLocations", [])):
            check_artifact(c, "%s: relatedLocations[%d]" % (where, j),
                           rel.get("physicalLocation", {}).get("artifactLocation", {}),
                           bases, proj.src)

        fps = res.get("partialFingerprints", {})
        c.check(fps and f["fingerprint"] in fps.values(),
                "%s: partialFingerprints %r lack the JSON fingerprint %r"
                % (where, fps, f["fingerprint"]))

        sups = res.get("suppressions", [])
        if kind == "violations":
            c.check(not sups, where + ": a violation has suppressions %r" % sups)
        else:
            c.check(sups, where + ": no suppressions on a %s finding" % kind)
            for s in sups:
                just = s.get("justification", "")
                c.check(just and f["reason"] in just,
                        "%s: justification %r does not carry the reason %r"
                        % (where, just, f["reason"]))
                c.check(s.get("kind") in ("inSource", "external"),
                        "%s: suppression kind %r" % (where, s.get("kind")))
    return proj


def selftest(c, tool, tmp):
    """The validator passes good SARIF and fails each kind of bad SARIF."""
    proj = lib.Project(os.path.join(lib.CORPUS, "cases", "declassify.cpp"), tmp)
    good = os.path.join(proj.root, "good.sarif")
    lib.run_tool(tool, proj, ["--format=sarif", "-o", good])
    status, out = validate([good])
    c.check(status == 0, "the validator rejects the tool's SARIF:\n" + out)
    doc = lib.load_json(good)

    def mutated(tag, mutate):
        d = copy.deepcopy(doc)
        mutate(d)
        path = os.path.join(proj.root, tag + ".sarif")
        with open(path, "w") as f:
            json.dump(d, f)
        return path

    def set_line(d):
        d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0

    bad = {
        "schema: startLine 0": mutated("bad-line", set_line),
        "schema: no driver name": mutated("bad-name", lambda d: d["runs"][0]["tool"]["driver"].pop("name")),
        "github: result without locations": mutated(
            "bad-gh", lambda d: d["runs"][0]["results"][0].pop("locations")),
    }
    truncated = os.path.join(proj.root, "bad-syntax.sarif")
    with open(good) as f, open(truncated, "w") as g:
        g.write(f.read()[:200])
    bad["syntax: truncated"] = truncated
    status, out = validate([good] + list(bad.values()))
    c.check(status != 0, "the validator accepts bad SARIF among good:\n" + out)
    fails = [l for l in out.splitlines() if "validate_sarif: FAIL:" in l]
    for what, path in bad.items():
        c.check(any(os.path.basename(path) in l for l in fails),
                "the validator does not flag %s (%s):\n%s" % (path, what, out))
    c.check(not any(os.path.basename(good) in l for l in fails),
            "the validator flags the good file:\n" + out)
    status, out = validate([good, os.path.join(proj.root, "missing.sarif")])
    c.check(status != 0, "the validator accepts a missing file:\n" + out)


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--selftest", action="store_true")
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()
    c = lib.make_checks("sarif_test", args)
    with lib.TempDir("purpose-sarif.", args.keep) as tmp:
        if args.selftest:
            selftest(c, args.tool, tmp)
        for case in args.cases:
            check_case(c, args.tool, case, tmp)
    c.report()


if __name__ == "__main__":
    main()
