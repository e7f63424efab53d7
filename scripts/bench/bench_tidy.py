#!/usr/bin/env python3
"""Measures what the purpose-limitation check costs in the editor.

Usage:
  bench_tidy.py --build BUILD [--runs N] [--project DIR] [-p DB FILE...]

BUILD is a purpose-check build directory (it holds purpose-check,
libPurposeCheckTidy.so and purpose-clangd).

--project DIR (default test-corpus/example), or with --synthetic N a
generated program of N translation units, is copied into a temporary
project with a compile_commands.json, a .clangd that enables
purpose-limitation, and a .purpose-check.json; `purpose-check -p build` fills
the summary cache first, so the check works as it does in an editor: the open
file live, the rest of the program from the cache. Every .cpp of the project
is measured. With -p DB FILE..., the named files of an existing compilation
database are measured instead (no config: the live file only).

For each file, three figures, each the median of --runs runs:
  clangd   purpose-clangd --check=FILE --check-tidy-time=purpose-limitation:
           clangd's own timing of the main-file AST build (the preamble is
           reused, as when the user types) with and without the check;
  tidy     wall time of clang-tidy --load=... -checks=-*,purpose-limitation,
           against clang++-19 -fsyntax-only on the same command, and the ratio.
Not a test: figures go to docs/editor.md.
"""

import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
sys.path.insert(1, os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                                "tests"))  # scripts/tests: report_testlib
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

CHECK = "purpose-limitation"
DOT_CLANGD = """\
CompileFlags:
  CompilationDatabase: build
Diagnostics:
  ClangTidy:
    Add: [%s]
    FastCheckFilter: None
""" % CHECK


