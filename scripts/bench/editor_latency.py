#!/usr/bin/env python3
"""Edit-to-diagnostics latency of purpose-clangd against stock clangd, over LSP.

usage: editor_latency.py -p BUILD_DIR FILE [FILE...]
                         [--purpose-clangd PATH] [--clangd PATH]
                         [--purpose-check PATH] [--policy FILE]...
                         [--warm-cache DIR]
                         [--modes stock,off,cold,warm] [--edits N] [--runs R]
                         [--root DIR] [--nice N] [--pause S] [--timeout S]
                         [--log-dir DIR] [--trace] [--json FILE]

For each FILE and each of R runs, it starts a language server over stdio,
opens FILE (full-text sync), waits for the first textDocument/publishDiagnostics,
then sends N didChange notifications, one at a time. With --edit append (the
default), each edit appends a distinct comment line at the end of the file;
with --edit shift, edit i inserts i comment lines after the first line of
code (below the includes, so that clangd keeps its preamble): every position
below moves at each edit, so no result of an earlier edit can be reused.
Either way the content really changes
and the preamble (the #include block) stays valid, as when one types in a
function body. The latency of an edit is the time from writing the didChange
to reading the publishDiagnostics of that version (clangd sends the version;
a server that does not gets the next publish after the change).

Modes (one fresh server each, in an order that rotates between runs so that
load from other processes hits all alike):
  stock  stock clangd (--clangd, default clangd-19): the reference
  off    purpose-clangd with the purpose-* checks removed: its own overhead
  cold   purpose-clangd, purpose-* on, an empty summary cache
  warm   purpose-clangd, purpose-* on, the cache written by one
         `purpose-check -p BUILD_DIR --cache-dir DIR` run before the sessions

Every server gets the same flags: --compile-commands-dir=BUILD_DIR
--clang-tidy --background-index=false --log=info. The background index is
off because it indexes the whole project on the same (shared, 2-core)
machine while the edits are timed, and diagnostics do not use it; for the
same reason the config sets `Index: StandardLibrary: No` (clangd indexes the
standard library for seconds after the first preamble otherwise). The checks
are set through a clangd user config (XDG_CONFIG_HOME of a temporary
directory; `Diagnostics: ClangTidy: Add/Remove/CheckOptions`), so nothing is
written into the project; the cache directory and the --policy files reach
purpose-limitation as its CacheDir and Policies options. Stock clangd reads
the same config: it does not know purpose-*, so it runs clangd's own default
clang-tidy checks only, as purpose-clangd does besides its own. A project
.clangd, .clang-tidy or .purpose-check.json applies to all modes alike.

clangd waits before it rebuilds after an edit (its debounce): the median of
its recent rebuild times, clamped to [50 ms, 500 ms]. The latency therefore
includes about one rebuild time of waiting once rebuilds take over 50 ms, and
a slower rebuild counts about twice. That is what an editor user sees.

The servers run under `nice -n N` (--nice, default 10). The table has, per
file and mode: the median, p90, min and max over all edits of all runs, n,
the median of the per-run medians, the ratio of medians to stock's (target:
<= 1.10), the server's CPU time per edit (user + system from /proc/PID/stat,
from the first didChange to a pause after the last publish), the open time
(didOpen to the first publish) and the 1-minute load average during the
runs. `checks` says what the purpose-clangd log said about purpose-limitation
(on/OFF), how many purpose-* diagnostics the last publish carried, and whether
the first publish carried the cache warning (expected in cold mode only).

--trace sets CLANGD_TRACE for each session (one JSON trace per session in
--log-dir) and prints, per mode, the median per-edit time of clangd's trace
spans (BuildAST, ClangTidyMatch, ...): where the time of an edit goes.
Exit status: 0 when every session completed, 2 when a server failed or timed
out (the error names the session and the tail of its log).

Example (kcontacts, the policy of scripts/bench/real_code.py):
  scripts/bench/editor_latency.py -p /work/realcode/build-kcontacts \\
      --root /work/realcode/kcontacts \\
      --policy docs/real-code/kcontacts.policy.json \\
      --purpose-clangd build/tool/clangd/purpose-clangd \\
      --purpose-check build/tool/purpose-check \\
      --trace /work/realcode/kcontacts/src/vcardtool.cpp \\
      /work/realcode/kcontacts/src/vcarddrag.cpp
A small project: scripts/make_compdb.py test-corpus/example /tmp/ex-build, then
  scripts/bench/editor_latency.py -p /tmp/ex-build --root test-corpus/example \\
      ... test-corpus/example/crypto.cpp test-corpus/example/match_keys.cpp
"""
import argparse
import json
import math
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

