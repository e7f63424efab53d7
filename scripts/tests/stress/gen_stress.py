#!/usr/bin/env python3
"""Generates the huge and odd inputs of the robustness tests (issue 8).

usage: gen_stress.py KIND OUT_DIR [--size N]

Each KIND writes a small project under OUT_DIR/src (sources and headers; no
compile_commands.json, see scripts/make_compdb.py) and returns what the
analysis must find: a list of expected violations, each a dict
  {"origin": NAME, "sink": NAME, "sink_line": LINE, "sink_file": REL_PATH,
   "min_trace": N, "trace_has": [TEXT...]}
(sink_file relative to OUT_DIR/src, sink_line 1-based). The expectations are
also written to OUT_DIR/expected.json. Generation is linear in the size and
takes a few seconds at most; the outputs belong in the build tree.

Kinds:
  million-lines  one file of 1,000,000 lines: 20,000 functions of 50 lines;
                 a limited value passes through one of them to a sink on the
                 file's last lines, another sink sits in the middle.
  deep-chain     a call chain 10,000 functions deep across 10 TUs, both
                 ways: the origin read in the deepest function and returned
                 up to a sink in the top one; the origin passed down as an
                 argument to a sink in the deepest one.
  recursion      mutual recursion among 1,000 functions (argument and return
                 flows), self recursion, and clean recursion (no finding).
  macro          one function of 100,000 macro-generated statements, and one
                 of 100,000 macro-generated if/else statements.
  headers        a guarded header included 10,000 times by one TU, the same
                 through 10,000 distinct headers, a #pragma once header and an
                 unguarded one 10,000 times each, and 50 TUs sharing 100
                 headers: an inline function in the shared header is
                 reported once.
  many-violations  a TU with N (default 4,000) sink calls of limited values:
                 a large report, for interrupting its write.
  latin1         a source file with Latin-1 bytes in comments and string
                 literals.
"""

import json
import os
import sys

