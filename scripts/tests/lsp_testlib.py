"""Shared pieces of the purpose-clangd tests (lsp_test.py, lsp_setup_test.py).

Each test writes a small project into a temporary directory (write_project),
starts purpose-clangd on it through an LspClient (framed JSON-RPC over the
server's stdio, its stderr in ROOT/clangd.log), initializes it (initialize)
and raises Failure, naming what was received, when the server does not do
what the test expects.
"""

import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__))))

# The header of the test projects: a limited field, and a sink for another
# purpose.
ACCOUNT_H = """\
#pragma once
#include "purpose.h"
#include <string>

struct Account {
  SECURITY_CONTACT std::string phone;
  std::string name;
};

AD_TARGETING void Upload(const std::string& id);
"""


class Failure(Exception):
    pass


class LspClient:
    """A minimal LSP client: framed JSON-RPC over the server's stdio."""

    def __init__(self, cmd, log_path, verbose):
        self.log = open(log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log)
        self.verbose = verbose
        self.next_id = 1
        self.messages = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            body = out.read(length)
            msg = json.loads(body)
            if self.verbose:
                print("<- %s" % json.dumps(msg)[:300], file=sys.stderr)
            self.messages.put(msg)

    def send(self, msg):
        msg["jsonrpc"] = "2.0"
        data = json.dumps(msg).encode("utf-8")
        if self.verbose:
            print("-> %s" % data[:300].decode("utf-8", "replace"), file=sys.stderr)
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method, params, timeout):
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == rid and "method" not in m,
                         timeout, "the response to %s" % method)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait(self, pred, timeout, what):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failure("timed out after %gs waiting for %s" % (timeout, what))
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if msg is None:
                raise Failure("purpose-clangd exited (status %s) while waiting for %s"
                              % (self.proc.poll(), what))
            # Answer server->client requests so that clangd never waits on us.
            if "method" in msg and "id" in msg:
                self.send({"id": msg["id"], "result": None})
                continue
            if pred(msg):
                return msg

    def close(self):
        """Shuts the server down; its exit status, or None if it had to be
        killed."""
        status = None
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None, 10)
                self.notify("exit", None)
                status = self.proc.wait(timeout=10)
        except (Failure, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            if not self.log.closed:
                self.log.close()
        return status


def initialize(client, root, timeout, related_information=True):
    """The initialize request for the workspace root (a client that supports
    versioned diagnostics, with or without relatedInformation), then the
    initialized notification."""
    client.request("initialize", {
        "processId": os.getpid(), "rootUri": uri(root),
        "capabilities": {"textDocument": {"publishDiagnostics": {
            "relatedInformation": related_information,
            "versionSupport": True}}},
    }, timeout)
    client.notify("initialized", {})


def uri(path):
    return "file://" + path


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_project(root, repo, files, dot_clangd, sources):
    """Writes files ({name: text}) and the .clangd into root, a
    .purpose-check.json naming build/, and build/compile_commands.json with
    a clang++-19 command (repo's annotations and root on the include path)
    for each of sources (names in root)."""
    annotations = os.path.join(repo, "annotations")
    for name, text in files.items():
        write(os.path.join(root, name), text)
    write(os.path.join(root, ".clangd"), dot_clangd)
    write(os.path.join(root, ".purpose-check.json"),
          json.dumps({"build_dir": "build"}) + "\n")
    os.makedirs(os.path.join(root, "build"), exist_ok=True)
    entries = [{"directory": root, "file": os.path.join(root, f),
                "arguments": ["clang++-19", "-std=c++17", "-I" + annotations,
                              "-I" + root, "-c", os.path.join(root, f)]}
               for f in sources]
    write(os.path.join(root, "build", "compile_commands.json"),
          json.dumps(entries, indent=2) + "\n")


def keep_or_remove(root, args, passed):
    """Removes the project in root once its test passed, unless --keep; else
    names it on stderr."""
    if args.keep or not passed:
        print("project kept in %s" % root, file=sys.stderr)
    else:
        shutil.rmtree(root, ignore_errors=True)


def describe(diags):
    if not diags:
        return "no diagnostics"
    return "; ".join("%d:%s[%s] %s" % (d["range"]["start"]["line"] + 1,
                                       d.get("severity"), d.get("code"),
                                       d["message"].splitlines()[0])
                     for d in diags)


def arg_parser(description, keep_what):
    """The options both tests take: --clangd, --repo, --timeout, --keep
    (keep_what: what it keeps) and -v; each test adds its own."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--repo", default=REPO_ROOT)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary %s (and clangd.log)" % keep_what)
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


def parse_args(parser, argv):
    """parser's options, with --clangd, --tool (if given) and --repo made
    absolute."""
    args = parser.parse_args(argv)
    args.clangd = os.path.abspath(args.clangd)
    if args.tool:
        args.tool = os.path.abspath(args.tool)
    args.repo = os.path.abspath(args.repo)
    return args
