#!/usr/bin/env python3
"""Robustness tests of purpose-check (issue 8): bad input, huge input,
concurrency and interruption.

usage: robustness_test.py --tool PURPOSE_CHECK --case NAME [--work DIR]
                          [--xfail PATTERN=WHY] [--keep] [--runs N]
       robustness_test.py --list

Each case builds its inputs under --work (default: a temporary directory;
CTest passes one in the build tree), runs the tool, and checks, for every
run:
- the documented exit status (INTERFACE.md section 4), and no crash;
- a message on standard error that names what is wrong (file, and position
  where there is one);
- nothing half-written: the -o file is absent or complete (and marked
  incomplete when the status is 2), no temporary files are left next to it
  or in the cache directory, and every cache entry parses;
- bounded time (a timeout per run, and a stated bound for the huge inputs)
  and bounded memory (each run under RLIMIT_AS, --mem-limit-mb), with the
  time and peak RSS printed.

Failures name the case and the run. Known tool bugs are passed as --xfail
PATTERN=WHY (see report_testlib.Checks): such a failure is expected, and the
test goes red once the bug is fixed.
"""

import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "stress"))
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402
import gen_stress  # noqa: E402

REPO_ROOT = os.path.dirname(HERE)
GEN_CODEBASE = os.path.join(HERE, "bench", "gen_codebase.py")

# Set from the command line.
TOOL = None
MEM_LIMIT_MB = 4096
TIMEOUT = 120      # seconds, any single run
HUGE_BOUND = 300   # seconds, a run on a huge input (2 cores, loaded)

TEMP_RE = re.compile(r"\.tmp")   # writers' temporaries: ".NAME.tmp-XXXXXXXX"
ENTRY_RE = re.compile(r"^[0-9a-f]{16}\.json$")


# --------------------------------------------------------------------------
# Running the tool

class Result:
    """What one run did: rc (negative: killed by that signal), stdout and
    stderr (text; undecodable bytes replaced), seconds, peak RSS in MiB."""

    def __init__(self, cmd, rc, out, err, secs, rss_mb, timed_out):
        self.cmd, self.rc, self.out, self.err = cmd, rc, out, err
        self.out_bytes = None
        self.secs, self.rss_mb, self.timed_out = secs, rss_mb, timed_out

    def tail(self, n=15):
        lines = self.err.rstrip().splitlines()
        return "\n    ".join(lines[-n:]) if lines else "(nothing on stderr)"


def _limits(mem_mb, fsize=None):
    def apply():
        if mem_mb:
            limit = mem_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if fsize is not None:
            # Writes past fsize bytes fail with EFBIG instead of killing.
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return apply


def start(args, cwd, mem_mb=None, stdout=None, stderr=None, fsize=None):
    """Starts the tool with args under the memory limit (and a file size
    limit of fsize bytes); returns the Popen."""
    return subprocess.Popen(
        [TOOL] + list(args), cwd=cwd, stdin=subprocess.DEVNULL,
        stdout=stdout or subprocess.DEVNULL, stderr=stderr or subprocess.DEVNULL,
        preexec_fn=_limits(MEM_LIMIT_MB if mem_mb is None else mem_mb, fsize))


def reap(p, timeout, started):
    """Waits for p (killing it after timeout); returns (rc, rss_mb, timed_out)."""
    timed_out = False
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - started > timeout:
            p.kill()
            pid, status, ru = os.wait4(p.pid, 0)
            timed_out = True
            break
        time.sleep(0.01)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, ru.ru_maxrss / 1024.0, timed_out


def run(args, cwd, timeout=None, mem_mb=None, fsize=None):
    """Runs the tool with args; returns a Result."""
    timeout = timeout or TIMEOUT
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        began = time.monotonic()
        p = start(args, cwd, mem_mb, fo, fe, fsize)
        rc, rss, timed_out = reap(p, timeout, began)
        secs = time.monotonic() - began
        fo.seek(0)
        fe.seek(0)
        out_bytes, err = fo.read(), fe.read()
    r = Result([TOOL] + list(args), rc, out_bytes.decode("utf-8", "replace"),
               err.decode("utf-8", "replace"), secs, rss, timed_out)
    r.out_bytes = out_bytes
    return r


def expect(c, what, r, rc, stderr_has=(), bound=None):
    """Checks the exit status of r (and that it did not crash or time out),
    that stderr mentions each of stderr_has, and the time bound. Prints the
    time and peak RSS."""
    print("%s: exit %d, %.1fs, peak RSS %.0f MiB" % (what, r.rc, r.secs, r.rss_mb))
    ok = c.check(not r.timed_out, "%s: timed out after %.0fs: %s" % (
        what, r.secs, " ".join(r.cmd)))
    ok = c.check(r.rc >= 0, "%s: killed by signal %d (crash or memory limit of "
                 "%d MiB; peak RSS %.0f MiB)\n    %s" % (
                     what, -r.rc, MEM_LIMIT_MB, r.rss_mb, r.tail())) and ok
    if r.rc >= 0:
        ok = c.check(r.rc == rc, "%s: exit status %d, want %d\n    %s" % (
            what, r.rc, rc, r.tail())) and ok
    for s in stderr_has:
        ok = c.check(s in r.err, "%s: standard error does not mention %r\n    %s"
                     % (what, s, r.tail())) and ok
    if bound is not None:
        ok = c.check(r.secs <= bound, "%s: took %.1fs, bound %ds" % (
            what, r.secs, bound)) and ok
    return ok


# --------------------------------------------------------------------------
# Reports, caches and temporary files

def stray_temps(root):
    """Writers' temporary files anywhere under root (relative paths)."""
    found = []
    for d, _, files in os.walk(root):
        for f in files:
            if TEMP_RE.search(f):
                found.append(os.path.relpath(os.path.join(d, f), root))
    return sorted(found)


def check_no_temps(c, what, *dirs):
    for d in dirs:
        if os.path.isdir(d):
            left = stray_temps(d)
            c.check(not left, "%s: temporary files left in %s: %s" % (what, d, left))


