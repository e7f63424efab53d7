#!/usr/bin/env python3
"""The summary cache (docs/cache-format.md) on a copy of test-corpus/example.

Usage: cache_test.py --tool PURPOSE_CHECK [--keep] [--xfail PATTERN=WHY]...

The tool runs from the project's root (ROOT: src/, build/, cache/), with
`--format json -j 2 --cache-dir cache`. Which translation units (TUs) a run
analyzed is seen twice: in stats.translation_units_from_cache, and in which
cache entries were rewritten (an entry is replaced by an atomic rename, so a
re-analyzed TU's entry gets a new inode; an entry taken from the cache is not
touched). Reports are compared as JSON with stats.translation_units_from_cache
left out, since only that member may differ between a cold and a warm run.

Steps, each checking its own expectations:
 1. cold: nothing from the cache, one entry per TU, violations found.
 2. warm: every TU from the cache, no entry rewritten, the same report.
 3. a comment appended to one .cpp: only that TU re-analyzed, same report.
 4. a comment appended to a header that 2 TUs include: exactly those two.
 5. a new violating call appended to a .cpp: only that TU, and the new
    violation is reported (origin, sink, line) next to the old ones.
 6. shadows: a purpose.h created next to the headers that include
    "purpose.h" (the includer's directory is searched before -I) shadows the
    real one; it defines the annotations away, so every TU that includes
    purpose.h is re-analyzed, the others not, and nothing is reported.
    Removing it re-analyzes them again and restores the report. Then, in a
    second copy whose TU includes <flags.h> from the last of three -I
    directories: a flags.h created in an earlier, existing -I directory, and
    one created in an earlier -I directory that did not exist at all, each
    re-analyze exactly that TU. Last, a TU that tests
    `__has_include("feature.h")`: creating feature.h makes it call a sink,
    so it is re-analyzed and the violation reported.
 7. --extra-arg / --extra-arg-before: every TU re-analyzed; the same
    arguments again: every TU from the cache.
 8. damaged entries (truncated, garbage, a "version": 1 entry, an empty
    file, a flipped payload byte, another TU's entry under this name) plus
    stray files: no crash, the same report, the damaged TUs (and only they)
    re-analyzed with a warning on stderr naming each damaged entry, the
    entries rebuilt, and the next run takes everything from the cache. A
    directory in place of an entry: no crash, the same report, a warning.
 9. the default cache is BUILD/.purpose-check-cache; --no-cache neither
    reads it (nothing from the cache) nor writes it (the listing, sizes and
    mtimes of every file under it are unchanged).
10. two checkouts: the tree copied to a second root with the same layout
    and its own compile_commands.json (absolute paths, as CMake writes
    them); a run there with `--source-root` its root, its own empty cache
    and then the first checkout's cache as `--cache-dir`s takes every TU
    from the first cache, gives the same report, and leaves the first cache
    alone (only the first `--cache-dir` is written).
11. cross-TU: on a copy of cases/xtu_chain5, cutting the flow in step1.cpp
    removes the violation at the sink in step5.cpp while every other TU
    comes from the cache; restoring step1.cpp brings it back.
"""

import json
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import make_compdb  # noqa: E402
import report_testlib as lib  # noqa: E402

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

NEW_VIOLATION = """
namespace social::ads {
// Added by cache_test.py: a new flow into the partner sink.
void LeakPhoneToPartner(const Account& a) {
  MatchPartnerAudience(7, a.two_factor_phone);  // cache-test: new violation
}
}  // namespace social::ads
"""

# A purpose.h that defines the annotations away: if it is used, nothing is
# limited and nothing is reported.
NEUTER_PURPOSE_H = """#pragma once
#define PURPOSE_LIMITED(p)
#define PURPOSE_USE(p)
#define PURPOSE_DECLASSIFY(r)
#define PURPOSE_CATEGORY(c)
#define SECURITY_CONTACT
#define AD_TARGETING
"""


