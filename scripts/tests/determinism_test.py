#!/usr/bin/env python3
"""Determinism and path tests on a copy of test-corpus/example.

Usage:
  determinism_test.py --tool PURPOSE_CHECK [--runs N]         (determinism)
  determinism_test.py --tool PURPOSE_CHECK --paths [--runs N]  (relative paths)

The tool runs from the project's root (ROOT, holding src/ and build/), as a
user runs it from the top of a checkout, so reports name files src/...

Determinism: for --format json and --format sarif, the reports of -j 1 and
-j 2 (N times) without the cache, and of -j 2 with a cold cache, are
byte-identical, and so are those of -j 1 and -j 2 with a warm cache
(INTERFACE.md section 5: the same input gives the same bytes, whatever -j);
the two groups differ at most in stats.translation_units_from_cache;
standard output equals what -o writes.

Paths (--paths): with -j 2 and --no-cache, N times, relative paths on the command line are
relative to the current directory, whatever the analysis does meanwhile:
-p build, -o out/report.json and --write-baseline out/b.json land under ROOT
(and nothing is written into src/), and FILE arguments (src/login_flow.cpp,
src/match_keys.cpp) select the violations whose traces touch those files.
"""

import hashlib
import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def from_cache_blank(text):
    return re.sub(r'"translation_units_from_cache": \d+', '"translation_units_from_cache": N', text)


def diff_reports(seen):
    first, *others = [v[0][1] for v in seen.values()]
    for other in others:
        os.system("diff %s %s | head -20 >&2" % (first, other))


def determinism(c, tool, proj, runs):
    # -j 2 without the cache is repeated `runs` times: thread scheduling
    # differs from run to run.
    variants = ([("-j1 --no-cache", ["-j", "1", "--no-cache"])] +
                [("-j2 --no-cache #%d" % (r + 1), ["-j", "2", "--no-cache"]) for r in range(runs)] +
                [("-j2 cold cache", ["-j", "2", "--cache-dir", "CACHE"]),
                 ("-j1 warm cache", ["-j", "1", "--cache-dir", "CACHE"]),
                 ("-j2 warm cache", ["-j", "2", "--cache-dir", "CACHE"])])
    for fmt in ("json", "sarif"):
        seen = {}
        cache = os.path.join(proj.root, "cache-" + fmt)
        for name, extra in variants:
            extra = [cache if a == "CACHE" else a for a in extra]
            out = os.path.join(proj.root, "%s-%s.%s" % (fmt, name.replace(" ", "_"), fmt))
            rc, _, err, secs = lib.run(
                [tool, "-p", "build", "--format=" + fmt, "-o", out] + extra, cwd=proj.root)
            c.check(rc == 1, "%s %s: exit status %d\n%s" % (fmt, name, rc, err))
            if os.path.exists(out):
                seen.setdefault(digest(out), []).append((name, out))
            print("%s %-18s %s (%.1fs)" % (fmt, name,
                  digest(out) if os.path.exists(out) else "no file", secs))
        # Byte-identical within a cache state; across cache states, but for
        # stats.translation_units_from_cache (the JSON's only cache-dependent
        # member).
        for state in ("no/cold cache", "warm cache"):
            group = {d: [n for n, _ in v if ("warm" in n) == (state == "warm cache")]
                     for d, v in seen.items()}
            group = {d: v for d, v in group.items() if v}
            if not c.check(len(group) == 1, "%s, %s: %d different reports: %s"
                           % (fmt, state, len(group), group)):
                diff_reports(seen)
        normalized = {}
        for d, v in seen.items():
            with open(v[0][1], encoding="utf-8") as f:
                normalized.setdefault(from_cache_blank(f.read()), []).extend(n for n, _ in v)
        if not c.check(len(normalized) == 1, "%s: reports differ beyond the cache count: %s"
                       % (fmt, list(normalized.values()))):
            diff_reports(seen)
        # Standard output is the same report.
        rc, stdout, _, _ = lib.run([tool, "-p", "build", "--format=" + fmt, "-j", "2"],
                                   cwd=proj.root)
        ref = next(iter(seen.values()))[0][1] if seen else None
        if ref:
            with open(ref, encoding="utf-8") as f:
                c.check(from_cache_blank(f.read()) == from_cache_blank(stdout),
                        "%s: standard output differs from -o" % fmt)
        if fmt == "json" and ref:
            doc = lib.load_json(ref)
            c.check(all(v["sink"]["file"].startswith("src/") for v in doc["violations"]),
                    "json: sink files are not relative to the current directory")


def paths(c, tool, proj, runs):
    os.makedirs(os.path.join(proj.root, "out"), exist_ok=True)
    before = set(os.listdir(proj.src))
    for r in range(runs):
        for f in ("out/report.json", "out/b.json"):
            if os.path.exists(os.path.join(proj.root, f)):
                os.remove(os.path.join(proj.root, f))
        # --no-cache: every run parses, as a first (cold) run does.
        rc, _, err, _ = lib.run([tool, "-p", "build", "-j", "2", "--no-cache", "--format=json",
                                 "-o", "out/report.json", "--write-baseline", "out/b.json"],
                                cwd=proj.root)
        c.equal(rc, 0, "run %d: --write-baseline exit status (%s)" % (r, err.strip()))
        for f in ("out/report.json", "out/b.json"):
            c.check(os.path.exists(os.path.join(proj.root, f)),
                    "run %d: %s is not under the current directory" % (r, f))
        stray = sorted(set(os.listdir(proj.src)) - before)
        c.check(not stray, "run %d: relative output paths written into the compile "
                "directory src/: %s" % (r, stray))
        for s in stray:
            p = os.path.join(proj.src, s)
            if os.path.isfile(p):
                os.remove(p)
        if os.path.isdir(os.path.join(proj.src, "out")):
            import shutil
            shutil.rmtree(os.path.join(proj.src, "out"))

        for files, want in ((["src/login_flow.cpp"], 0), (["src/match_keys.cpp"], 2),
                            (["src/audience.cpp"], 3)):
            rc, out, err, _ = lib.run([tool, "-p", "build", "-j", "2", "--no-cache",
                                       "--format=json"] + files,
                                      cwd=proj.root)
            try:
                n = len(lib.json.loads(out)["violations"])
            except ValueError:
                n = None
            c.equal((rc, n), (1 if want else 0, want),
                    "run %d: FILE %s: (exit status, violations)" % (r, files[0]))


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--paths", action="store_true")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    c = lib.make_checks("paths_test" if args.paths else "determinism_test", args)
    with lib.TempDir("purpose-det.", args.keep) as tmp:
        proj = lib.Project(lib.EXAMPLE, tmp)
        if args.paths:
            paths(c, args.tool, proj, args.runs)
        else:
            determinism(c, args.tool, proj, args.runs)
    c.report()


if __name__ == "__main__":
    main()