def load_report(path, fmt="json"):
    """The parsed report at path (json or sarif), or raises ValueError."""
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if fmt in ("json", "sarif"):
        return json.loads(text)
    if fmt == "html":
        if "</html>" not in text[-200:].lower():
            raise ValueError("does not end with </html>")
    return text


def load_text_report(path):
    """A text report: clang's diagnostic format, which, like clang, may
    quote source bytes that are not UTF-8."""
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def check_report(c, what, path, rc, fmt="json", previous=None):
    """Nothing half-written at path: no file, the previous bytes, or a
    complete report, marked incomplete when rc is 2. Returns the parsed
    report, or None."""
    check_no_temps(c, what, os.path.dirname(path))
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        data = f.read()
    if previous is not None and data == previous:
        return None
    try:
        doc = load_text_report(path) if fmt == "text" else load_report(path, fmt)
    except (ValueError, OSError) as e:
        c.check(False, "%s: %s is half-written or not valid %s: %s" % (what, path, fmt, e))
        return None
    if fmt == "json":
        c.check(isinstance(doc, dict) and "complete" in doc and "violations" in doc,
                "%s: %s is not a complete JSON report" % (what, path))
        if rc == 2:
            c.check(doc.get("complete") is False,
                    "%s: exit status 2 but the JSON report is not marked "
                    "\"complete\": false" % what)
    if fmt == "sarif" and rc == 2:
        inv = (doc.get("runs") or [{}])[0].get("invocations") or [{}]
        c.check(inv[0].get("executionSuccessful") is False,
                "%s: exit status 2 but SARIF invocations[0].executionSuccessful "
                "is not false" % what)
    return doc


def normalized(doc):
    """A JSON report without what legitimately differs between runs that
    share a cache: the number of TUs taken from the cache."""
    doc = json.loads(json.dumps(doc))
    doc.get("stats", {}).pop("translation_units_from_cache", None)
    return doc


def check_cache(c, what, cache):
    """Every file of the cache is a complete entry: CACHE/v1/<hash>.json that
    parses, with no temporaries. Returns the entry count."""
    if not os.path.isdir(cache):
        return 0
    n = 0
    for d, _, files in os.walk(cache):
        for f in sorted(files):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, cache)
            if TEMP_RE.search(f):
                c.check(False, "%s: temporary files left in the cache: %s" % (what, rel))
                continue
            if not (os.path.dirname(rel) == "v1" and ENTRY_RE.match(f)):
                c.check(False, "%s: unexpected file in the cache: %s" % (what, rel))
                continue
            try:
                with open(p, encoding="utf-8") as fh:
                    e = json.load(fh)
                ok = isinstance(e, dict) and "payload" in e and "version" in e
            except ValueError as ex:
                ok, e = False, ex
            c.check(ok, "%s: cache entry %s does not parse: %s" % (what, rel, str(e)[:200]))
            n += 1
    return n


def violation_keys(doc):
    return sorted((v["sink"]["file"], v["sink"]["line"], v["origin"]["name"],
                   v["sink"]["name"]) for v in doc.get("violations", []))


def check_violations(c, what, doc, expected, prefix="src/"):
    """The report's violations are exactly the expected ones (see
    gen_stress.py), with long enough traces through the named functions."""
    if doc is None:
        c.check(False, "%s: no report to check the violations of" % what)
        return
    want = sorted((prefix + e["sink_file"], e["sink_line"], e["origin"], e["sink"])
                  for e in expected)
    got = violation_keys(doc)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    c.check(not missing, "%s: missing violations: %s" % (what, missing[:10]))
    c.check(not extra, "%s: unexpected violations: %s" % (what, extra[:10]))
    c.check(len(got) == len(set(got)), "%s: duplicate violations" % what)
    by_key = {(v["sink"]["file"], v["sink"]["line"], v["origin"]["name"],
               v["sink"]["name"]): v for v in doc.get("violations", [])}
    for e in expected:
        v = by_key.get((prefix + e["sink_file"], e["sink_line"], e["origin"], e["sink"]))
        if not v:
            continue
        trace = v.get("trace", [])
        c.check(len(trace) >= e["min_trace"], "%s: the trace to %s:%d has %d steps, "
                "want at least %d" % (what, e["sink_file"], e["sink_line"], len(trace),
                                      e["min_trace"]))
        c.check(bool(trace) and trace[0]["message"].startswith("read of"),
                "%s: the trace to %s:%d does not start at the read of the origin"
                % (what, e["sink_file"], e["sink_line"]))
        messages = "\n".join(s.get("message", "") for s in trace)
        for name in e["trace_has"]:
            c.check("'%s'" % name in messages, "%s: the trace to %s:%d does not "
                    "go through '%s'" % (what, e["sink_file"], e["sink_line"], name))


# --------------------------------------------------------------------------
# Projects

