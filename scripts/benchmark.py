#!/usr/bin/env python3
"""Benchmarks purpose-check against the parse floor on a synthetic code base.

For N generated translation units (scripts/bench/gen_codebase.py) it prints,
for the same files and the same parallelism:
  floor     clang++-19 -fsyntax-only over every TU (the parse floor)
  cold      purpose-check --no-cache
  warm      purpose-check with a full cache and nothing changed
  touched   purpose-check after one TU's main file was edited
  solve     the whole-program solve alone (from --timings)
with the median wall time of R runs, the peak resident memory, and each
figure's ratio to the floor. It also checks that the planted violations are
all found, and no others.

usage: benchmark.py [--tus N] [-j J] [--runs R] [--tool PATH] [--work DIR]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_measured(cmd, cwd=None):
    """Runs cmd under /usr/bin/time -f %M to get the peak RSS (KiB)."""
    tf = tempfile.NamedTemporaryFile(delete=False)
    tf.close()
    full = ["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd
    start = time.monotonic()
    p = subprocess.run(full, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       cwd=cwd)
    elapsed = time.monotonic() - start
    try:
        with open(tf.name) as f:
            rss_kib = int(f.read().strip().splitlines()[-1])
    except (ValueError, IndexError):
        rss_kib = 0
    os.unlink(tf.name)
    return elapsed, rss_kib / 1024.0, p


def floor(compdb, jobs):
    """clang++-19 -fsyntax-only over every TU, `jobs` at a time."""
    with open(compdb) as f:
        entries = json.load(f)
    procs = []
    start = time.monotonic()
    peak = 0.0
    queue = list(entries)
    running = []
    while queue or running:
        while queue and len(running) < jobs:
            e = queue.pop(0)
            args = list(e["arguments"])
            args[0] = "clang++-19"
            args = [a for a in args if a not in ("-c",)]
            if "-o" in args:
                i = args.index("-o")
                del args[i:i + 2]
            args.append("-fsyntax-only")
            tf = tempfile.NamedTemporaryFile(delete=False)
            tf.close()
            p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf.name]
                                 + args, cwd=e["directory"],
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            running.append((p, tf.name))
        for item in list(running):
            p, name = item
            if p.poll() is not None:
                if p.returncode != 0:
                    sys.exit("benchmark: clang++-19 failed on a generated TU")
                try:
                    with open(name) as f:
                        peak = max(peak, int(f.read().split()[-1]) / 1024.0)
                except (ValueError, IndexError):
                    pass
                os.unlink(name)
                running.remove(item)
        time.sleep(0.005)
    return time.monotonic() - start, peak


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tus", type=int, default=100)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tool", default=os.path.join(REPO, "build", "tool",
                                                   "purpose-check"))
    ap.add_argument("--work", default=None)
    a = ap.parse_args()

    work = a.work or tempfile.mkdtemp(prefix="purpose-bench-")
    src = os.path.join(work, "src")
    bld = os.path.join(work, "build")
    if os.path.exists(work) and a.work:
        shutil.rmtree(work)
    os.makedirs(src)
    os.makedirs(bld)
    subprocess.run([sys.executable, os.path.join(REPO, "scripts", "bench",
                                                 "gen_codebase.py"),
                    str(a.tus), src], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, os.path.join(REPO, "scripts",
                                                 "make_compdb.py"), src, bld],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(src, "expected.txt")) as f:
        expected = int(f.read())
    cache = os.path.join(work, "cache")
    base = [a.tool, "-p", bld, "--format", "json", "-j", str(a.j),
            "--timings"]

    figures = {}

    def median_of(name, fn):
        times, peaks = [], []
        for _ in range(a.runs):
            t, peak = fn()
            times.append(t)
            peaks.append(peak)
        figures[name] = (statistics.median(times), max(peaks))

    median_of("floor", lambda: floor(os.path.join(bld, "compile_commands.json"),
                                     a.j))

    solve_times = []

    def tool(extra):
        t, rss, p = run_measured(base + extra)
        if p.returncode not in (0, 1):
            sys.stderr.write(p.stderr.decode())
            sys.exit("benchmark: purpose-check failed (%d)" % p.returncode)
        report = json.loads(p.stdout)
        found = [v for v in report["violations"]]
        if len(found) != expected:
            sys.exit("benchmark: %d violations found, %d planted"
                     % (len(found), expected))
        for line in p.stderr.decode().splitlines():
            if line.startswith("purpose-check: timing: solve "):
                solve_times.append(float(line.split()[-1].rstrip("s")))
        return t, rss

    median_of("cold", lambda: tool(["--no-cache"]))
    shutil.rmtree(cache, ignore_errors=True)
    tool(["--cache-dir", cache])  # fill
    median_of("warm", lambda: tool(["--cache-dir", cache]))

    touched = os.path.join(src, "mod1.cpp")

    def touch_and_run():
        with open(touched, "a") as f:
            f.write("// edit %f\n" % time.monotonic())
        return tool(["--cache-dir", cache])

    median_of("touched", touch_and_run)

    # One TU's parse time, for the touched target.
    with open(os.path.join(bld, "compile_commands.json")) as f:
        entry = [e for e in json.load(f) if e["file"].endswith("/mod1.cpp")][0]
    args = [x for x in entry["arguments"] if x != "-c"]
    args[0] = "clang++-19"
    one = []
    for _ in range(a.runs):
        t, _, _ = run_measured(args + ["-fsyntax-only"], cwd=entry["directory"])
        one.append(t)
    one_tu = statistics.median(one)

    fl = figures["floor"][0]
    print("purpose-check benchmark: %d TUs (+1), -j%d, median of %d runs, "
          "%d planted violations found" % (a.tus, a.j, a.runs, expected))
    print("%-10s %10s %8s %12s" % ("run", "wall (s)", "ratio", "peak RSS (MiB)"))
    for name in ("floor", "cold", "warm", "touched"):
        t, rss = figures[name]
        print("%-10s %10.2f %8.3f %12.0f" % (name, t, t / fl, rss))
    if solve_times:
        s = statistics.median(solve_times)
        print("%-10s %10.3f %8.3f" % ("solve", s, s / fl))
    print("one TU parse: %.3f s; touched target (parse + 10%% + solve): %.2f s"
          % (one_tu, one_tu * 1.1 + (statistics.median(solve_times)
                                     if solve_times else 0)))
    if not a.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
