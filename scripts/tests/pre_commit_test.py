#!/usr/bin/env python3
"""Pre-commit hook test: scripts/pre-commit in a temporary git repository.

Usage: pre_commit_test.py --tool PURPOSE_CHECK [--hook scripts/pre-commit] [--xfail P=WHY]...

The repository is a copy of test-corpus/example with a compile_commands.json
(make_compdb.py) in build/ and a .purpose-check.json naming build_dir and
cache_dir; the hook is installed as .git/hooks/pre-commit and finds the tool
through PURPOSE_CHECK. Each scenario starts from a clean tree at the last
commit and asserts whether `git commit` succeeds (a new commit exists) or is
blocked (HEAD unchanged, the hook's output holds the violation and its
trace):

- unrelated: a comment in login_flow.cpp                         -> passes
- violation: login_flow.cpp gains a call that sends the
  two-factor phone to an ad API                                  -> blocked
- header: account.h (staged) marks handle as a security contact,
  which flows to an ad API in audience.cpp                       -> blocked
- worktree-only: the violating call is in the working tree but
  not staged (the staged change is a comment)                    -> passes
- staged-only: the violating call is staged, the working tree
  has it removed again                                           -> blocked
- staged header only: account.h's staged change makes the
  violation, the working tree has it reverted                    -> blocked
- staged suppression: the staged violating call has a NOLINT with
  a reason, the working tree's has none                          -> passes
- worktree-only suppression: the reverse                         -> blocked
- no C/C++ staged: a README change                               -> passes

The shared cache (issue 15): the command line fills the config's cache_dir,
then login_flow.cpp is staged with a comment while its working copy has the
violating call; the hook runs twice. The shared cache (the one the editor and
the command line read) must hold the same files with the same bytes as
before; the first run parses only the staged translation unit and the second
none (the JSON report's stats, through PURPOSE_CHECK_ARGS).

The config's baseline (issue 15): with a baseline written by
--write-baseline and named in .purpose-check.json, and no PURPOSE_CHECK_ARGS,
- old violations: audience.cpp, which has the example's violations,
  gains an unrelated line at the top (it is blocked without the
  baseline, which the test checks first)                         -> passes
- new violation: audience.cpp gains a violating call              -> blocked
and the same two with the config in the directory above the work tree.

The example's own violations do not touch login_flow.cpp or README.md, so the
scenarios on those files see only what they add. A stand-in tool then checks
the hook's overlay with clang alone: the preprocessed main file and header
are the staged ones, under their real names. Warm-run times are printed,
not asserted.
"""

import json
import os
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402

VIOLATING = """
namespace social {

// Shares the login phone with the ad partner: a purpose-limitation violation.
void ShareLoginPhone(const Account& account) {
  ads::MatchPartnerAudience(7, account.two_factor_phone);
}

}  // namespace social
"""


