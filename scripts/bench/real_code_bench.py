#!/usr/bin/env python3
"""Benchmarks purpose-check on real code against its parse floor (issue 18).

usage: real_code_bench.py --tool ABS_PATH -p BUILD_DIR --src SOURCE_ROOT
                          [--policy FILE] [--runs R] [--edit FILE]
                          [--work DIR] [--json FILE]

For an existing compilation database (BUILD_DIR/compile_commands.json, 100+
translation units (TUs) of real code), run from SOURCE_ROOT as
scripts/bench/real_code.py runs it, it measures, with medians of R runs (>= 3):

  floor    clang++-19 -fsyntax-only on every TU with its own flags, one at a
           time: CPU time (user + system, summed), and each TU's CPU time
           and peak RSS
  cold     purpose-check --no-cache -j1: CPU time, peak RSS, and each TU's
           CPU time (its worker thread's, from --timings)
  warm     purpose-check with a full cache and nothing changed (wall, CPU,
           and the cache-check phase)
  edit     a comment appended to one large file (--edit, default the TU
           whose parse costs the most in the floor, or with --skip-cold the
           largest main file under SOURCE_ROOT), then purpose-check FILE: wall time
           against that file's own parse (wall) x 1.1 + the run's solve
  RSS      cold -j1 peak RSS against the largest TU's parse peak RSS

and prints the table of issue 18 as ratios, then each TU's ratio of its
analysis CPU to its own parse CPU, worst first (target: every TU <= 3x).
Floor and cold runs alternate, so that load from other processes hits both
alike; the load average is printed with every figure. The edited file is
restored at the end (and on Ctrl-C).

The cache goes to --work (default: a temporary directory), never into the
code base's build directory.

Example (the Qt library of issue 18):
  scripts/bench/real_code_bench.py --tool $PWD/build/tool/purpose-check \\
      -p /work/realcode/build-kcontacts --src /work/realcode/kcontacts \\
      --policy docs/real-code/kcontacts.policy.json --runs 3
"""
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                                "tests"))  # scripts/tests: report_testlib
import report_testlib as lib  # noqa: E402

# The compilers of the parse floor (real_code.py builds with them too).
CLANG_CXX = "clang++-19"
CLANG_C = "clang-19"


def loadavg():
    return "%.1f" % os.getloadavg()[0]


def syntax_only(entry):
    """The compile command of a compile_commands.json entry as -fsyntax-only
    (clang-19 for a .c file), -c and the output options dropped."""
    args = list(entry["arguments"]) if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [CLANG_C if entry["file"].endswith(".c") else CLANG_CXX], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a == "-o":
            skip = True
        elif a != "-c" and not a.startswith("-o"):
            out.append(a)
    return out + ["-fsyntax-only"]