class Work:
    """The case's working directory: ROOT/src, ROOT/build, outputs in ROOT."""

    def __init__(self, root):
        self.root = root
        self.src = os.path.join(root, "src")
        self.build = os.path.join(root, "build")
        os.makedirs(self.src, exist_ok=True)

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def write(self, rel, text):
        p = os.path.join(self.src, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb" if isinstance(text, bytes) else "w") as f:
            f.write(text)
        return p

    def compdb(self, files=None, build=None):
        entries = make_compdb.make_entries(self.src, repo_root=REPO_ROOT, files=files)
        make_compdb.write_compdb(build or self.build, entries)
        return entries


PRELUDE = gen_stress.PRELUDE


def leak_tu(name):
    """A TU with one violation, on line 4."""
    return PRELUDE + "void Leak_%s() { Upload(Phone()); }\n" % name


def small_project(work, names=("a", "b")):
    for n in names:
        work.write(n + ".cpp", leak_tu(n))
    work.compdb()
    return [violation_for(n) for n in names]


def violation_for(name):
    return gen_stress.violation(name + ".cpp", 4)


def gen_codebase(work, n):
    """scripts/bench/gen_codebase.py N into ROOT/src, and its database."""
    subprocess.run([sys.executable, GEN_CODEBASE, str(n), work.src],
                   capture_output=True, text=True, check=True)
    work.compdb()


def planted(work):
    """The number of violations that gen_codebase.py planted."""
    with open(os.path.join(work.src, "expected.txt")) as f:
        return int(re.search(r"\d+", f.read()).group())


# --------------------------------------------------------------------------
# Cases: bad input

def case_compdb_missing(c, work, args):
    """-p to a directory without compile_commands.json, to one that does not
    exist, and no -p with no database upward: exit 2, naming the place."""
    small_project(work)
    empty = work.path("empty")
    os.makedirs(empty)
    out = work.path("out.json")
    for name, p in (("empty dir", empty), ("no such dir", work.path("no-such-dir"))):
        r = run(["-p", p, "--format=json", "-o", out], cwd=work.root)
        expect(c, "compdb-missing: %s" % name, r, 2, stderr_has=[p])
        c.check("compile_commands.json" in r.err or "compilation database" in r.err,
                "compdb-missing: %s: the message does not say that the compilation "
                "database is missing\n    %s" % (name, r.tail()))
        check_report(c, "compdb-missing: %s" % name, out, 2)
    # No -p and nothing upward: a directory at the top of a fresh tree.
    lonely = tempfile.mkdtemp(prefix="purpose-robust-nodb.")
    try:
        if any(os.path.exists(os.path.join(d, "compile_commands.json"))
               for d in (os.path.dirname(lonely), "/")):
            print("compdb-missing: skipped the no -p run: a compile_commands.json "
                  "lies above %s" % lonely)
        else:
            r = run(["--format=json", "-o", os.path.join(lonely, "out.json")], cwd=lonely)
            expect(c, "compdb-missing: no -p", r, 2, stderr_has=["compile_commands.json"])
            check_report(c, "compdb-missing: no -p", os.path.join(lonely, "out.json"), 2)
    finally:
        shutil.rmtree(lonely, ignore_errors=True)


MALFORMED_COMPDBS = [
    # (name, content, a position that a message should give, or None)
    ("not JSON", b"garbage{\n", None),
    ("truncated", b'[{"directory": "/x", "file": "a.cpp",', (1, None)),
    ("binary", b"\xff\xfe\x00\x01garbage\x80", None),
    ("empty file", b"", None),
    ("an object", b'{"directory": "/x", "file": "a.cpp", "command": "cc a.cpp"}\n', None),
    ("unknown keys", b'[{"x": 1}]\n', None),
    ("wrong types", b'[{"directory": 5, "file": [], "command": 1}]\n', None),
    ("no command", b'[{"directory": "/tmp", "file": "x.cpp"}]\n', None),
]


def case_compdb_malformed(c, work, args):
    """compile_commands.json that is not JSON, or JSON of the wrong shape:
    exit 2, naming the file (and the position of a syntax error)."""
    small_project(work)
    out = work.path("out.json")
    bad = work.path("bad")
    os.makedirs(bad)
    db = os.path.join(bad, "compile_commands.json")
    for name, content, pos in MALFORMED_COMPDBS:
        what = "compdb-malformed: %s" % name
        with open(db, "wb") as f:
            f.write(content)
        r = run(["-p", bad, "--format=json", "-o", out], cwd=work.root)
        expect(c, what, r, 2)
        c.check(bad in r.err, "%s: the message does not name the build directory %s\n"
                "    %s" % (what, bad, r.tail()))
        # FIXME (tool): LLVM's JSONCompilationDatabase messages name neither
        # the file nor (but as "YAML:L:C") the position.
        c.check(db in r.err, "%s: the message does not name the file %s\n    %s"
                % (what, db, r.tail()))
        if pos:
            c.check(re.search(re.escape(db) + r":%d:\d+" % pos[0], r.err) is not None,
                    "%s: the message gives no position %s:LINE:COLUMN\n    %s"
                    % (what, db, r.tail()))
        check_report(c, what, out, 2)
    # An empty list: nothing to analyze is not a clean run.
    with open(db, "w") as f:
        f.write("[]\n")
    r = run(["-p", bad, "--format=json", "-o", out], cwd=work.root)
    expect(c, "compdb-malformed: empty list", r, 2, stderr_has=[bad, "no files"])
    check_report(c, "compdb-malformed: empty list", out, 2)


def case_compdb_missing_file(c, work, args):
    """A file that the database lists but that does not exist: exit 2, named;
    the other TUs are analyzed and reported."""
    expected = small_project(work, ("good",))
    ghost = os.path.join(work.src, "ghost.cpp")
    entries = make_compdb.make_entries(work.src, repo_root=REPO_ROOT,
                                       files=[os.path.join(work.src, "good.cpp"), ghost])
    make_compdb.write_compdb(work.build, entries)
    for fmt in ("json", "sarif", "text"):
        out = work.path("out." + fmt)
        r = run(["-p", work.build, "--format=" + fmt, "-o", out, "--no-cache"],
                cwd=work.root)
        what = "compdb-missing-file: %s" % fmt
        expect(c, what, r, 2, stderr_has=[ghost])
        doc = check_report(c, what, out, 2, fmt)
        if fmt == "json":
            check_violations(c, what, doc, expected)
            if doc:
                c.equal(doc["stats"].get("failed_translation_units"), 1,
                        "%s: stats.failed_translation_units" % what)
        elif fmt == "text" and isinstance(doc, str):
            c.check(re.search(r"good\.cpp:4:\d+: warning:", doc) is not None,
                    "%s: the good TU's violation is not in the text report" % what)


BROKEN_TU = """#include "purpose.h"
PURPOSE_LIMITED("security") int Phone();
AD_TARGETING void Upload(int);
int broken( { return 0 }
void Leak_broken() { Upload(Phone()); }
"""

BROKEN_HEADER = "struct Broken { int x };\nint missing_semicolon()\n"


def case_broken_tu(c, work, args):
    """TUs with compile errors (in the file, and in a header it includes) next
    to good ones: the good ones are analyzed and their violations reported,
    each broken one is named with the error's position, exit 2, and the
    report is marked incomplete (JSON "complete": false, SARIF
    executionSuccessful false) -- also from a warm cache."""
    expected = [violation_for(n) for n in ("a", "b")]
    work.write("a.cpp", leak_tu("a"))
    work.write("b.cpp", leak_tu("b"))
    broken = work.write("broken.cpp", BROKEN_TU)
    header = work.write("bad.h", BROKEN_HEADER)
    includer = work.write("includer.cpp", '#include "bad.h"\nint ok() { return 1; }\n')
    work.compdb()
    cache = work.path("cache")
    for fmt in ("json", "sarif", "text", "html"):
        out = work.path("out." + fmt)
        r = run(["-p", work.build, "--format=" + fmt, "-o", out, "--cache-dir", cache,
                 "-j", "2"], cwd=work.root)
        what = "broken-tu: %s" % fmt
        expect(c, what, r, 2, stderr_has=[broken, includer, broken + ":4:", header + ":1:"])
        doc = check_report(c, what, out, 2, fmt)
        if fmt == "json":
            check_violations(c, what, doc, expected)
            if doc:
                c.equal(doc["stats"].get("failed_translation_units"), 2,
                        "%s: stats.failed_translation_units" % what)
        elif fmt == "sarif" and doc:
            results = doc["runs"][0].get("results", [])
            c.equal(len([x for x in results if not x.get("suppressions")]), 2,
                    "%s: SARIF results for the good TUs" % what)
        elif fmt == "text" and isinstance(doc, str):
            for n in ("a", "b"):
                c.check(re.search(r"%s\.cpp:4:\d+: warning:" % n, doc) is not None,
                        "%s: the violation of %s.cpp is not in the text report" % (what, n))
    # The cache never makes the broken TUs pass: the last runs were warm.
    r = run(["-p", work.build, "--format=json", "--cache-dir", cache], cwd=work.root)
    expect(c, "broken-tu: warm cache", r, 2, stderr_has=[broken, includer])
    try:
        doc = json.loads(r.out)
        c.equal(doc["stats"]["translation_units_from_cache"], 2,
                "broken-tu: warm cache: translation_units_from_cache")
        c.equal(doc["complete"], False, "broken-tu: warm cache: complete")
    except (ValueError, KeyError) as e:
        c.check(False, "broken-tu: warm cache: no JSON report on stdout: %s" % e)
    # --write-baseline exits 0 unless the status would be 2.
    b = work.path("baseline.json")
    r = run(["-p", work.build, "--no-cache", "--write-baseline", b], cwd=work.root)
    expect(c, "broken-tu: --write-baseline", r, 2, stderr_has=[broken])
    check_no_temps(c, "broken-tu", work.root)


def case_cache_unwritable(c, work, args):
    """A cache directory that cannot be created (its parent is a regular
    file), given with --cache-dir or as the default under the build
    directory: a warning that names it, and the same report as without the
    cache."""
    small_project(work)
    ref = run(["-p", work.build, "--format=json", "--no-cache"], cwd=work.root)
    expect(c, "cache-unwritable: reference", ref, 1)
    afile = work.path("afile")
    open(afile, "w").close()
    default = os.path.join(work.build, ".purpose-check-cache")
    vfile = work.path("vfile")
    os.makedirs(vfile)
    open(os.path.join(vfile, "v1"), "w").close()  # where entries go
    for name, extra, named in (
            ("under a regular file", ["--cache-dir", os.path.join(afile, "cache")], afile),
            ("default, a regular file", [], default),
            ("v1 is a regular file", ["--cache-dir", vfile], vfile)):
        if not extra:
            open(default, "w").close()
        what = "cache-unwritable: %s" % name
        out = work.path("out.json")
        r = run(["-p", work.build, "--format=json", "-o", out, "-j", "2"] + extra,
                cwd=work.root)
        expect(c, what, r, 1, stderr_has=["warning", named])
        doc = check_report(c, what, out, 1)
        if doc is not None:
            try:
                c.check(doc == json.loads(ref.out), "%s: the report differs from the "
                        "one without the cache" % what)
            except ValueError:
                c.check(False, "%s: the reference run printed no JSON" % what)
        else:
            c.check(False, "%s: no report written" % what)


def case_output_unwritable(c, work, args):
    """-o (and --write-baseline) to a path that cannot be written, and a
    report whose write fails half-way: exit 2, naming the path, and no
    report or temporary file."""
    small_project(work)
    afile = work.path("afile")
    open(afile, "w").close()
    adir = work.path("adir")
    os.makedirs(adir)
    nodir = "/nonexistent-purpose-robust-%d" % os.getpid()
    assert not os.path.exists(nodir)
    targets = [("missing directory", os.path.join(nodir, "x.json")),
               ("under a regular file", os.path.join(afile, "x.json")),
               ("a directory", adir)]
    for name, target in targets:
        for fmt in ("json", "sarif", "html", "text"):
            what = "output-unwritable: -o %s (%s)" % (name, fmt)
            r = run(["-p", work.build, "--format=" + fmt, "-o", target, "--no-cache"],
                    cwd=work.root)
            expect(c, what, r, 2, stderr_has=[target])
            c.check(os.path.isdir(adir) and not os.listdir(adir),
                    "%s: something was written into %s: %s" % (
                        what, adir, os.listdir(adir) if os.path.isdir(adir) else None))
        r = run(["-p", work.build, "--write-baseline", target, "--no-cache"], cwd=work.root)
        expect(c, "output-unwritable: --write-baseline %s" % name, r, 2, stderr_has=[target])
    # A write that fails half-way (EFBIG past a 1 MiB file size limit; the
    # JSON report of 4,000 violations is some MiB): exit 2, no file.
    big = Work(work.path("big"))
    gen_stress.gen_many_violations(big.src)
    big.compdb()
    for fmt in ("json", "sarif", "html", "text"):
        what = "output-unwritable: write error half-way (%s)" % fmt
        out = big.path("out." + fmt)
        r = run(["-p", big.build, "--format=" + fmt, "-o", out, "--no-cache"],
                cwd=big.root, fsize=1 << 20)
        expect(c, what, r, 2, stderr_has=[out])
        c.check(not os.path.exists(out), "%s: %s was written" % (what, out))
    check_no_temps(c, "output-unwritable", work.root)
    c.check(not os.path.exists(nodir), "output-unwritable: %s was created" % nodir)


def damage_entries(c, cache, by_tu):
    """Damages the cache entries of t0..t7 (see case_cache_damaged); returns
    {tu: (how, entry path)}."""
    damaged = {}

    def entry(tu):
        return by_tu[tu]

    def rewrite(tu, how, data):
        with open(entry(tu), "wb") as f:
            f.write(data)
        damaged[tu] = (how, entry(tu))

    def read(tu):
        with open(entry(tu), "rb") as f:
            return f.read()

    rewrite("t0", "truncated", read("t0")[:len(read("t0")) // 2])
    rng = random.Random(8)
    rewrite("t1", "random bytes", bytes(rng.randrange(256) for _ in range(3000)) + b"\0\xff")
    text = read("t2")
    bumped = re.sub(rb'"version"\s*:\s*1', b'"version":999', text, count=1)
    c.check(bumped != text, "cache-damaged: no \"version\" field in %s" % entry("t2"))
    rewrite("t2", "another version", bumped)
    rewrite("t3", "empty", b"")
    rewrite("t4", "wrong shape", b'{"format":"purpose-check-summary","version":1}\n')
    # A changed byte inside the payload: a line number off by one, which
    # only the checksum tells.
    text = read("t5")
    m = re.search(rb'"pos":\s*\["[^"]*",\s*(\d+)', text)
    c.check(m is not None, "cache-damaged: no \"pos\" in %s" % entry("t5"))
    if m:
        n = int(m.group(1)) + 1
        text = text[:m.start(1)] + str(n).encode() + text[m.end(1):]
    rewrite("t5", "corrupted payload", text)
    rewrite("t6", "another TU's entry", read("t7"))
    # A directory where the entry belongs: warned about on every run (the
    # tool must not remove what it did not write), and the TU analyzed.
    os.remove(entry("t8"))
    os.makedirs(entry("t8"))
    damaged["t8"] = ("a directory", entry("t8"))
    return damaged


def case_cache_damaged(c, work, args):
    """Cache entries truncated, corrupted, from another version, of another TU
    or not files at all: each rebuilt with a warning naming it, the report
    the same as with a sound cache, and the next run entirely from the
    cache."""
    names = ["t%d" % i for i in range(10)]
    expected = small_project(work, names)
    cache = work.path("cache")
    out = work.path("out.json")
    cold = run(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                "-j", "2"], cwd=work.root)
    expect(c, "cache-damaged: cold", cold, 1)
    ref = check_report(c, "cache-damaged: cold", out, 1)
    check_violations(c, "cache-damaged: cold", ref, expected)
    c.equal(check_cache(c, "cache-damaged: cold", cache), len(names),
            "cache-damaged: cold: entries")
    by_tu = {}
    for f in sorted(os.listdir(os.path.join(cache, "v1"))):
        p = os.path.join(cache, "v1", f)
        with open(p, encoding="utf-8") as fh:
            main_file = json.load(fh)["payload"]["main_file"]
        by_tu[os.path.basename(main_file)[:-4]] = p
    if sorted(by_tu) != names:
        c.check(False, "cache-damaged: entries for %s, want %s" % (sorted(by_tu), names))
        return
    damaged = damage_entries(c, cache, by_tu)
    r = run(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
             "-j", "2"], cwd=work.root)
    expect(c, "cache-damaged: damaged", r, 1)
    doc = check_report(c, "cache-damaged: damaged", out, 1)
    if doc and ref:
        c.check(normalized(doc) == normalized(ref),
                "cache-damaged: the report differs from the one of the sound cache")
        c.equal(doc["stats"]["translation_units_from_cache"], len(names) - len(damaged),
                "cache-damaged: translation_units_from_cache")
    warnings = [l for l in r.err.splitlines() if "warning" in l]
    for tu, (how, path) in sorted(damaged.items()):
        c.check(any(path in w for w in warnings),
                "cache-damaged: no warning names the entry of %s (%s), %s\n    %s"
                % (tu, how, path, r.tail()))
    r = run(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache],
            cwd=work.root)
    expect(c, "cache-damaged: rebuilt", r, 1)
    doc = check_report(c, "cache-damaged: rebuilt", out, 1)
    if doc and ref:
        c.check(normalized(doc) == normalized(ref),
                "cache-damaged: rebuilt: the report differs")
        c.equal(doc["stats"]["translation_units_from_cache"], len(names) - 1,
                "cache-damaged: rebuilt: translation_units_from_cache (all but t8)")
    others = [l for l in r.err.splitlines()
              if "warning" in l and damaged["t8"][1] not in l]
    c.check(not others, "cache-damaged: rebuilt: warnings remain: %s" % others)
    os.rmdir(damaged["t8"][1])
    c.equal(check_cache(c, "cache-damaged: rebuilt", cache), len(names) - 1,
            "cache-damaged: rebuilt: entries")


