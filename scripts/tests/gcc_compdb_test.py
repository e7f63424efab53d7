#!/usr/bin/env python3
"""purpose-check on the compilation database of a real g++ CMake build (issue 9).

Usage: gcc_compdb_test.py --tool PURPOSE_CHECK [--keep] [--xfail PATTERN=WHY]...

A temporary CMake project holds a copy of test-corpus/example and a
CMakeLists.txt that builds it as a static library with g++
(-DCMAKE_CXX_COMPILER=g++ -DCMAKE_EXPORT_COMPILE_COMMANDS=ON), with
- GCC-only flags that clang-19 rejects as "unknown argument" (HARD_FLAGS; the
  test first confirms that clang++-19 -fsyntax-only really errors on each, and
  that g++ accepts them),
- GCC-only warning flags that clang only warns about (SOFT_FLAGS),
- a precompiled header, target_precompile_headers(<string> <vector>), which
  the build really makes (cmake_pch.hxx.gch, a GCC PCH that clang cannot read).

Asserts, for `purpose-check -p BUILD --format json` run in the sources:
- the database is g++'s: every command runs g++, has the flags and
  `-include .../cmake_pch.hxx`, and the PCH entry itself is listed;
- exit status 1, a complete report, no failed translation unit, no
  "failed to parse", no "unknown argument" and no "unknown warning option" on
  standard error;
- the same violations, as (origin, sink, file, line), as the build tree's
  example run through make_compdb.py's clang++-19 database;
- one warning "ignoring the flag 'F', which Clang does not know" per hard
  flag, and none for anything else;
- a warning naming the ignored GCC precompiled header (INTERFACE.md section
  4: "GCC precompiled headers are dropped with a warning");
- a second run, from the summary cache, reports the same violations;
- a source file added after the build was configured (not in the database)
  and named on the command line is analyzed with a command inferred from its
  g++ neighbours: its violation is reported, the GCC flags dropped again.

Exits 77 (CTest: skipped) when g++ or clang++-19 is missing.
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

TEST = "gcc_compdb_test"

# GCC flags clang-19's driver rejects: "error: unknown argument".
HARD_FLAGS = ["-fno-tree-pre", "-fipa-pta", "-fconserve-stack",
              "-fno-var-tracking-assignments"]
# GCC warning flags clang-19 accepts with "unknown warning option".
SOFT_FLAGS = ["-Wlogical-op", "-Wduplicated-cond", "-Wuseless-cast"]

CMAKELISTS = """\
cmake_minimum_required(VERSION 3.16)
project(social CXX)
set(CMAKE_CXX_STANDARD 17)
file(GLOB SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
# A library: the example's ad SDK is declared, not defined, so it does not link.
add_library(social STATIC ${SOURCES})
target_include_directories(social PRIVATE %(annotations)s ${CMAKE_CURRENT_SOURCE_DIR})
target_compile_options(social PRIVATE -O2 -Wall %(flags)s)
target_precompile_headers(social PRIVATE <string> <vector>)
"""


# Added after the build was configured (not in the database).
LATE_SOURCE = """\
#include "account.h"
#include "ads_sdk.h"

namespace social {

void ShareRecoveryEmail(const Account& account) {
  ads::MatchPartnerAudience(9, account.recovery_email);
}

}  // namespace social
"""
LATE_VIOLATION = ("social::Account::recovery_email", "social::ads::MatchPartnerAudience",
                  "late_share.cpp", 7)


def violations(report):
    return {(v["origin"]["name"], v["sink"]["name"], v["sink"]["file"],
             v["sink"]["line"]) for v in report["violations"]}


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    args = parser.parse_args()
    c = lib.make_checks(TEST, args)
    gxx = shutil.which("g++")
    clangxx = shutil.which(make_compdb.COMPILER)
    if not gxx or not clangxx:
        print("%s: g++ or %s not found: skipped" % (TEST, make_compdb.COMPILER))
        return 77
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []

    with lib.TempDir("purpose-gcc.", args.keep) as tmp:
        # The flags are what the test says they are.
        probe = os.path.join(tmp, "probe.cpp")
        with open(probe, "w") as f:
            f.write("int main() { return 0; }\n")
        for flag in HARD_FLAGS + SOFT_FLAGS:
            p = subprocess.run([clangxx, "-fsyntax-only", flag, probe],
                               capture_output=True, text=True)
            if flag in HARD_FLAGS:
                c.check(p.returncode != 0 and "unknown argument" in p.stderr,
                        "clang++-19 rejects %s as an unknown argument: %s"
                        % (flag, p.stderr.strip()))
            else:
                c.check(p.returncode == 0 and "unknown warning option" in p.stderr,
                        "clang++-19 only warns about %s: %s" % (flag, p.stderr.strip()))
            p = subprocess.run([gxx, "-fsyntax-only", "-Werror", flag, probe],
                               capture_output=True, text=True)
            c.check(p.returncode == 0, "g++ accepts %s: %s" % (flag, p.stderr.strip()))

        # The project, built with g++.
        src = os.path.join(tmp, "src")
        build = os.path.join(tmp, "build")
        shutil.copytree(lib.EXAMPLE, src)
        with open(os.path.join(src, "CMakeLists.txt"), "w") as f:
            f.write(CMAKELISTS % {
                "annotations": os.path.join(lib.REPO_ROOT, "annotations"),
                "flags": " ".join(HARD_FLAGS + SOFT_FLAGS)})
        for cmd in (["cmake", "-S", src, "-B", build, *generator,
                     "-DCMAKE_CXX_COMPILER=" + gxx,
                     "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"],
                    ["cmake", "--build", build]):
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                sys.stderr.write(p.stdout + p.stderr)
                c.check(False, "%s exited %d" % (" ".join(cmd), p.returncode))
                c.report()
        pch = os.path.join(build, "CMakeFiles", "social.dir", "cmake_pch.hxx")
        gch = pch + ".gch"
        c.check(os.path.isfile(gch), "the build made the GCC PCH " + gch)
        if os.path.isfile(gch):
            with open(gch, "rb") as f:
                c.check(f.read(4) == b"gpch", "%s is a GCC PCH (magic 'gpch')" % gch)

        with open(os.path.join(build, "compile_commands.json")) as f:
            db = json.load(f)
        sources = sorted(os.path.basename(e["file"]) for e in db)
        c.check(any(s == "cmake_pch.hxx.cxx" for s in sources),
                "the database lists the PCH's own entry: %r" % sources)
        for e in db:
            cmd = e.get("command", " ".join(e.get("arguments", [])))
            name = os.path.basename(e["file"])
            c.check(cmd.split()[0] == gxx, "%s is compiled by g++: %s" % (name, cmd))
            for flag in HARD_FLAGS + SOFT_FLAGS + ["-include " + pch]:
                c.check(flag in cmd, "%s's command has %s: %s" % (name, flag, cmd))

        # The reference: the example through make_compdb's clang++-19 database.
        ref_build = os.path.join(tmp, "ref-build")
        make_compdb.write_compdb(ref_build, make_compdb.make_entries(src))
        rc, out, err, _ = lib.run([args.tool, "-p", ref_build, "--no-cache",
                                   "--format", "json"], cwd=src)
        c.equal(rc, 1, "exit status on the reference database")
        want = violations(json.loads(out)) if out else set()
        c.check(want, "the reference run finds violations")

        # The g++ database.
        rc, out, err, secs = lib.run([args.tool, "-p", build, "--format", "json"],
                                     cwd=src)
        print("%s: the g++ database: exit %d in %.1fs; stderr:\n%s"
              % (TEST, rc, secs, err))
        c.equal(rc, 1, "exit status on the g++ database")
        report = json.loads(out) if out.strip() else {"violations": []}
        c.check(report.get("complete") is True, "the report is complete")
        stats = report.get("stats", {})
        c.equal(stats.get("failed_translation_units"), 0, "failed translation units")
        c.equal(stats.get("translation_units"), len(db), "translation units")
        got = violations(report)
        c.check(got == want, "the same violations as the example's: only g++ %r, "
                "only reference %r" % (sorted(got - want), sorted(want - got)))
        for bad in ("failed to parse", "unknown argument", "unknown warning option",
                    "error:"):
            c.check(bad not in err, "no %r on standard error" % bad)
        dropped = re.findall(r"purpose-check: warning: ignoring the flag '([^']*)', "
                             r"which Clang does not know", err)
        c.equal(sorted(dropped), sorted(HARD_FLAGS), "the flags named as dropped")
        c.check(any("warning" in line and gch in line for line in err.splitlines()),
                "a warning names the ignored GCC precompiled header " + gch)

        # Warm: the summary cache.
        rc, out, err2, secs = lib.run([args.tool, "-p", build, "--format", "json"],
                                      cwd=src)
        c.equal(rc, 1, "exit status of the cached run")
        report = json.loads(out) if out.strip() else {"violations": []}
        c.equal(report.get("stats", {}).get("translation_units_from_cache"), len(db),
                "translation units from the cache")
        c.check(violations(report) == want, "the cached run's violations")
        print("%s: cached run in %.1fs" % (TEST, secs))

        # A source file added after the build was configured: not in the
        # database, named on the command line, analyzed with a command
        # inferred from its neighbours (g++'s, so the flags are dropped again).
        late = os.path.join(src, "late_share.cpp")
        with open(late, "w") as f:
            f.write(LATE_SOURCE)
        c.check(not any(os.path.basename(e["file"]) == "late_share.cpp" for e in db),
                "late_share.cpp is not in the database")
        rc, out, err, _ = lib.run([args.tool, "-p", build, "--format", "json",
                                   "late_share.cpp"], cwd=src)
        c.equal(rc, 1, "exit status with late_share.cpp named (stderr: %s)" % err.strip())
        report = json.loads(out) if out.strip() else {"violations": []}
        c.check(report.get("complete") is True, "late_share.cpp: the report is complete")
        c.equal(sorted(violations(report)), [LATE_VIOLATION],
                "late_share.cpp: the violations reported for it")
        c.check("failed to parse" not in err, "late_share.cpp: no failed parse")
        for flag in HARD_FLAGS:
            c.check("ignoring the flag '%s'" % flag in err,
                    "late_share.cpp: the inferred command is g++'s (%s dropped)" % flag)
    c.report()


if __name__ == "__main__":
    sys.exit(main())
