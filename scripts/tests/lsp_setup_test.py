#!/usr/bin/env python3
"""purpose-clangd set-up never fails silently: one test case per run.

Usage: lsp_setup_test.py --clangd PATH --case NAME [--repo ROOT] [--keep] [-v]

Each case builds a small project in a temporary directory (account.h, a
main.cpp with two purpose-limitation violations, build/compile_commands.json,
a .purpose-check.json) with its own .clangd, and runs purpose-clangd on it:

  default-filter   .clangd says only `Diagnostics: ClangTidy: Add: [purpose-*]`
                   (clangd's default FastCheckFilter, Strict): the violations
                   are reported over LSP.
  enabled-log      the same .clangd: the log (stderr) says that
                   purpose-limitation runs on main.cpp.
  hidden-log       settings that keep the checks off are named in the log:
                   `Remove: [purpose-*]` (the log names the Remove list), a
                   .clangd that adds no purpose-* check (the log asks for
                   `Add: [purpose-*]`), and --clang-tidy=false.
  check-mode       `purpose-clangd --check=main.cpp` prints the
                   purpose-limitation warnings, with their trace.
  no-related-info  a client whose initialize request says
                   publishDiagnostics.relatedInformation=false gets exactly one
                   diagnostic per violation, the trace in its message.
  related-info     a client with relatedInformation=true gets the trace as
                   relatedInformation, and not in the message.

The cache cases use a second project, whose violation crosses into another
file (ContactOf() in helper.cpp), and need --tool:

  no-cache         no cache yet: one warning naming 'ContactOf' and the
                   command that writes the cache, instead of silence.
  stale-cache      after purpose-check filled the cache, helper.cpp changes:
                   one warning that the summary of 'ContactOf' is older than
                   helper.cpp (and none while the cache is fresh).
  damaged-entry    helper.cpp's cache entry is cut in half: a warning naming
                   the entry.

Exit status 0 on success, 1 on failure (the failure names what was received).
"""

import json
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import lsp_testlib  # noqa: E402
from lsp_testlib import ACCOUNT_H, Failure, LspClient, describe, uri, write  # noqa: E402

MAIN_CPP = """\
#include "account.h"

void Run(const Account& acct) {
  std::string copy = acct.phone;
  Upload(copy);
  Upload(acct.phone);
}
"""
VIOLATION_LINES = [5, 6]  # 1-based
# The trace of the violation on line 5 has a step at the read on line 4.
TRACE_STEP = re.compile(r"main\.cpp:4:\d+: note: ")

ONLY_ADD = """\
Diagnostics:
  ClangTidy:
    Add: [purpose-*]
"""

REMOVED = """\
Diagnostics:
  ClangTidy:
    Add: [purpose-*]
    Remove: [purpose-*]
"""

# docs/editor.md's .clangd before purpose-clangd counted its checks as fast:
# the checks run on an older purpose-clangd too, so the cases that use it
# test what they are about.
LOOSE = """\
Diagnostics:
  ClangTidy:
    Add: [purpose-*]
    FastCheckFilter: Loose
"""

NOT_ADDED = """\
Diagnostics:
  ClangTidy:
    Add: [bugprone-integer-division]
"""


def make_project(root, repo, dot_clangd):
    lsp_testlib.write_project(root, repo,
                              {"account.h": ACCOUNT_H, "main.cpp": MAIN_CPP},
                              dot_clangd, ("main.cpp",))
    return os.path.join(root, "main.cpp")


def lsp_session(args, root, related_information=True, extra_args=()):
    """Starts purpose-clangd on the project in \\p root, opens main.cpp and
    returns (its first diagnostics, the clangd log's text)."""
    main = os.path.join(root, "main.cpp")
    log_path = os.path.join(root, "clangd.log")
    cmd = [args.clangd, "--background-index=false", "--pch-storage=memory"]
    cmd += list(extra_args)
    client = LspClient(cmd, log_path, args.verbose)
    try:
        lsp_testlib.initialize(client, root, args.timeout, related_information)
        with open(main, encoding="utf-8") as f:
            text = f.read()
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(main), "languageId": "cpp", "version": 1,
            "text": text}})
        msg = client.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri(main),
            args.timeout, "diagnostics of main.cpp")
        diags = msg["params"]["diagnostics"]
        status = client.close()
        if status != 0:
            raise Failure("purpose-clangd exited with status %s" % status)
    finally:
        client.close()
    with open(log_path, encoding="utf-8", errors="replace") as f:
        log = f.read()
    errors = [d for d in diags if d.get("severity") == 1]
    if errors:
        raise Failure("the test project does not compile: %s"
                      % describe(errors))
    return diags, log


def warnings(diags):
    return [d for d in diags if d.get("code") == "purpose-limitation"
            and d.get("severity") == 2]


