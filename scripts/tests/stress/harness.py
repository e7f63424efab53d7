"""Running purpose-check and checking what it left, for the robustness
tests (scripts/tests/robustness_test.py).

Every run happens under a memory limit (RLIMIT_AS, MEM_LIMIT_MB) and a
timeout, and reports its time and peak RSS (from wait4). The checks record
failures in a report_testlib.Checks, each message naming the case and the
run:
- expect(): the exit status, no crash or timeout, what standard error must
  mention, a time bound;
- check_report(): nothing half-written at an -o path (absent, the previous
  bytes, or a complete report marked incomplete when the status is 2) and
  no writer's temporary file next to it;
- check_cache(): only complete entries CACHE/v2/<hash>.json and the shared
  input sets CACHE/v2/inputs-<hash>.json that they name;
- check_violations(): exactly the expected violations (gen_stress.py's
  format), with long enough traces through the named functions.
"""

import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.realpath(__file__))
TESTS = os.path.dirname(HERE)  # scripts/tests: report_testlib
SCRIPTS = os.path.dirname(TESTS)  # scripts/: make_compdb
sys.path.insert(0, TESTS)
sys.path.insert(1, SCRIPTS)
import make_compdb  # noqa: E402
import gen_stress  # noqa: E402
import report_testlib  # noqa: E402

REPO_ROOT = os.path.dirname(SCRIPTS)

# Set by configure() from the command line.
TOOL = None
MEM_LIMIT_MB = 4096
TIMEOUT = 120      # seconds, any single run
HUGE_BOUND = 300   # seconds, a run on a huge input (2 cores, loaded)

TEMP_RE = re.compile(r"\.tmp")   # writers' temporaries: ".NAME.tmp-XXXXXXXX"
# The cache's layout (docs/cache-format.md): entries and shared input sets.
CACHE_VERSION = report_testlib.CACHE_VERSION
CACHE_VERSION_DIR = report_testlib.CACHE_VERSION_DIR   # "v2"
ENTRY_RE = report_testlib.CACHE_ENTRY_RE               # <16 hex>.json
STAT_INDEX = "stat-index-v1"                            # machine-local stat index
KEPT_RESULT = "kept-result-v1"                          # the last run's report
SHARED_RE = report_testlib.CACHE_SHARED_RE             # inputs-<16 hex>.json
cache_version_dir = report_testlib.cache_version_dir
cache_entry_names = report_testlib.cache_entry_names
PRELUDE = gen_stress.PRELUDE


def configure(tool, mem_limit_mb, timeout):
    global TOOL, MEM_LIMIT_MB, TIMEOUT
    TOOL, MEM_LIMIT_MB, TIMEOUT = tool, mem_limit_mb, timeout


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
    """Every file of the cache is complete: an entry CACHE/v2/<hash>.json or
    a shared input set CACHE/v2/inputs-<hash>.json, each of which parses
    (JSON with "version" and "payload"), with no temporaries, and every set
    that an entry names is there. Returns the number of entries (shared
    input sets are not counted)."""
    if not os.path.isdir(cache):
        return 0
    n = 0
    shared_sets, named = set(), {}
    for d, _, files in os.walk(cache):
        for f in sorted(files):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, cache)
            if TEMP_RE.search(f):
                c.check(False, "%s: temporary files left in the cache: %s" % (what, rel))
                continue
            is_entry = ENTRY_RE.match(f) is not None
            is_shared = SHARED_RE.match(f) is not None
            if rel == STAT_INDEX:
                # The machine-local stat index (docs/cache-format.md): only
                # a shortcut, written whole by rename, so never partial.
                with open(p, "rb") as fh:
                    head = fh.readline()
                c.check(head.startswith(b"purpose-check-stat-index "),
                        "%s: the stat index has no header: %r" % (what, head[:60]))
                continue
            if rel == KEPT_RESULT:
                # The kept result (docs/cache-format.md): one line of JSON,
                # written whole by rename, so never partial.
                try:
                    with open(p, encoding="utf-8") as fh:
                        k = json.load(fh)
                    ok = k.get("format") == "purpose-check-kept-result"
                except ValueError:
                    ok = False
                c.check(ok, "%s: the kept result is damaged" % what)
                continue
            if not (os.path.dirname(rel) == CACHE_VERSION_DIR and (is_entry or is_shared)):
                c.check(False, "%s: unexpected file in the cache: %s" % (what, rel))
                continue
            try:
                with open(p, encoding="utf-8") as fh:
                    e = json.load(fh)
                ok = isinstance(e, dict) and "payload" in e and "version" in e
            except ValueError as ex:
                ok, e = False, ex
            c.check(ok, "%s: %s %s does not parse: %s" % (
                what, "cache entry" if is_entry else "shared input set", rel,
                str(e)[:200]))
            if not is_entry:
                shared_sets.add(f)
                continue
            n += 1
            if ok:
                inputs = e["payload"].get("inputs") if isinstance(e["payload"], dict) else None
                shared = inputs.get("shared") if isinstance(inputs, dict) else None
                if shared:
                    named[rel] = "inputs-%s.json" % shared
    for rel, want in sorted(named.items()):
        c.check(want in shared_sets, "%s: cache entry %s names the shared input set "
                "%s, which is not in the cache" % (what, rel, want))
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
    report_testlib.generate_codebase(work.src, work.build, n)


def planted(work):
    """The number of violations that gen_codebase.py planted."""
    return report_testlib.planted_violations(work.src)