class Env:
    """One project copy, its cache, and the runs made on it."""

    def __init__(self, c, tool, proj):
        self.c, self.tool, self.proj = c, tool, proj
        self.root = proj.root
        self.cache = os.path.join(self.root, "cache")
        self.ntus = len(make_compdb.source_files(proj.src))

    def run(self, tag, extra=(), cache=True, want_rc=None, cwd=None):
        """Runs the tool; returns (rc, report or None, stderr)."""
        cmd = [self.tool, "-p", "build", "--format=json", "-j", "2"]
        if cache:
            cmd += ["--cache-dir", self.cache]
        rc, out, err, secs = lib.run(cmd + list(extra), cwd=cwd or self.root)
        self.c.check(0 <= rc <= 2, "%s: exit status %d (crash?)\n%s" % (tag, rc, err))
        if want_rc is not None:
            self.c.equal(rc, want_rc, "%s: exit status (stderr: %s)" % (tag, err.strip()[-2000:]))
        try:
            doc = json.loads(out)
        except ValueError:
            self.c.check(False, "%s: the report is not JSON: %r" % (tag, out[:200]))
            doc = None
        if doc is not None:
            st = doc.get("stats", {})
            self.c.check(doc.get("complete") is True, "%s: report marked incomplete" % tag)
            self.c.equal(st.get("failed_translation_units"), 0, "%s: failed TUs" % tag)
            print("%-34s exit %d, %d violations, %s/%s TUs from cache (%.1fs)"
                  % (tag, rc, len(doc.get("violations", [])),
                     st.get("translation_units_from_cache"), st.get("translation_units"), secs))
        return rc, doc, err

    def entries(self, cache=None):
        """{main file relative to the root, or entry name: (inode, mtime_ns, size)}
        of the entries (not the shared input sets) in CACHE/v4."""
        vdir = lib.cache_version_dir(cache or self.cache)
        result = {}
        for name in lib.cache_entry_names(cache or self.cache):
            path = os.path.join(vdir, name)
            if not os.path.isfile(path):
                continue
            st = os.stat(path)
            key = name
            try:
                with open(path, encoding="utf-8") as f:
                    key = json.loads(f.read())["payload"]["main_file"]
            except (ValueError, KeyError, TypeError):
                pass
            result[key] = (st.st_ino, st.st_mtime_ns, st.st_size)
        return result

    def src_rel(self, name):
        return "src/" + name

    def expect_reanalyzed(self, tag, doc, before, want):
        """The TUs in `want` (names under src/) and no others were analyzed."""
        want = sorted(self.src_rel(w) for w in want)
        after = self.entries()
        changed = sorted(k for k in after if before.get(k) != after[k])
        self.c.equal(changed, want, "%s: cache entries rewritten" % tag)
        if doc is not None:
            self.c.equal(doc["stats"].get("translation_units_from_cache"),
                         self.ntus - len(want), "%s: stats.translation_units_from_cache" % tag)
            self.c.equal(doc["stats"].get("translation_units"), self.ntus,
                         "%s: stats.translation_units" % tag)


def normalized(doc):
    """The report without stats.translation_units_from_cache."""
    if doc is None:
        return None
    doc = json.loads(json.dumps(doc))
    doc.get("stats", {}).pop("translation_units_from_cache", None)
    return doc


def same_report(c, tag, got, want):
    if got is None or want is None:
        return c.check(False, "%s: no report to compare" % tag)
    a, b = normalized(got), normalized(want)
    if a == b:
        return c.check(True, "")
    va = [(v["sink"]["file"], v["sink"]["line"], v["origin"]["name"]) for v in a["violations"]]
    vb = [(v["sink"]["file"], v["sink"]["line"], v["origin"]["name"]) for v in b["violations"]]
    return c.check(False, "%s: the report differs from the reference; violations %s, want %s"
                   % (tag, va, vb))


def includers(src, header):
    """The .cpp files under src that include `header` (quoted, transitively)."""
    graph = {}
    for name in os.listdir(src):
        if name.endswith((".cpp", ".h")):
            with open(os.path.join(src, name), encoding="utf-8") as f:
                graph[name] = set(INCLUDE_RE.findall(f.read()))

    def reaches(name, seen):
        if name in seen:
            return False
        seen.add(name)
        deps = graph.get(name, set())
        return header in deps or any(reaches(d, seen) for d in deps)

    return sorted(n for n in graph if n.endswith(".cpp") and reaches(n, set()))


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def chain_step1(c, proj, tag):
    """step1.cpp of proj, a copy of cases/xtu_chain5, where the cross-TU
    steps cut the flow: its path, its text, and the text with the flow cut
    (step1 returns the nickname instead of the phone)."""
    step1 = os.path.join(proj.src, "step1.cpp")
    with open(step1, encoding="utf-8") as f:
        text = f.read()
    c.check("return m.phone;" in text, "%s: step1.cpp has no 'return m.phone;' "
            "(test setup)" % tag)
    return step1, text, text.replace("return m.phone;", "return m.nickname;")