MODES = ("stock", "off", "cold", "warm")
CLK_TCK = os.sysconf("SC_CLK_TCK")
CACHE_WARNINGS = ("no summaries of other files", "the summary cache has no summary",
                  "older than", "summary cache entry cannot")


class ServerError(Exception):
    """The server exited, broke the protocol or did not answer in time."""


def file_uri(path):
    return "file://" + os.path.abspath(path)


class LspServer:
    """A language server on stdio; a thread reads its messages into a queue,
    each stamped with time.perf_counter() when its last byte was read."""

    def __init__(self, argv, env, cwd, log_path, nice):
        self.log_path = log_path
        self.log = open(log_path, "wb")
        preexec = (lambda: os.nice(nice)) if nice else None
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self.log, env=env, cwd=cwd,
                                         preexec_fn=preexec)
        except OSError as e:
            self.log.close()
            raise ServerError("cannot start %s: %s" % (argv[0], e))
        self.messages = queue.Queue()
        self.next_id = 1
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        self.messages.put((time.perf_counter(), None))
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if length is None:
                    raise ValueError("a message without Content-Length")
                body = out.read(length)
                stamp = time.perf_counter()
                if len(body) < length:
                    self.messages.put((stamp, None))
                    return
                self.messages.put((stamp, json.loads(body)))
        except (ValueError, OSError) as e:
            self.messages.put((time.perf_counter(), {"_reader_error": str(e)}))

    def send(self, msg):
        msg["jsonrpc"] = "2.0"
        body = json.dumps(msg).encode()
        try:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()
        except OSError as e:
            raise ServerError("writing to the server failed: %s%s" % (e, self.exit_note()))

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        return rid

    def exit_note(self):
        code = self.proc.poll()
        if code is None:
            return ""
        if code < 0:
            return " (server killed by signal %d)" % -code
        return " (server exit status %d)" % code

    def wait_for(self, accept, timeout, what):
        """The first message for which accept(msg) is true, with its time
        stamp; answers the server's own requests on the way."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerError("no %s within %.0f s%s" % (what, timeout, self.exit_note()))
            try:
                stamp, msg = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if msg is None:
                time.sleep(0.2)
                raise ServerError("the server closed its output while waiting for %s%s"
                                  % (what, self.exit_note()))
            if "_reader_error" in msg:
                raise ServerError("bad message from the server: " + msg["_reader_error"])
            if "method" in msg and "id" in msg:
                self._answer(msg)
                continue
            if accept(msg):
                return stamp, msg

    def _answer(self, msg):
        result = None
        if msg["method"] == "workspace/configuration":
            result = [None] * len(msg.get("params", {}).get("items", []))
        self.send({"id": msg["id"], "result": result})

    def cpu_seconds(self):
        """User + system time of the server so far (all its threads)."""
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def close(self):
        try:
            if self.proc.poll() is None:
                rid = self.request("shutdown", None)
                self.wait_for(lambda m: m.get("id") == rid, 10, "shutdown reply")
                self.notify("exit", None)
                self.proc.wait(timeout=10)
        except (ServerError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.log.close()

    def log_tail(self, lines=15):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def user_config(path, checks_on, cache_dir, policies):
    """A clangd user config (config.yaml) that enables or removes purpose-*."""
    # The standard library index is built on a thread of its own after the
    # first preamble, for seconds of CPU, while the first edits are timed.
    lines = ["Index:", "  StandardLibrary: No", "Diagnostics:", "  ClangTidy:"]
    if checks_on:
        lines += ["    Add: [purpose-*]", "    Remove: [purpose-unannotated-contact]",
                  "    CheckOptions:",
                  "      purpose-limitation.CacheDir: %s" % json.dumps(cache_dir)]
        if policies:
            lines.append("      purpose-limitation.Policies: %s" % json.dumps(";".join(policies)))
    else:
        lines.append("    Remove: [purpose-*]")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def is_publish_for(uri, version):
    def accept(msg):
        if msg.get("method") != "textDocument/publishDiagnostics":
            return False
        params = msg.get("params", {})
        if params.get("uri") != uri:
            return False
        got = params.get("version")
        return got is None or got >= version
    return accept


def load1():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def run_session(a, mode, path, work, tag):
    """One server, one file: open it, then a.edits timed edits."""
    server_bin = a.clangd if mode == "stock" else a.purpose_clangd
    xdg = os.path.join(work, "xdg-" + tag)
    cache = a.warm_cache if mode == "warm" else tempfile.mkdtemp(prefix="cold-", dir=work)
    user_config(os.path.join(xdg, "clangd", "config.yaml"), mode in ("cold", "warm"),
                cache, a.policy)
    env = dict(os.environ, XDG_CONFIG_HOME=xdg)
    if a.trace:
        env["CLANGD_TRACE"] = os.path.join(a.log_dir, tag + ".trace.json")
    argv = [server_bin, "--compile-commands-dir=" + a.p, "--clang-tidy",
            "--background-index=false", "--log=info"]
    log_path = os.path.join(a.log_dir, tag + ".log")
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    uri = file_uri(path)
    loads = [load1()]
    server = LspServer(argv, env, a.root, log_path, a.nice)
    try:
        rid = server.request("initialize", {
            "processId": os.getpid(), "rootUri": file_uri(a.root), "capabilities": {
                "textDocument": {"publishDiagnostics": {"relatedInformation": True,
                                                        "versionSupport": True}}}})
        server.wait_for(lambda m: m.get("id") == rid, a.timeout, "initialize reply")
        server.notify("initialized", {})
        t0 = time.perf_counter()
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": 1, "text": text}})
        t1, first = server.wait_for(is_publish_for(uri, 1), a.timeout,
                                    "first publishDiagnostics")
        time.sleep(a.pause)
        samples = []
        cpu0 = server.cpu_seconds()
        for i in range(1, a.edits + 1):
            version = i + 1
            edited = edit_text(text, i, a.edit)
            start = time.perf_counter()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": edited}]})
            end, last = server.wait_for(is_publish_for(uri, version), a.timeout,
                                        "publishDiagnostics of edit %d" % i)
            samples.append((end - start) * 1000)
            time.sleep(a.pause)
        cpu1 = server.cpu_seconds()
        loads.append(load1())
    except ServerError as e:
        raise ServerError("%s on %s, %s: %s\n--- last lines of %s:\n%s"
                          % (mode, os.path.relpath(path, a.root), tag, e, log_path,
                             server.log_tail()))
    finally:
        server.close()
    return {"samples": samples, "open_ms": (t1 - t0) * 1000,
            "cpu_ms_per_edit": (cpu1 - cpu0) * 1000 / a.edits,
            "load": loads, "checks": check_status(mode, first, last, log_path)}


def first_code_line(lines):
    """The index of the first line with code outside comments and directives."""
    in_block = False
    for n, line in enumerate(lines):
        rest = line
        code = ""
        while rest:
            if in_block:
                end = rest.find("*/")
                if end < 0:
                    rest = ""
                    continue
                rest, in_block = rest[end + 2:], False
                continue
            start = rest.find("/*")
            cut = rest.find("//")
            if cut >= 0 and (start < 0 or cut < start):
                code += rest[:cut]
                break
            if start < 0:
                code += rest
                break
            code, rest, in_block = code + rest[:start], rest[start + 2:], True
        if code.strip() and not code.lstrip().startswith("#"):
            return n
    return len(lines) - 1


def edit_text(text, i, kind):
    """The file's text at edit \p i (from 1)."""
    if kind == "append":
        return text + "// editor_latency edit %d\n" % i
    lines = text.splitlines(keepends=True)
    at = first_code_line(lines) + 1
    inserted = ["// editor_latency edit %d.%d\n" % (i, k) for k in range(i)]
    return "".join(lines[:at] + inserted + lines[at:])


