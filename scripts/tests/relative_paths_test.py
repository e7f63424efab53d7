#!/usr/bin/env python3
"""The summary cache with a compilation database of relative paths, as Meson
and CMake write them: `directory` is the build directory, `file` is
"../src/a.cpp" and the command has -I../src/include.

Usage: relative_paths_test.py --tool PURPOSE_CHECK [--keep] [--xfail PATTERN=WHY]...

A TU's inputs (its main file and every header it read) are recorded in its
cache entry for the staleness check (docs/cache-format.md, "When an entry is
used"). Clang names a file the way the command reached it: relative to the
command's `directory`. The recorded paths must be made absolute against that
directory, not against the directory purpose-check was started in.

The project (PROJ): src/a.cpp includes "contact.h" from src/include, which
declares a SECURITY_CONTACT field and an AD_TARGETING sink; a.cpp passes the
field to the sink: one violation. Every run passes `-p PROJ/build
--source-root PROJ --format json --timings`; every step compares the report
with a --no-cache run of the same tree (the reference).

Scenarios, each with its own cache, run from a directory other than build/:
 A. cwd PROJ (the source root, as a user runs `purpose-check -p build`):
    1. cold: nothing from the cache, one violation; the entry's recorded
       inputs resolve to PROJ/src/a.cpp and PROJ/src/include/contact.h.
    2. warm: the TU from the cache, kept result "current", same report.
    3. the annotation removed from the header: the TU analyzed again, kept
       result "stale", no violation (as the reference).
    4. warm again: from the cache, "current", still no violation.
    5. the annotation restored: analyzed again, the violation is back.
 B. cwd OTHER/build, where OTHER is a second checkout of the same project
    (an identical copy of src/): relative to that cwd, "../src/include/
    contact.h" names the other checkout's header, whose contents are the
    same. Steps 1-3 of A: editing PROJ's header must make the entry stale,
    and the kept result must not give the old report.
 C. two checkouts, one cache each (docs/cache-format.md, "Paths": inputs
    under the source root are stored relative to it, and "build/../src"
    must count as under it). TWO, a copy of PROJ with its own relative
    database, runs from its root with `--cache-dir C2 --cache-dir A's`:
    1. unchanged: the TU from A's cache, the report of a --no-cache run.
    2. TWO's header edited (PROJ's is not): analyzed again, no violation;
       an entry that recorded PROJ's files would still be taken.
"""

import json
import os
import re
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import report_testlib as lib  # noqa: E402

STATUS_RE = re.compile(r"^purpose-check: kept result: (.*)$", re.M)

CONTACT_H = """#pragma once
#include "purpose.h"

namespace crm {

struct Contact {
  int id;
  SECURITY_CONTACT const char* phone;
};

AD_TARGETING void Upload(const char* key);

}  // namespace crm
"""

