#!/usr/bin/env python3
"""The documentation users get stands alone.

Usage: docs_test.py REPO_ROOT

Every page users read (README.md, docs/, the installed header
annotations/purpose.h, the hook scripts/pre-commit, the man page) must not
cite a file outside the repository: no "INTERFACE.md", no "../shared/".
Relative Markdown links in README.md and docs/ must point at files that exist.
"""

import glob
import os
import re
import sys

FORBIDDEN = ("INTERFACE.md", "INTERFACE \u00a7", "../shared/")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def main():
    root = os.path.abspath(sys.argv[1])
    pages = [os.path.join(root, "README.md"),
             os.path.join(root, "annotations", "purpose.h"),
             os.path.join(root, "scripts", "pre-commit")]
    pages += glob.glob(os.path.join(root, "docs", "**", "*.md"), recursive=True)
    pages += glob.glob(os.path.join(root, "docs", "*.1"))
    problems = []
    for page in sorted(pages):
        with open(page, encoding="utf-8") as f:
            text = f.read()
        rel = os.path.relpath(page, root)
        for n, line in enumerate(text.splitlines(), 1):
            for word in FORBIDDEN:
                if word in line:
                    problems.append("%s:%d: cites %r, which users do not have"
                                    % (rel, n, word))
            if page.endswith(".md"):
                for target in LINK.findall(line):
                    if "://" in target or target.startswith("mailto:"):
                        continue
                    path = os.path.normpath(os.path.join(os.path.dirname(page), target))
                    if not os.path.exists(path):
                        problems.append("%s:%d: link to missing %s" % (rel, n, target))
    for p in problems:
        print("FAIL: " + p)
    print("%d pages checked, %d problems" % (len(pages), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