def check_status(mode, first, last, log_path):
    """What ran: the purpose-clangd log line about purpose-limitation, the
    purpose-* diagnostics of the last publish, the cache warning."""
    if mode in ("stock", "off"):
        return "-"
    said = "no log line"
    with open(log_path, errors="replace") as f:
        for line in f:
            if "purpose-clangd: running" in line:
                said = "on" if "purpose-limitation" in line else "limitation off"
            elif "purpose-clangd: purpose-limitation does not run" in line:
                said = "OFF"
    def purpose(msg):
        return [d for d in msg["params"]["diagnostics"]
                if str(d.get("code", "")).startswith("purpose-")]
    warned = any(any(w in d.get("message", "") for w in CACHE_WARNINGS)
                 for d in purpose(first))
    return "%s, %d diags%s" % (said, len(purpose(last)), ", cache warning" if warned else "")


def warm_up(a, work):
    """Fill the cache that warm sessions read with one purpose-check run."""
    a.warm_cache = os.path.join(work, "warm-cache")
    cmd = [a.purpose_check, "-p", a.p, "--cache-dir", a.warm_cache, "-j", "2"]
    for p in a.policy:
        cmd += ["--policy", p]
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=a.root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, preexec_fn=(lambda: os.nice(a.nice)) if a.nice else None)
    took = time.perf_counter() - start
    entries = sum(len(fs) for _, _, fs in os.walk(a.warm_cache))
    print("warm-up: %s: exit %d in %.1f s, %d files in the cache"
          % (" ".join(cmd), p.returncode, took, entries))
    if p.returncode == 2:
        print("warm-up: exit status 2 (some TU did not parse); the cache holds the rest:\n  "
              + "\n  ".join(p.stderr.strip().splitlines()[-5:]))
    if p.returncode not in (0, 1, 2) or entries == 0:
        sys.exit("editor_latency: the warm-up run failed:\n" + p.stderr[-3000:])