def tree_state(path):
    """{relative path: (size, mtime_ns)} of everything under path (dirs included)."""
    state = {}
    if not os.path.exists(path):
        return state
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            full = os.path.join(root, name)
            st = os.lstat(full)
            state[os.path.relpath(full, path)] = (st.st_size, st.st_mtime_ns)
    return state


def step_basics(e):
    """Steps 1-5. Returns the reference report after step 5."""
    c, src = e.c, e.proj.src
    _, cold, _ = e.run("1 cold", want_rc=1)
    ref = cold
    c.check(cold is not None and cold["violations"], "1 cold: no violations in the example")
    if cold is not None:
        c.equal(cold["stats"].get("translation_units_from_cache"), 0, "1 cold: TUs from cache")
        c.equal(cold["stats"].get("translation_units"), e.ntus, "1 cold: TUs")
    entries = e.entries()
    c.equal(sorted(entries), sorted(e.src_rel(f) for f in os.listdir(src) if f.endswith(".cpp")),
            "1 cold: cache entries (by main file)")

    before = e.entries()
    _, warm, _ = e.run("2 warm", want_rc=1)
    e.expect_reanalyzed("2 warm", warm, before, [])
    same_report(c, "2 warm", warm, ref)

    before = e.entries()
    append(os.path.join(src, "crypto.cpp"), "// cache_test: a comment\n")
    _, doc, _ = e.run("3 comment in crypto.cpp", want_rc=1)
    e.expect_reanalyzed("3 comment in crypto.cpp", doc, before, ["crypto.cpp"])
    same_report(c, "3 comment in crypto.cpp", doc, ref)

    header = "login_flow.h"
    users = includers(src, header)
    c.equal(len(users), 2, "4: TUs including %s (test setup)" % header)
    before = e.entries()
    append(os.path.join(src, header), "// cache_test: a comment\n")
    _, doc, _ = e.run("4 comment in " + header, want_rc=1)
    e.expect_reanalyzed("4 comment in " + header, doc, before, users)
    same_report(c, "4 comment in " + header, doc, ref)

    before = e.entries()
    target = os.path.join(src, "audience.cpp")
    append(target, NEW_VIOLATION)
    with open(target, encoding="utf-8") as f:
        new_line = [i for i, l in enumerate(f, 1) if "cache-test: new violation" in l][0]
    _, doc, _ = e.run("5 new violation in audience.cpp", want_rc=1)
    e.expect_reanalyzed("5 new violation in audience.cpp", doc, before, ["audience.cpp"])
    if doc is not None and ref is not None:
        key = lambda v: (v["sink"]["file"], v["sink"]["line"], v["origin"]["name"],
                         v["sink"]["name"])
        got = sorted(map(key, doc["violations"]))
        want = sorted(list(map(key, ref["violations"])) +
                      [("src/audience.cpp", new_line, "social::Account::two_factor_phone",
                        "social::ads::MatchPartnerAudience")])
        c.equal(got, want, "5 new violation: (sink file, line, origin, sink)")
    return doc


def step_shadow_quoted(e, ref):
    c, src = e.c, e.proj.src
    users = includers(src, "purpose.h")
    others = sorted(f for f in os.listdir(src) if f.endswith(".cpp") and f not in users)
    c.check(users and others, "6: purpose.h should be included by some TUs but not all "
            "(test setup): %s / %s" % (users, others))
    shadow = os.path.join(src, "purpose.h")
    before = e.entries()
    with open(shadow, "w", encoding="utf-8") as f:
        f.write(NEUTER_PURPOSE_H)
    _, doc, _ = e.run("6 src/purpose.h shadows", want_rc=0)
    e.expect_reanalyzed("6 src/purpose.h shadows", doc, before, users)
    if doc is not None:
        c.equal(len(doc["violations"]), 0, "6 src/purpose.h shadows: violations "
                "(the shadowing header defines the annotations away)")
    before = e.entries()
    os.remove(shadow)
    _, doc, _ = e.run("6 src/purpose.h removed", want_rc=1)
    e.expect_reanalyzed("6 src/purpose.h removed", doc, before, users)
    same_report(c, "6 src/purpose.h removed", doc, ref)