PRELUDE = """#include "purpose.h"
PURPOSE_LIMITED("security") int Phone();
AD_TARGETING void Upload(int);
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def violation(sink_file, sink_line, origin="Phone", sink="Upload", min_trace=1,
              trace_has=()):
    return {"origin": origin, "sink": sink, "sink_file": sink_file,
            "sink_line": sink_line, "min_trace": min_trace,
            "trace_has": list(trace_has)}


def gen_million_lines(src, size=1_000_000):
    """size lines: functions of 50 lines, two violations."""
    lines = PRELUDE.splitlines()
    per_fn = 50
    n_fns = (size - len(lines) - 8) // per_fn
    body = ["  x = x * 3 + %d;" % (k % 97) for k in range(per_fn - 3)]
    expected = []
    for i in range(n_fns):
        lines.append("int f%d(int x) {" % i)
        lines.extend(body)
        lines.append("  return x;")
        lines.append("}")
        if i == n_fns // 2:
            # A sink in the middle of the file, after f{i}.
            lines.append("void LeakMiddle() { Upload(f%d(Phone())); }" % i)
            expected.append(violation("big.cpp", len(lines), trace_has=["f%d" % i]))
    lines.append("void LeakEnd() {")
    lines.append("  int v = f%d(Phone());" % (n_fns - 1))
    lines.append("  Upload(v);")
    expected.append(violation("big.cpp", len(lines), trace_has=["f%d" % (n_fns - 1)]))
    lines.append("}")
    lines.append("void Clean() { Upload(f0(1)); }")
    while len(lines) < size:
        lines.append("// padding")
    write(os.path.join(src, "big.cpp"), "\n".join(lines) + "\n")
    return expected


def gen_deep_chain(src, depth=10_000, tus=10):
    """g0..g{depth-1}: g_i returns g_{i+1}() + 1, the deepest returns Phone();
    h0..h{depth-1}: h_i(x) calls h_{i+1}(x), the deepest calls Upload(x)."""
    hdr = [PRELUDE, "#pragma once"]
    for i in range(depth):
        hdr.append("int g%d();" % i)
        hdr.append("void h%d(int x);" % i)
    write(os.path.join(src, "chain.h"), "\n".join(hdr) + "\n")
    per_tu = depth // tus
    expected = []
    for t in range(tus):
        lines = ['#include "chain.h"']
        for i in range(t * per_tu, (t + 1) * per_tu):
            if i == depth - 1:
                lines.append("int g%d() { return Phone(); }" % i)
                lines.append("void h%d(int x) {" % i)
                lines.append("  Upload(x);")
                expected.append(violation("chain%d.cpp" % t, len(lines),
                                          min_trace=depth,
                                          trace_has=["h0", "h%d" % (depth // 2)]))
                lines.append("}")
            else:
                lines.append("int g%d() { return g%d() + 1; }" % (i, i + 1))
                lines.append("void h%d(int x) { h%d(x); }" % (i, i + 1))
        write(os.path.join(src, "chain%d.cpp" % t), "\n".join(lines) + "\n")
    top = ['#include "chain.h"',
           "void TopDown() { h0(Phone()); }",
           "void BottomUp() {",
           "  Upload(g0());"]
    expected.append(violation("top.cpp", len(top), min_trace=depth,
                              trace_has=["g0", "g%d" % (depth // 2)]))
    top.append("}")
    top.append("void Clean() { h0(7); Upload(g0() * 0 + 1 > 0); }")
    write(os.path.join(src, "top.cpp"), "\n".join(top) + "\n")
    return expected


def gen_recursion(src, ring=1000):
    """r_i(x, n) -> r_{i+1}(x, n - 1) around a ring of `ring` functions, with
    a sink in r_{ring/2}; s_i(n) returns s_{i+1}(n - 1) or Phone() around a
    second ring; a self-recursive function; a clean recursive one."""
    hdr = [PRELUDE, "#pragma once"]
    for i in range(ring):
        hdr.append("void r%d(int x, int n);" % i)
        hdr.append("int s%d(int n);" % i)
    hdr.append("int Self(int x, int n);")
    hdr.append("int CleanRec(int n);")
    write(os.path.join(src, "ring.h"), "\n".join(hdr) + "\n")
    expected = []
    half = ring // 2
    for part in range(2):
        lines = ['#include "ring.h"']
        for i in range(part * half, (part + 1) * half):
            nxt = (i + 1) % ring
            if i == half:
                lines.append("void r%d(int x, int n) {" % i)
                lines.append("  Upload(x);")
                expected.append(violation("ring%d.cpp" % part, len(lines),
                                          min_trace=2))
                lines.append("  if (n > 0) r%d(x, n - 1);" % nxt)
                lines.append("}")
            else:
                lines.append("void r%d(int x, int n) { if (n > 0) r%d(x, n - 1); }"
                             % (i, nxt))
            if i == ring - 1:
                lines.append("int s%d(int n) { return n > 0 ? s%d(n - 1) : Phone(); }"
                             % (i, nxt))
            else:
                lines.append("int s%d(int n) { return n > 0 ? s%d(n - 1) : n; }" % (i, nxt))
        write(os.path.join(src, "ring%d.cpp" % part), "\n".join(lines) + "\n")
    main = ['#include "ring.h"',
            "int Self(int x, int n) { return n > 0 ? Self(x + 1, n - 1) : x; }",
            "int CleanRec(int n) { return n > 0 ? CleanRec(n - 1) + 1 : 0; }",
            "void Start() { r0(Phone(), 5000); }",
            "void UseRing() {",
            "  Upload(s0(3));"]
    expected.append(violation("main.cpp", len(main), min_trace=2))
    main.append("  Upload(Self(Phone(), 10));")
    expected.append(violation("main.cpp", len(main), min_trace=2, trace_has=["Self"]))
    main.append("  Upload(CleanRec(10));")
    main.append("}")
    write(os.path.join(src, "main.cpp"), "\n".join(main) + "\n")
    return expected


def gen_macro(src, statements=100_000):
    """Big(x): `statements` macro-generated assignments; Branchy(x): as many
    if/else statements (one CFG block each)."""
    assert statements == 10 ** len(str(statements)[1:]), "a power of 10"
    lines = PRELUDE.splitlines() + [
        "#define S1 x = x * 3 + 1;",
        "#define B1 if (x & 1) x = x * 3 + 1; else x = x / 2;"]
    k = 1
    while 10 ** k <= statements:
        for m in ("S", "B"):
            lines.append("#define %s%d %s" % (
                m, 10 ** k, " ".join(["%s%d" % (m, 10 ** (k - 1))] * 10)))
        k += 1
    lines.append("int Big(int x) { S%d return x; }" % statements)
    lines.append("int Branchy(int x) { B%d return x; }" % statements)
    lines.append("void Leak() {")
    lines.append("  Upload(Big(Phone()));")
    expected = [violation("macro.cpp", len(lines), trace_has=["Big"])]
    lines.append("  Upload(Branchy(Phone()));")
    expected.append(violation("macro.cpp", len(lines), trace_has=["Branchy"]))
    lines.append("  Upload(Big(1) + Branchy(2));")
    lines.append("}")
    write(os.path.join(src, "macro.cpp"), "\n".join(lines) + "\n")
    return expected


def gen_headers(src, times=10_000, tus=50, shared=100):
    common = ["#ifndef COMMON_H", "#define COMMON_H", PRELUDE,
              "inline void HeaderLeak() {",
              "  Upload(Phone());"]
    expected = [violation("common.h", len(common) + PRELUDE.count("\n") - 1)]
    common += ["}", "#endif"]
    common_text = "\n".join(common) + "\n"
    write(os.path.join(src, "common.h"), common_text)
    # The line of the sink in common.h, counted on the written text.
    expected[0]["sink_line"] = common_text.splitlines().index("  Upload(Phone());") + 1
    write(os.path.join(src, "once.h"),
          "#pragma once\nint OnceValue();\n")
    write(os.path.join(src, "unguarded.h"),
          "extern int unguarded_value;\nint UnguardedFn();\n")
    # One TU including the guarded, #pragma once and unguarded headers
    # `times` times each.
    lines = ['#include "common.h"'] * times
    lines += ['#include "once.h"'] * times
    lines += ['#include "unguarded.h"'] * times
    lines.append("void SameLeak() {")
    lines.append("  Upload(Phone() + OnceValue() + UnguardedFn());")
    expected.append(violation("same.cpp", len(lines)))
    lines.append("}")
    write(os.path.join(src, "same.cpp"), "\n".join(lines) + "\n")
    # One TU including `times` distinct headers, each including common.h.
    for i in range(times):
        write(os.path.join(src, "inc", "h%d.h" % i),
              '#ifndef H%d_H\n#define H%d_H\n#include "common.h"\nint hv%d();\n#endif\n'
              % (i, i, i))
    lines = ['#include "inc/h%d.h"' % i for i in range(times)]
    lines.append("void ManyLeak() {")
    lines.append("  Upload(Phone() + hv%d());" % (times - 1))
    expected.append(violation("many.cpp", len(lines)))
    lines.append("}")
    write(os.path.join(src, "many.cpp"), "\n".join(lines) + "\n")
    # `tus` TUs sharing `shared` headers (the first ones of inc/).
    for t in range(tus):
        lines = ['#include "inc/h%d.h"' % i for i in range(shared)]
        lines.append("int t%d() { return hv%d(); }" % (t, t % shared))
        write(os.path.join(src, "tu", "t%d.cpp" % t), "\n".join(lines) + "\n")
    return expected


def gen_many_violations(src, count=4000, per_fn=50):
    lines = [PRELUDE]
    expected = []
    for f in range(count // per_fn):
        lines.append("void Leak%d() {" % f)
        for _ in range(per_fn):
            lines.append("  Upload(Phone());")
        lines.append("}")
    text = "\n".join(lines) + "\n"
    for n, line in enumerate(text.splitlines(), 1):
        if line == "  Upload(Phone());":
            expected.append(violation("many.cpp", n))
    write(os.path.join(src, "many.cpp"), text)
    return expected


def gen_latin1(src):
    """Latin-1 bytes (invalid UTF-8) in comments and string literals."""
    text = (b'#include "purpose.h"\n'
            b'// Caf\xe9 cr\xe8me br\xfbl\xe9e \xab\xbb \xff\xfe: Latin-1, not UTF-8\n'
            b'/* \xc9t\xe9\n   \xe0 \xe7a */\n'
            b'PURPOSE_LIMITED("security") int Phone();\n'
            b'AD_TARGETING void Upload(int);\n'
            b'AD_TARGETING void UploadText(const char *);\n'
            b'int Len(const char *s) { int n = 0; while (s[n]) ++n; return n; }\n'
            b'void Leak() {\n'
            b'  const char *label = "t\xe9l\xe9phone \xb2";  // \xa7 1\n'
            b'  Upload(Phone() + Len(label));\n'
            b'  UploadText("r\xe9sum\xe9");\n'
            b'}\n')
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "latin1.cpp"), "wb") as f:
        f.write(text)
    line = text.split(b"\n").index(b"  Upload(Phone() + Len(label));") + 1
    return [violation("latin1.cpp", line)]


KINDS = {
    "million-lines": gen_million_lines,
    "deep-chain": gen_deep_chain,
    "recursion": gen_recursion,
    "macro": gen_macro,
    "headers": gen_headers,
    "many-violations": gen_many_violations,
    "latin1": gen_latin1,
}


def generate(kind, out_dir, size=None):
    """Writes OUT_DIR/src and OUT_DIR/expected.json; returns the expectations."""
    src = os.path.join(out_dir, "src")
    fn = KINDS[kind]
    expected = fn(src) if size is None else fn(src, size)
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1)
    return expected


def main(argv):
    import argparse
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("kind", choices=sorted(KINDS))
    p.add_argument("out_dir")
    p.add_argument("--size", type=int)
    a = p.parse_args(argv)
    expected = generate(a.kind, a.out_dir, a.size)
    print("%s: %d expected violations in %s" % (a.kind, len(expected), a.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