def run_child(cmd, cwd=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS MiB, rc, stdout, stderr) of
    that child alone (wait4's rusage)."""
    start = time.monotonic()
    p = Popen4(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = p.communicate()  # Reaps the child; its rusage comes below.
    wall = time.monotonic() - start
    return wall, p.rusage[0], p.rusage[1], p.returncode, out, err


class Popen4(subprocess.Popen):
    """Popen that keeps the child's rusage (user + sys seconds, peak MiB)."""

    rusage = (0.0, 0.0)

    def _try_wait(self, wait_flags):
        try:
            pid, sts, ru = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return self.pid, 0
        if pid == self.pid:
            self.rusage = (ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0)
        return pid, sts


def floor(entries):
    """-fsyntax-only on each TU, one at a time: {file: (cpu, rss)}, total cpu."""
    per_tu = {}
    for e in entries:
        _, cpu, rss, rc, _, err = run_child(syntax_only(e), cwd=e["directory"])
        if rc != 0:
            sys.exit("real_code_bench: %s failed on %s:\n%s"
                     % (CLANG_CXX, e["file"], err.decode(errors="replace")[-2000:]))
        per_tu[os.path.realpath(os.path.join(e["directory"], e["file"]))] = (cpu, rss)
    return per_tu, sum(c for c, _ in per_tu.values())


def parse_timings(err):
    phases, tus = {}, {}
    for line in err.decode(errors="replace").splitlines():
        if line.startswith("purpose-check: timing: "):
            name, secs = line.split()[-2:]
            phases[name] = float(secs.rstrip("s"))
        elif line.startswith("purpose-check: tu-timing: "):
            f = line.split()
            # purpose-check: tu-timing: cpu X parse X summarize X teardown X FILE
            tus[os.path.realpath(" ".join(f[10:]))] = float(f[3].rstrip("s"))
    return phases, tus


def main():
    ap = lib.doc_parser(__doc__)
    ap.add_argument("--tool", required=True, help="absolute path of purpose-check")
    ap.add_argument("-p", dest="build", required=True, help="directory of compile_commands.json")
    ap.add_argument("--src", required=True, help="source root; the runs' working directory")
    ap.add_argument("--policy", action="append", default=[])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--edit", help="the file to edit (default: the TU whose parse "
                    "costs the most)")
    ap.add_argument("--work", help="where the cache goes (default: a temporary directory)")
    ap.add_argument("--json", help="also write every sample here")
    ap.add_argument("--skip-cold", action="store_true",
                    help="skip the floor and cold runs (warm and edit only)")
    a = ap.parse_args()
    if not os.path.isabs(a.tool):
        sys.exit("real_code_bench: --tool must be an absolute path")
    src = os.path.realpath(a.src)
    with open(os.path.join(a.build, "compile_commands.json")) as f:
        entries = json.load(f)
    files = {os.path.realpath(os.path.join(e["directory"], e["file"])): e for e in entries}
    work = a.work or tempfile.mkdtemp(prefix="real-code-bench-")
    os.makedirs(work, exist_ok=True)  # The runs write their reports there.
    cache = os.path.join(work, "cache")
    shutil.rmtree(cache, ignore_errors=True)
    policies = []
    for p in a.policy:
        policies += ["--policy", os.path.abspath(p)]
    base = [a.tool, "-p", os.path.abspath(a.build), "--format", "json", "-o",
            os.path.join(work, "report.json"), "--timings"] + policies
    samples = {"load": []}

    def tool(kind, extra):
        wall, cpu, rss, rc, _, err = run_child(base + extra, cwd=src)
        if rc not in (0, 1):
            sys.exit("real_code_bench: %s run failed (%d):\n%s"
                     % (kind, rc, err.decode(errors="replace")[-3000:]))
        phases, tus = parse_timings(err)
        samples.setdefault(kind, []).append(
            {"wall": wall, "cpu": cpu, "rss": rss, "phases": phases, "load": loadavg()})
        print("  %-6s wall %7.2fs cpu %7.2fs rss %6.0f MiB  load %s  %s"
              % (kind, wall, cpu, rss, loadavg(),
                 " ".join("%s=%.3f" % kv for kv in phases.items())), flush=True)
        return tus

    per_tu_floor, per_tu_tool = {}, {}
    if not a.skip_cold:
        for r in range(a.runs):
            ft, total = floor(entries)
            samples.setdefault("floor", []).append({"cpu": total, "load": loadavg()})
            print("  floor  cpu %7.2fs  load %s" % (total, loadavg()), flush=True)
            for f, v in ft.items():
                per_tu_floor.setdefault(f, []).append(v)
            tus = tool("cold", ["--no-cache", "-j", "1"])
            for f, c in tus.items():
                per_tu_tool.setdefault(f, []).append(c)

    # Fill the cache, then once more so that the stat index is complete.
    tool("fill", ["--cache-dir", cache, "-j", "2"])
    tool("fill", ["--cache-dir", cache, "-j", "2"])
    for _ in range(a.runs):
        tool("warm", ["--cache-dir", cache, "-j", "2"])

    # By default the TU whose parse the floor found the costliest: the
    # largest main file may be a generated data blob (qrc_*.cpp).
    under = [f for f in files if f.startswith(src + os.sep)]
    # A relative --edit is under --src, where the runs are made.
    edit = os.path.realpath(os.path.join(src, a.edit)) if a.edit else max(
        under, key=lambda f: (statistics.median(c for c, _ in per_tu_floor.get(f, [(0, 0)])),
                              os.path.getsize(f)))
    with open(edit, "rb") as f:
        original = f.read()
    e = files[edit]
    try:
        # Each edit run is paired with a parse of the same edited file, so
        # that both sides of the ratio see the same machine.
        for r in range(a.runs):
            with open(edit, "ab") as f:
                f.write(b"\n// real_code_bench edit %d %f\n" % (r, time.time()))
            tool("edit", ["--cache-dir", cache, "-j", "2", edit])
            wall, cpu, rss, rc, _, _ = run_child(syntax_only(e), cwd=e["directory"])
            samples.setdefault("edit_parse", []).append({"wall": wall, "cpu": cpu, "rss": rss})
    finally:
        with open(edit, "wb") as f:
            f.write(original)

    def med(kind, what):
        return statistics.median(s[what] for s in samples[kind])

    def phase(kind, name):
        v = [s["phases"][name] for s in samples[kind] if name in s["phases"]]
        return statistics.median(v) if v else float("nan")

    print("\nreal code: %s, %d TUs, %d runs each, tool %s" % (src, len(entries), a.runs, a.tool))
    print("| figure | measured (median) | against | ratio | target |")
    print("|---|---:|---:|---:|---|")
    if "floor" in samples:
        fl = med("floor", "cpu")
        cold = med("cold", "cpu")
        print("| cold -j1, CPU | %.1f s | floor %.1f s | %.2f x | <= 0.75 x |" % (cold, fl, cold / fl))
        biggest = max(per_tu_floor, key=lambda f: statistics.median(r for _, r in per_tu_floor[f]))
        parse_rss = statistics.median(r for _, r in per_tu_floor[biggest])
        rss = med("cold", "rss")
        print("| peak RSS, cold -j1 | %.0f MiB | largest parse %.0f MiB (%s) | %.2f x | <= 1 x |"
              % (rss, parse_rss, os.path.relpath(biggest, src), rss / parse_rss))
    warm = med("warm", "wall")
    print("| warm, nothing changed, wall | %.2f s (cpu %.2f s, cache-check %.3f s) | | | <= 0.3 s |"
          % (warm, med("warm", "cpu"), phase("warm", "cache-check")))
    parse = med("edit_parse", "wall")
    solve = phase("edit", "solve")
    target = parse * 1.1 + solve
    print("| one file edited (%s), wall | %.2f s | parse %.2f s x 1.1 + solve %.3f s = %.2f s | %.2f | <= 1 |"
          % (os.path.relpath(edit, src), med("edit", "wall"), parse, solve, target,
             med("edit", "wall") / target))
    print("edit run phases (median): " + ", ".join(
        "%s %.3f s" % (n, phase("edit", n)) for n in
        ("setup", "cache-load", "cache-check", "parse", "summarize", "teardown", "cache-store", "hold",
         "analyze", "solve", "report")))
    if per_tu_tool:
        ratios = []
        for f, cs in per_tu_tool.items():
            if f in per_tu_floor:
                p = statistics.median(c for c, _ in per_tu_floor[f])
                ratios.append((statistics.median(cs) / p, f, statistics.median(cs), p))
        ratios.sort(reverse=True)
        print("\nper TU, analysis CPU / own parse CPU (worst first; target <= 3 x):")
        for r, f, c, p in ratios[:10]:
            print("  %5.2f x  %6.2f s / %6.2f s  %s" % (r, c, p, os.path.relpath(f, src)))
        print("  median %.2f x over %d TUs" % (statistics.median(r for r, *_ in ratios), len(ratios)))
        samples["per_tu"] = [{"file": f, "ratio": r, "cpu": c, "parse_cpu": p}
                             for r, f, c, p in ratios]
    print("load average at the end: %s" % loadavg())
    if a.json:
        with open(a.json, "w") as f:
            json.dump(samples, f, indent=1)


if __name__ == "__main__":
    main()
