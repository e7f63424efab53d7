#!/usr/bin/env python3
"""The kept result (docs/cache-format.md, "The kept result") on a copy of
test-corpus/example and of cases/xtu_chain5.

Usage: kept_result_test.py --tool PURPOSE_CHECK [--keep]

A warm run in which nothing changed takes its report from CACHE/kept-result-v1
instead of parsing the entries and solving the program. `--timings` says
which happened ("purpose-check: kept result: STATUS"). Every step checks the
status it must have and that the report is the one a run without the kept
result gives (the reference: --no-cache, or the same run after the kept
result is deleted), so a kept result used when it should not be fails here.

Steps:
 1. cold, then warm: "current", the same report, the file not rewritten.
 2. what the key covers: another --solver-budget, a FILE argument, an extra
    policy, an --extra-arg: each "made by another kind of run" with its own
    correct report; the plain run after them computes again and the next is
    "current".
 3. what it does not cover: a baseline (applied afresh, so baselined
    violations disappear while the kept result stays "current"), the
    output format.
 4. entries: a comment appended to a .cpp, a new violation, a deleted
    entry: "stale", the right report, then "current" with that report.
 5. a damaged kept result (truncated, garbage, empty): "none", no warning,
    the same report, and the file rewritten whole.
 5b. a file that applying suppressions read (its digest is kept) differs:
    "stale".
 6. runs that do not use it: --inventory, --shard: "not used by this kind
    of run", and the kept result is left alone.
 7. cross-TU (xtu_chain5): cutting the flow in step1.cpp removes the
    violation in step5.cpp, whose own entry did not change.
"""

import json
import os
import re
import shutil
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402
from cache_test import Env, append, chain_step1, same_report  # noqa: E402

STATUS_RE = re.compile(r"^purpose-check: kept result: (.*)$", re.M)
KEPT = "kept-result-v1"

NEW_VIOLATION = """
namespace social::ads {
// Added by kept_result_test.py: a new flow into the partner sink.
void KeptLeak(const Account& a) {
  MatchPartnerAudience(9, a.two_factor_phone);
}
}  // namespace social::ads
"""


class KeptEnv(Env):
    def kept(self):
        return os.path.join(self.cache, KEPT)

    def timed(self, tag, want_status, extra=(), want_rc=1):
        """A run with --timings whose kept-result status must be want_status."""
        rc, doc, err = self.run(tag, ["--timings"] + list(extra), want_rc=want_rc)
        got = STATUS_RE.findall(err)
        self.c.equal(got, [want_status], "%s: kept-result status" % tag)
        return rc, doc, err

    def reference(self, tag, extra=(), want_rc=1):
        """The report of the same run without any cache."""
        _, doc, _ = self.run(tag + " (reference)", ["--no-cache"] + list(extra),
                             cache=False, want_rc=want_rc)
        return doc

    def stamp(self):
        try:
            st = os.stat(self.kept())
            return (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            return None


def step_warm(e):
    _, cold, _ = e.timed("1 cold", "none")
    e.c.check(e.stamp() is not None, "1 cold: no kept result written")
    same_report(e.c, "1 cold", cold, e.reference("1 cold"))
    before = e.stamp()
    _, warm, err = e.timed("1 warm", "current")
    same_report(e.c, "1 warm", warm, cold)
    e.c.equal(e.stamp(), before, "1 warm: the kept result was rewritten")
    e.c.check("warning" not in err, "1 warm: a warning: %s" % err.strip()[-500:])
    return cold


def settle(path, margin=2.2):
    """Waits until path's last change lies more than the stat index's racy
    margin (StatIndex::RacyMargin) in the past."""
    st = os.stat(path)
    wait = max(st.st_ctime, st.st_mtime) + margin - time.time()
    if wait > 0:
        time.sleep(wait)


def step_key(e, ref, tmp):
    policy = os.path.join(tmp, "extra.policy.json")
    with open(policy, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "sources": [
            {"field": "social::Account::country_code", "purposes": ["security"]}]}, f)
    # A run keys its kept result by the policy's contents only when the file
    # changed more than the racy margin (2 s) before the run began; on a quiet
    # machine the runs below can come sooner than that.
    settle(policy)
    # A file none of the violations touches: its report is empty.
    one = os.path.join(e.proj.src, "login_flow.cpp")
    for tag, extra in (("2 solver budget", ["--solver-budget=trace-depth=63"]),
                       ("2 FILE argument", [one]),
                       ("2 extra policy", ["--policy", policy]),
                       ("2 extra arg", ["--extra-arg=-DKEPT_RESULT_TEST"])):
        rc, doc, _ = e.timed(tag, "made by another kind of run", extra, want_rc=None)
        same_report(e.c, tag, doc, e.reference(tag, extra, want_rc=rc))
        # Now kept for this kind of run.
        _, again, _ = e.timed(tag + ", again", "current", extra, want_rc=rc)
        same_report(e.c, tag + ", again", again, doc)
    _, doc, _ = e.timed("2 plain again", "made by another kind of run")
    same_report(e.c, "2 plain again", doc, ref)
    e.timed("2 plain, warm", "current")


