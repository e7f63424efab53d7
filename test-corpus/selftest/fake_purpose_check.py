#!/usr/bin/env python3
"""A stand-in for purpose-check, used to test the corpus runner's comparison.

Reads -p DIR/compile_commands.json and, in every file it lists and every
.h/.hpp file under the directories of its entries, turns each `FAKE-REPORT: ORIGIN, ...` (or
`FAKE-REPORT(RULE): ...`) comment into a reported violation at that line.
Prints the JSON report of INTERFACE.md section 5 and exits 1 if anything was
reported, else 0.

Environment: FAKE_EXIT overrides the exit status; FAKE_STDERR is written to
standard error; FAKE_OUTPUT=garbage prints something that is not JSON;
FAKE_ARGV_LOG names a file that receives the arguments, one per line.
"""
import json
import os
import re
import sys

MARK = re.compile(r"FAKE-REPORT(?:\(([a-z-]+)\))?:([^*]*)")


def main(argv):
    if os.environ.get("FAKE_ARGV_LOG"):
        with open(os.environ["FAKE_ARGV_LOG"], "w") as f:
            f.write("\n".join(argv) + "\n")
    build = argv[argv.index("-p") + 1]
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    files = set()
    for e in entries:
        files.add(e["file"])
        for root, _, names in os.walk(e["directory"]):
            files.update(os.path.join(root, n) for n in names
                         if n.endswith((".h", ".hpp")))
    violations = []
    for path in sorted(files):
        with open(path) as f:
            for lineno, line in enumerate(f, 1):
                m = MARK.search(line)
                if not m:
                    continue
                for origin in filter(None, (o.strip() for o in m.group(2).split(","))):
                    violations.append({
                        "rule": m.group(1) or "purpose-limitation",
                        "message": "fake",
                        "origin": {"name": origin, "purposes": ["security"],
                                   "file": path, "line": 1, "column": 1},
                        "sink": {"name": "Upload", "purpose": "advertising",
                                 "file": path, "line": lineno, "column": 3},
                        "trace": [], "fingerprint": "0"})
    if os.environ.get("FAKE_STDERR"):
        sys.stderr.write(os.environ["FAKE_STDERR"] + "\n")
    if os.environ.get("FAKE_OUTPUT") == "garbage":
        print("this is not json")
    else:
        print(json.dumps({"version": 1, "complete": True, "violations": violations,
                          "suppressed": [], "declassified": [], "stats": {}}))
    return int(os.environ.get("FAKE_EXIT", "1" if violations else "0"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
