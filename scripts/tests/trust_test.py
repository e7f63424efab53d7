#!/usr/bin/env python3
"""No silent holes: the gate and the editor checks in the cases where each
used to be silently wrong (issue "Trust in every front end").

Usage: trust_test.py --tool PURPOSE_CHECK --clang-tidy CLANG_TIDY
                     --plugin libPurposeCheckTidy.so [--keep] [--case NAME]...

Cases (all by default):
  annotation-gate   mistakes in annotations are results of rule
                    purpose-annotation in text, JSON and SARIF, and exit 1:
                    PURPOSE_USE on a field, a NOLINT(purpose-limitation)
                    without a reason (the flow it hides is "suppressed" with
                    the justification "no reason given"), a malformed purpose
                    in a header that two TUs include (reported once, as a
                    SARIF result, not a notification)
  bare-nolint       a bare // NOLINT without a reason on a sink call: the CLI
                    and clang-tidy both hide the flow and both flag the
                    comment, and both fail
  report-on-error   a bad policy or a bad config still writes the requested
                    report (JSON, SARIF), marked incomplete, with exit 2; so
                    does a missing compilation database
  editor-no-cache   clang-tidy on a file whose call into another file has no
                    summary yet: one warning naming the function and the
                    command that writes the cache (not silence)
  editor-p-build    without a config file, `-p build` leads clang-tidy to the
                    cache that `purpose-check -p build` wrote: the cross-file
                    violation is found
  editor-stale      the other file edited after the CLI run: a warning that
                    its summary is older than the file
  editor-damaged    an unreadable cache entry is named in a warning
"""

import json
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

ANNOTATIONS = os.path.join(lib.REPO_ROOT, "annotations")

ACCOUNT_H = """#pragma once
#include "purpose.h"
#include <string>
struct Account {
  SECURITY_CONTACT std::string phone;
  PURPOSE_USE("advertising") std::string campaign;
};
PURPOSE_USE("Ads") void Track(const std::string& id);
AD_TARGETING void Upload(const std::string& id);
"""

GATE_A = """#include "account.h"
void RunA(const Account& a) {
  Upload(a.phone);  // NOLINT(purpose-limitation)
}
"""

GATE_B = """#include "account.h"
void RunB(const Account& a) { Track(a.campaign); }
"""

BARE = """#include "purpose.h"
#include <string>
struct Account { SECURITY_CONTACT std::string phone; };
AD_TARGETING void Upload(const std::string& id);
void Run(const Account& a) {
  Upload(a.phone);  // NOLINT
}
"""