def step_not_in_key(e, ref, tmp):
    baseline = os.path.join(tmp, "kept.baseline.json")
    e.run("3 write baseline", ["--write-baseline", baseline], want_rc=0)
    _, doc, _ = e.timed("3 with the baseline", "current", ["--baseline", baseline],
                        want_rc=0)
    if doc is not None:
        e.c.equal(doc.get("violations"), [], "3 with the baseline: violations")
    _, doc, _ = e.timed("3 without it", "current")
    same_report(e.c, "3 without it", doc, ref)
    rc, out, err, _ = lib.run([e.tool, "-p", "build", "--cache-dir", e.cache,
                               "--format", "sarif", "--timings"], cwd=e.root)
    e.c.equal(STATUS_RE.findall(err), ["current"], "3 SARIF: kept-result status")
    e.c.equal(rc, 1, "3 SARIF: exit status")


def step_entries(e, ref):
    cpp = os.path.join(e.proj.src, "crypto.cpp")
    append(cpp, "// kept_result_test: a comment\n")
    _, doc, _ = e.timed("4 comment", "stale")
    same_report(e.c, "4 comment", doc, ref)
    e.timed("4 comment, warm", "current")

    ads = os.path.join(e.proj.src, "audience.cpp")
    with open(ads, encoding="utf-8") as f:
        text = f.read()
    e.c.check("MatchPartnerAudience" in text, "4: audience.cpp has no MatchPartnerAudience "
              "(test setup)")
    append(ads, NEW_VIOLATION)
    _, doc, _ = e.timed("4 new violation", "stale")
    want = e.reference("4 new violation")
    same_report(e.c, "4 new violation", doc, want)
    if doc is not None and ref is not None:
        e.c.equal(len(doc["violations"]), len(ref["violations"]) + 1,
                  "4 new violation: violations")
    _, doc, _ = e.timed("4 new violation, warm", "current")
    same_report(e.c, "4 new violation, warm", doc, want)
    with open(ads, "w", encoding="utf-8") as f:
        f.write(text)
    _, doc, _ = e.timed("4 restored", "stale")
    same_report(e.c, "4 restored", doc, ref)

    vdir = lib.cache_version_dir(e.cache)
    victim = sorted(lib.cache_entry_names(e.cache))[0]
    os.remove(os.path.join(vdir, victim))
    _, doc, _ = e.timed("4 entry deleted", "stale")
    same_report(e.c, "4 entry deleted", doc, ref)
    e.timed("4 entry deleted, warm", "current")


