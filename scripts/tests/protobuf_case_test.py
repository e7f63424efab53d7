#!/usr/bin/env python3
"""Corpus cases over code that protoc really generates.

Usage: protobuf_case_test.py --tool PURPOSE_CHECK --protoc PROTOC CASE_DIR

Copies CASE_DIR (its .proto files and .cpp files with the corpus runner's
expectations) into a temporary directory, runs `PROTOC --cpp_out=.` there on
every .proto, and runs scripts/tests/corpus_runner.py on the copy. The generated
headers include <google/protobuf/...> from Debian's libprotobuf-dev, a system
header, so the runtime is library code and the generated accessors are the
program's. Exits with the runner's status.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", required=True, type=os.path.abspath)
    parser.add_argument("--protoc", required=True)
    parser.add_argument("case", type=os.path.abspath)
    args = parser.parse_args()
    tests = os.path.dirname(os.path.realpath(__file__))
    repo = os.path.dirname(os.path.dirname(tests))
    with tempfile.TemporaryDirectory(prefix="purpose-protobuf-") as tmp:
        case = os.path.join(tmp, os.path.basename(args.case))
        shutil.copytree(args.case, case)
        protos = sorted(glob.glob(os.path.join(case, "*.proto")))
        if not protos:
            raise SystemExit("%s: no .proto file" % args.case)
        subprocess.run([args.protoc, "--cpp_out=.", "-I."] +
                       [os.path.basename(p) for p in protos],
                       cwd=case, check=True)
        return subprocess.run(
            [sys.executable, os.path.join(tests, "corpus_runner.py"),
             "--tool", args.tool, "--repo", repo, case]).returncode


if __name__ == "__main__":
    sys.exit(main())
