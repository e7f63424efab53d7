#!/usr/bin/env python3
"""Sharded analysis (--shard K/N) merged by several --cache-dir options.

Usage: shard_test.py --tool PURPOSE_CHECK [--tus N] [--keep] [--xfail PATTERN=WHY]...

On a generated code base (scripts/bench/gen_codebase.py, N TUs plus
common.cpp, default 30), from its root with -j 2:
1. the reference: one unsharded run, `--no-cache`, JSON and SARIF; it finds
   the planted violations (expected.txt);
2. `--shard K/3 --cache-dir S_K` for K = 1, 2, 3: each exits 0, writes no
   report (nothing on standard output, no -o file), and caches its share;
   the shares are disjoint, none is empty, and together they are every TU;
3. the final run `--cache-dir FINAL --cache-dir S1 --cache-dir S2
   --cache-dir S3` takes every TU from the caches
   (stats.translation_units_from_cache == stats.translation_units), and its
   JSON is byte-identical to the reference except for that member's value;
   its SARIF is byte-identical;
4. the other way to merge: every S_K/v4/*.json (the entries and the shared
   input sets inputs-*.json that they name) copied into one directory, used
   as the only --cache-dir: the same;
5. shards made on "other machines": each shard runs in its own copy of the
   tree at another absolute path (its own compile_commands.json, run from
   that copy's root), caches the same share as in step 2, and the final run
   in the original tree over those three caches takes every TU from them
   and gives the unsharded report;
6. bad shard specifications (0/3, 4/3, 1/0, a/b, 3) and --shard with
   --no-cache: exit status 2, an error on standard error, no cache written.
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

FROM_CACHE_RE = re.compile(r'("translation_units_from_cache"\s*:\s*)\d+')


def without_cache_stat(text):
    return FROM_CACHE_RE.sub(r"\1N", text)


def main_files(cache):
    """Main files (root-relative) of the entries (not the shared input sets)
    in cache/v4."""
    vdir = lib.cache_version_dir(cache)
    result = []
    for name in lib.cache_entry_names(cache):
        with open(os.path.join(vdir, name), encoding="utf-8") as f:
            result.append(json.loads(f.read())["payload"]["main_file"])
    return result


def main():
    parser = lib.common_args(__doc__.splitlines()[0])
    parser.add_argument("--tus", type=int, default=30)
    args = parser.parse_args()
    c = lib.make_checks("shard_test", args)
    with lib.TempDir("purpose-shards.", args.keep) as root:
        src, build = os.path.join(root, "src"), os.path.join(root, "build")
        planted = lib.generate_codebase(src, build, args.tus)
        tus = sorted("src/" + os.path.basename(p) for p in make_compdb.source_files(src))
        base = [args.tool, "-p", "build", "-j", "2"]

        def run(tag, extra):
            rc, out, err, secs = lib.run(base + extra, cwd=root)
            print("%-40s exit %d (%.1fs)" % (tag, rc, secs))
            return rc, out, err

        # 1. The reference.
        rc, ref_json, err = run("1 unsharded --no-cache json", ["--no-cache", "--format=json"])
        c.equal(rc, 1, "1 unsharded: exit status (%s)" % err.strip()[-500:])
        ref = json.loads(ref_json) if ref_json else {"violations": [], "stats": {}}
        c.equal(len(ref["violations"]), planted, "1 unsharded: violations (planted: %d)" % planted)
        c.equal(ref["stats"].get("translation_units"), len(tus), "1 unsharded: TUs")
        _, ref_sarif, _ = run("1 unsharded --no-cache sarif", ["--no-cache", "--format=sarif"])

        # 2. The shards.
        shares = {}
        for k in (1, 2, 3):
            cache = os.path.join(root, "S%d" % k)
            out_file = os.path.join(root, "shard%d.json" % k)
            rc, out, err = run("2 --shard %d/3" % k, ["--shard=%d/3" % k, "--cache-dir", cache,
                                                     "--format=json", "-o", out_file])
            c.equal(rc, 0, "2 shard %d/3: exit status (%s)" % (k, err.strip()[-500:]))
            c.equal(out, "", "2 shard %d/3: standard output (a shard writes no report)" % k)
            c.check(not os.path.exists(out_file), "2 shard %d/3: wrote a report to -o" % k)
            shares[k] = main_files(cache)
            c.check(shares[k], "2 shard %d/3: cached nothing" % k)
            print("   shard %d/3: %d TUs" % (k, len(shares[k])))
        union = sorted(f for s in shares.values() for f in s)
        c.equal(union, tus, "2 shards: the cached TUs (each once, all of them)")

        # 3. The final run over the merged caches.
        caches = []
        for k in (1, 2, 3):
            caches += ["--cache-dir", os.path.join(root, "S%d" % k)]
        final_dir = os.path.join(root, "FINAL")
        for fmt, want in (("json", ref_json), ("sarif", ref_sarif)):
            rc, out, err = run("3 final %s" % fmt, ["--cache-dir", final_dir] + caches +
                               ["--format=" + fmt])
            c.equal(rc, 1, "3 final %s: exit status (%s)" % (fmt, err.strip()[-500:]))
            c.check(without_cache_stat(out) == without_cache_stat(want),
                    "3 final %s: the report differs from the unsharded one" % fmt)
            if fmt == "json" and out:
                st = json.loads(out)["stats"]
                c.equal((st.get("translation_units"), st.get("translation_units_from_cache")),
                        (len(tus), len(tus)),
                        "3 final json: (stats.translation_units, ..._from_cache)")

        # 4. Merging by copying the entries: `cp S_K/v4/*.json MERGED/v4/`,
        # the shared input sets (inputs-*.json) with them.
        merged = lib.cache_version_dir(os.path.join(root, "MERGED"))
        os.makedirs(merged)
        copied = set()
        for k in (1, 2, 3):
            vdir = lib.cache_version_dir(os.path.join(root, "S%d" % k))
            for name in os.listdir(vdir):
                if name.endswith(".json") and not name.startswith("."):
                    shutil.copy(os.path.join(vdir, name), merged)
                    copied.add(name)
        c.check(any(lib.CACHE_SHARED_RE.match(n) for n in copied),
                "4 copied entries: no shared input set (inputs-*.json) in the shards' "
                "caches: %s" % sorted(copied))
        rc, out, err = run("4 copied entries", ["--cache-dir", os.path.dirname(merged),
                                                "--format=json"])
        c.equal(rc, 1, "4 copied entries: exit status (%s)" % err.strip()[-500:])
        c.check(without_cache_stat(out) == without_cache_stat(ref_json),
                "4 copied entries: the report differs from the unsharded one")
        if out:
            c.equal(json.loads(out)["stats"].get("translation_units_from_cache"), len(tus),
                    "4 copied entries: stats.translation_units_from_cache")

        # 5. Shards on "other machines": each in its own copy of the tree at
        # another absolute path, with its own compile_commands.json, run
        # from that copy's root; the final run here reads their caches.
        copies = []
        for k in (1, 2, 3):
            other = os.path.join(root, "machine%d" % k)
            shutil.copytree(src, os.path.join(other, "src"))
            make_compdb.write_compdb(os.path.join(other, "build"), make_compdb.make_entries(
                os.path.join(other, "src"), repo_root=lib.REPO_ROOT))
            cache = os.path.join(other, "shard-cache")
            rc, _, err, secs = lib.run(base + ["--shard=%d/3" % k, "--cache-dir", cache],
                                       cwd=other)
            print("%-40s exit %d (%.1fs)" % ("5 --shard %d/3 in machine%d/" % (k, k), rc, secs))
            c.equal(rc, 0, "5 shard %d/3 in another checkout: exit status (%s)"
                    % (k, err.strip()[-500:]))
            c.equal(sorted(main_files(cache)), sorted(shares[k]),
                    "5 shard %d/3 in another checkout: its share" % k)
            copies += ["--cache-dir", cache]
        rc, out, err = run("5 final over the copies' caches",
                           ["--cache-dir", os.path.join(root, "FINAL2")] + copies +
                           ["--format=json"])
        c.equal(rc, 1, "5 final over the copies' caches: exit status (%s)" % err.strip()[-500:])
        c.check(without_cache_stat(out) == without_cache_stat(ref_json),
                "5 final over the copies' caches: the report differs from the unsharded one")
        if out:
            c.equal(json.loads(out)["stats"].get("translation_units_from_cache"), len(tus),
                    "5 final over the copies' caches: stats.translation_units_from_cache")

        # 6. Bad specifications.
        bad_cache = os.path.join(root, "BAD")
        for spec in ("0/3", "4/3", "1/0", "a/b", "3"):
            rc, _, err = run("6 --shard=%s" % spec, ["--shard=" + spec, "--cache-dir", bad_cache])
            c.equal(rc, 2, "6 --shard=%s: exit status" % spec)
            c.check("error" in err and "shard" in err,
                    "6 --shard=%s: no error naming --shard on stderr: %r" % (spec, err))
        rc, _, err = run("6 --shard=1/3 --no-cache", ["--shard=1/3", "--no-cache"])
        c.equal(rc, 2, "6 --shard=1/3 --no-cache: exit status")
        c.check(not os.path.exists(bad_cache), "6: a bad --shard wrote the cache")
    c.report()


if __name__ == "__main__":
    main()