BAD_OPTIONS = [
    # (name, arguments, text that the message must contain)
    ("unknown option", ["--bogus"], "--bogus"),
    ("unknown single-dash option", ["-frobnicate"], "-frobnicate"),
    ("bad format", ["--format=xml"], "xml"),
    ("bad -j", ["-j", "many"], "many"),
    ("missing value", ["--cache-dir"], "cache-dir"),
    ("bad --shard", ["--shard", "3/2"], "3/2"),
    ("bad --color", ["--color=sometimes"], "sometimes"),
    ("missing config", ["--config", "/nonexistent/purpose-check.json"],
     "/nonexistent/purpose-check.json"),
    ("missing policy", ["--policy", "/nonexistent/p.policy.json"], "/nonexistent/p.policy.json"),
    ("missing baseline", ["--baseline", "/nonexistent/baseline.json"],
     "/nonexistent/baseline.json"),
]


def case_unknown_option(c, work, args):
    """Unknown options and bad option values: exit 2 with a message naming
    them, before any analysis, and no report file."""
    small_project(work)
    out = work.path("out.json")
    for name, extra, named in BAD_OPTIONS:
        what = "unknown-option: %s" % name
        # The bad option last, so that "missing value" has none.
        fmt = [] if name == "bad format" else ["--format=json"]
        r = run(["-p", work.build, "-o", out] + fmt + extra, cwd=work.root, timeout=60)
        expect(c, what, r, 2, stderr_has=[named], bound=30)
        check_report(c, what, out, 2)