class Repo:
    def __init__(self, root, tool, hook_file):
        self.root = root
        self.env = dict(os.environ, PURPOSE_CHECK=tool, GIT_AUTHOR_NAME="t",
                        GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
                        GIT_COMMITTER_EMAIL="t@example.com", NO_COLOR="1")
        for var in ("GIT_DIR", "GIT_INDEX_FILE", "PURPOSE_CHECK_ARGS", "PURPOSE_CHECK_SKIP"):
            self.env.pop(var, None)
        self.tool = tool
        shutil.copytree(lib.EXAMPLE, root)
        make = lib.make_compdb
        make.write_compdb(os.path.join(root, "build"), make.make_entries(root, repo_root=lib.REPO_ROOT))
        with open(os.path.join(root, ".purpose-check.json"), "w") as f:
            f.write('{"build_dir": "build", "cache_dir": "build/purpose-cache"}\n')
        with open(os.path.join(root, ".gitignore"), "w") as f:
            f.write("build/\n")
        self.git("init", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "example")
        hook = os.path.join(root, ".git", "hooks", "pre-commit")
        shutil.copy(hook_file, hook)
        os.chmod(hook, 0o755)

    def git(self, *args, check=True):
        p = subprocess.run(["git"] + list(args), cwd=self.root, env=self.env,
                           capture_output=True, text=True)
        if check and p.returncode != 0:
            raise SystemExit("git %s: %s" % (" ".join(args), p.stderr))
        return p

    def head(self):
        return self.git("rev-parse", "HEAD").stdout.strip()

    def reset(self):
        self.git("reset", "-q", "--hard", "HEAD")
        self.git("clean", "-q", "-fd")

    def path(self, rel):
        return os.path.join(self.root, rel)

    def read(self, rel):
        with open(self.path(rel), encoding="utf-8") as f:
            return f.read()

    def write(self, rel, text):
        with open(self.path(rel), "w", encoding="utf-8") as f:
            f.write(text)

    def run_tool(self, *args):
        """purpose-check from the top of the work tree (it finds the config)."""
        return subprocess.run([self.tool] + list(args), cwd=self.root, env=self.env,
                              capture_output=True, text=True)

    def run_hook(self, extra_args=""):
        env = dict(self.env)
        if extra_args:
            env["PURPOSE_CHECK_ARGS"] = extra_args
        return subprocess.run([os.path.join(self.root, ".git", "hooks", "pre-commit")],
                              cwd=self.root, env=env, capture_output=True, text=True)

    def commit(self, msg):
        """Runs git commit (and so the hook); returns (committed, output, seconds)."""
        before = self.head()
        start = time.monotonic()
        p = self.git("commit", "-m", msg, check=False)
        secs = time.monotonic() - start
        committed = self.head() != before
        if committed != (p.returncode == 0):
            raise SystemExit("git commit exited %d but HEAD %s" % (
                p.returncode, "moved" if committed else "did not move"))
        return committed, p.stdout + p.stderr, secs


HOOK = os.path.join(lib.REPO_ROOT, "scripts", "pre-commit")


def with_violation(text):
    text = text.replace('#include "notifications.h"',
                        '#include "notifications.h"\n#include "ads_sdk.h"', 1)
    return text.rstrip("\n") + "\n" + VIOLATING


def violation_line(text):
    return text.split("\n").index("  ads::MatchPartnerAudience(7, account.two_factor_phone);") + 1


FAKE_TOOL = r"""#!/usr/bin/env python3
import json, os, subprocess, sys
args = sys.argv[1:]
if "--help" in args:
    sys.exit(0)
overlay = None
for a in args:
    for prefix in ("--extra-arg=-ivfsoverlay=", "--vfsoverlay="):
        if a.startswith(prefix):
            overlay = a[len(prefix):]
build = args[args.index("-p") + 1]
files, skip = [], False
for a in args:
    if skip:
        skip = False
    elif a in ("-p", "--config", "--cache-dir", "--baseline", "--format", "-o"):
        skip = True
    elif not a.startswith("-"):
        files.append(a)
db = json.load(open(os.path.join(build, "compile_commands.json")))
entry = next(e for e in db if e["file"].endswith("/login_flow.cpp"))
cmd = [a for a in entry["arguments"] if a != "-c"] + ["-E"]
if overlay:
    cmd += ["-ivfsoverlay", overlay]
out = subprocess.run(cmd, cwd=entry["directory"], capture_output=True, text=True)
text = out.stdout
def which(tag):
    s, w = "staged_%s_marker" % tag in text, "worktree_%s_marker" % tag in text
    return "staged" if s and not w else "worktree" if w and not s else "unclear"
names = "temp" if "purpose-pre-commit." in text else "real"
print("FAKE overlay=%s main=%s header=%s names=%s files=%s rc=%d %s" % (
    "yes" if overlay else "no", which("main"), which("header"), names,
    ",".join(sorted(os.path.basename(f) for f in files)), out.returncode, out.stderr[-300:]))
"""