def expect_violations(diags, what):
    """The purpose-limitation warnings, one on each violating line."""
    found = warnings(diags)
    lines = sorted(d["range"]["start"]["line"] + 1 for d in found)
    if lines != VIOLATION_LINES:
        raise Failure("%s: expected purpose-limitation warnings on lines %s, "
                      "got %s" % (what, VIOLATION_LINES, describe(diags)))
    return sorted(found, key=lambda d: d["range"]["start"]["line"])


def log_lines(log, pattern):
    return [l for l in log.splitlines() if re.search(pattern, l)]


def case_default_filter(args, root):
    make_project(root, args.repo, ONLY_ADD)
    diags, _ = lsp_session(args, root)
    expect_violations(diags,
                      "only `Add: [purpose-*]`, default FastCheckFilter")


def case_enabled_log(args, root):
    main = make_project(root, args.repo, ONLY_ADD)
    _, log = lsp_session(args, root)
    want = (r"purpose-clangd: running .*purpose-limitation.* on %s"
            % re.escape(main))
    if not log_lines(log, want):
        raise Failure("no log line matching %r; purpose-clangd lines: %s"
                      % (want, log_lines(log, "purpose-clangd:") or "none"))
    print("  log: %s" % log_lines(log, want)[0])


def case_hidden_log(args, root):
    variants = [
        ("Remove: [purpose-*]", REMOVED, (),
         r"purpose-limitation does not run on .*main\.cpp.*'-purpose-\*'.*"
         r"Remove 'purpose-\*' from `Diagnostics: ClangTidy: Remove` "
         r"in \.clangd"),
        ("no purpose-* check added", NOT_ADDED, (),
         r"purpose-limitation does not run on .*main\.cpp.*"
         r"`Diagnostics: ClangTidy: Add: \[purpose-\*\]`"),
        ("--clang-tidy=false", ONLY_ADD, ("--clang-tidy=false",),
         r"purpose-limitation does not run on .*main\.cpp.*--clang-tidy=false"),
    ]
    for name, dot_clangd, extra, want in variants:
        sub = os.path.join(
            root, re.sub(r"[^a-z]+", "-", name.lower()).strip("-"))
        os.makedirs(sub)
        make_project(sub, args.repo, dot_clangd)
        diags, log = lsp_session(args, sub, extra_args=extra)
        if warnings(diags):
            raise Failure("%s: the checks ran: %s" % (name, describe(diags)))
        if not log_lines(log, want):
            said = log_lines(log, "purpose-clangd:") or "none"
            raise Failure("%s: no log line matching %r; purpose-clangd "
                          "lines: %s" % (name, want, said))
        print("  %s: %s" % (name, log_lines(log, want)[0]))


def case_check_mode(args, root):
    main = make_project(root, args.repo, LOOSE)
    proc = subprocess.run([args.clangd, "--check=" + main], cwd=root,
                          capture_output=True, text=True,
                          timeout=args.timeout * 3)
    out = proc.stdout + proc.stderr
    write(os.path.join(root, "clangd.log"), out)
    for line in VIOLATION_LINES:
        want = r"\[purpose-limitation\] Line %d: 'Account::phone'" % line
        if not re.search(want, out):
            raise Failure("--check printed no %r; its output ends:\n  %s"
                          % (want, "\n  ".join(out.splitlines()[-15:])))
    if not TRACE_STEP.search(out):
        raise Failure("--check printed no trace step matching %r"
                      % TRACE_STEP.pattern)
    if proc.returncode != 0:
        raise Failure("--check exited with %d" % proc.returncode)


def only_violations(args, root, related_information):
    """The violation warnings that a client with or without
    relatedInformation gets, which must be all it gets."""
    make_project(root, args.repo, LOOSE)
    diags, _ = lsp_session(args, root, related_information=related_information)
    found = expect_violations(diags, "client %s relatedInformation"
                              % ("with" if related_information else "without"))
    if len(diags) != len(found):
        raise Failure("expected only the %d warnings, got %d diagnostics: %s"
                      % (len(found), len(diags), describe(diags)))
    return found


def case_no_related_info(args, root):
    found = only_violations(args, root, related_information=False)
    if not TRACE_STEP.search(found[0]["message"]):
        raise Failure("the trace step on line 4 is not in the message: %r"
                      % found[0]["message"])
    for d in found:
        if "\n\nmain.cpp:%d:" % (d["range"]["start"]["line"] + 1) \
                not in d["message"]:
            raise Failure("no trace step at the sink in the message: %r"
                          % d["message"])
        if d.get("relatedInformation"):
            raise Failure("relatedInformation sent anyway: %s" % json.dumps(d))


def case_related_info(args, root):
    found = only_violations(args, root, related_information=True)
    for d in found:
        related = d.get("relatedInformation") or []
        if not related:
            raise Failure("no relatedInformation: %s" % json.dumps(d))
        if "\n" in d["message"]:
            raise Failure("the trace is in the message too: %r" % d["message"])
    steps = [r["location"]["range"]["start"]["line"] + 1
             for r in found[0]["relatedInformation"]]
    if 4 not in steps:
        raise Failure("no trace step on line 4 in %s" % json.dumps(found[0]))


