#!/usr/bin/env python3
"""Writes a compile_commands.json for every *.cpp under a source directory.

Usage: make_compdb.py SRC_DIR OUT_DIR [--extra ARG...]

Each entry compiles one file with clang++-19 -std=c++17, with the repository's
annotations/ directory and SRC_DIR on the include path. Entries are sorted by
path so the output is deterministic.
"""

import argparse
import json
import os
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
COMPILER = "clang++-19"


def source_files(src_dir):
    """All *.cpp files under src_dir (or src_dir itself if it is a file), sorted."""
    src_dir = os.path.abspath(src_dir)
    if os.path.isfile(src_dir):
        return [src_dir]
    found = []
    for root, dirs, files in os.walk(src_dir):
        dirs.sort()
        for name in files:
            if name.endswith(".cpp"):
                found.append(os.path.join(root, name))
    return sorted(found)


def make_entries(src_dir, extra=(), repo_root=REPO_ROOT, files=None):
    """Compilation-database entries for src_dir (a directory, or one file)."""
    src_dir = os.path.abspath(src_dir)
    directory = src_dir if os.path.isdir(src_dir) else os.path.dirname(src_dir)
    if files is None:
        files = source_files(src_dir)
    annotations = os.path.join(os.path.abspath(repo_root), "annotations")
    entries = []
    for path in files:
        path = os.path.abspath(path)
        entries.append({
            "directory": directory,
            "file": path,
            "arguments": [COMPILER, "-std=c++17", "-I" + annotations,
                          "-I" + directory, *extra, "-c", path],
        })
    return entries


def write_compdb(out_dir, entries):
    """Writes out_dir/compile_commands.json; returns its path."""
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "compile_commands.json")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(entries, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
    return path


def main(argv):
    # Everything after --extra is passed through verbatim, so compiler flags
    # that start with "-" need no quoting.
    extra = []
    if "--extra" in argv:
        i = argv.index("--extra")
        argv, extra = argv[:i], argv[i + 1:]
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        usage="%(prog)s [--repo ROOT] SRC_DIR OUT_DIR [--extra ARG...]")
    parser.add_argument("src_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--repo", default=REPO_ROOT,
                        help="repository root (for annotations/)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.src_dir):
        parser.error("not a directory: " + args.src_dir)
    entries = make_entries(args.src_dir, extra, args.repo)
    if not entries:
        print("make_compdb: no .cpp files under " + args.src_dir, file=sys.stderr)
        return 1
    print(write_compdb(args.out_dir, entries))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