def timed(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    return elapsed, proc


def write_synthetic(project, tus, fns):
    """A program of \p tus translation units with \p fns functions each;
    every fifth function sends data read in the previous unit to a sink."""
    os.makedirs(project)
    decls = "".join("namespace m%d { std::string Helper0(const Account& a); }\n" % i
                    for i in range(tus))
    with open(os.path.join(project, "model.h"), "w") as f:
        f.write('#pragma once\n#include "purpose.h"\n#include <string>\n'
                "struct Account { SECURITY_CONTACT std::string phone; "
                "std::string name; };\n"
                "AD_TARGETING void Upload(const std::string& id);\n"
                'PURPOSE_USE("security") void Log(const std::string& s);\n'
                + decls)
    for i in range(tus):
        body = []
        for j in range(fns):
            body.append("std::string Helper%d(const Account& a) "
                        "{ return a.phone + std::to_string(%d); }" % (j, j))
            sink = ("  Upload(m%d::Helper0(a));\n" % (i - 1)) if j % 5 == 0 and i else ""
            body.append("void Use%d(const Account& a) {\n"
                        "  std::string s = Helper%d(a) + a.name;\n"
                        "  Log(s);\n%s}" % (j, j, sink))
        with open(os.path.join(project, "tu%03d.cpp" % i), "w") as f:
            f.write('#include "model.h"\nnamespace m%d {\n%s\n}\n'
                    % (i, "\n".join(body)))


def setup_project(args, tmp):
    project = os.path.join(tmp, "project")
    if args.synthetic:
        write_synthetic(project, args.synthetic, 20)
    else:
        shutil.copytree(args.project, project)
    sources = make_compdb.source_files(project)
    build = os.path.join(project, "build")
    make_compdb.write_compdb(build, make_compdb.make_entries(
        project, (), args.repo, files=sources))
    with open(os.path.join(project, ".purpose-check.json"), "w") as f:
        json.dump({"build_dir": "build"}, f)
    with open(os.path.join(project, ".clangd"), "w") as f:
        f.write(DOT_CLANGD)
    proc = subprocess.run([os.path.join(args.build, "tool", "purpose-check"),
                           "-p", build], cwd=project, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit("purpose-check failed:\n" + proc.stderr)
    return project, build, sources


def compile_command(build, path):
    with open(os.path.join(build, "compile_commands.json")) as f:
        for e in json.load(f):
            if os.path.realpath(os.path.join(e["directory"], e["file"])) == \
                    os.path.realpath(path):
                cmd = e.get("arguments") or shlex.split(e["command"])
                return e["directory"], cmd
    sys.exit("%s is not in %s/compile_commands.json" % (path, build))


def syntax_only(cmd):
    """The compile command as -fsyntax-only, output options dropped."""
    out, skip = ["clang++-19"], False
    for a in cmd[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-o"):
            continue
        out.append(a)
    return out + ["-fsyntax-only"]


def clangd_figures(args, path, cwd):
    """(baseline ms, check %) from clangd's --check-tidy-time, median."""
    clangd = os.path.join(args.build, "tool", "clangd", "purpose-clangd")
    base, pct = [], []
    for _ in range(args.runs):
        proc = subprocess.run([clangd, "--check=" + path,
                               "--check-tidy-time=" + CHECK, "--check-locations=false",
                               "--log=info"],
                              cwd=cwd, capture_output=True, text=True)
        b = re.search(r"Baseline = (\d+) ns", proc.stderr)
        p = re.search(r"%s = (-?\d+(?:\.\d+)?)%%" % re.escape(CHECK), proc.stderr)
        if b and p:
            base.append(int(b.group(1)) / 1e6)
            pct.append(float(p.group(1)))
    if not base:
        return None, None
    return statistics.median(base), statistics.median(pct)


def tidy_figures(args, build, path):
    directory, cmd = compile_command(build, path)
    plugin = os.path.join(args.build, "checks", "tidy", "libPurposeCheckTidy.so")
    tidy = [args.clang_tidy, "--load=" + plugin, "-checks=-*," + CHECK,
            "-p", build, "--quiet", path]
    parse = syntax_only(cmd)
    t_tidy, t_parse = [], []
    for _ in range(args.runs):
        t, _ = timed(tidy, directory)
        t_tidy.append(t)
        t, proc = timed(parse, directory)
        if proc.returncode != 0:
            sys.exit("clang++ failed on %s:\n%s" % (path, proc.stderr[-2000:]))
        t_parse.append(t)
    return statistics.median(t_tidy) * 1e3, statistics.median(t_parse) * 1e3


def main(argv):
    parser = lib.doc_parser(__doc__)
    parser.add_argument("--build", required=True)
    parser.add_argument("--clang-tidy", default="clang-tidy-19")
    parser.add_argument("--repo", default=make_compdb.REPO_ROOT)
    parser.add_argument("--project",
                        default=os.path.join(make_compdb.REPO_ROOT, "test-corpus", "example"))
    parser.add_argument("-p", dest="db", help="an existing build directory")
    parser.add_argument("--synthetic", type=int, metavar="N",
                        help="measure on a generated program of N translation "
                             "units of 40 functions each, instead of --project")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("files", nargs="*")
    args = parser.parse_args(argv)
    args.build = os.path.abspath(args.build)

    tmp = tempfile.mkdtemp(prefix="purpose-bench-")
    try:
        if args.db:
            build = os.path.abspath(args.db)
            files = [os.path.abspath(f) for f in args.files]
            cwd = os.getcwd()
        else:
            project, build, files = setup_project(args, tmp)
            cwd = project
            if args.synthetic:  # One file in the middle stands for all.
                files = [files[len(files) // 2]]
        print("%-28s %10s %8s %9s %10s %10s %6s" % (
            "file", "clangd-ms", "check%", "check-ms", "tidy-ms", "parse-ms",
            "ratio"))
        for f in files:
            base, pct = clangd_figures(args, f, cwd)
            t_tidy, t_parse = tidy_figures(args, build, f)
            known = base is not None
            print("%-28s %10s %8s %9s %10.0f %10.0f %6.2f" % (
                os.path.basename(f)[:28],
                "%.1f" % base if known else "-",
                "%.0f" % pct if known else "-",
                "%.1f" % (base * pct / 100) if known else "-",
                t_tidy, t_parse, t_tidy / t_parse))
        print("(medians of %d runs; clangd-ms: main-file AST build with the "
              "preamble reused, check%%: what purpose-limitation adds to it)"
              % args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