def case_non_utf8(c, work, args):
    """Latin-1 bytes in comments and string literals, and in a file name: no
    crash, the violations found, every report valid UTF-8."""
    expected = gen_stress.gen_latin1(work.src)
    name = b"caf\xe9.cpp"
    src_b = os.fsencode(work.src)
    with open(os.path.join(src_b, name), "wb") as f:
        f.write(leak_tu("cafe").encode())
    # The compilation database names it with its raw bytes (Python's json
    # module cannot write them).
    args_ = lambda p: [b"clang++-19", b"-std=c++17",
                       b"-I" + os.fsencode(os.path.join(REPO_ROOT, "annotations")),
                       b"-c", p]
    files = [os.path.join(src_b, b"latin1.cpp"), os.path.join(src_b, name)]
    db = b"[" + b",".join(
        b'{"directory": "%s", "file": "%s", "arguments": [%s]}' % (
            src_b, p, b", ".join(b'"%s"' % a for a in args_(p))) for p in files) + b"]\n"
    os.makedirs(work.build)
    with open(os.path.join(work.build, "compile_commands.json"), "wb") as f:
        f.write(db)
    for fmt in ("json", "sarif", "html", "text"):
        what = "non-utf8: %s" % fmt
        out = work.path("out." + fmt)
        r = run(["-p", work.build, "--format=" + fmt, "-o", out, "--no-cache"],
                cwd=work.root)
        expect(c, what, r, 1)
        doc = check_report(c, what, out, 1, fmt)
        if fmt == "json" and doc:
            want = ("src/latin1.cpp", expected[0]["sink_line"], "Phone", "Upload")
            c.check(want in violation_keys(doc), "%s: the violation in latin1.cpp "
                    "is not reported: %s" % (what, violation_keys(doc)))
            c.check(any(k[0].startswith("src/caf") and k[1] == 4
                        for k in violation_keys(doc)),
                    "%s: the violation in caf\\xe9.cpp is not reported" % what)
        if fmt == "text" and isinstance(doc, str):
            c.check("latin1.cpp:%d:" % expected[0]["sink_line"] in doc,
                    "%s: the violation is not in the text report" % what)
    # Standard output too.
    r = run(["-p", work.build, "--format=json", "--no-cache"], cwd=work.root)
    expect(c, "non-utf8: stdout", r, 1)
    try:
        json.loads(r.out_bytes.decode("utf-8"))
    except ValueError as e:
        c.check(False, "non-utf8: stdout is not valid UTF-8 JSON: %s" % e)


