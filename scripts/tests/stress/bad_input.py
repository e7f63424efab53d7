"""Robustness cases: bad input (issue 8). Each case's docstring says what it
checks; scripts/tests/robustness_test.py runs them."""

import json
import os
import random
import re
import shutil
import tempfile

import gen_stress
import make_compdb
from harness import (CACHE_VERSION, CACHE_VERSION_DIR, REPO_ROOT, Work,
                     cache_entry_names, cache_version_dir, check_cache,
                     check_no_temps, check_report, check_violations, expect,
                     leak_tu, normalized, run, small_project, violation_for,
                     violation_keys)


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


def case_compdb_relative(c, work, args):
    """A database whose files and include directories are relative to each
    entry's "directory" (as Meson and some CMake generators write them), with
    the tool started from another directory: the violations are reported at
    the real files, in JSON and in text."""
    expected = small_project(work)
    entries = json.load(open(os.path.join(work.build, "compile_commands.json")))
    for e in entries:
        rel = os.path.relpath(e["file"], work.build)
        e["directory"] = work.build
        e["file"] = rel
        e["arguments"] = [("-I" + os.path.relpath(a[2:], work.build))
                          if a.startswith("-I") else (rel if a == os.path.join(work.src, os.path.basename(rel)) else a)
                          for a in e["arguments"]]
    with open(os.path.join(work.build, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=2)
    elsewhere = work.path("elsewhere", "deeper")
    os.makedirs(elsewhere, exist_ok=True)
    out = work.path("out.json")
    r = run(["-p", work.build, "--source-root", work.root, "--format=json",
             "-o", out, "--no-cache"], cwd=elsewhere)
    expect(c, "compdb-relative: json", r, 1)
    check_violations(c, "compdb-relative: json", check_report(c, "compdb-relative", out, 1),
                     expected)
    r = run(["-p", work.build, "--no-cache"], cwd=elsewhere)
    expect(c, "compdb-relative: text", r, 1)
    for e in expected:
        real = os.path.join(work.src, e["sink_file"])
        shown = ["%s:%d:" % (p, e["sink_line"])
                 for p in (real, os.path.relpath(real, elsewhere))]
        c.check(any(re.search(r"(^|\s)" + re.escape(s), r.out + r.err, re.M)
                    for s in shown),
                "compdb-relative: text: no warning at %s:%d\n    %s"
                % (real, e["sink_line"], r.tail()))


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
    open(cache_version_dir(vfile), "w").close()  # where entries go
    for name, extra, named in (
            ("under a regular file", ["--cache-dir", os.path.join(afile, "cache")], afile),
            ("default, a regular file", [], default),
            ("%s is a regular file" % CACHE_VERSION_DIR, ["--cache-dir", vfile],
             vfile)):
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
    bumped = re.sub(rb'"version"\s*:\s*%d\b' % CACHE_VERSION, b'"version":999', text,
                    count=1)
    c.check(bumped != text, "cache-damaged: no \"version\" field in %s" % entry("t2"))
    rewrite("t2", "another version", bumped)
    rewrite("t3", "empty", b"")
    rewrite("t4", "wrong shape",
            b'{"format":"purpose-check-summary","version":%d}\n' % CACHE_VERSION)
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
    for f in cache_entry_names(cache):  # not the shared input sets
        p = os.path.join(cache_version_dir(cache), f)
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


DUMP_TU = r"""#include "purpose.h"
#include <string>
struct Proto {
  std::string *mutable_number() { return &number_; }
  std::string number_;
};
struct Account {
  SECURITY_CONTACT std::string phone;
};
AD_TARGETING void Upload(const std::string &s);
std::string g;
void Copy(const Account &a, Proto &p, std::string *out) {
  *p.mutable_number() = a.phone;  // store_via_call
  *out = a.phone;                 // out_param
  g = a.phone;                    // global_store
  Upload(a.phone);                // call_arg
}
"""


def case_dump_summaries(c, work, args):
    """The hidden --dump-summaries debugging flag prints every kind of edge
    by its cache-format name (it once read past a table for store_via_call)
    and changes nothing else: the same exit status and report."""
    work.write("dump.cpp", DUMP_TU)
    work.compdb()
    plain = run(["-p", work.build, "--format=json", "--no-cache"], cwd=work.root, timeout=120)
    r = run(["-p", work.build, "--format=json", "--no-cache", "--dump-summaries"],
            cwd=work.root, timeout=120)
    expect(c, "dump-summaries", r, 1, bound=60)
    c.equal(r.out, plain.out, "dump-summaries: the same report as without the flag")
    for kind in ("field(", "store_via_call(", "out_param(", "global_store(", "call_arg("):
        c.check(kind in r.err, "dump-summaries: %r in the dump" % kind)
    c.check(all(line.isascii() and line.isprintable() for line in r.err.splitlines()),
            "dump-summaries: every line printable")
