#!/usr/bin/env python3
"""The project config .purpose-check.json, read by every front end (issue 9).

Usage: config_test.py --tool PURPOSE_CHECK [--tidy-plugin SO] [--clang-tidy EXE]
                      [--keep] [--xfail PATTERN=WHY]...

A temporary project (a git repository):

  .purpose-check.json   {"policies": ["policies/adsdk.policy.json"],
                         "build_dir": "build", "cache_dir": ".cache/purpose",
                         "exclude": ["third_party/**"]}
  policies/adsdk.policy.json   declares adsdk::Upload an "advertising" sink
  include/adsdk.h       the SDK header: adsdk::Upload, not annotated
  src/account.h         Account::phone, SECURITY_CONTACT
  src/export.cpp        adsdk::Upload(account.phone): the violation
  src/util/names.cpp    no violation; src/util is the subdirectory runs use
  third_party/vendor/vendor_upload.cpp   adsdk::Upload(account.phone), excluded
  build/compile_commands.json   (make_compdb-style, clang++-19)

Asserts:
- CLI from the project root and from src/util, without -p: exit 1, exactly
  the policy-declared sink in src/export.cpp (name, purpose, line, column),
  JSON naming files relative to the config's directory (text output names
  them absolutely, as clang does); the third_party/ call is
  not reported; the cache is written to .cache/purpose and not to the default
  build/.purpose-check-cache;
- without the config's policy (--config none.json), no violation: the sink
  comes from the policy file alone; --policy adds it back;
- the config's "baseline" (written by --write-baseline) makes the CLI exit 0
  with no violation, --baseline replaces it, and clang-tidy hides the
  baselined violation too;
- -p overrides the config's build_dir; without a config or -p, the
  database is found upward from the current directory, and the default
  cache lies next to it;
- --config other.json (no exclude, cache_dir .cache/other) overrides: the
  third_party/ call is reported too, and .cache/other is written;
- each spelling of the exclude glob in EXCLUDE_SPELLINGS excludes the
  third_party/ call and no other; those in NOT_EXCLUDING exclude nothing;
- a config with an unknown key, bad JSON, a wrong type, or a missing file
  (by --config, and found upward) exits 2 with "FILE:LINE:COL: error:" at
  the right line and column, and writes no report;
- the pre-commit hook (scripts/pre-commit), with the violating call staged in
  a git repository and reverted in the working tree, blocks (exit 1) and
  reports the same sink at the same line and column;
- the clang-tidy plugin (when --tidy-plugin exists): clang-tidy-19
  --load=SO -checks='-*,purpose-limitation' src/export.cpp -p build, from
  the project root and from outside the project, reports the same sink line
  and column (the check finds the config upward from the file), and nothing
  on third_party/vendor/vendor_upload.cpp (excluded). Skipped, with the
  reason, when the plugin is not built.
purpose-clangd reads the same config; scripts/tests/lsp_test.py covers it.
"""

import json
import os
import re
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

TEST = "config_test"

CONFIG = """\
{
  "policies": ["policies/adsdk.policy.json"],
  "build_dir": "build",
  "cache_dir": ".cache/purpose",
  "exclude": ["third_party/**"]
}
"""

POLICY = """\
{
  "version": 1,
  "sinks": [
    {"function": "adsdk::Upload", "purpose": "advertising"}
  ]
}
"""

ADSDK_H = """\
// A vendor's SDK header: it cannot carry annotations.
#pragma once
#include <string>

namespace adsdk {
void Upload(const std::string& id);
}  // namespace adsdk
"""

ACCOUNT_H = """\
#pragma once
#include "purpose.h"
#include <string>

namespace acme {
struct Account {
  std::string name;
  SECURITY_CONTACT std::string phone;
};
}  // namespace acme
"""

EXPORT_CLEAN = """\
#include "account.h"
#include "adsdk.h"

namespace acme {

void ExportForAds(const Account& account) {
  adsdk::Upload(account.name);
}

}  // namespace acme
"""

# The violating call is on its own line: SINK_LINE, at the callee's name.
EXPORT = EXPORT_CLEAN.replace(
    "  adsdk::Upload(account.name);\n",
    "  adsdk::Upload(account.name);\n  adsdk::Upload(account.phone);\n")
SINK_TEXT = "  adsdk::Upload(account.phone);"
SINK_LINE = EXPORT.split("\n").index(SINK_TEXT) + 1
SINK_COLUMN = SINK_TEXT.index("Upload") + 1