# The cache cases: main.cpp's sink call gets the limited value only through
# ContactOf() of helper.cpp, whose summary only the cache written by
# purpose-check can give.
XTU_H = """\
#pragma once
#include "purpose.h"
#include <string>
struct Account { SECURITY_CONTACT std::string phone; };
std::string ContactOf();
AD_TARGETING void Upload(const std::string& id);
"""
XTU_HELPER = """\
#include "xtu.h"
Account g_account;
std::string ContactOf() { return g_account.phone; }
"""
XTU_MAIN = """\
#include "xtu.h"
void Run() {
  Upload(ContactOf());
}
"""


def make_xtu_project(args, root, run_cli):
    lsp_testlib.write_project(
        root, args.repo,
        {"xtu.h": XTU_H, "helper.cpp": XTU_HELPER, "main.cpp": XTU_MAIN},
        ONLY_ADD, ("helper.cpp", "main.cpp"))
    if run_cli:
        if not args.tool:
            raise Failure("this case needs --tool")
        proc = subprocess.run([args.tool], cwd=root, capture_output=True,
                              text=True, timeout=args.timeout * 3)
        if proc.returncode != 1:
            raise Failure("purpose-check exited %d (want 1, the violation): %s"
                          % (proc.returncode, proc.stderr))


def trust_warnings(diags):
    return [d for d in diags if d.get("code") == "purpose-limitation"
            and d["message"].lower().startswith("purpose-check: ")]


def case_no_cache(args, root):
    make_xtu_project(args, root, run_cli=False)
    diags, _ = lsp_session(args, root)
    said = trust_warnings(diags)
    if len(said) != 1 or "'ContactOf'" not in said[0]["message"] \
            or "purpose-check --config" not in said[0]["message"]:
        raise Failure("expected one warning naming 'ContactOf' and the command "
                      "that writes the cache, got %s" % describe(diags))
    print("  %s" % said[0]["message"])


def case_stale_cache(args, root):
    make_xtu_project(args, root, run_cli=True)
    diags, _ = lsp_session(args, root)
    if trust_warnings(diags) or len(warnings(diags)) != 1:
        raise Failure("fresh cache: expected the one violation and no cache "
                      "warning, got %s" % describe(diags))
    write(os.path.join(root, "helper.cpp"),
          XTU_HELPER.replace("return g_account.phone;", "return \"-\";"))
    diags, _ = lsp_session(args, root)
    said = trust_warnings(diags)
    if len(said) != 1 or "older than" not in said[0]["message"] \
            or "helper.cpp" not in said[0]["message"]:
        raise Failure("stale cache: expected a warning that the summary of "
                      "'ContactOf' is older than helper.cpp, got %s"
                      % describe(diags))
    print("  %s" % said[0]["message"])


def case_damaged_entry(args, root):
    make_xtu_project(args, root, run_cli=True)
    vdir = None
    cache = os.path.join(root, "build", ".purpose-check-cache")
    for d in sorted(os.listdir(cache)):
        vdir = os.path.join(cache, d)
    damaged = None
    for name in sorted(os.listdir(vdir)):
        path = os.path.join(vdir, name)
        with open(path, "rb") as f:
            data = f.read()
        if not name.startswith("inputs-") and b"helper.cpp" in data[:400]:
            with open(path, "wb") as f:
                f.write(data[: len(data) // 2])
            damaged = name
    if not damaged:
        raise Failure("no cache entry for helper.cpp in %s" % vdir)
    diags, _ = lsp_session(args, root)
    said = [d for d in trust_warnings(diags) if "cannot be read" in d["message"]]
    if len(said) != 1 or damaged not in said[0]["message"]:
        raise Failure("expected a warning naming the damaged entry %s, got %s"
                      % (damaged, describe(diags)))
    print("  %s" % said[0]["message"])


CASES = {
    "no-cache": case_no_cache,
    "stale-cache": case_stale_cache,
    "damaged-entry": case_damaged_entry,
    "default-filter": case_default_filter,
    "enabled-log": case_enabled_log,
    "hidden-log": case_hidden_log,
    "check-mode": case_check_mode,
    "no-related-info": case_no_related_info,
    "related-info": case_related_info,
}


def main(argv):
    parser = lsp_testlib.arg_parser(__doc__.splitlines()[0], "projects")
    parser.add_argument("--tool", help="purpose-check, for the cache cases")
    parser.add_argument("--case", required=True, choices=sorted(CASES),
                        action="append", help="may be given more than once")
    args = lsp_testlib.parse_args(parser, argv)
    ok = True
    for name in args.case:
        root = os.path.realpath(tempfile.mkdtemp(prefix="purpose-setup-"))
        try:
            CASES[name](args, root)
            print("PASS %s" % name)
            passed = True
        except (Failure, subprocess.TimeoutExpired) as e:
            print("FAIL %s: %s" % (name, e))
            passed = False
            ok = False
        lsp_testlib.keep_or_remove(root, args, passed)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
