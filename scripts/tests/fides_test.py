#!/usr/bin/env python3
"""Checks `purpose-check --inventory --format fides [--check DECLARED.yml]`.

On a copy of the bundled example (test-corpus/example) with a config that
maps its purposes to fideslang data uses:

- the map has one privacy declaration per (data category, data use) that the
  code reaches, exactly the expected four, each key a key of the vendored
  fideslang taxonomy (test-corpus/fides/taxonomy), with evidence in meta;
- the output is deterministic;
- the round trip: declare the generated map, re-check: exit 0 although the
  code has violations; remove one declaration: exit 1, with the trace;
- a declared parent category or use covers its children;
- an incomplete run exits 2 with --check; a malformed declared file exits 2
  naming FILE:LINE:COL and writes nothing;
- a purpose that the taxonomy does not map is an error naming it;
- uncategorised origins are listed; a policy source's "category" counts.

usage: fides_test.py --tool PATH --repo ROOT --work DIR
"""
import os
import shutil
import subprocess
import sys

try:
    import yaml
except ImportError:  # The test Python may be another than Debian's.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import report_testlib as lib  # noqa: E402

CHECKS = lib.Checks("fides_test")
check = CHECKS.check


MAPPED = {
    "security": "essential.service.security",
    "security.sms_delivery": "essential.service.notifications.sms",
    "security.account_recovery": "essential.service.authentication",
    "advertising": "marketing.advertising.third_party.targeted",
}

EXPECTED_PAIRS = {
    ("user.contact.email", "essential.service.authentication"),
    ("user.contact.email", "marketing.advertising.third_party.targeted"),
    ("user.contact.phone_number", "essential.service.notifications.sms"),
    ("user.contact.phone_number", "marketing.advertising.third_party.targeted"),
}


def taxonomy_keys(repo, name):
    path = os.path.join(repo, "test-corpus", "fides", "taxonomy", name + ".yml")
    with open(path) as f:
        data = yaml.safe_load(f)
    (entries,) = data.values()
    return {e["fides_key"] for e in entries}