# --------------------------------------------------------------------------
# Cases: huge input

def huge(c, work, kind, what, bound=None, warm=True, fmts=("json",)):
    """Generates `kind`, runs it cold (and warm from the cache), checks the
    exact violations, the time bound and the memory limit."""
    t0 = time.monotonic()
    expected = gen_stress.generate(kind, work.root)
    work.compdb()
    print("%s: generated in %.1fs" % (what, time.monotonic() - t0))
    cache = work.path("cache")
    out = work.path("out.json")
    r = run(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
             "-j", "2", "--timings"], cwd=work.root, timeout=HUGE_BOUND * 2)
    expect(c, what + ": cold", r, 1, bound=bound or HUGE_BOUND)
    for line in r.err.splitlines():
        if "timing:" in line:
            print("  " + line)
    doc = check_report(c, what + ": cold", out, 1)
    check_violations(c, what + ": cold", doc, expected)
    if warm:
        r = run(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                 "-j", "2"], cwd=work.root, timeout=HUGE_BOUND * 2)
        expect(c, what + ": warm", r, 1, bound=bound or HUGE_BOUND)
        doc2 = check_report(c, what + ": warm", out, 1)
        if doc and doc2:
            c.check(normalized(doc) == normalized(doc2),
                    "%s: the warm report differs from the cold one" % what)
            c.equal(doc2["stats"]["translation_units_from_cache"],
                    doc2["stats"]["translation_units"],
                    "%s: warm: translation_units_from_cache" % what)
        check_cache(c, what, cache)
    for fmt in fmts:
        if fmt == "json":
            continue
        o = work.path("out." + fmt)
        r = run(["-p", work.build, "--format=" + fmt, "-o", o, "--cache-dir", cache],
                cwd=work.root, timeout=HUGE_BOUND * 2)
        expect(c, "%s: %s" % (what, fmt), r, 1, bound=bound or HUGE_BOUND)
        check_report(c, "%s: %s" % (what, fmt), o, 1, fmt)
    return doc


def case_million_lines(c, work, args):
    """One file of 1,000,000 lines (20,000 functions): the two violations,
    at lines near 500,000 and 1,000,000, through the generated functions."""
    huge(c, work, "million-lines", "million-lines")


def case_deep_chain(c, work, args):
    """A call chain 10,000 deep across 10 TUs, downward (argument to a sink
    in the deepest function) and upward (return to a sink in the top one):
    both found, with traces through every level, no stack overflow."""
    huge(c, work, "deep-chain", "deep-chain", fmts=("json", "sarif", "text"))


def case_recursion(c, work, args):
    """Mutual recursion around a ring of 1,000 functions (argument and return
    flows), self recursion, and a clean recursive function: exactly the
    three violations, no stack overflow, no endless loop."""
    huge(c, work, "recursion", "recursion")


def case_macro(c, work, args):
    """A function of 100,000 macro-generated statements and one of 100,000
    macro-generated if/else statements: both flows found."""
    huge(c, work, "macro", "macro")


