"""Shared pieces of the report and gate tests (scripts/tests/*_test.py).

Each test copies the project it runs on into a temporary directory, writes a
compile_commands.json for it with make_compdb, runs purpose-check there, and
records every failed check in a Checks object, which names the test and the
case in each message and exits 1 at the end if any check failed. Tests never
write into the source tree.

The tests that take --tool, --repo and --work DIR use work_args for their
options. doc_parser, the --help of a script built from its docstring, serves
the other tests and the benchmarks (scripts/bench) too.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__))))
CORPUS = os.path.join(REPO_ROOT, "test-corpus")
EXAMPLE = os.path.join(CORPUS, "example")

# The summary cache (docs/cache-format.md): CACHE_DIR/v4/ holds the entries,
# "<16 hex digits>.json", and the shared input sets that they name,
# "inputs-<16 hex digits>.json". Anything else there (writers' temporaries
# ".NAME.tmp-XXXXXXXX") is neither.
CACHE_VERSION = 4
# A build against another LLVM than 19 keeps its entries in v4-llvmMAJOR/
# instead; CTest passes the suffix (CMakeLists.txt, PURPOSE_TEST_ENV).
CACHE_VERSION_DIR = "v%d%s" % (CACHE_VERSION,
                               os.environ.get("PURPOSE_CACHE_DIR_SUFFIX", ""))
CACHE_ENTRY_RE = re.compile(r"^[0-9a-f]{16}\.json$")
CACHE_SHARED_RE = re.compile(r"^inputs-[0-9a-f]{16}\.json$")


def cache_version_dir(cache):
    """CACHE/v4: where the entries and shared input sets of cache lie."""
    return os.path.join(cache, CACHE_VERSION_DIR)


def cache_entry_names(cache):
    """The sorted file names of the entries in CACHE/v4 (not the shared input
    sets, not temporaries); [] when there is no such directory."""
    vdir = cache_version_dir(cache)
    if not os.path.isdir(vdir):
        return []
    return sorted(n for n in os.listdir(vdir) if CACHE_ENTRY_RE.match(n))


def generate_codebase(src, build, tus):
    """scripts/bench/gen_codebase.py TUS into src, and its compilation
    database in build. Returns the number of violations it planted."""
    subprocess.run([sys.executable, os.path.join(REPO_ROOT, "scripts", "bench",
                                                 "gen_codebase.py"), str(tus), src],
                   check=True, stdout=subprocess.DEVNULL)
    make_compdb.write_compdb(build, make_compdb.make_entries(src, repo_root=REPO_ROOT))
    return planted_violations(src)


def planted_violations(src):
    """The number of violations that gen_codebase.py planted in src."""
    with open(os.path.join(src, "expected.txt")) as f:
        return int(re.search(r"\d+", f.read()).group())


class Checks:
    """Collects failed checks; report() prints them and exits.

    Known bugs: xfail(pattern, why) declares that failures whose message
    contains `pattern` are expected. They do not fail the test, but a pattern
    that matches no failure does (FIXME: the bug is fixed, drop the xfail),
    so a known bug stays visible and the test goes red once it is fixed.
    """

    def __init__(self, test):
        self.test = test
        self.failures = []
        self.expected = {}  # pattern -> (why, matched failures)
        self.passed = 0

    def xfail(self, pattern, why):
        self.expected[pattern] = (why, [])

    def check(self, cond, msg):
        if cond:
            self.passed += 1
            return True
        for pattern, (why, matched) in self.expected.items():
            if pattern in msg:
                matched.append(msg)
                print("%s: XFAIL (%s): %s" % (self.test, why, msg), file=sys.stderr)
                return False
        self.failures.append(msg)
        print("%s: FAIL: %s" % (self.test, msg), file=sys.stderr)
        return False

    def equal(self, got, want, msg):
        return self.check(got == want, "%s: got %r, want %r" % (msg, got, want))

    def report(self):
        for pattern, (why, matched) in self.expected.items():
            if not matched:
                self.failures.append("expected failure %r (%s) did not occur: "
                                     "fixed? remove the xfail" % (pattern, why))
                print("%s: XPASS: %s" % (self.test, self.failures[-1]), file=sys.stderr)
        if self.failures:
            print("%s: %d check(s) failed, %d passed"
                  % (self.test, len(self.failures), self.passed), file=sys.stderr)
            sys.exit(1)
        print("%s: all %d checks passed" % (self.test, self.passed))
        sys.exit(0)


class Project:
    """A copy of a corpus case (a .cpp file or a directory) in a temp dir.

    Layout: ROOT/src holds the sources (and the case's *.policy.json files),
    ROOT/build the compile_commands.json. The tool runs with cwd=src by
    default, so reports name files relative to src.
    """

    def __init__(self, case, tmp_root):
        self.case = os.path.abspath(case)
        self.name = os.path.basename(self.case)
        if self.name.endswith(".cpp"):
            self.name = self.name[:-4]
        self.root = tempfile.mkdtemp(prefix=self.name + ".", dir=tmp_root)
        self.src = os.path.join(self.root, "src")
        self.build = os.path.join(self.root, "build")
        if os.path.isdir(self.case):
            shutil.copytree(self.case, self.src)
        else:
            os.makedirs(self.src)
            shutil.copy(self.case, self.src)
            stem = self.case[:-4]
            for policy in (stem + ".policy.json", self.case + ".policy.json"):
                if os.path.exists(policy):
                    shutil.copy(policy, self.src)
        self.compdb()

    def compdb(self):
        entries = make_compdb.make_entries(self.src, repo_root=REPO_ROOT)
        make_compdb.write_compdb(self.build, entries)

    def policies(self):
        return sorted(os.path.join(self.src, f) for f in os.listdir(self.src)
                      if f.endswith(".policy.json"))

    def path(self, rel):
        return os.path.join(self.src, rel)


def run(cmd, cwd, env=None, check_rc=None, timeout=600):
    """Runs cmd; returns (rc, stdout, stderr, seconds)."""
    start = time.monotonic()
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                       timeout=timeout)
    secs = time.monotonic() - start
    if check_rc is not None and p.returncode not in check_rc:
        sys.stderr.write(p.stderr)
        raise SystemExit("%s: exited %d, expected %s"
                         % (" ".join(cmd), p.returncode, check_rc))
    return p.returncode, p.stdout, p.stderr, secs


def run_tool(tool, project, args, cwd=None, jobs=None):
    """Runs purpose-check on project; returns (rc, stdout, stderr, seconds)."""
    cmd = [tool, "-p", project.build]
    for p in project.policies():
        cmd.append("--policy=" + p)
    if jobs is not None:
        cmd += ["-j", str(jobs)]
    return run(cmd + list(args), cwd=cwd or project.src)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def all_findings(report):
    """(kind, finding) for every finding of a JSON report, in report order."""
    for kind in ("violations", "suppressed", "declassified"):
        for f in report.get(kind, []):
            yield kind, f


def common_args(description):
    import argparse
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--tool", required=True, type=os.path.abspath,
                        help="path to purpose-check")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary directory")
    parser.add_argument("--xfail", action="append", default=[], metavar="PATTERN=WHY",
                        help="a known bug: failures containing PATTERN are expected "
                             "(and required)")
    return parser


def doc_parser(doc):
    """An ArgumentParser whose --help is the script's docstring doc: its
    first line above the options, the rest from its third line on below
    them, as written."""
    import argparse
    return argparse.ArgumentParser(
        description=doc.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(doc.splitlines()[2:]))


def make_checks(test, args):
    """A Checks for test with the --xfail options of args."""
    c = Checks(test)
    for spec in args.xfail:
        pattern, _, why = spec.partition("=")
        c.xfail(pattern, why or "known bug")
    return c


def work_args():
    """The options of the tests that take --tool, --repo and --work DIR
    (budget_test, fides_test, inventory_test); each adds its own."""
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--work", required=True)
    return parser


def run_make_compdb(repo, src, build):
    """repo's scripts/make_compdb.py: build/compile_commands.json for the
    sources under src."""
    subprocess.run([sys.executable, os.path.join(repo, "scripts", "make_compdb.py"),
                    src, build], check=True, stdout=subprocess.DEVNULL)


class TempDir:
    """A temporary directory removed on exit unless keep is set."""

    def __init__(self, prefix, keep=False):
        self.path = tempfile.mkdtemp(prefix=prefix)
        self.keep = keep

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        if self.keep:
            print("kept " + self.path)
        else:
            shutil.rmtree(self.path, ignore_errors=True)