def check_overlay(c, repo, tmp):
    fake = os.path.join(tmp, "fake-purpose-check")
    with open(fake, "w") as f:
        f.write(FAKE_TOOL)
    os.chmod(fake, 0o755)
    login = repo.read("login_flow.cpp")
    account = repo.read("account.h")
    repo.write("login_flow.cpp", login + "int staged_main_marker;\n")
    repo.write("account.h", account.replace("#endif  // SOCIAL_ACCOUNT_H",
                                            "int staged_header_marker;\n#endif  // SOCIAL_ACCOUNT_H"))
    repo.git("add", "login_flow.cpp", "account.h")
    repo.write("login_flow.cpp", login + "int worktree_main_marker;\n")
    repo.write("account.h", account.replace("#endif  // SOCIAL_ACCOUNT_H",
                                            "int worktree_header_marker;\n#endif  // SOCIAL_ACCOUNT_H"))
    p = subprocess.run([os.path.join(repo.root, ".git", "hooks", "pre-commit")], cwd=repo.root,
                       env=dict(repo.env, PURPOSE_CHECK=fake), capture_output=True, text=True)
    out = p.stdout + p.stderr
    print("--- overlay with a stand-in tool: " + out.strip().replace("\n", "\n    "))
    c.check("FAKE overlay=yes main=staged header=staged names=real files=account.h,login_flow.cpp rc=0"
            in out, "overlay: clang with the hook's overlay does not see the staged main file "
            "and header under their real names: %r" % out)
    repo.git("reset", "-q", "--hard", "HEAD")


SHARED_CACHE = os.path.join("build", "purpose-cache")  # the test config's cache_dir


def snapshot(directory):
    """{relative path: bytes} of every file under directory."""
    out = {}
    for dirpath, _, names in os.walk(directory):
        for n in names:
            full = os.path.join(dirpath, n)
            with open(full, "rb") as f:
                out[os.path.relpath(full, directory)] = f.read()
    return out