def p90(xs):
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def trace_spans(path, n_edits):
    """Median duration (ms) per edit of each clangd trace span after the open."""
    try:
        with open(path, errors="replace") as f:
            text = f.read().rstrip().rstrip(",")
        events = json.loads(text if text.endswith("]}") else text + "]}")["traceEvents"]
    except (OSError, ValueError, KeyError):
        return {}
    spans = {}
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            spans.setdefault(e["name"], []).append(e["dur"] / 1000.0)
    # The last n_edits occurrences of a span that runs once per build are the
    # edits' (the first is the open's; Debounce runs for edits only).
    return {name: statistics.median(ds[-n_edits:]) for name, ds in spans.items()
            if len(ds) >= n_edits}


def summarize(a, results):
    rows = []
    for path in a.files:
        stock = results.get((path, "stock"))
        base = statistics.median(s for r in stock for s in r["samples"]) if stock else None
        base_runs = statistics.median(statistics.median(r["samples"]) for r in stock) \
            if stock else None
        for mode in a.modes:
            runs = results.get((path, mode))
            if not runs:
                continue
            all_s = [s for r in runs for s in r["samples"]]
            med = statistics.median(all_s)
            run_meds = [statistics.median(r["samples"]) for r in runs]
            loads = [x for r in runs for x in r["load"]]
            rows.append({
                "file": os.path.relpath(path, a.root),
                "server": "clangd-19" if mode == "stock" else "purpose-clangd",
                "mode": mode, "median": med, "p90": p90(all_s), "min": min(all_s),
                "max": max(all_s), "n": len(all_s),
                "run_median": statistics.median(run_meds), "run_medians": run_meds,
                "ratio": med / base if base else None,
                "run_ratio": statistics.median(run_meds) / base_runs if base_runs else None,
                "cpu": statistics.median(r["cpu_ms_per_edit"] for r in runs),
                "open": statistics.median(r["open_ms"] for r in runs),
                "load": "%.1f-%.1f" % (min(loads), max(loads)),
                "checks": "; ".join(sorted({r["checks"] for r in runs}))})
    return rows


