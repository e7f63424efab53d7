#!/usr/bin/env python3
"""End-to-end test of purpose-clangd over LSP (stdio).

Usage: lsp_test.py --clangd PATH --tool PATH [--repo ROOT] [--keep] [-v]

Builds a small project in a temporary directory (compile_commands.json in
build/, the .clangd of docs/editor.md: purpose-* added, clangd's default
FastCheckFilter, and a .purpose-check.json naming the build directory) and
talks LSP to purpose-clangd:

  1. initialize, didOpen main.cpp (clean): no purpose-limitation warning;
  2. didChange adds a violating line: the warning is on that line, with
     source "clang-tidy" and code "purpose-limitation";
  3. didChange removes it: the warning goes away;
  4. didChange adds a call whose limited read lies in another translation
     unit (helper.cpp): no warning while the cache is empty; after
     `purpose-check -p build` has filled the cache, the next edit shows it,
     with the trace step in helper.cpp in a note;
     a call of an inline function of a header that only main.cpp includes
     (clangd skips its body) is reported through main.cpp's own cache entry;
     when that entry holds a violation the buffer no longer has, the live
     analysis wins and nothing stale is shown;
  5. shutdown and exit: purpose-clangd exits with status 0.

Every wait is bounded (--timeout seconds, default 60). clangd is shut down,
and killed if it does not exit. Exit status 0 on success, 1 on failure; each
failure names the step and what was received.
"""

import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import lsp_testlib  # noqa: E402
from lsp_testlib import Failure, LspClient, describe, uri, write  # noqa: E402

ACCOUNT_H = lsp_testlib.ACCOUNT_H + """
// Defined in helper.cpp: the limited read happens there.
std::string PhoneOf(const Account& acct);
"""

# Included by main.cpp only: clangd skips the body of CurrentPhone in the
# preamble, so only the cache entry of main.cpp itself knows what it returns
# (it takes no argument that the default rule for bodiless code could follow).
MAIN_UTIL_H = """\
#pragma once
#include "account.h"

Account& CurrentAccount();

inline std::string CurrentPhone() {
  return CurrentAccount().phone;
}
"""

HELPER_CPP = """\
#include "account.h"

std::string PhoneOf(const Account& acct) {
  return "tel:" + acct.phone;
}
"""

MAIN_LINES = [
    '#include "main_util.h"',
    "",
    "void Run(const Account& acct) {",
    "  Upload(acct.name);",
    "}",
]
RUN_BODY_LINE = 4  # 1-based line after which edits insert lines (in Run)
LOCAL_VIOLATION = "  Upload(acct.phone);"
CROSS_VIOLATION = "  Upload(PhoneOf(acct));"
HEADER_VIOLATION = "  Upload(CurrentPhone());"
STALE_FUNCTION = ["", "void Stale(const Account& acct) {",
                  "  Upload(acct.phone);", "}"]

DOT_CLANGD = """\
CompileFlags:
  CompilationDatabase: build
Diagnostics:
  ClangTidy:
    Add: [purpose-*]
    Remove: [purpose-unannotated-contact]
"""


def make_project(root, repo):
    lsp_testlib.write_project(
        root, repo, {"account.h": ACCOUNT_H, "main_util.h": MAIN_UTIL_H,
                     "helper.cpp": HELPER_CPP,
                     "main.cpp": "\n".join(MAIN_LINES) + "\n"},
        DOT_CLANGD, ("helper.cpp", "main.cpp"))


class Session:
    def __init__(self, client, main_path, timeout):
        self.client = client
        self.main = main_path
        self.timeout = timeout
        self.version = 0

    def diagnostics(self, what):
        """The next publishDiagnostics for the current version of main.cpp."""
        want = self.version
        msg = self.client.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri(self.main)
            and m["params"].get("version", want) == want,
            self.timeout, "diagnostics of main.cpp version %d (%s)" % (want, what))
        diags = msg["params"]["diagnostics"]
        expect_clean_parse(diags, what)
        return diags

    def open(self, lines):
        self.version = 1
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(self.main), "languageId": "cpp", "version": 1,
            "text": "\n".join(lines) + "\n"}})

    def change(self, lines):
        self.version += 1
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri(self.main), "version": self.version},
            "contentChanges": [{"text": "\n".join(lines) + "\n"}]})


def expect_clean_parse(diags, step):
    """Fails on compiler errors: a broken test project would hide warnings."""
    errors = [d for d in diags if d.get("severity") == 1]
    if errors:
        raise Failure("%s: the test project does not compile: %s"
                      % (step, describe(errors)))


def purpose_warnings(diags):
    """(1-based line, message) of each purpose-limitation warning."""
    return sorted((d["range"]["start"]["line"] + 1, d["message"])
                  for d in diags
                  if d.get("code") == "purpose-limitation"
                  and d.get("severity") == 2)


def expect_warnings(diags, lines, step):
    """Exactly one purpose-limitation warning on each of \p lines (1-based),
    none elsewhere; returns them by line."""
    found = purpose_warnings(diags)
    got = sorted({w[0] for w in found})
    for line in lines:
        if line not in got:
            raise Failure("%s: no purpose-limitation warning on main.cpp:%d; got %s"
                          % (step, line, describe(diags)))
    extra = [w for w in found if w[0] not in lines]
    if extra:
        raise Failure("%s: unexpected purpose-limitation warnings %s" % (step, extra))
    out = {}
    for d in diags:
        if d.get("code") == "purpose-limitation" and d.get("severity") == 2:
            if d.get("source") != "clang-tidy":
                raise Failure("%s: source is %r, expected 'clang-tidy'"
                              % (step, d.get("source")))
            out[d["range"]["start"]["line"] + 1] = d
    return out