def case_headers(c, work, args):
    """A guarded header included 10,000 times (directly, and through 10,000
    distinct headers), #pragma once and unguarded headers 10,000 times, and
    50 TUs sharing 100 headers: the inline function's violation reported
    once; then an include chain deeper than Clang allows: that TU named,
    exit 2, the others reported."""
    doc = huge(c, work, "headers", "headers")
    if doc:
        n = sum(1 for v in doc["violations"] if v["sink"]["file"] == "src/common.h")
        c.equal(n, 1, "headers: violations of the shared inline function")
    # An include chain 300 deep (Clang stops at 200).
    deep = Work(work.path("deep"))
    for i in range(300):
        deep.write("d%d.h" % i, '#include "d%d.h"\n' % (i + 1) if i < 299 else "int last();\n")
    tu = deep.write("deep.cpp", '#include "d0.h"\nint top() { return last(); }\n')
    deep.write("ok.cpp", leak_tu("ok"))
    deep.compdb()
    out = deep.path("out.json")
    r = run(["-p", deep.build, "--format=json", "-o", out, "--no-cache"], cwd=deep.root)
    expect(c, "headers: include chain 300 deep", r, 2, stderr_has=[tu, "nested too deeply"])
    doc = check_report(c, "headers: include chain 300 deep", out, 2)
    check_violations(c, "headers: include chain 300 deep", doc, [violation_for("ok")])


# --------------------------------------------------------------------------
# Cases: concurrency

def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def case_determinism_20(c, work, args):
    """On a generated code base (gen_codebase.py 20), the JSON report of -j 2
    is byte for byte that of -j 1, over 20 runs without the cache."""
    gen_codebase(work, 20)
    want = planted(work)
    ref = run(["-p", work.build, "--format=json", "--no-cache", "-j", "1"], cwd=work.root)
    expect(c, "determinism: -j 1", ref, 1)
    try:
        n = len(json.loads(ref.out)["violations"])
        c.equal(n, want, "determinism: -j 1: violations (planted)")
    except ValueError:
        c.check(False, "determinism: -j 1: no JSON report")
    seen = {digest(ref.out_bytes): ["-j1"]}
    for i in range(args.runs):
        r = run(["-p", work.build, "--format=json", "--no-cache", "-j", "2"], cwd=work.root)
        expect(c, "determinism: -j 2 #%d" % (i + 1), r, 1)
        seen.setdefault(digest(r.out_bytes), []).append("#%d" % (i + 1))
        if r.out_bytes != ref.out_bytes:
            path = work.path("differs-%d.json" % (i + 1))
            with open(path, "wb") as f:
                f.write(r.out_bytes)
    c.check(len(seen) == 1, "determinism: %d different reports over %d runs: %s" % (
        len(seen), args.runs + 1, seen))


def case_shared_cache(c, work, args):
    """Two (then three) purpose-check processes share one cold cache
    directory at once: all succeed with the right report, the cache holds
    only complete entries, and a warm run takes every TU from it."""
    gen_codebase(work, 20)
    ref = run(["-p", work.build, "--format=json", "--no-cache", "-j", "2"], cwd=work.root)
    expect(c, "shared-cache: reference", ref, 1)
    try:
        ref_doc = normalized(json.loads(ref.out))
    except ValueError:
        c.check(False, "shared-cache: the reference run printed no JSON")
        return
    cache = work.path("cache")
    for rnd, procs, jobs in ((1, 2, "2"), (2, 2, "1"), (3, 3, "1")):
        shutil.rmtree(cache, ignore_errors=True)
        what = "shared-cache: round %d (%d processes, -j %s)" % (rnd, procs, jobs)
        running = []
        began = time.monotonic()
        for i in range(procs):
            out = work.path("out-%d-%d.json" % (rnd, i))
            err = open(work.path("err-%d-%d.txt" % (rnd, i)), "w+b")
            p = start(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                       "-j", jobs], work.root, stderr=err)
            running.append((p, out, err))
        for i, (p, out, err) in enumerate(running):
            rc, rss, timed_out = reap(p, TIMEOUT, began)
            err.seek(0)
            r = Result(p.args, rc, "", err.read().decode("utf-8", "replace"),
                       time.monotonic() - began, rss, timed_out)
            err.close()
            expect(c, "%s: process %d" % (what, i + 1), r, 1)
            doc = check_report(c, "%s: process %d" % (what, i + 1), out, 1)
            c.check(doc is not None and normalized(doc) == ref_doc,
                    "%s: process %d: the report differs from the reference" % (what, i + 1))
            c.check("warning" not in r.err, "%s: process %d: warnings\n    %s"
                    % (what, i + 1, r.tail()))
        n = check_cache(c, what, cache)
        r = run(["-p", work.build, "--format=json", "--cache-dir", cache, "-j", "2"],
                cwd=work.root)
        expect(c, what + ": warm", r, 1)
        try:
            doc = json.loads(r.out)
            c.equal(doc["stats"]["translation_units_from_cache"],
                    doc["stats"]["translation_units"],
                    what + ": warm: translation_units_from_cache")
            c.equal(n, doc["stats"]["translation_units"], what + ": cache entries")
            c.check(normalized(doc) == ref_doc, what + ": warm: the report differs")
        except (ValueError, KeyError) as e:
            c.check(False, "%s: warm: no JSON report: %s" % (what, e))


# --------------------------------------------------------------------------
# Cases: interruption

def interrupt_when(c, what, args, cwd, watch, sig, attempts, prepare):
    """Starts the tool up to `attempts` times (after prepare()) and sends sig
    as soon as a writer's temporary file shows in the directory `watch`.
    Returns (caught temp names, rc) of the first run where one showed, or
    (None, rc) if none did."""
    rc = None
    for attempt in range(attempts):
        prepare()
        p = start(args, cwd)
        began = time.monotonic()
        caught = None
        while p.poll() is None and time.monotonic() - began < TIMEOUT:
            try:
                names = os.listdir(watch)
            except OSError:
                continue
            temps = [n for n in names if TEMP_RE.search(n)]
            if temps:
                p.send_signal(sig)
                caught = temps
                break
        if p.poll() is None and caught is None:
            p.kill()
        rc = p.wait(timeout=TIMEOUT)
        if caught:
            print("%s: %s sent while %s existed (attempt %d), exit %d" % (
                what, signal.Signals(sig).name, caught, attempt + 1, rc))
            return caught, rc
    return None, rc