NAMES = """\
#include "account.h"

namespace acme {

std::string DisplayName(const Account& account) { return account.name; }

}  // namespace acme
"""

VENDOR = """\
#include "account.h"
#include "adsdk.h"

namespace vendor {

void SyncContacts(const acme::Account& account) {
  adsdk::Upload(account.phone);
}

}  // namespace vendor
"""
VENDOR_LINE = VENDOR.split("\n").index("  adsdk::Upload(account.phone);") + 1

# Each must exclude third_party/vendor/vendor_upload.cpp and nothing else
# (Config.h: .gitignore-lite globs relative to the config's directory).
EXCLUDE_SPELLINGS = ["third_party/**", "third_party", "third_party/",
                     "/third_party", "./third_party/vendor", "**/vendor/*.cpp",
                     "vendor_upload.cpp", "*_upload.cpp", "third_party/*/vendor_*.cpp",
                     "vendor"]
NOT_EXCLUDING = ["src/third_party", "third_party/*.cpp", "vendor_upload.cc",
                 "/vendor", "vendor_upload.cpp/"]


class Project:
    def __init__(self, root, tool):
        self.root = root
        self.tool = tool
        self.env = dict(os.environ, PURPOSE_CHECK=tool, NO_COLOR="1",
                        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
        for var in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"):
            self.env.pop(var, None)
        files = {
            ".purpose-check.json": CONFIG,
            "policies/adsdk.policy.json": POLICY,
            "include/adsdk.h": ADSDK_H,
            "src/account.h": ACCOUNT_H,
            "src/export.cpp": EXPORT,
            "src/util/names.cpp": NAMES,
            "third_party/vendor/vendor_upload.cpp": VENDOR,
            ".gitignore": "build/\n.cache/\n",
        }
        for rel, text in files.items():
            self.write(rel, text)
        annotations = os.path.join(lib.REPO_ROOT, "annotations")
        entries = []
        for rel in ("src/export.cpp", "src/util/names.cpp",
                    "third_party/vendor/vendor_upload.cpp"):
            path = self.path(rel)
            entries.append({
                "directory": os.path.dirname(path), "file": path,
                "arguments": [make_compdb.COMPILER, "-std=c++17", "-I" + annotations,
                              "-I" + self.path("include"), "-I" + self.path("src"),
                              "-c", path]})
        make_compdb.write_compdb(self.path("build"), entries)

    def path(self, rel):
        return os.path.join(self.root, rel)

    def write(self, rel, text):
        os.makedirs(os.path.dirname(self.path(rel)), exist_ok=True)
        with open(self.path(rel), "w", encoding="utf-8") as f:
            f.write(text)

    def run(self, args, cwd="."):
        p = subprocess.run([self.tool] + list(args), cwd=self.path(cwd), env=self.env,
                           capture_output=True, text=True, timeout=600)
        return p.returncode, p.stdout, p.stderr

    def git(self, *args):
        p = subprocess.run(["git"] + list(args), cwd=self.root, env=self.env,
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit("git %s: %s" % (" ".join(args), p.stderr))
        return p.stdout


def sinks(report):
    """(origin, sink, purpose, file, line, column) of each violation."""
    return sorted((v["origin"]["name"], v["sink"]["name"], v["sink"]["purpose"],
                   v["sink"]["file"], v["sink"]["line"], v["sink"]["column"])
                  for v in report.get("violations", []))


EXPORT_SINK = ("acme::Account::phone", "adsdk::Upload", "advertising",
               "src/export.cpp", SINK_LINE, SINK_COLUMN)
VENDOR_SINK = ("acme::Account::phone", "adsdk::Upload", "advertising",
               "third_party/vendor/vendor_upload.cpp", VENDOR_LINE, SINK_COLUMN)


def check_json_run(c, proj, what, args, cwd, want_rc, want_sinks):
    rc, out, err = proj.run(["--format", "json"] + args, cwd=cwd)
    c.equal(rc, want_rc, "%s: exit status (stderr: %s)" % (what, err.strip()))
    try:
        report = json.loads(out)
    except ValueError:
        c.check(False, "%s: the output is not JSON: %r" % (what, out[:300]))
        return None
    c.check(report.get("complete") is True, "%s: the report is complete" % what)
    c.equal(sinks(report), sorted(want_sinks), "%s: the violations" % what)
    return report


def cache_entries(d):
    return sum(len(files) for _, _, files in os.walk(d)) if os.path.isdir(d) else 0


def check_cli(c, proj):
    # From the root and from a subdirectory, without -p.
    for where in (".", "src/util"):
        shutil.rmtree(proj.path(".cache"), ignore_errors=True)
        check_json_run(c, proj, "CLI from %s, no -p" % where, [], where, 1, [EXPORT_SINK])
        c.check(cache_entries(proj.path(".cache/purpose")) >= 3,
                "CLI from %s: the cache is written to .cache/purpose (%d files)"
                % (where, cache_entries(proj.path(".cache/purpose"))))
        c.check(not os.path.exists(proj.path("build/.purpose-check-cache")),
                "CLI from %s: nothing in the default cache build/.purpose-check-cache" % where)
    # Text output, like clang's diagnostics, names the file absolutely.
    rc, out, err = proj.run([], cwd="src/util")
    c.check(re.search(r"^%s:%d:%d: warning: .*adsdk::Upload.*\[purpose-limitation\]$"
                      % (re.escape(proj.path("src/export.cpp")), SINK_LINE, SINK_COLUMN),
                      out, re.M),
            "CLI text from src/util: the warning at src/export.cpp:%d:%d: %r"
            % (SINK_LINE, SINK_COLUMN, out))

    # The sink comes from the config's policy alone.
    proj.write("none.json", '{"build_dir": "build", "cache_dir": ".cache/none"}\n')
    check_json_run(c, proj, "--config none.json (no policy)",
                   ["--config", proj.path("none.json")], "src/util", 0, [])
    # --policy adds to a config's policies (none.json excludes nothing).
    check_json_run(c, proj, "--config none.json --policy adsdk.policy.json",
                   ["--config", "none.json", "--policy", "policies/adsdk.policy.json"],
                   ".", 1, [EXPORT_SINK, VENDOR_SINK])

    # --config overrides the config found upward.
    proj.write("other.json", json.dumps({
        "policies": ["policies/adsdk.policy.json"], "build_dir": "build",
        "cache_dir": ".cache/other"}, indent=2) + "\n")
    check_json_run(c, proj, "--config ../../other.json from src/util (no exclude)",
                   ["--config", "../../other.json"], "src/util", 1,
                   [EXPORT_SINK, VENDOR_SINK])
    c.check(cache_entries(proj.path(".cache/other")) >= 3,
            "--config other.json: the cache is written to its .cache/other")
    # The config's "baseline" is applied as --baseline is, and --baseline
    # replaces it.
    rc, out, err = proj.run(["--write-baseline", "purpose-baseline.json"])
    c.equal(rc, 0, "--write-baseline: exit status (%s)" % err.strip())
    proj.write("with-baseline.json", json.dumps({
        "policies": ["policies/adsdk.policy.json"], "build_dir": "build",
        "cache_dir": ".cache/purpose", "exclude": ["third_party/**"],
        "baseline": "purpose-baseline.json"}, indent=2) + "\n")
    check_json_run(c, proj, "config with \"baseline\"",
                   ["--config", "with-baseline.json"], ".", 0, [])
    proj.write("empty-baseline.json", '{"version": 1, "fingerprints": []}\n')
    check_json_run(c, proj, "--baseline replaces the config's",
                   ["--config", "with-baseline.json", "--baseline",
                    "empty-baseline.json"], ".", 1, [EXPORT_SINK])
    # -p overrides the config's build_dir.
    os.makedirs(proj.path("build-empty"), exist_ok=True)
    with open(proj.path("build-empty/compile_commands.json"), "w") as f:
        f.write("[]\n")
    rc, out, err = proj.run(["-p", "build-empty"])
    c.equal(rc, 2, "-p build-empty (an empty database) overrides build_dir: exit status")
    c.check("lists no files" in err, "-p build-empty: the error names the empty database: %r" % err)

    # No config, no -p: the database is searched upward from the current
    # directory, as clang-tidy does, and the default cache lies next to it.
    noconfig = os.path.join(os.path.dirname(proj.root), "noconfig")
    os.makedirs(os.path.join(noconfig, "a", "b"), exist_ok=True)
    shutil.copy(proj.path("build/compile_commands.json"), noconfig)
    p = subprocess.run([proj.tool, "--format", "json", "--policy",
                        proj.path("policies/adsdk.policy.json"),
                        "--source-root", proj.root],
                       cwd=os.path.join(noconfig, "a", "b"), env=proj.env,
                       capture_output=True, text=True, timeout=600)
    c.equal(p.returncode, 1, "no config, database upward: exit status (%s)" % p.stderr.strip())
    c.equal(sinks(json.loads(p.stdout)) if p.stdout.strip() else None,
            [EXPORT_SINK, VENDOR_SINK], "no config, database upward: the violations")
    c.check(cache_entries(os.path.join(noconfig, ".purpose-check-cache")) >= 3,
            "no config, database upward: the default cache lies next to the database")

    # Spellings of the exclude glob.
    for glob in EXCLUDE_SPELLINGS + NOT_EXCLUDING:
        proj.write("glob.json", json.dumps({
            "policies": ["policies/adsdk.policy.json"], "build_dir": "build",
            "cache_dir": ".cache/purpose", "exclude": [glob]}) + "\n")
        excluded = glob in EXCLUDE_SPELLINGS
        check_json_run(c, proj, "exclude %r" % glob, ["--config", "glob.json"], ".", 1,
                       [EXPORT_SINK] if excluded else [EXPORT_SINK, VENDOR_SINK])


BAD_CONFIGS = [
    # name, text, line, column, message pattern
    ("unknown key",
     '{\n  "build_dir": "build",\n  "exclud": ["third_party/**"]\n}\n',
     3, 3, r"unknown key 'exclud' in config file; did you mean 'exclude'\?"),
    ("bad JSON",
     '{\n  "build_dir": "build",\n  "exclude": ["third_party/**",]\n}\n',
     3, 32, r"malformed JSON"),
    ("wrong type",
     '{\n  "build_dir": "build",\n  "exclude": "third_party/**"\n}\n',
     3, 14, r"expected an array of strings for 'exclude'"),
]


def check_bad_configs(c, proj, tmp):
    for name, text, line, column, pattern in BAD_CONFIGS:
        # By --config.
        bad = proj.path("bad.json")
        proj.write("bad.json", text)
        # Upward: a project of its own, run from a subdirectory.
        other = os.path.join(tmp, "bad-" + name.replace(" ", "-"))
        os.makedirs(os.path.join(other, "sub"), exist_ok=True)
        shutil.copytree(proj.path("build"), os.path.join(other, "build"), dirs_exist_ok=True)
        upward = os.path.join(other, ".purpose-check.json")
        with open(upward, "w") as f:
            f.write(text)
        for how, path, args, cwd in (("--config", bad, ["--config", "bad.json"], proj.root),
                                     ("upward", upward, [], os.path.join(other, "sub"))):
            p = subprocess.run([proj.tool, "--format", "json"] + args, cwd=cwd, env=proj.env,
                               capture_output=True, text=True)
            what = "%s config (%s)" % (name, how)
            c.equal(p.returncode, 2, what + ": exit status")
            m = re.search(r"^(.*?):(\d+):(\d+): error: (.*)$", p.stderr, re.M)
            c.check(m, "%s: 'FILE:LINE:COL: error:' on standard error: %r" % (what, p.stderr))
            if not m:
                continue
            c.check(os.path.realpath(os.path.join(cwd, m.group(1))) == os.path.realpath(path),
                    "%s: the error names %s: %r" % (what, path, m.group(0)))
            c.equal(int(m.group(2)), line, what + ": error line")
            if column is not None:
                c.equal(int(m.group(3)), column, what + ": error column")
            c.check(re.search(pattern, m.group(4)), "%s: the message matches %r: %r"
                    % (what, pattern, m.group(4)))
            # The report is still written, marked incomplete, so that CI has a
            # file that says the run could not be trusted.
            try:
                doc = json.loads(p.stdout)
            except ValueError:
                doc = None
            c.check(isinstance(doc, dict) and doc.get("complete") is False
                    and doc.get("stats", {}).get("errors", 0) >= 1
                    and doc.get("violations") == [],
                    "%s: an incomplete JSON report on standard output: %r"
                    % (what, p.stdout))
    rc, out, err = proj.run(["--config", "missing.json"])
    c.equal(rc, 2, "--config missing.json: exit status")
    c.check("missing.json" in err and "error:" in err,
            "--config missing.json: the error names the file: %r" % err)


def check_hook(c, proj):
    hook = os.path.join(lib.REPO_ROOT, "scripts", "pre-commit")
    proj.write("src/export.cpp", EXPORT_CLEAN)
    proj.git("init", "-q", "-b", "main")
    proj.git("add", "-A")
    proj.git("commit", "-q", "--no-verify", "-m", "clean")
    # Staged: the violating call. Working tree: reverted.
    proj.write("src/export.cpp", EXPORT)
    proj.git("add", "src/export.cpp")
    proj.write("src/export.cpp", EXPORT_CLEAN)
    p = subprocess.run(["bash", hook], cwd=proj.path("src/util"), env=proj.env,
                       capture_output=True, text=True, timeout=600)
    out = p.stdout + p.stderr
    c.equal(p.returncode, 1, "pre-commit hook, violating call staged: exit status (%s)"
            % out.strip())
    c.check(re.search(r"^(\S*/)?src/export\.cpp:%d:%d: warning: .*adsdk::Upload.*"
                      r"\[purpose-limitation\]$" % (SINK_LINE, SINK_COLUMN), out, re.M),
            "pre-commit hook: the policy-declared sink at src/export.cpp:%d:%d: %r"
            % (SINK_LINE, SINK_COLUMN, out))
    c.check("vendor_upload.cpp" not in out,
            "pre-commit hook: nothing on the excluded third_party/ file: %r" % out)
    proj.git("reset", "-q", "--hard", "HEAD")
    proj.write("src/export.cpp", EXPORT)


def check_tidy(c, proj, plugin, clang_tidy, tmp):
    if not plugin or not os.path.isfile(plugin):
        print("%s: SKIP: the clang-tidy plugin %s is not built; its part of the "
              "test is skipped" % (TEST, plugin))
        return
    if not clang_tidy:
        print("%s: SKIP: clang-tidy-19 not found; the plugin's part of the test "
              "is skipped" % TEST)
        return
    export = proj.path("src/export.cpp")
    for cwd in (proj.root, tmp):
        args = [clang_tidy, "--load=" + plugin, "-checks=-*,purpose-limitation",
                export, "-p", proj.path("build")]
        p = subprocess.run(args, cwd=cwd, env=proj.env, capture_output=True, text=True,
                           timeout=600)
        out = p.stdout + p.stderr
        where = "clang-tidy from %s" % ("the project" if cwd == proj.root else "outside it")
        found = re.findall(r"^(\S+):(\d+):(\d+): warning: (.*)\[purpose-limitation\]$",
                           out, re.M)
        c.equal([(os.path.realpath(f), int(l), int(col)) for f, l, col, _ in found],
                [(os.path.realpath(export), SINK_LINE, SINK_COLUMN)],
                "%s: the purpose-limitation warnings on src/export.cpp (output: %s)"
                % (where, out.strip()))
        c.check(all("adsdk::Upload" in m and "advertising" in m for *_, m in found),
                "%s: the warning names the policy sink: %r" % (where, found))
        c.check("error:" not in out, "%s: no error: %r" % (where, out))
    vendor = proj.path("third_party/vendor/vendor_upload.cpp")
    p = subprocess.run([clang_tidy, "--load=" + plugin, "-checks=-*,purpose-limitation",
                        vendor, "-p", proj.path("build")], cwd=proj.root, env=proj.env,
                       capture_output=True, text=True, timeout=600)
    c.check("[purpose-limitation]" not in p.stdout + p.stderr,
            "clang-tidy on the excluded third_party/ file reports nothing: %r"
            % (p.stdout + p.stderr))
    # The config's "baseline" hides the baselined violation in the editor too.
    config = proj.path(".purpose-check.json")
    with open(config, encoding="utf-8") as f:
        original = f.read()
    with_baseline = json.loads(original)
    with_baseline["baseline"] = "purpose-baseline.json"
    proj.write(".purpose-check.json", json.dumps(with_baseline, indent=2) + "\n")
    try:
        p = subprocess.run([clang_tidy, "--load=" + plugin,
                            "-checks=-*,purpose-limitation", export, "-p",
                            proj.path("build")], cwd=proj.root, env=proj.env,
                           capture_output=True, text=True, timeout=600)
        out = p.stdout + p.stderr
        c.check("[purpose-limitation]" not in out and "error:" not in out,
                "clang-tidy with the config's baseline reports nothing: %r" % out)
    finally:
        proj.write(".purpose-check.json", original)


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--tidy-plugin", type=os.path.abspath,
                        help="libPurposeCheckTidy.so (skipped if absent)")
    parser.add_argument("--clang-tidy", default=shutil.which("clang-tidy-19"))
    args = parser.parse_args()
    c = lib.make_checks(TEST, args)
    with lib.TempDir("purpose-config.", args.keep) as tmp:
        tmp = os.path.realpath(tmp)
        proj = Project(os.path.join(tmp, "proj"), args.tool)
        check_cli(c, proj)
        check_bad_configs(c, proj, tmp)
        check_tidy(c, proj, args.tidy_plugin, args.clang_tidy, tmp)
        check_hook(c, proj)
    c.report()


if __name__ == "__main__":
    sys.exit(main())
