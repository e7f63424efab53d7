#!/usr/bin/env python3
"""Builds against LLVM 19 and LLVM 22 that share a cache_dir never read each
other's summaries (docs/install.md, "LLVM 22").

Usage: llvm_cache_test.py --tool PURPOSE_CHECK --clang-tidy CLANG_TIDY
                          --plugin PLUGIN [--keep]

Each build keeps its entries in its own directory of the cache: v4/ for LLVM
19, v4-llvm22/ for LLVM 22 (CTest passes this build's suffix in
PURPOSE_CACHE_DIR_SUFFIX; scripts/tests/report_testlib.py). The test runs with the
tool and plugin of one build and plays the other build by moving this
build's directory to the other's name. Asserts, on a cross-file case whose
violation only a summary of the other file shows:
1. purpose-check writes its two entries into this build's directory, and the
   plugin, reading them, finds the cross-file violation;
2. with only the other build's directory in the cache (this build's moved
   there), the plugin reads nothing from it: it warns that there are no
   summaries of other files and does not report the violation;
3. purpose-check then analyzes every TU again (the other directory is not
   its cache), finds the violation, writes its own directory anew and leaves
   every byte of the other build's directory as it was.
"""

import json
import os
import shutil
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.realpath(__file__))))  # scripts/: make_compdb
import report_testlib as lib  # noqa: E402
import trust_test  # noqa: E402


def snapshot(directory):
    """{file name: bytes} of every file in directory."""
    out = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), "rb") as f:
            out[name] = f.read()
    return out


def main():
    p = lib.common_args(__doc__)
    p.add_argument("--clang-tidy", required=True)
    p.add_argument("--plugin", required=True, type=os.path.abspath)
    a = p.parse_args()
    c = lib.make_checks("llvm-cache", a)
    own_suffix = os.environ.get("PURPOSE_CACHE_DIR_SUFFIX", "")
    # The other build: LLVM 22 for the LLVM 19 build, LLVM 19 for any other.
    other_name = "v%d%s" % (lib.CACHE_VERSION, "" if own_suffix else "-llvm22")
    with lib.TempDir("purpose-llvm-cache.", a.keep) as tmp:
        root, src, build = trust_test.xtu_project(tmp, "shared")
        cache = os.path.join(build, ".purpose-check-cache")
        own = lib.cache_version_dir(cache)
        other = os.path.join(cache, other_name)
        main_cpp = os.path.join(src, "main.cpp")

        # 1. This build's own cache.
        rc, _, err, _ = lib.run([a.tool, "-p", build], cwd=src)
        c.equal(rc, 1, "1. purpose-check finds the cross-file violation (%s)" % err.strip())
        c.equal(len(lib.cache_entry_names(cache)), 2,
                "1. two entries in %s" % own)
        c.check(not os.path.exists(other), "1. nothing written to %s" % other)
        rc, out, err, _ = trust_test.tidy(a, build, src, main_cpp)
        c.check("main.cpp:3:3: warning: 'Account::phone'" in out,
                "1. the plugin reads its own build's summaries and finds the "
                "cross-file violation; got:\n%s%s" % (out, err))

        # 2. Only the other build's summaries.
        shutil.move(own, other)
        before = snapshot(other)
        rc, out, err, _ = trust_test.tidy(a, build, src, main_cpp)
        c.check("no summaries of other files" in out and "'ContactOf'" in out,
                "2. the plugin does not read %s: it warns that there are no "
                "summaries; got:\n%s%s" % (other, out, err))
        c.check("reaches 'Upload'" not in out and "'Account::phone'" not in out,
                "2. no violation from the other build's summaries; got:\n%s" % out)

        # 3. The CLI neither reads nor overwrites the other build's entries.
        rc, out, err, _ = lib.run([a.tool, "-p", build, "--format", "json"], cwd=src)
        c.equal(rc, 1, "3. purpose-check finds the violation again (%s)" % err.strip())
        try:
            stats = json.loads(out)["stats"]
        except (ValueError, KeyError) as e:
            stats = {"error": str(e)}
        c.equal((stats.get("translation_units"), stats.get("translation_units_from_cache")),
                (2, 0), "3. purpose-check analyzed both TUs, none from the other build's cache")
        c.equal(len(lib.cache_entry_names(cache)), 2,
                "3. purpose-check wrote its own two entries into %s anew" % own)
        c.check(snapshot(other) == before,
                "3. every file of %s is as it was" % other)
        rc, out, err, _ = trust_test.tidy(a, build, src, main_cpp)
        c.check("main.cpp:3:3: warning: 'Account::phone'" in out and "summar" not in out,
                "3. the plugin reads the rewritten cache; got:\n%s%s" % (out, err))
    c.report()


if __name__ == "__main__":
    main()