def check_shared_cache(c, repo, tmp, login):
    """The hook leaves the cache that the editor and the command line read as
    it was, and still takes unchanged translation units from a cache."""
    cache = repo.path(SHARED_CACHE)
    p = repo.run_tool()
    c.check(p.returncode in (0, 1), "shared cache: the command line run failed (%d): %s"
            % (p.returncode, p.stderr[-500:]))
    before = snapshot(cache)
    c.check(any(lib.CACHE_ENTRY_RE.match(os.path.basename(n)) for n in before),
            "shared cache: the command line wrote no entries to %s" % cache)

    # Staged: a harmless comment. Working tree: the violating call.
    repo.write("login_flow.cpp", login + "// A staged comment.\n")
    repo.git("add", "login_flow.cpp")
    repo.write("login_flow.cpp", with_violation(login + "// A staged comment.\n"))
    for run in ("first", "second"):
        report = os.path.join(tmp, "hook-%s.json" % run)
        p = repo.run_hook("--format json -o " + report)
        print("--- shared cache, %s hook run: exit %d\n    %s" % (
            run, p.returncode, (p.stdout + p.stderr).strip().replace("\n", "\n    ")))
        c.equal(p.returncode, 0, "shared cache: %s hook run: exit status" % run)
        after = snapshot(cache)
        c.equal(sorted(after), sorted(before),
                "shared cache: file names after the %s hook run" % run)
        changed = sorted(n for n in before if n in after and after[n] != before[n])
        c.equal(changed, [], "shared cache: files whose bytes the %s hook run changed" % run)
        try:
            with open(report, encoding="utf-8") as f:
                stats = json.load(f)["stats"]
        except (OSError, ValueError, KeyError) as e:
            c.check(False, "shared cache: %s hook run: no JSON report with stats: %s" % (run, e))
            continue
        parsed = stats["translation_units"] - stats["translation_units_from_cache"]
        # First run: the staged login_flow.cpp is new to every cache. Second:
        # its summary is in the hook's own cache.
        c.equal(parsed, 1 if run == "first" else 0,
                "shared cache: translation units the %s hook run parsed" % run)
    # The command line still sees the working tree's violation.
    p = repo.run_tool()
    c.check(p.returncode == 1 and "login_flow.cpp:%d:" % violation_line(
        repo.read("login_flow.cpp")) in p.stdout + p.stderr,
        "shared cache: the command line after the hook misses the working tree's "
        "violation (exit %d): %s" % (p.returncode, (p.stdout + p.stderr)[-800:]))
    repo.reset()


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--hook", default=HOOK)
    args = parser.parse_args()
    hook = os.path.abspath(args.hook)
    c = lib.make_checks("pre_commit_test", args)
    with lib.TempDir("purpose-hook.", args.keep) as tmp:
        repo = Repo(os.path.join(tmp, "repo"), args.tool, hook)
        login = repo.read("login_flow.cpp")
        account = repo.read("account.h")
        bad_login = with_violation(login)
        bad_line = violation_line(bad_login)
        warning = "login_flow.cpp:%d:" % bad_line
        times = {}

        def scenario(name, want_commit, must_have=(), must_not_have=()):
            base = repo.head()
            committed, out, secs = repo.commit(name)
            times[name] = secs
            print("--- %s: %s in %.1fs\n    %s" % (
                name, "committed" if committed else "blocked", secs,
                out.strip().replace("\n", "\n    ")))
            c.check(committed == want_commit, "%s: the commit %s, want it %s" % (
                name, "went through" if committed else "was blocked",
                "to go through" if want_commit else "blocked"))
            for s in must_have:
                c.check(s in out, "%s: the hook's output lacks %r" % (name, s))
            for s in must_not_have:
                c.check(s not in out, "%s: the hook's output has %r" % (name, s))
            # Every scenario starts from the same commit.
            repo.git("reset", "-q", "--hard", base)
            repo.git("clean", "-q", "-fd")

        # Cold run first, so later times are warm.
        repo.write("login_flow.cpp", login + "// Cold run.\n")
        repo.git("add", "login_flow.cpp")
        scenario("unrelated (cold cache)", True)

        repo.write("login_flow.cpp", login + "// An unrelated comment.\n")
        repo.git("add", "login_flow.cpp")
        scenario("unrelated", True, must_not_have=["warning:"])

        repo.write("login_flow.cpp", bad_login)
        repo.git("add", "login_flow.cpp")
        scenario("violation", False, must_have=[
            warning, "warning:", "[purpose-limitation]",
            "note: read of 'social::Account::two_factor_phone'",
            "social::ads::MatchPartnerAudience", "commit blocked"])

        bad_account = account.replace("  std::string handle;", "  SECURITY_CONTACT std::string handle;", 1)
        assert bad_account != account
        repo.write("account.h", bad_account)
        repo.git("add", "account.h")
        scenario("header", False, must_have=["'social::Account::handle'", "note:"])

        repo.write("login_flow.cpp", login + "// A staged comment.\n")
        repo.git("add", "login_flow.cpp")
        repo.write("login_flow.cpp", with_violation(login + "// A staged comment.\n"))
        scenario("worktree-only violation", True, must_not_have=["warning:"])

        repo.write("login_flow.cpp", bad_login)
        repo.git("add", "login_flow.cpp")
        repo.write("login_flow.cpp", login)
        scenario("staged-only violation", False, must_have=[warning, "note: read of"])

        repo.write("account.h", bad_account)
        repo.git("add", "account.h")
        repo.write("account.h", account)
        scenario("staged-only header", False, must_have=["'social::Account::handle'"])

        # Suppressions count as staged too: the NOLINT comment is part of
        # the staged text, on the same line as in the working tree.
        nolint = bad_login.replace(
            "ads::MatchPartnerAudience(7, account.two_factor_phone);",
            "ads::MatchPartnerAudience(7, account.two_factor_phone);"
            "  // NOLINT(purpose-limitation): approved in PRIV-1")
        repo.write("login_flow.cpp", nolint)
        repo.git("add", "login_flow.cpp")
        repo.write("login_flow.cpp", bad_login)
        scenario("staged suppression", True, must_not_have=["warning:"])

        repo.write("login_flow.cpp", bad_login)
        repo.git("add", "login_flow.cpp")
        repo.write("login_flow.cpp", nolint)
        scenario("worktree-only suppression", False, must_have=[warning])

        repo.write("README.md", repo.read("README.md") + "\nMore words.\n")
        repo.git("add", "README.md")
        scenario("no C/C++ staged", True)

        # The overlay itself, without purpose-check: a stand-in tool
        # preprocesses login_flow.cpp with clang and the hook's overlay, and
        # reports which version of the main file and of account.h it saw.
        check_overlay(c, repo, tmp)

        # The shared cache stays as the command line left it.
        check_shared_cache(c, repo, tmp, login)

        # The config's baseline applies without PURPOSE_CHECK_ARGS.
        audience = repo.read("audience.cpp")
        old_edit = "// Audience sync (an unrelated edit above old violations).\n" + audience
        repo.write("audience.cpp", old_edit)
        repo.git("add", "audience.cpp")
        scenario("old violations, no baseline (control)", False,
                 must_have=["audience.cpp:18:", "[purpose-limitation]"])
        p = repo.run_tool("--write-baseline", repo.path("purpose-baseline.json"))
        c.equal(p.returncode, 0, "--write-baseline: exit status (%s)" % p.stderr[-500:])
        repo.write(".purpose-check.json", '{"build_dir": "build", "cache_dir": "%s", '
                   '"baseline": "purpose-baseline.json"}\n' % SHARED_CACHE)
        repo.git("add", ".purpose-check.json", "purpose-baseline.json")
        repo.git("commit", "-q", "--no-verify", "-m", "baseline")
        repo.write("audience.cpp", old_edit)
        repo.git("add", "audience.cpp")
        scenario("old violations, baseline in the config", True, must_not_have=["warning:"])
        new_bad = old_edit.rstrip("\n") + "\n" + VIOLATING
        repo.write("audience.cpp", new_bad)
        repo.git("add", "audience.cpp")
        scenario("new violation, baseline in the config", False, must_have=[
            "audience.cpp:%d:" % violation_line(new_bad),
            "[purpose-limitation]", "commit blocked"], must_not_have=["audience.cpp:18:"])
        # The same with the config above the work tree (paths relative to it).
        repo.git("rm", "-q", ".purpose-check.json")
        repo.git("commit", "-q", "--no-verify", "-m", "config moves up")
        outer = os.path.dirname(repo.root)
        rel = os.path.basename(repo.root)
        with open(os.path.join(outer, ".purpose-check.json"), "w") as f:
            json.dump({"build_dir": rel + "/build", "cache_dir": rel + "/" + SHARED_CACHE,
                       "baseline": rel + "/purpose-baseline.json"}, f)
        repo.write("audience.cpp", old_edit)
        repo.git("add", "audience.cpp")
        scenario("old violations, baseline in a config above the work tree", True,
                 must_not_have=["warning:"])
        repo.write("audience.cpp", new_bad)
        repo.git("add", "audience.cpp")
        scenario("new violation, baseline in a config above the work tree", False, must_have=[
            "audience.cpp:%d:" % violation_line(new_bad), "commit blocked"],
            must_not_have=["audience.cpp:18:"])
        os.remove(os.path.join(outer, ".purpose-check.json"))

        # A warm run of the hook alone (what a commit adds to `git commit`).
        repo.write("login_flow.cpp", repo.read("login_flow.cpp") + "// timing\n")
        repo.git("add", "login_flow.cpp")
        start = time.monotonic()
        p = subprocess.run([hook], cwd=repo.root, env=repo.env, capture_output=True, text=True)
        warm = time.monotonic() - start
        c.equal(p.returncode, 0, "warm hook run: exit status (%s)" % p.stderr.strip())
        repo.reset()
        print("timings: " + ", ".join("%s %.1fs" % kv for kv in times.items()))
        print("warm hook run (one TU changed): %.1fs" % warm)
    c.report()


if __name__ == "__main__":
    main()