A_CPP = """#include "contact.h"

namespace crm {

void Sync(const Contact& c) {
  Upload(c.phone);  // the violation
}

}  // namespace crm
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_project(root):
    """PROJ/src, PROJ/build/compile_commands.json with relative paths."""
    write(os.path.join(root, "src", "include", "contact.h"), CONTACT_H)
    write(os.path.join(root, "src", "a.cpp"), A_CPP)
    build = os.path.join(root, "build")
    annotations = os.path.join(lib.REPO_ROOT, "annotations")
    write(os.path.join(build, "compile_commands.json"), json.dumps([{
        "directory": build,
        "file": "../src/a.cpp",
        "arguments": ["clang++-19", "-std=c++17", "-I" + annotations,
                      "-I../src/include", "-c", "../src/a.cpp"],
    }], indent=2) + "\n")


class Scenario:
    def __init__(self, c, tool, proj, cwd, cache, name, more_caches=()):
        self.c, self.tool, self.proj = c, tool, proj
        self.cwd, self.cache, self.name = cwd, cache, name
        self.more_caches = list(more_caches)  # Read after self.cache.
        self.header = os.path.join(proj, "src", "include", "contact.h")

    def run(self, tag, cache=True):
        """(report, kept-result status or None) of one run from self.cwd."""
        tag = "%s %s" % (self.name, tag)
        cmd = [self.tool, "-p", os.path.join(self.proj, "build"),
               "--source-root", self.proj, "--format=json", "--timings"]
        if not cache:
            cmd.append("--no-cache")
        for d in [self.cache] + self.more_caches if cache else []:
            cmd += ["--cache-dir", d]
        rc, out, err, secs = lib.run(cmd, cwd=self.cwd)
        self.c.check(rc in (0, 1), "%s: exit status %d\n%s" % (tag, rc, err[-2000:]))
        try:
            doc = json.loads(out)
        except ValueError:
            self.c.check(False, "%s: the report is not JSON: %r" % (tag, out[:200]))
            return None, None
        st = doc.get("stats", {})
        self.c.equal(st.get("failed_translation_units"), 0, "%s: failed TUs" % tag)
        status = STATUS_RE.findall(err)
        print("%-28s exit %d, %d violations, %s/%s TUs from cache, kept %s (%.1fs)"
              % (tag, rc, len(doc.get("violations", [])),
                 st.get("translation_units_from_cache"), st.get("translation_units"),
                 status, secs))
        return doc, (status[0] if status else None)

    def step(self, tag, from_cache, kept, violations):
        """A cached run; checks it against the reference and the expectations:
        from_cache TUs taken from the cache, kept-result status kept (None:
        not checked), and the number of violations."""
        ref, _ = self.run(tag + " (reference)", cache=False)
        doc, status = self.run(tag)
        tag = "%s %s" % (self.name, tag)
        if doc is None or ref is None:
            return
        self.c.equal(len(ref.get("violations", [])), violations,
                     "%s: violations of the reference" % tag)
        self.c.equal(doc["stats"].get("translation_units_from_cache"), from_cache,
                     "%s: stats.translation_units_from_cache" % tag)
        if kept is not None:
            self.c.equal(status, kept, "%s: kept-result status" % tag)
        self.c.equal(strip(doc), strip(ref), "%s: the report against --no-cache" % tag)

    def recorded_inputs(self):
        """The real paths of the input files that the one entry records (its
        own and its shared set's), or None if they cannot be read."""
        vdir = lib.cache_version_dir(self.cache)
        names = lib.cache_entry_names(self.cache)
        if len(names) != 1:
            return None
        payload = lib.load_json(os.path.join(vdir, names[0]))["payload"]
        files = [f["path"] for f in payload["inputs"]["files"]]
        shared = payload["inputs"].get("shared")
        if shared:
            set_file = os.path.join(vdir, "inputs-%s.json" % shared)
            files += [f["path"] for f in lib.load_json(set_file)["payload"]["files"]]
        # Relative paths are relative to the source root (cache-format.md).
        return sorted(os.path.realpath(os.path.join(self.proj, p)) for p in files
                      if not p.startswith("<"))

    def edit(self, old, new):
        with open(self.header, encoding="utf-8") as f:
            text = f.read()
        self.c.check(old in text, "%s: %r not in the header" % (self.name, old))
        write(self.header, text.replace(old, new))


def strip(doc):
    """The report without what may differ between a cached and an uncached run."""
    doc = json.loads(json.dumps(doc))
    st = doc.get("stats", {})
    for key in ("translation_units_from_cache", "timings"):
        st.pop(key, None)
    return doc


def cold_warm_edit(s, full):
    """Steps 1-3 (and 4-5 when full) of the docstring."""
    s.step("1 cold", from_cache=0, kept=None, violations=1)
    inputs = s.recorded_inputs()
    real = [os.path.realpath(os.path.join(s.proj, p))
            for p in ("src/a.cpp", "src/include/contact.h")]
    for path in real:
        s.c.check(inputs is not None and path in inputs,
                  "%s 1 cold: %s is not among the recorded inputs %s"
                  % (s.name, path, inputs))
    s.step("2 warm", from_cache=1, kept="current", violations=1)
    s.edit("SECURITY_CONTACT const char* phone", "const char* phone")
    s.step("3 header edited", from_cache=0, kept="stale", violations=0)
    if not full:
        return
    s.step("4 warm", from_cache=1, kept="current", violations=0)
    s.edit("const char* phone", "SECURITY_CONTACT const char* phone")
    s.step("5 header restored", from_cache=0, kept="stale", violations=1)


def main():
    args = lib.common_args(__doc__.splitlines()[0]).parse_args()
    c = lib.make_checks("relative-paths", args)
    with lib.TempDir("purpose-relpaths.", keep=args.keep) as tmp:
        proj = os.path.join(tmp, "proj")
        make_project(proj)
        cold_warm_edit(Scenario(c, args.tool, proj, proj,
                                os.path.join(tmp, "cache-a"), "A"), full=True)

        # B: started in the build directory of a second checkout.
        other = os.path.join(tmp, "other")
        shutil.copytree(os.path.join(proj, "src"), os.path.join(other, "src"))
        os.makedirs(os.path.join(other, "build"))
        cold_warm_edit(Scenario(c, args.tool, proj, os.path.join(other, "build"),
                                os.path.join(tmp, "cache-b"), "B"), full=False)

        # C: PROJ's header as A's cache entry recorded it (A's last step), so
        # that an entry checked against PROJ's files would be current.
        write(os.path.join(proj, "src", "include", "contact.h"), CONTACT_H)
        two = os.path.join(tmp, "two")
        make_project(two)
        s = Scenario(c, args.tool, two, two, os.path.join(tmp, "cache-c"), "C",
                     more_caches=[os.path.join(tmp, "cache-a")])
        s.step("1 unchanged", from_cache=1, kept=None, violations=1)
        s.edit("SECURITY_CONTACT const char* phone", "const char* phone")
        s.step("2 header edited", from_cache=0, kept="stale", violations=0)
    c.report()


if __name__ == "__main__":
    main()
