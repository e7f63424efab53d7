#!/usr/bin/env python3
"""The real-code loop (issue 14): purpose-check on open-source code nobody on
the project wrote, compared with a hand triage.

usage: real_code.py NAME PATH [--tool PATH] [-j J] [--work DIR] [--no-floor]
                    [--keep-report FILE]

NAME is one of the code bases below (kcontacts, libphonenumber, balsa); PATH
is a checkout of its repository or the bare git directory that the search
tool's `fetch` made (e.g. /work/.mirror/KDE+kcontacts/repo; a bare directory
is cloned into --work first). The script

  1. checks out the pinned commit (it fails, naming the commit, if PATH does
     not have it; it never commits or edits tracked files);
  2. configures the code base to get compile_commands.json only (cmake or
     meson), generating just what parsing needs (Qt moc output, protoc
     output, GResource headers); nothing is built;
  3. keeps one compile command per source file of the checkout that exists
     (generated data blobs and duplicate static/shared entries go);
  4. measures the parse floor, clang++-19 -fsyntax-only over those TUs, J at
     a time (as scripts/bench/benchmark.py does), unless --no-floor;
  5. runs purpose-check --no-cache -j J with docs/real-code/NAME.policy.json
     from the checkout's root;
  6. compares the violations with docs/real-code/NAME.triage.json (labels
     keyed by fingerprint) and prints TP, FP, precision and the run time
     against the floor.

It exits 1 when a reported path has no triage label (each is listed with its
origin, sink and location, ready to be triaged), when a path labelled "tp"
is no longer reported (a lost true positive), or when the run itself fails;
labelled false positives that disappear are printed as fixed. A change of
the fingerprint scheme shows up as lost TPs plus unlabelled paths: carry the
labels over by origin, sink name and sink location (--keep-report of the
old and the new run), then re-triage what is left. It exits 0
otherwise. This is a benchmark, not a CI test: it needs the code bases'
build dependencies from Debian's packages (listed per code base below) and a
checkout of each repository.

Prerequisites (Debian 12, as root):
  apt-get install cmake ninja-build meson pkg-config clang-19 \
    extra-cmake-modules qtbase5-dev qtdeclarative5-dev libkf5coreaddons-dev \
    libkf5i18n-dev libkf5config-dev libkf5codecs-dev \
    protobuf-compiler libprotobuf-dev libabsl-dev libicu-dev libgtest-dev \
    libboost-date-time-dev libboost-system-dev libboost-thread-dev \
    libglib2.0-dev libgtk-3-dev libgmime-3.0-dev libgnutls28-dev libgpgme-dev \
    libfribidi-dev libical-dev libsqlite3-dev libldap-dev libsecret-1-dev \
    libgtksourceview-4-dev libgspell-1-dev libwebkit2gtk-4.1-dev libxml2-dev \
    libsoup-3.0-dev

Example:
  scripts/bench/real_code.py kcontacts /work/realcode/kcontacts
  scripts/bench/real_code.py balsa /work/.mirror/GNOME+balsa/repo --work /tmp/rc
"""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))  # real_code_bench.py, beside this file
sys.path.insert(1, os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))),
                                "tests"))  # scripts/tests: report_testlib
import report_testlib as lib  # noqa: E402
from real_code_bench import CLANG_C, CLANG_CXX, syntax_only  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = os.path.join(REPO, "docs", "real-code")