def step_shadow_search_path(c, tool, tmp):
    """-I first -I missing -I second; match_keys.cpp includes <flags.h> from second/."""
    proj = lib.Project(lib.EXAMPLE, tmp)
    e = Env(c, tool, proj)
    first, missing, second = (os.path.join(proj.root, d) for d in ("first", "missing", "second"))
    os.makedirs(first)
    os.makedirs(second)
    flags = '#pragma once\n#define CACHE_TEST_FLAGS "%s"\n'
    with open(os.path.join(second, "flags.h"), "w") as f:
        f.write(flags % "second")
    user = os.path.join(proj.src, "match_keys.cpp")
    with open(user, encoding="utf-8") as f:
        text = f.read()
    with open(user, "w", encoding="utf-8") as f:
        f.write("#include <flags.h>\n" + text)
    entries = make_compdb.make_entries(proj.src, ["-I" + first, "-I" + missing, "-I" + second],
                                       lib.REPO_ROOT)
    make_compdb.write_compdb(proj.build, entries)
    _, ref, _ = e.run("6b cold (-I first -I missing -I second)", want_rc=1)
    for d, tag in ((first, "an existing"), (missing, "a missing")):
        before = e.entries()
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "flags.h"), "w") as f:
            f.write(flags % os.path.basename(d))
        name = "6b flags.h in %s earlier -I directory" % tag
        _, doc, _ = e.run(name, want_rc=1)
        e.expect_reanalyzed(name, doc, before, ["match_keys.cpp"])
        same_report(c, name, doc, ref)
        os.remove(os.path.join(d, "flags.h"))
        e.run("6b flags.h removed again", want_rc=1)


HAS_INCLUDE_CPP = """#include "purpose.h"
#include <string>
struct Account { SECURITY_CONTACT std::string phone; };
AD_TARGETING void Upload(const std::string& id);
#if __has_include("feature.h")
#include "feature.h"
#endif
void Export(const Account& a) {
#ifdef EXPORT_PHONE
  Upload(a.phone);
#endif
}
"""


def step_has_include(c, tool, tmp):
    """A TU that tests `__has_include("feature.h")`: creating feature.h
    changes what it compiles, so the TU must be analyzed again."""
    case = os.path.join(tmp, "has_include")
    os.makedirs(case)
    with open(os.path.join(case, "export.cpp"), "w") as f:
        f.write(HAS_INCLUDE_CPP)
    proj = lib.Project(case, tmp)
    e = Env(c, tool, proj)
    e.run("6c __has_include: cold", want_rc=0)
    before = e.entries()
    with open(os.path.join(proj.src, "feature.h"), "w") as f:
        f.write("#define EXPORT_PHONE 1\n")
    tag = "6c __has_include: feature.h created"
    _, doc, _ = e.run(tag, want_rc=1)
    e.expect_reanalyzed(tag, doc, before, ["export.cpp"])
    if doc is not None:
        c.equal([(v["sink"]["line"], v["origin"]["name"]) for v in doc["violations"]],
                [(10, "Account::phone")], "%s: violations (sink line, origin)" % tag)


def step_extra_args(e, ref):
    c = e.c
    all_tus = [f for f in os.listdir(e.proj.src) if f.endswith(".cpp")]
    for opt in ("--extra-arg=-DCACHE_TEST_FLAG=1", "--extra-arg-before=-DCACHE_TEST_FLAG=2"):
        before = e.entries()
        _, doc, _ = e.run("7 " + opt, [opt], want_rc=1)
        e.expect_reanalyzed("7 " + opt, doc, before, all_tus)
        same_report(c, "7 " + opt, doc, ref)
        before = e.entries()
        _, doc, _ = e.run("7 " + opt + " again", [opt], want_rc=1)
        e.expect_reanalyzed("7 " + opt + " again", doc, before, [])
    before = e.entries()
    _, doc, _ = e.run("7 no extra arguments", want_rc=1)
    e.expect_reanalyzed("7 no extra arguments", doc, before, all_tus)