def step_damage(e, ref):
    with open(e.kept(), "rb") as f:
        good = f.read()
    for tag, data in (("5 truncated", good[:len(good) // 2]),
                      ("5 garbage", b"\x00\xff not json"),
                      ("5 empty", b""),
                      ("5 a finding's line as a string",
                       good.replace(b'"sink_pos":["', b'"sink_pos":[["', 1))):
        with open(e.kept(), "wb") as f:
            f.write(data)
        _, doc, err = e.timed(tag, "none")
        same_report(e.c, tag, doc, ref)
        e.c.check("warning" not in err, "%s: a warning: %s" % (tag, err.strip()[-500:]))
        with open(e.kept(), "rb") as f:
            e.c.check(f.read() == good, "%s: the kept result was not rewritten whole" % tag)
        e.timed(tag + ", warm", "current")


def step_read_files(e, ref):
    """The files that applying suppressions read are checked by their digest
    (a suppression may be in a file that is no TU's input by that name)."""
    with open(e.kept(), encoding="utf-8") as f:
        k = json.load(f)
    read = k.get("read", [])
    e.c.check(any(p.endswith("audience.cpp") for p, _ in read),
              "5b: the kept result lists no audience.cpp among the files read: %s" % read)
    with open(e.kept(), encoding="utf-8") as f:
        text = f.read()
    if read:
        path, digest = read[0]
        tampered = text.replace(json.dumps([path, digest], separators=(",", ":")),
                                json.dumps([path, "0" * 16], separators=(",", ":")), 1)
        e.c.check(tampered != text, "5b: could not change a digest (test setup)")
        with open(e.kept(), "w", encoding="utf-8") as f:
            f.write(tampered)
        _, doc, _ = e.timed("5b a read file's digest differs", "stale")
        same_report(e.c, "5b a read file's digest differs", doc, ref)
        e.timed("5b a read file's digest differs, warm", "current")


def step_not_used(e):
    before = e.stamp()
    rc, out, err, _ = lib.run([e.tool, "-p", "build", "--cache-dir", e.cache,
                               "--inventory", "--format", "json", "--timings"],
                              cwd=e.root)
    e.c.equal(STATUS_RE.findall(err), ["not used by this kind of run"],
              "6 --inventory: kept-result status")
    e.c.check(rc in (0, 1), "6 --inventory: exit status %d" % rc)
    rc, out, err, _ = lib.run([e.tool, "-p", "build", "--cache-dir", e.cache,
                               "--shard", "1/2", "--timings"], cwd=e.root)
    e.c.equal(STATUS_RE.findall(err), ["not used by this kind of run"],
              "6 --shard: kept-result status")
    e.c.equal(e.stamp(), before, "6: the kept result was rewritten")
    e.timed("6 plain, warm", "current")


def step_cross_tu(c, tool, tmp):
    proj = lib.Project(os.path.join(lib.CORPUS, "cases", "xtu_chain5"), tmp)
    e = KeptEnv(c, tool, proj)
    _, ref, _ = e.timed("7 chain: cold", "none")
    e.timed("7 chain: warm", "current")
    step1, text, cut = chain_step1(c, proj, "7 chain")
    with open(step1, "w", encoding="utf-8") as f:
        f.write(cut)
    _, doc, _ = e.timed("7 chain: step1 cut", "stale", want_rc=0)
    if doc is not None:
        c.equal(doc["violations"], [], "7 chain: step1 cut: violations")
    e.timed("7 chain: step1 cut, warm", "current", want_rc=0)
    with open(step1, "w", encoding="utf-8") as f:
        f.write(text)
    _, doc, _ = e.timed("7 chain: restored", "stale")
    same_report(c, "7 chain: restored", doc, ref)


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    args = parser.parse_args()
    c = lib.make_checks("kept_result_test", args)
    with lib.TempDir("purpose-kept.", args.keep) as tmp:
        e = KeptEnv(c, args.tool, lib.Project(lib.EXAMPLE, tmp))
        ref = step_warm(e)
        step_key(e, ref, tmp)
        step_not_in_key(e, ref, tmp)
        step_entries(e, ref)
        step_damage(e, ref)
        step_read_files(e, ref)
        step_not_used(e)
        step_cross_tu(c, args.tool, tmp)
    c.report()


if __name__ == "__main__":
    main()