class Project:
    def __init__(self, a, name):
        self.a = a
        self.dir = os.path.join(a.work, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.src = os.path.join(self.dir, "src")
        shutil.copytree(os.path.join(a.repo, "test-corpus", "example"), self.src)
        self.build = os.path.join(self.dir, "build")
        lib.run_make_compdb(a.repo, self.src, self.build)
        self.config({"data_uses": MAPPED, "system": "social_backend"})

    def config(self, taxonomy, extra=None):
        import json
        cfg = {"build_dir": "../build", "cache_dir": "../cache",
               "taxonomy": taxonomy}
        cfg.update(extra or {})
        self.write(".purpose-check.json", json.dumps(cfg, indent=2))

    def write(self, rel, text):
        with open(os.path.join(self.src, rel), "w") as f:
            f.write(text)

    def edit(self, rel, old, new):
        path = os.path.join(self.src, rel)
        with open(path) as f:
            text = f.read()
        assert old in text, (rel, old)
        self.write(rel, text.replace(old, new))

    def run(self, *args):
        return subprocess.run([self.a.tool, "--inventory", "--format", "fides"]
                              + list(args), cwd=self.src, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def pairs_of(doc):
    out = []
    for system in doc["system"]:
        for d in system["privacy_declarations"]:
            for c in d["data_categories"]:
                out.append((c, d["data_use"]))
    return out


def main():
    a = lib.work_args().parse_args()
    a.tool = os.path.abspath(a.tool)
    os.makedirs(a.work, exist_ok=True)
    categories = taxonomy_keys(a.repo, "data_categories")
    uses = taxonomy_keys(a.repo, "data_uses")
    check("user.contact.phone_number" in categories and
          "marketing.advertising.third_party.targeted" in uses,
          "the vendored taxonomy has the keys the example maps to")

    # The map.
    p = Project(a, "map")
    r = p.run()
    check(r.returncode == 1, "the example's map run exits 1 (it has "
          "violations), got %d: %s" % (r.returncode, r.stderr))
    doc = yaml.safe_load(r.stdout)
    systems = doc.get("system", [])
    check(len(systems) == 1, "one system")
    system = systems[0]
    check(system["fides_key"] == "social_backend", "the config's system key")
    check(system.get("system_type") == "Service", "system_type")
    pairs = pairs_of(doc)
    check(len(pairs) == len(set(pairs)), "each pair declared once: %r" % pairs)
    check(set(pairs) == EXPECTED_PAIRS, "the reached pairs: %r" % sorted(pairs))
    for c, u in pairs:
        check(c in categories, "data category %s is in the taxonomy" % c)
        check(u in uses, "data use %s is in the taxonomy" % u)
    meta = system["meta"]
    check(meta["complete"] is True, "meta.complete")
    check(meta["uncategorised"] == [], "every origin is categorised")
    names = [d["name"] for d in system["privacy_declarations"]]
    check(sorted(meta["evidence"]) == sorted(names),
          "evidence keyed by declaration name: %r" % sorted(meta["evidence"]))
    ads = meta["evidence"].get(
        "user.contact.phone_number for marketing.advertising.third_party.targeted",
        [])
    check({(e["origin"], e["purpose"], e["status"], e["call"]) for e in ads} ==
          {("social::Account::two_factor_phone", "advertising", "violation",
            "audience.cpp:17:26"),
           ("social::Account::two_factor_phone", "advertising.partner",
            "violation", "audience.cpp:48:5")},
          "the phone's ad evidence: %r" % ads)
    check(all(e["declaration"].startswith("account.h:") for e in ads),
          "evidence names the origin's declaration")
    again = p.run()
    check(again.stdout == r.stdout, "the map is deterministic (a warm run "
          "writes the same bytes)")

    # The round trip.
    declared = os.path.join(p.dir, "declared.yml")
    gen = p.run("-o", declared)
    check(gen.returncode == 1 and os.path.exists(declared), "-o writes the map")
    r = p.run("--check", declared)
    check(r.returncode == 0, "declared as generated: exit 0 although the code "
          "has violations, got %d: %s%s" % (r.returncode, r.stdout, r.stderr))
    check("4 (data category, data use) pairs reached, 0 not declared"
          in r.stdout, "the summary line: %r" % r.stdout)

    with open(declared) as f:
        d = yaml.safe_load(f)
    decls = d["system"][0]["privacy_declarations"]
    d["system"][0]["privacy_declarations"] = [
        x for x in decls if x["name"] !=
        "user.contact.email for marketing.advertising.third_party.targeted"]
    fewer = os.path.join(p.dir, "fewer.yml")
    with open(fewer, "w") as f:
        yaml.safe_dump(d, f)
    r = p.run("--check", fewer)
    check(r.returncode == 1, "one declaration removed: exit 1, got %d"
          % r.returncode)
    lines = r.stdout.splitlines()
    undeclared = [l for l in lines if l.startswith("undeclared: ")]
    check(undeclared == ["undeclared: user.contact.email for "
                         "marketing.advertising.third_party.targeted"],
          "exactly the removed pair is undeclared: %r" % undeclared)
    check("    match_keys.cpp:8:43: read of 'social::Account::recovery_email'"
          in lines, "the trace starts at the read of the e-mail")
    check("    audience.cpp:17:49: passed to "
          "'social::ads::UploadTailoredAudience' as argument 1" in lines,
          "the trace ends at the upload")

    # A declared parent covers its children; as Fides's own lists do.
    parent = os.path.join(p.dir, "parent.yml")
    with open(parent, "w") as f:
        f.write("system:\n- fides_key: s\n  privacy_declarations:\n"
                "  - data_categories: [user.contact]\n"
                "    data_use: marketing.advertising\n"
                "  - data_categories: [user.contact]\n"
                "    data_use: essential.service\n")
    r = p.run("--check", parent)
    check(r.returncode == 0, "parent category and use cover their children, "
          "got %d: %s" % (r.returncode, r.stdout))
    sibling = os.path.join(p.dir, "sibling.yml")
    with open(sibling, "w") as f:
        f.write("system:\n- fides_key: s\n  privacy_declarations:\n"
                "  - data_categories: [user.contact.phone_number, "
                "user.contact.email]\n"
                "    data_use: essential.service\n")
    r = p.run("--check", sibling)
    check(r.returncode == 1 and r.stdout.count("undeclared: ") == 2,
          "a sibling use does not cover: %r" % r.stdout)

    # A malformed declared file: exit 2, FILE:LINE:COL, nothing written.
    bad = os.path.join(p.dir, "bad.yml")
    with open(bad, "w") as f:
        f.write("system:\n- fides_key: s\n  privacy_declarations:\n"
                "  - data_categories: [user.contact\n")
    out = os.path.join(p.dir, "out.txt")
    r = p.run("--check", bad, "-o", out)
    check(r.returncode == 2, "malformed YAML exits 2, got %d" % r.returncode)
    check(r.stderr.startswith(bad + ":"), "the error names the file: %r"
          % r.stderr)
    check(not os.path.exists(out), "nothing written for a malformed file")
    wrong = os.path.join(p.dir, "wrong.yml")
    with open(wrong, "w") as f:
        f.write("system:\n- fides_key: s\n  privacy_declarations:\n"
                "  - name: no use\n    data_categories: [user.contact]\n")
    r = p.run("--check", wrong)
    check(r.returncode == 2 and (wrong + ":4:5: error: privacy declaration "
                                 "without 'data_use'") in r.stderr,
          "a declaration without data_use: %r" % r.stderr)
    r = subprocess.run([a.tool, "--check", declared], cwd=p.src, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(r.returncode == 2 and "--inventory --format fides" in r.stderr,
          "--check without --inventory is an error: %r" % r.stderr)

    # An incomplete run: exit 2 even when everything is declared.
    broken = Project(a, "broken")
    broken.write("broken.cpp", "#include \"account.h\"\nint f( {\n")
    lib.run_make_compdb(a.repo, broken.src, broken.build)
    r = broken.run("--check", declared)
    check(r.returncode == 2, "an incomplete run exits 2 with --check, got %d"
          % r.returncode)
    check("INCOMPLETE" in r.stdout, "and says so: %r" % r.stdout)

    # A purpose that nothing maps.
    unmapped = Project(a, "unmapped")
    unmapped.config({"data_uses": {k: v for k, v in MAPPED.items()
                                   if k != "advertising"}})
    out = os.path.join(unmapped.dir, "map.yml")
    r = unmapped.run("-o", out)
    check(r.returncode == 2, "an unmapped purpose exits 2, got %d"
          % r.returncode)
    check("error: purpose 'advertising' has no fideslang data use" in r.stderr
          and ".purpose-check.json:" in r.stderr,
          "the error names the purpose and the config: %r" % r.stderr)
    check(not os.path.exists(out), "nothing written for an unmapped purpose")
    unmapped.config({"data_uses": {"security": "Not A Key"}})
    r = unmapped.run()
    check(r.returncode == 2 and "malformed data use 'Not A Key'" in r.stderr,
          "a malformed data use is a config error: %r" % r.stderr)

    # Purposes that are fideslang data uses already.
    same = Project(a, "same")
    same.config({"purposes_are_data_uses": True})
    r = same.run()
    uses_same = {u for _, u in pairs_of(yaml.safe_load(r.stdout))}
    check(uses_same == {"advertising", "advertising.partner",
                        "security.sms_delivery", "security.account_recovery"},
          "purposes_are_data_uses keeps the purposes: %r" % uses_same)

    # Uncategorised origins, and a policy source's category.
    unc = Project(a, "uncategorised")
    unc.edit("account.h", 'PURPOSE_CATEGORY("user.contact.email")', "")
    r = unc.run()
    system = yaml.safe_load(r.stdout)["system"][0]
    check([u["origin"] for u in system["meta"]["uncategorised"]] ==
          ["social::Account::recovery_email"],
          "the e-mail is listed as uncategorised: %r" % system["meta"])
    check({c for c, _ in pairs_of({"system": [system]})} ==
          {"user.contact.phone_number"}, "only the phone has pairs")
    r = unc.run("--check", declared)
    check(r.returncode == 0 and "uncategorised: social::Account::recovery_email"
          in r.stdout, "--check lists the uncategorised origin: %r" % r.stdout)
    unc.write("contacts.policy.json",
              '{"version": 1, "sources": [{"field": '
              '"social::Account::recovery_email", "purposes": ["security"], '
              '"category": "user.contact.email"}]}\n')
    unc.config({"data_uses": MAPPED}, {"policies": ["contacts.policy.json"]})
    r = unc.run()
    check(set(pairs_of(yaml.safe_load(r.stdout))) == EXPECTED_PAIRS,
          "a policy source's category categorises the e-mail again")

    CHECKS.report()


if __name__ == "__main__":
    sys.exit(main())
