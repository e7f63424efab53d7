#!/usr/bin/env python3
"""Checks `purpose-check --inventory` on the bundled example (issue 9).

The data map must show that the 2FA phone number reaches
security.sms_delivery (allowed) and advertising (a violation), each with a
trace that starts at a read of the phone and ends at the sink call; it must
list every use, the declassifiers and suppressions; the DOT output must draw
origin -> purpose edges coloured by status; text output must be readable.

usage: inventory_test.py --tool PATH --repo ROOT --work DIR
"""
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import report_testlib as lib  # noqa: E402

CHECKS = lib.Checks("inventory_test")
check = CHECKS.check


def main():
    a = lib.work_args().parse_args()
    os.makedirs(a.work, exist_ok=True)
    example = os.path.join(a.repo, "test-corpus", "example")
    lib.run_make_compdb(a.repo, example, a.work)

    def inv(fmt):
        p = subprocess.run([a.tool, "-p", a.work, "--no-cache", "--inventory",
                            "--format", fmt], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, cwd=a.repo, text=True)
        return p

    p = inv("json")
    check(p.returncode == 1, "exit status %d with violations, want 1"
          % p.returncode)
    data = json.loads(p.stdout)
    check(data["version"] == 1 and data["complete"] is True,
          "version/complete")
    origins = {o["name"]: o for o in data["origins"]}
    phone = origins.get("social::Account::two_factor_phone")
    check(phone is not None, "two_factor_phone is listed as an origin")
    if phone:
        check(phone["purposes"] == ["security"], "phone limited to security")
        reaches = {r["purpose"]: r for r in phone["reaches"]}
        sms = reaches.get("security.sms_delivery")
        ads = reaches.get("advertising")
        check(sms is not None and sms["status"] == "allowed",
              "phone reaches security.sms_delivery, allowed: %r" % (sms,))
        check(ads is not None and ads["status"] == "violation",
              "phone reaches advertising, a violation: %r" % (ads,))
        for r in (sms, ads):
            if not r:
                continue
            t = r["trace"]
            check(len(t) >= 2, "a trace of several steps for %s" % r["purpose"])
            check("two_factor_phone" in t[0]["message"],
                  "trace for %s starts at the read of the phone: %r"
                  % (r["purpose"], t[0]))
            check(t[-1]["line"] == r["call"]["line"]
                  and t[-1]["file"] == r["call"]["file"],
                  "trace for %s ends at the sink call" % r["purpose"])
    uses = {(u["name"], u["purpose"]) for u in data["uses"]}
    for want in (("social::ads::UploadTailoredAudience", "advertising"),
                 ("social::SendSmsCode", "security.sms_delivery")):
        check(want in uses, "use %r listed (have %r)" % (want, sorted(uses)))
    check(isinstance(data["declassifiers"], list), "declassifiers list")
    check(isinstance(data["suppressions"], list), "suppressions list")

    d = inv("dot")
    check(d.stdout.startswith("digraph"), "dot output is a digraph")
    check('"origin:social::Account::two_factor_phone" -> "purpose:advertising"'
          in d.stdout and "color=red" in d.stdout,
          "dot has a red phone -> advertising edge")
    check('-> "purpose:security.sms_delivery" [color=darkgreen' in d.stdout,
          "dot has a green edge to security.sms_delivery")
    t = inv("text")
    check("-> security.sms_delivery via social::SendSmsCode" in t.stdout
          and "[allowed]" in t.stdout, "text inventory shows the allowed use")
    bad = inv("sarif")
    check(bad.returncode == 2 and "inventory format" in bad.stderr,
          "an inventory format it does not have is exit 2 with a message")
    CHECKS.report()


if __name__ == "__main__":
    sys.exit(main())