def kcontacts_configure(src, build):
    run(["cmake", "-S", src, "-B", build, "-G", "Ninja",
         "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-DBUILD_TESTING=ON",
         "-DCMAKE_CXX_COMPILER=" + CLANG_CXX, "-DCMAKE_C_COMPILER=" + CLANG_C])
    # Qt's moc output is included by the sources (#include "moc_x.cpp"):
    # generate it, and nothing else.
    targets = subprocess.run(["ninja", "-C", build, "-t", "targets", "all"],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
    autogen = sorted({line.split(":")[0] for line in targets.splitlines()
                      if line.endswith("_autogen: phony") and "CMakeFiles" not in line})
    run(["ninja", "-C", build, "-j", "2"] + autogen)


def libphonenumber_configure(src, build):
    # The generated protobuf code is needed to parse; the CMake file would
    # make protoc write it into the source tree, so do the same by hand.
    cpp = os.path.join(src, "cpp")
    res = os.path.join(src, "resources")
    run(["protoc", "--cpp_out=" + os.path.join(cpp, "src", "phonenumbers"),
         "--proto_path=" + res, os.path.join(res, "phonemetadata.proto"),
         os.path.join(res, "phonenumber.proto")])
    # BUILD_GEOCODER=ON only for its sources: geocoding_data.cc would be made
    # by a generator that must be built first, so that data file is left out.
    run(["cmake", "-S", cpp, "-B", build, "-G", "Ninja",
         "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON", "-DREGENERATE_METADATA=OFF",
         "-DBUILD_GEOCODER=ON",
         "-DCMAKE_CXX_COMPILER=" + CLANG_CXX, "-DCMAKE_C_COMPILER=" + CLANG_C])


def balsa_configure(src, build):
    env = dict(os.environ, CC=CLANG_C)
    again = ["--reconfigure"] if os.path.exists(os.path.join(build, "meson-private")) else []
    run(["meson", "setup"] + again + [build, src,
         "-Dhtml-widget=webkit2", "-Dldap=true", "-Dlibsecret=true", "-Dautocrypt=true",
         "-Dgtksourceview=true", "-Dspell-checker=gspell", "-Dwebdav=true",
         "-Dhelp-files=false", "-Dnls=false"], env=env)
    # The GResource headers are included by the sources.
    run(["ninja", "-C", build, "balsa-resources.h", "balsa-ab-resources.h"])


CODEBASES = {
    "kcontacts": {
        "repository": "github:KDE/kcontacts",
        "commit": "b88f8decce0b28245d3fd7223f52bd949dfdd489",  # tag v5.103.0
        "configure": kcontacts_configure,
    },
    "libphonenumber": {
        "repository": "github:google/libphonenumber",
        "commit": "4c8898be71d218833bda75a94e008e1a0fc48216",  # tag v8.12.57
        "configure": libphonenumber_configure,
    },
    "balsa": {
        "repository": "github:GNOME/balsa",
        "commit": "270c45480d030dae8c67ffeecd2575cef03f1e89",  # master, 2026-05-25
        "configure": balsa_configure,
    },
}


def run(cmd, **kw):
    print("+ " + " ".join(shlex.quote(c) for c in cmd), file=sys.stderr)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    if p.returncode != 0:
        sys.stderr.write(p.stdout[-4000:])
        sys.exit("real_code: command failed (%d): %s" % (p.returncode, " ".join(cmd)))
    return p


def git(path, *args, check=True):
    return subprocess.run(["git", "-C", path] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, check=check)


def checkout(name, path, work):
    """Returns a work tree of `path` at the pinned commit."""
    cb = CODEBASES[name]
    commit = cb["commit"]
    if not os.path.isdir(path):
        sys.exit("real_code: %s is not a directory" % path)
    bare = git(path, "rev-parse", "--is-bare-repository", check=False)
    if bare.returncode != 0:
        sys.exit("real_code: %s is not a git checkout or git directory" % path)
    if git(path, "cat-file", "-e", commit + "^{commit}", check=False).returncode != 0:
        sys.exit("real_code: pinned commit %s of %s is missing from %s; "
                 "fetch %s again (or update the pin here and re-triage)"
                 % (commit, name, path, cb["repository"]))
    if bare.stdout.strip() == "true":
        tree = os.path.join(work, name)
        if not os.path.isdir(os.path.join(tree, ".git")):
            run(["git", "clone", "-q", "--no-checkout", path, tree])
        path = tree
    # A snapshot may lack its largest blobs (data files none of the TUs
    # need): checkout then complains but still moves HEAD.
    co = git(path, "checkout", "-q", "--detach", commit, check=False)
    head = git(path, "rev-parse", "HEAD").stdout.strip()
    if head != commit:
        sys.exit("real_code: could not check out %s in %s:\n%s" % (commit, path, co.stderr))
    if co.returncode != 0:
        print("real_code: warning: checkout reported problems (missing large files?):\n"
              + co.stderr[-1000:], file=sys.stderr)
    return os.path.realpath(path)


def filtered_compdb(build, src, out):
    """One entry per existing source file of the checkout; returns the entries."""
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    keep, seen = [], set()
    for e in entries:
        f = os.path.realpath(os.path.join(e["directory"], e["file"]))
        if not f.startswith(src + os.sep) or not os.path.exists(f) or f in seen:
            continue
        seen.add(f)
        keep.append(e)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(keep, f, indent=1)
    return keep


def parse_floor(entries, jobs):
    """Wall seconds of -fsyntax-only over every TU, `jobs` at a time."""
    queue, running, failed = list(entries), [], []
    start = time.monotonic()
    while queue or running:
        while queue and len(running) < jobs:
            e = queue.pop(0)
            running.append((subprocess.Popen(syntax_only(e), cwd=e["directory"],
                                             stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL), e["file"]))
        for item in list(running):
            if item[0].poll() is not None:
                if item[0].returncode != 0:
                    failed.append(item[1])
                running.remove(item)
        if running:
            time.sleep(0.01)
    return time.monotonic() - start, failed


def main():
    ap = lib.doc_parser(__doc__)
    ap.add_argument("name", choices=sorted(CODEBASES))
    ap.add_argument("path")
    ap.add_argument("--tool", default=os.path.join(REPO, "build", "tool", "purpose-check"))
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--work", default=None,
                    help="build and compile-db directories (default: a temporary one)")
    ap.add_argument("--no-floor", action="store_true", help="skip the parse-floor measurement")
    ap.add_argument("--keep-report", default=None, help="also copy the JSON report here")
    a = ap.parse_args()

    policy = os.path.join(DOCS, a.name + ".policy.json")
    triage_file = os.path.join(DOCS, a.name + ".triage.json")
    with open(triage_file) as f:
        triage = json.load(f)
    work = a.work or tempfile.mkdtemp(prefix="real-code-")
    os.makedirs(work, exist_ok=True)
    src = checkout(a.name, a.path, work)
    build = os.path.join(work, "build-" + a.name)
    CODEBASES[a.name]["configure"](src, build)
    cdb = os.path.join(work, "cdb-" + a.name)
    entries = filtered_compdb(build, src, cdb)

    floor, failed = (None, [])
    if not a.no_floor:
        floor, failed = parse_floor(entries, a.j)
        if failed:
            print("real_code: warning: %d TUs do not parse with %s: %s"
                  % (len(failed), CLANG_CXX, ", ".join(failed[:5])), file=sys.stderr)

    report = os.path.join(work, a.name + ".report.json")
    start = time.monotonic()
    p = subprocess.run([a.tool, "-p", cdb, "--policy", policy, "--format", "json",
                        "-o", report, "-j", str(a.j), "--no-cache"], cwd=src,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tool_time = time.monotonic() - start
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr[-4000:])
        sys.exit("real_code: purpose-check failed with status %d" % p.returncode)
    if a.keep_report:
        shutil.copyfile(report, a.keep_report)
    with open(report) as f:
        violations = json.load(f)["violations"]

    reported = {}
    for v in violations:
        reported.setdefault(v["fingerprint"], v)
    # Labels are per fingerprint. Since call ordinals count by callee name,
    # two paths should never share one; if they do, one label covers both.
    if len(violations) != len(reported):
        print("note: %d reported paths share %d fingerprints"
              % (len(violations), len(reported)))
    tp = [fp for fp in reported if triage.get(fp, {}).get("label") == "tp"]
    fp_ = [fp for fp in reported if triage.get(fp, {}).get("label") == "fp"]
    unlabelled = [fp for fp in reported if fp not in triage]
    lost = [fp for fp, t in sorted(triage.items()) if t["label"] == "tp" and fp not in reported]
    fixed = [fp for fp, t in sorted(triage.items()) if t["label"] == "fp" and fp not in reported]

    print("%-16s %5s %6s %5s %5s %9s %8s %8s %6s"
          % ("code base", "TUs", "paths", "TP", "FP", "precision", "tool s", "floor s", "ratio"))
    prec = "%.2f" % (len(tp) / (len(tp) + len(fp_))) if tp or fp_ else "-"
    print("%-16s %5d %6d %5d %5d %9s %8.1f %8s %6s"
          % (a.name, len(entries), len(reported), len(tp), len(fp_), prec, tool_time,
             "%.1f" % floor if floor else "-", "%.2f" % (tool_time / floor) if floor else "-"))
    for fp in fixed:
        print("fixed false positive %s: %s" % (fp, triage[fp]["why"]))
    status = 0
    for fp in lost:
        print("LOST true positive %s: %s" % (fp, triage[fp]["why"]))
        status = 1
    for fp in unlabelled:
        v = reported[fp]
        print("UNLABELLED %s: %s (%s) -> %s at %s:%d"
              % (fp, v["origin"]["name"], ",".join(v["origin"]["purposes"]), v["sink"]["name"],
                 v["sink"]["file"], v["sink"]["line"]))
        status = 1
    if status:
        print("real_code: %d unlabelled path(s), %d lost true positive(s); triage them in %s"
              % (len(unlabelled), len(lost), os.path.relpath(triage_file, REPO)))
    return status


if __name__ == "__main__":
    sys.exit(main())