def damage(path, how, other):
    """Damages the entry at path; returns a description."""
    with open(path, "rb") as f:
        data = f.read()
    if how == "truncated":
        data = data[:len(data) // 2]
    elif how == "garbage":
        data = b"\x00\xffnot json at all {{{\n"
    elif how == "version 1":
        # An entry of the previous format in v4/ (docs/cache-format.md).
        current = b'"version":%d' % lib.CACHE_VERSION
        assert current in data, "entry has no version member"
        data = data.replace(current, b'"version":1', 1)
    elif how == "empty":
        data = b""
    elif how == "flipped payload byte":
        i = data.index(b'"main_file":"') + len(b'"main_file":"')
        data = data[:i] + (b"X" if data[i:i + 1] != b"X" else b"Y") + data[i + 1:]
    elif how == "another TU's entry":
        with open(other, "rb") as f:
            data = f.read()
    elif how == "a directory":
        os.remove(path)
        os.makedirs(os.path.join(path, "sub"))
        return how
    with open(path, "wb") as f:
        f.write(data)
    return how


def step_damage(e, ref):
    c = e.c
    vdir = lib.cache_version_dir(e.cache)
    rounds = (("truncated", "garbage", "version 1"),
              ("empty", "flipped payload byte", "another TU's entry"))
    for r, kinds in enumerate(rounds, 1):
        tag = "8.%d damaged entries" % r
        entries = e.entries()
        names = lib.cache_entry_names(e.cache)  # entries, not shared input sets
        by_name = {}
        for n in names:
            with open(os.path.join(vdir, n), encoding="utf-8") as f:
                by_name[n] = json.loads(f.read())["payload"]["main_file"]
        damaged = {}
        for kind, name in zip(kinds, names):
            other = os.path.join(vdir, names[-1])  # never damaged: len(kinds) < len(names)
            damage(os.path.join(vdir, name), kind, other)
            damaged[name] = kind
        # Stray files that are not entries must be ignored.
        with open(os.path.join(vdir, ".%s.tmp-deadbeef" % names[-1]), "w") as f:
            f.write("{half an entry")
        with open(os.path.join(vdir, "README.txt"), "w") as f:
            f.write("not an entry\n")
        print("%s: %s" % (tag, ", ".join("%s=%s" % kv for kv in sorted(damaged.items()))))
        before = {k: v for k, v in entries.items()
                  if k not in [by_name[n] for n in damaged]}
        rc, doc, err = e.run(tag, want_rc=1)
        same_report(c, tag, doc, ref)
        for name, kind in sorted(damaged.items()):
            lines = [l for l in err.splitlines() if name in l]
            c.check(any("warning" in l for l in lines),
                    "%s: no warning on stderr naming the %s entry %s; stderr:\n%s"
                    % (tag, kind, name, err.strip()))
        c.check("Stack dump" not in err and "Assertion" not in err,
                "%s: crash output on stderr:\n%s" % (tag, err))
        c.check(not any(".tmp-deadbeef" in l or "README.txt" in l for l in err.splitlines()),
                "%s: a stray file that is not an entry was reported:\n%s" % (tag, err))
        rebuilt = sorted(by_name[n] for n in damaged)
        after = e.entries()
        c.equal(sorted(k for k in after if before.get(k) != after[k]), rebuilt,
                "%s: cache entries rewritten" % tag)
        if doc is not None:
            c.equal(doc["stats"].get("translation_units_from_cache"), e.ntus - len(damaged),
                    "%s: stats.translation_units_from_cache" % tag)
        for name in sorted(damaged):
            path = os.path.join(vdir, name)
            ok = False
            if os.path.isfile(path):
                try:
                    with open(path, encoding="utf-8") as f:
                        entry = json.loads(f.read())
                    ok = (entry.get("version") == lib.CACHE_VERSION
                          and entry["payload"]["main_file"] == by_name[name])
                except (ValueError, KeyError, TypeError):
                    pass
            c.check(ok, "%s: entry %s (%s) was not rebuilt" % (tag, name, damaged[name]))
        _, doc, err = e.run(tag + ", next run", want_rc=1)
        if doc is not None:
            c.equal(doc["stats"].get("translation_units_from_cache"), e.ntus,
                    "%s, next run: stats.translation_units_from_cache" % tag)
        c.check("warning" not in err, "%s, next run: warnings:\n%s" % (tag, err))
        os.remove(os.path.join(vdir, "README.txt"))

    # A directory where an entry should be: it cannot be replaced, but the
    # run must still be correct and say why the entry is not used.
    tag = "8.3 a directory in place of an entry"
    name = lib.cache_entry_names(e.cache)[0]
    damage(os.path.join(vdir, name), "a directory", None)
    rc, doc, err = e.run(tag, want_rc=1)
    same_report(c, tag, doc, ref)
    c.check(any(name in l and "warning" in l for l in err.splitlines()),
            "%s: no warning on stderr naming %s; stderr:\n%s" % (tag, name, err.strip()))
    c.check("Stack dump" not in err and "Assertion" not in err,
            "%s: crash output on stderr:\n%s" % (tag, err))
    shutil.rmtree(os.path.join(vdir, name))
    e.run(tag + ", removed", want_rc=1)


def step_no_cache(e, ref):
    c = e.c
    default = os.path.join(e.proj.build, ".purpose-check-cache")
    shutil.rmtree(default, ignore_errors=True)
    _, doc, _ = e.run("9 default cache", cache=False, want_rc=1)
    c.check(os.path.isdir(lib.cache_version_dir(default)) and len(e.entries(default)) == e.ntus,
            "9 default cache: BUILD/.purpose-check-cache/%s does not hold %d entries: %s"
            % (lib.CACHE_VERSION_DIR, e.ntus, sorted(e.entries(default))))
    _, doc, _ = e.run("9 default cache, warm", cache=False, want_rc=1)
    if doc is not None:
        c.equal(doc["stats"].get("translation_units_from_cache"), e.ntus,
                "9 default cache, warm: stats.translation_units_from_cache")
    states = {d: tree_state(d) for d in (default, e.cache)}
    _, doc, _ = e.run("9 --no-cache", ["--no-cache"], cache=False, want_rc=1)
    if doc is not None:
        c.equal(doc["stats"].get("translation_units_from_cache"), 0,
                "9 --no-cache: stats.translation_units_from_cache (the cache was read)")
    same_report(c, "9 --no-cache", doc, ref)
    # A change that would rewrite entries if the cache were written.
    append(os.path.join(e.proj.src, "crypto.cpp"), "// cache_test: no-cache edit\n")
    e.run("9 --no-cache after an edit", ["--no-cache"], cache=False, want_rc=1)
    for d, state in states.items():
        c.equal(tree_state(d), state, "9 --no-cache: files under %s (written)"
                % os.path.relpath(d, e.root))
    shutil.rmtree(default)
    e.run("9 --no-cache, no default cache", ["--no-cache"], cache=False, want_rc=1)
    c.check(not os.path.exists(default), "9 --no-cache created BUILD/.purpose-check-cache")


def step_checkouts(c, tool, tmp):
    a = lib.Project(lib.EXAMPLE, tmp)
    b = lib.Project(lib.EXAMPLE, tmp)
    ea, eb = Env(c, tool, a), Env(c, tool, b)
    _, ref, _ = ea.run("10 checkout A, cold", ["--source-root", a.root], want_rc=1)
    before = ea.entries()
    # B's own (empty) cache is written; A's is only read.
    _, doc, _ = eb.run("10 checkout B with A's cache",
                       ["--source-root", b.root, "--cache-dir", ea.cache], want_rc=1)
    if doc is not None:
        c.equal(doc["stats"].get("translation_units_from_cache"), eb.ntus,
                "10 checkout B with A's cache: stats.translation_units_from_cache")
    same_report(c, "10 checkout B with A's cache", doc, ref)
    c.equal(ea.entries(), before, "10 checkout B with A's cache: A's entries rewritten")


def step_cross_tu(c, tool, tmp):
    """The solve reads cached summaries, not cached findings: cutting a flow
    in one TU of the 5-TU chain removes the violation whose sink is in
    another TU, with that other TU from the cache, and restoring it brings
    the violation back."""
    proj = lib.Project(os.path.join(lib.CORPUS, "cases", "xtu_chain5"), tmp)
    e = Env(c, tool, proj)
    _, ref, _ = e.run("11 chain: cold", want_rc=1)
    step1, text, cut = chain_step1(c, proj, "11 chain")
    for tag, new_text, rc in (("11 chain: step1 returns the nickname", cut, 0),
                              ("11 chain: step1 returns the phone again", text, 1)):
        with open(step1, "w", encoding="utf-8") as f:
            f.write(new_text)
        before = e.entries()
        _, doc, _ = e.run(tag, want_rc=rc)
        e.expect_reanalyzed(tag, doc, before, ["step1.cpp"])
        if doc is not None:
            c.equal(len(doc["violations"]), rc, "%s: violations" % tag)
    same_report(c, "11 chain: restored", doc, ref)


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    args = parser.parse_args()
    c = lib.make_checks("cache_test", args)
    with lib.TempDir("purpose-cache.", args.keep) as tmp:
        e = Env(c, args.tool, lib.Project(lib.EXAMPLE, tmp))
        ref = step_basics(e)
        step_shadow_quoted(e, ref)
        step_extra_args(e, ref)
        step_damage(e, ref)
        step_no_cache(e, ref)
        step_shadow_search_path(c, args.tool, tmp)
        step_has_include(c, args.tool, tmp)
        step_checkouts(c, args.tool, tmp)
        step_cross_tu(c, args.tool, tmp)
    c.report()


if __name__ == "__main__":
    main()