def expect_none(diags, step):
    found = purpose_warnings(diags)
    if found:
        raise Failure("%s: expected no purpose-limitation warning, got %s"
                      % (step, found))


def run(args, root):
    make_project(root, args.repo)
    main_path = os.path.join(root, "main.cpp")
    cmd = [args.clangd, "--background-index=false", "--log=verbose",
           "--pch-storage=memory", "--clang-tidy"]
    client = LspClient(cmd, os.path.join(root, "clangd.log"), args.verbose)
    try:
        lsp_testlib.initialize(client, root, args.timeout)
        s = Session(client, main_path, args.timeout)

        step = "1. didOpen of clean code"
        lines = list(MAIN_LINES)
        s.open(lines)
        expect_none(s.diagnostics(step), step)
        print("PASS %s" % step)

        step = "2. didChange adds a violating line"
        lines.insert(RUN_BODY_LINE, LOCAL_VIOLATION)
        s.change(lines)
        d = expect_warnings(s.diagnostics(step), [RUN_BODY_LINE + 1],
                            step)[RUN_BODY_LINE + 1]
        if "'Account::phone'" not in d["message"]:
            raise Failure("%s: the message does not name the origin: %r"
                          % (step, d["message"]))
        print("PASS %s" % step)

        step = "3. didChange removes it"
        del lines[RUN_BODY_LINE]
        s.change(lines)
        expect_none(s.diagnostics(step), step)
        print("PASS %s" % step)

        step = "4a. cross-file call, cache empty"
        lines.insert(RUN_BODY_LINE, CROSS_VIOLATION)
        s.change(lines)
        # No violation can be seen yet, and the editor says why: one warning
        # at the top of the file that names the missing summary.
        found = purpose_warnings(s.diagnostics(step))
        if len(found) != 1 or found[0][0] != 1 or \
                "no summaries of other files" not in found[0][1]:
            raise Failure("%s: expected only the warning that the cache has "
                          "no summaries, got %s" % (step, found))
        print("PASS %s" % step)

        step = "4b. cross-file call after purpose-check filled the cache"
        proc = subprocess.run([args.tool, "-p", os.path.join(root, "build")],
                              cwd=root, capture_output=True, text=True,
                              timeout=args.timeout)
        if proc.returncode not in (0, 1):
            raise Failure("%s: purpose-check exited with %d:\n%s"
                          % (step, proc.returncode, proc.stderr))
        cache = os.path.join(root, "build", ".purpose-check-cache")
        if not os.path.isdir(cache):
            raise Failure("%s: purpose-check left no cache in %s" % (step, cache))
        lines.append("// edited")
        s.change(lines)
        d = expect_warnings(s.diagnostics(step), [RUN_BODY_LINE + 1],
                            step)[RUN_BODY_LINE + 1]
        related = " ".join(r["message"] + " " + r["location"]["uri"]
                           for r in d.get("relatedInformation", []))
        if "helper.cpp" not in related + d["message"]:
            raise Failure("%s: no trace step in helper.cpp among the notes: %s"
                          % (step, json.dumps(d)))
        print("PASS %s" % step)

        step = "4c. header function known only to the file's own cache entry"
        lines.insert(RUN_BODY_LINE + 1, HEADER_VIOLATION)
        s.change(lines)
        expect_warnings(s.diagnostics(step),
                        [RUN_BODY_LINE + 1, RUN_BODY_LINE + 2], step)
        print("PASS %s" % step)

        step = "4d. the file's own cache entry is stale: the live analysis wins"
        write(main_path, "\n".join(lines + STALE_FUNCTION) + "\n")
        proc = subprocess.run([args.tool, "-p", os.path.join(root, "build")],
                              cwd=root, capture_output=True, text=True,
                              timeout=args.timeout)
        if proc.returncode != 1:
            raise Failure("%s: purpose-check exited with %d, expected 1:\n%s"
                          % (step, proc.returncode, proc.stdout + proc.stderr))
        lines.append("// edited again")
        s.change(lines)
        expect_warnings(s.diagnostics(step),
                        [RUN_BODY_LINE + 1, RUN_BODY_LINE + 2], step)
        print("PASS %s" % step)

        step = "5. shutdown and exit"
        status = client.close()
        if status != 0:
            raise Failure("%s: purpose-clangd exited with status %s"
                          % (step, status))
        print("PASS %s" % step)
    finally:
        client.close()


def main(argv):
    parser = lsp_testlib.arg_parser(__doc__.splitlines()[0], "project")
    parser.add_argument("--tool", required=True, help="the purpose-check binary")
    args = lsp_testlib.parse_args(parser, argv)
    root = os.path.realpath(tempfile.mkdtemp(prefix="purpose-lsp-"))
    ok = False
    try:
        run(args, root)
        ok = True
    except Failure as e:
        print("FAIL %s" % e)
        log = os.path.join(root, "clangd.log")
        if os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as f:
                tail = f.read().splitlines()[-40:]
            print("clangd.log (last lines):\n  " + "\n  ".join(tail))
    finally:
        lsp_testlib.keep_or_remove(root, args, ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