# Cross-file: the sink call is in main.cpp, the read of the limited field in
# helper.cpp (a function whose summary only the cache can give; as a library
# call, ContactOf() would carry nothing).
XTU_H = """#pragma once
#include "purpose.h"
#include <string>
struct Account { SECURITY_CONTACT std::string phone; };
std::string ContactOf();
AD_TARGETING void Upload(const std::string& id);
"""
XTU_HELPER = """#include "xtu.h"
Account g_account;
std::string ContactOf() { return g_account.phone; }
"""
XTU_MAIN = """#include "xtu.h"
void Run() {
  Upload(ContactOf());
}
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def project(tmp, name, files):
    """src/ with the files, build/compile_commands.json for every .cpp."""
    root = os.path.join(tmp, name)
    src = os.path.join(root, "src")
    build = os.path.join(root, "build")
    for rel, text in files.items():
        write(os.path.join(src, rel), text)
    make_compdb.write_compdb(build, make_compdb.make_entries(src, repo_root=lib.REPO_ROOT))
    return root, src, build


def results_of(sarif):
    return sarif["runs"][0].get("results", [])


def case_annotation_gate(c, a, tmp):
    root, src, build = project(tmp, "gate", {
        "account.h": ACCOUNT_H, "a.cpp": GATE_A, "b.cpp": GATE_B})
    rc, out, err, _ = lib.run([a.tool, "-p", build, "--no-cache"], cwd=src)
    c.equal(rc, 1, "annotation-gate: text exit status (stderr: %s)" % err.strip())
    for what, needle in (("PURPOSE_USE on a field",
                          "account.h:6:3: warning: 'PURPOSE_USE' cannot apply to a field"),
                         ("malformed purpose", "account.h:8:1: warning: malformed purpose 'Ads'"),
                         ("reasonless NOLINT", "a.cpp:3:24: warning: suppression of "
                          "purpose-limitation without a reason")):
        c.check(needle in out and "[purpose-annotation]" in out,
                "annotation-gate: text report lacks %s (%r); got:\n%s" % (what, needle, out))
    c.equal(out.count("malformed purpose 'Ads'"), 1,
            "annotation-gate: the malformed purpose of a header two TUs include, "
            "reported once in the text report")
    c.check(os.path.join(src, "account.h") + ":6:3" in out,
            "annotation-gate: text paths are absolute, as clang writes the compile "
            "database's absolute file names; got:\n%s" % out)
    c.check("malformed purpose" not in err,
            "annotation-gate: the malformed purpose is a finding, not a stderr line: %s" % err)

    j = os.path.join(root, "r.json")
    rc, _, err, _ = lib.run([a.tool, "-p", build, "--no-cache", "--format", "json",
                             "-o", j], cwd=src)
    c.equal(rc, 1, "annotation-gate: json exit status")
    rep = lib.load_json(j)
    got = sorted((v["rule"], v["sink"]["file"], v["sink"]["line"]) for v in rep["violations"])
    c.equal(got, [("purpose-annotation", "a.cpp", 3),
                  ("purpose-annotation", "account.h", 6),
                  ("purpose-annotation", "account.h", 8)],
            "annotation-gate: JSON violations")
    c.equal(rep["complete"], True, "annotation-gate: JSON complete")
    c.equal([(s["origin"]["name"], s["reason"]) for s in rep["suppressed"]],
            [("Account::phone", "no reason given")],
            "annotation-gate: the flow hidden by the reasonless NOLINT")

    s = os.path.join(root, "r.sarif")
    rc, _, _, _ = lib.run([a.tool, "-p", build, "--no-cache", "--format", "sarif",
                           "-o", s], cwd=src)
    c.equal(rc, 1, "annotation-gate: sarif exit status")
    sarif = lib.load_json(s)
    res = results_of(sarif)
    ann = [r for r in res if r["ruleId"] == "purpose-annotation"]
    c.equal(len(ann), 3, "annotation-gate: SARIF purpose-annotation results")
    c.check(any("malformed purpose 'Ads'" in r["message"]["text"] for r in ann),
            "annotation-gate: the malformed purpose is a SARIF result")
    notes = sarif["runs"][0].get("invocations", [{}])[0].get("toolExecutionNotifications", [])
    c.check(not any("malformed purpose" in n.get("message", {}).get("text", "") for n in notes),
            "annotation-gate: the malformed purpose is not (only) a notification")
    just = [r["suppressions"][0]["justification"] for r in res if r.get("suppressions")]
    c.equal(just, ["no reason given"], "annotation-gate: SARIF justification")
    c.equal(sarif["runs"][0]["invocations"][0]["executionSuccessful"], True,
            "annotation-gate: executionSuccessful")


def case_bare_nolint(c, a, tmp):
    root, src, build = project(tmp, "bare", {"main.cpp": BARE})
    rc, out, err, _ = lib.run([a.tool, "-p", build, "--no-cache"], cwd=src)
    c.equal(rc, 1, "bare-nolint: CLI exit status")
    c.check("main.cpp:6:24: warning: suppression of purpose-limitation without a reason" in out,
            "bare-nolint: CLI flags the bare NOLINT; got:\n%s%s" % (out, err))
    c.check("reaches 'Upload'" not in out, "bare-nolint: the CLI hides the flow as clang-tidy does")
    rc, out, err, _ = lib.run([a.clang_tidy, "--load=" + a.plugin, "-checks=-*,purpose-*",
                               "-p", build, os.path.join(src, "main.cpp")], cwd=src)
    c.check(rc != 0, "bare-nolint: clang-tidy fails (exit %d)" % rc)
    c.check("main.cpp:6:24: error: suppression of purpose-limitation without a reason" in out
            and "[purpose-annotation]" in out,
            "bare-nolint: clang-tidy flags the bare NOLINT; got:\n%s%s" % (out, err))
    c.check("reaches 'Upload'" not in out, "bare-nolint: clang-tidy hides the flow")


def case_report_on_error(c, a, tmp):
    root, src, build = project(tmp, "err", {"main.cpp": BARE})
    bad_policy = os.path.join(src, "bad.policy.json")
    write(bad_policy, '{"version": 1, "sinks": [{"function": "x", "purpose": "Ads"}]}\n')
    for fmt in ("json", "sarif"):
        out = os.path.join(root, "policy." + fmt)
        rc, _, err, _ = lib.run([a.tool, "-p", build, "--no-cache", "--policy", bad_policy,
                                 "--format", fmt, "-o", out], cwd=src)
        c.equal(rc, 2, "report-on-error: bad policy exit status (%s)" % fmt)
        c.check("bad.policy.json:1:" in err, "report-on-error: the error names the policy "
                "file and position: %s" % err)
        if not c.check(os.path.exists(out), "report-on-error: bad policy: no %s report" % fmt):
            continue
        doc = lib.load_json(out)
        if fmt == "json":
            c.equal(doc["complete"], False, "report-on-error: JSON complete")
            c.check(doc["stats"]["errors"] >= 1, "report-on-error: JSON stats.errors")
        else:
            inv = doc["runs"][0]["invocations"][0]
            c.equal(inv["executionSuccessful"], False, "report-on-error: executionSuccessful")
            c.check(any("bad.policy.json" in n["message"]["text"]
                        for n in inv.get("toolExecutionNotifications", [])),
                    "report-on-error: SARIF names the bad policy")
    # A bad config, found upward from the current directory.
    write(os.path.join(src, ".purpose-check.json"), '{"policies": [], "colour": 1}\n')
    out = os.path.join(root, "config.sarif")
    rc, _, err, _ = lib.run([a.tool, "-p", build, "--no-cache", "--format", "sarif",
                             "-o", out], cwd=src)
    c.equal(rc, 2, "report-on-error: bad config exit status")
    c.check(".purpose-check.json:1:" in err, "report-on-error: the config error's position: %s" % err)
    c.check(os.path.exists(out) and
            not lib.load_json(out)["runs"][0]["invocations"][0]["executionSuccessful"],
            "report-on-error: bad config: an incomplete SARIF report")
    os.remove(os.path.join(src, ".purpose-check.json"))
    # No compilation database.
    out = os.path.join(root, "nodb.json")
    rc, _, err, _ = lib.run([a.tool, "-p", os.path.join(root, "nowhere"), "--no-cache",
                             "--format", "json", "-o", out], cwd=src)
    c.equal(rc, 2, "report-on-error: no database exit status")
    c.check(os.path.exists(out) and lib.load_json(out)["complete"] is False,
            "report-on-error: no database: an incomplete JSON report")


def tidy(a, build, src, path, extra=()):
    return lib.run([a.clang_tidy, "--load=" + a.plugin, "-checks=-*,purpose-*",
                    "-p", build] + list(extra) + [path], cwd=src)


def xtu_project(tmp, name):
    return project(tmp, name, {"xtu.h": XTU_H, "helper.cpp": XTU_HELPER, "main.cpp": XTU_MAIN})


def case_editor_no_cache(c, a, tmp):
    root, src, build = xtu_project(tmp, "nocache")
    rc, out, err, _ = tidy(a, build, src, os.path.join(src, "main.cpp"))
    c.check("no summaries of other files" in out and "'ContactOf'" in out
            and "purpose-check -p " + build in out,
            "editor-no-cache: a warning naming the function and the command; got:\n%s" % out)
    c.check("reaches 'Upload'" not in out, "editor-no-cache: no violation without the summary")


def case_editor_p_build(c, a, tmp):
    root, src, build = xtu_project(tmp, "pbuild")
    rc, _, err, _ = lib.run([a.tool, "-p", build], cwd=src)
    c.equal(rc, 1, "editor-p-build: the CLI finds the violation (%s)" % err.strip())
    rc, out, err, _ = tidy(a, build, src, os.path.join(src, "main.cpp"))
    c.check("main.cpp:3:3: warning: 'Account::phone'" in out,
            "editor-p-build: clang-tidy -p build finds the cross-file violation; got:\n%s%s"
            % (out, err))
    c.check("summar" not in out, "editor-p-build: no trust warning with a fresh cache:\n%s" % out)


def case_editor_stale(c, a, tmp):
    root, src, build = xtu_project(tmp, "stale")
    lib.run([a.tool, "-p", build], cwd=src, check_rc=(1,))
    write(os.path.join(src, "helper.cpp"),
          XTU_HELPER.replace("return g_account.phone;", "return \"+1\" + g_account.phone;"))
    rc, out, err, _ = tidy(a, build, src, os.path.join(src, "main.cpp"))
    c.check("cached summaries of 'ContactOf' are older than '%s'" % os.path.join(src, "helper.cpp")
            in out and "purpose-check -p " + build in out,
            "editor-stale: a warning that the summary is stale; got:\n%s" % out)
    lib.run([a.tool, "-p", build], cwd=src, check_rc=(1,))
    rc, out, err, _ = tidy(a, build, src, os.path.join(src, "main.cpp"))
    c.check("older than" not in out, "editor-stale: refreshed, no warning:\n%s" % out)


def case_editor_damaged(c, a, tmp):
    root, src, build = xtu_project(tmp, "damaged")
    lib.run([a.tool, "-p", build], cwd=src, check_rc=(1,))
    vdir = lib.cache_version_dir(os.path.join(build, ".purpose-check-cache"))
    entries = lib.cache_entry_names(os.path.join(build, ".purpose-check-cache"))
    if not c.check(len(entries) == 2, "editor-damaged: two cache entries: %r" % entries):
        return
    for e in entries:
        with open(os.path.join(vdir, e), "rb") as f:
            data = f.read()
        if b"helper.cpp" in data.split(b'"main_file":', 1)[-1][:200]:
            with open(os.path.join(vdir, e), "wb") as f:
                f.write(data[: len(data) // 2])
            damaged = e
            break
    else:
        c.check(False, "editor-damaged: no entry for helper.cpp")
        return
    rc, out, err, _ = tidy(a, build, src, os.path.join(src, "main.cpp"))
    c.check("summary cache entry cannot be read" in out and damaged in out,
            "editor-damaged: the damaged entry is named; got:\n%s" % out)


CASES = {
    "annotation-gate": case_annotation_gate,
    "bare-nolint": case_bare_nolint,
    "report-on-error": case_report_on_error,
    "editor-no-cache": case_editor_no_cache,
    "editor-p-build": case_editor_p_build,
    "editor-stale": case_editor_stale,
    "editor-damaged": case_editor_damaged,
}


def main():
    p = lib.common_args(__doc__)
    p.add_argument("--clang-tidy", required=True)
    p.add_argument("--plugin", required=True, type=os.path.abspath)
    p.add_argument("--case", action="append", choices=sorted(CASES))
    a = p.parse_args()
    c = lib.make_checks("trust", a)
    with lib.TempDir("purpose-trust.", a.keep) as tmp:
        for name in a.case or sorted(CASES):
            CASES[name](c, a, tmp)
    c.report()


if __name__ == "__main__":
    main()