def print_table(rows):
    if not rows:
        print("\nno session completed")
        return
    head = ["file", "server", "mode", "median", "p90", "min", "max", "n", "med of runs",
            "ratio", "ratio runs", "cpu/edit", "open", "load", "checks"]
    def fmt(r):
        ratio = lambda x: "-" if x is None else "%.2f" % x
        return [r["file"], r["server"], r["mode"], "%.0f" % r["median"], "%.0f" % r["p90"],
                "%.0f" % r["min"], "%.0f" % r["max"], str(r["n"]),
                "%.0f (%s)" % (r["run_median"], " ".join("%.0f" % x for x in r["run_medians"])),
                ratio(r["ratio"]), ratio(r["run_ratio"]), "%.0f" % r["cpu"], "%.0f" % r["open"],
                r["load"], r["checks"]]
    table = [head] + [fmt(r) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    print("\nlatency didChange -> publishDiagnostics, ms (ratio: median / stock clangd's; "
          "target <= 1.10); cpu/edit and open in ms")
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__[__doc__.index("For each FILE"):])
    ap.add_argument("files", nargs="+", metavar="FILE", help="a file to edit; relative to --root")
    ap.add_argument("-p", required=True, metavar="BUILD_DIR",
                    help="directory holding compile_commands.json")
    ap.add_argument("--purpose-clangd", default="purpose-clangd", metavar="PATH",
                    help="the server under test (default: purpose-clangd on PATH)")
    ap.add_argument("--clangd", default="clangd-19", metavar="PATH",
                    help="the reference server (default: clangd-19)")
    ap.add_argument("--purpose-check", default="purpose-check", metavar="PATH",
                    help="the CLI that fills the warm cache")
    ap.add_argument("--policy", action="append", default=[], metavar="FILE",
                    help="policy file for the warm-up and the check (repeatable)")
    ap.add_argument("--warm-cache", metavar="DIR",
                    help="a cache that purpose-check already filled: no warm-up run")
    ap.add_argument("--modes", default=",".join(MODES),
                    help="comma-separated, of %(default)s")
    ap.add_argument("--edit", choices=("append", "shift"), default="append",
                    help="append a comment line at the end, or insert lines below the "
                         "includes that move every position below (append)")
    ap.add_argument("--edits", type=int, default=20, help="timed edits per session (20)")
    ap.add_argument("--runs", type=int, default=3, help="sessions per file and mode (3)")
    ap.add_argument("--root", default=os.getcwd(),
                    help="the project's root: the servers' and purpose-check's working "
                         "directory (default: the current one)")
    ap.add_argument("--nice", type=int, default=10,
                    help="niceness added to the servers and the warm-up (10)")
    ap.add_argument("--pause", type=float, default=0.3,
                    help="seconds of quiet after each publish (0.3)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per reply (120)")
    ap.add_argument("--log-dir", help="server logs (default: a temporary directory, kept)")
    ap.add_argument("--trace", action="store_true", help="CLANGD_TRACE span breakdown")
    ap.add_argument("--json", metavar="FILE", help="write the rows and raw samples")
    a = ap.parse_args(argv)
    a.modes = [m for m in a.modes.split(",") if m]
    bad = [m for m in a.modes if m not in MODES]
    if bad or a.edits < 1 or a.runs < 1:
        ap.error("modes are %s; --edits and --runs >= 1" % ",".join(MODES))
    a.p = os.path.abspath(a.p)
    a.root = os.path.abspath(a.root)
    # A relative FILE is under --root, where the servers run.
    a.files = [os.path.abspath(os.path.join(a.root, f)) for f in a.files]
    a.policy = [os.path.abspath(p) for p in a.policy]
    if a.warm_cache:
        a.warm_cache = os.path.abspath(a.warm_cache)
        if not os.path.isdir(a.warm_cache):
            ap.error("--warm-cache: no such directory: " + a.warm_cache)
    for name in ("purpose_clangd", "clangd", "purpose_check"):
        found = shutil.which(getattr(a, name))
        needed = {"clangd": "stock" in a.modes,
                  "purpose_check": "warm" in a.modes and not a.warm_cache,
                  "purpose_clangd": any(m != "stock" for m in a.modes)}[name]
        if needed and not found:
            ap.error("--%s: %s not found" % (name.replace("_", "-"), getattr(a, name)))
        setattr(a, name, os.path.abspath(found) if found else None)
    for f in a.files + [os.path.join(a.p, "compile_commands.json")] + a.policy:
        if not os.path.isfile(f):
            ap.error("no such file: " + f)
    return a