def case_sigint(c, work, args):
    """Ctrl-C (SIGINT) during a run: after ~1-3 s of analysis, and exactly
    while the report or a cache entry is being written (a temporary file is
    watched for). Afterwards: no report or the previous complete one, no
    temporary files next to it or in the cache, only complete cache
    entries, and the next run works (the same report as an uninterrupted
    run)."""
    n_tus = 40
    gen_codebase(work, n_tus)
    ref = run(["-p", work.build, "--format=json", "--no-cache", "-j", "2"], cwd=work.root)
    expect(c, "sigint: reference", ref, 1)
    print("sigint: an uninterrupted run takes %.1fs" % ref.secs)
    try:
        ref_doc = normalized(json.loads(ref.out))
    except ValueError:
        c.check(False, "sigint: the reference run printed no JSON")
        return
    outdir = work.path("out")
    os.makedirs(outdir)
    out = os.path.join(outdir, "report.json")
    cache = work.path("cache")
    for delay in (1.0, 2.0, 3.0):
        what = "sigint: after %.1fs" % delay
        shutil.rmtree(cache, ignore_errors=True)  # so that the run is long
        with open(out, "wb") as f:
            f.write(ref.out_bytes)  # a previous, complete report
        p = start(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                   "-j", "2"], work.root)
        time.sleep(delay)
        still_running = p.poll() is None
        p.send_signal(signal.SIGINT)
        rc = p.wait(timeout=TIMEOUT)
        print("%s: exit %d%s" % (what, rc, "" if still_running else
                                 " (finished before the signal)"))
        if still_running:
            c.check(rc not in (0, 1), "%s: an interrupted run exited %d, as if it "
                    "had completed" % (what, rc))
        check_report(c, what, out, 2 if still_running else 1, previous=ref.out_bytes)
        check_cache(c, what, cache)
        r = run(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                 "-j", "2"], cwd=work.root)
        expect(c, what + ": next run", r, 1)
        doc = check_report(c, what + ": next run", out, 1)
        c.check(doc is not None and normalized(doc) == ref_doc,
                "%s: next run: the report differs from an uninterrupted run" % what)
        check_cache(c, what + ": next run", cache)

    # Exactly while the report is written: a large report (4,000 violations).
    big = Work(work.path("big"))
    gen_stress.gen_many_violations(big.src)
    big.compdb()
    big_out = big.path("report.json")
    for sig in (signal.SIGINT, signal.SIGTERM):
        what = "sigint: %s while the report is written" % signal.Signals(sig).name

        def fresh_out():
            for f in os.listdir(big.root):
                p = os.path.join(big.root, f)
                if os.path.isfile(p) and (f == "report.json" or TEMP_RE.search(f)):
                    os.remove(p)

        caught, rc = interrupt_when(
            c, what, ["-p", big.build, "--format=json", "-o", big_out, "--no-cache",
                      "-j", "1"], big.root, big.root, sig, 10, fresh_out)
        if caught is None:
            c.check(False, "%s: inconclusive: no temporary report file seen in 10 runs"
                    % what)
            continue
        c.check(rc not in (0, 1), "%s: exit %d, as if it had completed" % (what, rc))
        check_report(c, what, big_out, 2)

    # Exactly while a cache entry is written.
    big_cache = big.path("cache")
    what = "sigint: SIGINT while a cache entry is written"
    caught, rc = interrupt_when(
        c, what, ["-p", big.build, "--format=json", "-o", big_out, "--cache-dir",
                  big_cache, "-j", "1"], big.root, os.path.join(big_cache, "v1"),
        signal.SIGINT, 40, lambda: shutil.rmtree(big_cache, ignore_errors=True))
    if caught is None:
        c.check(False, "%s: inconclusive: no temporary cache entry seen in 40 runs" % what)
    else:
        check_cache(c, what, big_cache)
    r = run(["-p", big.build, "--format=json", "-o", big_out, "--cache-dir", big_cache],
            cwd=big.root)
    expect(c, "sigint: after the interrupted cache write: next run", r, 1)


CASES = {
    "compdb-missing": case_compdb_missing,
    "compdb-malformed": case_compdb_malformed,
    "compdb-missing-file": case_compdb_missing_file,
    "broken-tu": case_broken_tu,
    "cache-unwritable": case_cache_unwritable,
    "output-unwritable": case_output_unwritable,
    "cache-damaged": case_cache_damaged,
    "unknown-option": case_unknown_option,
    "non-utf8": case_non_utf8,
    "million-lines": case_million_lines,
    "deep-chain": case_deep_chain,
    "recursion": case_recursion,
    "macro": case_macro,
    "headers": case_headers,
    "determinism-20": case_determinism_20,
    "shared-cache": case_shared_cache,
    "sigint": case_sigint,
}


def main():
    global TOOL, MEM_LIMIT_MB, TIMEOUT
    if "--list" in sys.argv[1:]:
        for name, fn in CASES.items():
            print("%-20s %s" % (name, fn.__doc__.split("\n")[0]))
        return
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    parser.add_argument("--work", help="working directory (emptied first; removed "
                        "after a pass unless --keep)")
    parser.add_argument("--runs", type=int, default=20, help="determinism-20: runs")
    parser.add_argument("--mem-limit-mb", type=int, default=MEM_LIMIT_MB,
                        help="RLIMIT_AS of every run (0: none)")
    parser.add_argument("--timeout", type=int, default=TIMEOUT,
                        help="seconds, any single run (huge inputs: %ds)" % (2 * HUGE_BOUND))
    args = parser.parse_args()
    TOOL, MEM_LIMIT_MB, TIMEOUT = args.tool, args.mem_limit_mb, args.timeout
    c = lib.make_checks("robust/" + args.case, args)
    if args.work:
        work_dir = os.path.abspath(args.work)
        shutil.rmtree(work_dir, ignore_errors=True)
        os.makedirs(work_dir)
    else:
        work_dir = tempfile.mkdtemp(prefix="purpose-robust.")
    began = time.monotonic()
    try:
        CASES[args.case](c, Work(work_dir), args)
    finally:
        print("robust/%s: %.1fs in %s" % (args.case, time.monotonic() - began, work_dir))
        if not args.keep and not c.failures:
            shutil.rmtree(work_dir, ignore_errors=True)
    c.report()


if __name__ == "__main__":
    main()