def main(argv):
    a = parse_args(argv)
    work = tempfile.mkdtemp(prefix="editor-latency-")
    a.log_dir = os.path.abspath(a.log_dir) if a.log_dir else os.path.join(work, "logs")
    os.makedirs(a.log_dir, exist_ok=True)
    print("uptime at start: " + subprocess.run(["uptime"], stdout=subprocess.PIPE,
                                               text=True).stdout.strip())
    print("servers: stock %s; purpose %s; logs in %s"
          % (a.clangd or "-", a.purpose_clangd or "-", a.log_dir))
    if "warm" in a.modes and not a.warm_cache:
        warm_up(a, work)
    results, traces, failed = {}, {}, 0
    for run in range(a.runs):
        order = a.modes[run % len(a.modes):] + a.modes[:run % len(a.modes)]
        for path in a.files:
            for mode in order:
                tag = "%s-%s-run%d" % (os.path.basename(path), mode, run + 1)
                try:
                    r = run_session(a, mode, path, work, tag)
                except ServerError as e:
                    print("editor_latency: error: %s" % e, file=sys.stderr)
                    failed += 1
                    continue
                results.setdefault((path, mode), []).append(r)
                print("%-40s median %6.0f ms  cpu/edit %5.0f ms  open %6.0f ms  load %.1f"
                      % (tag, statistics.median(r["samples"]), r["cpu_ms_per_edit"],
                         r["open_ms"], r["load"][0]), flush=True)
                if a.trace:
                    spans = trace_spans(os.path.join(a.log_dir, tag + ".trace.json"), a.edits)
                    traces.setdefault((path, mode), []).append(spans)
    rows = summarize(a, results)
    print_table(rows)
    if a.trace:
        print_traces(a, traces)
    print("uptime at end: " + subprocess.run(["uptime"], stdout=subprocess.PIPE,
                                             text=True).stdout.strip())
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"rows": rows, "sessions": {"%s|%s" % k: v for k, v in results.items()}},
                      f, indent=1)
    # Keep the logs; the rest (configs, caches) goes.
    if os.path.commonpath([a.log_dir, work]) == work:
        shutil.rmtree(os.path.join(work, "warm-cache"), ignore_errors=True)
    else:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("editor_latency: %d session(s) failed" % failed, file=sys.stderr)
        return 2
    return 0


def print_traces(a, traces):
    print("\nclangd trace spans, median ms per edit (median over runs):")
    for (path, mode), runs in sorted(traces.items()):
        names = sorted({n for r in runs for n in r})
        meds = {n: statistics.median(r[n] for r in runs if n in r) for n in names}
        top = sorted(meds.items(), key=lambda kv: -kv[1])[:10]
        print("  %s %s: %s" % (os.path.relpath(path, a.root), mode,
                               ", ".join("%s %.1f" % kv for kv in top)))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
