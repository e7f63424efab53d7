"""Robustness cases: concurrency and interruption (issue 8). Each case's
docstring says what it checks; scripts/tests/robustness_test.py runs them."""

import hashlib
import json
import os
import shutil
import signal
import time

import gen_stress
import harness
from harness import (TEMP_RE, Result, Work, cache_version_dir, check_cache,
                     check_report, expect, gen_codebase, normalized, planted, reap,
                     run, start)


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def case_determinism_20(c, work, args):
    """On a generated code base (gen_codebase.py 20), the JSON report of -j 2
    is byte for byte that of -j 1, over 20 runs without the cache."""
    gen_codebase(work, 20)
    want = planted(work)
    ref = run(["-p", work.build, "--format=json", "--no-cache", "-j", "1"], cwd=work.root)
    expect(c, "determinism: -j 1", ref, 1)
    try:
        n = len(json.loads(ref.out)["violations"])
        c.equal(n, want, "determinism: -j 1: violations (planted)")
    except ValueError:
        c.check(False, "determinism: -j 1: no JSON report")
    seen = {digest(ref.out_bytes): ["-j1"]}
    for i in range(args.runs):
        r = run(["-p", work.build, "--format=json", "--no-cache", "-j", "2"], cwd=work.root)
        expect(c, "determinism: -j 2 #%d" % (i + 1), r, 1)
        seen.setdefault(digest(r.out_bytes), []).append("#%d" % (i + 1))
        if r.out_bytes != ref.out_bytes:
            path = work.path("differs-%d.json" % (i + 1))
            with open(path, "wb") as f:
                f.write(r.out_bytes)
    c.check(len(seen) == 1, "determinism: %d different reports over %d runs: %s" % (
        len(seen), args.runs + 1, seen))


def reference_run(c, work, case):
    """An uncached -j 2 run that must find violations (exit 1): the run and
    its normalized JSON report, or None (a failed check) without one."""
    ref = run(["-p", work.build, "--format=json", "--no-cache", "-j", "2"], cwd=work.root)
    expect(c, "%s: reference" % case, ref, 1)
    try:
        return ref, normalized(json.loads(ref.out))
    except ValueError:
        c.check(False, "%s: the reference run printed no JSON" % case)
        return ref, None


def case_shared_cache(c, work, args):
    """Two (then three) purpose-check processes share one cold cache
    directory at once (and, last, one -o path): all succeed with the right
    report, the cache holds only complete entries, and a warm run takes
    every TU from it."""
    gen_codebase(work, 20)
    ref, ref_doc = reference_run(c, work, "shared-cache")
    if ref_doc is None:
        return
    cache = work.path("cache")
    # Round 4 also shares the report path: -o is atomic, so the report is
    # one of theirs, whole.
    for rnd, procs, jobs in ((1, 2, "2"), (2, 2, "1"), (3, 3, "1"), (4, 2, "2")):
        shutil.rmtree(cache, ignore_errors=True)
        what = "shared-cache: round %d (%d processes, -j %s%s)" % (
            rnd, procs, jobs, ", one -o" if rnd == 4 else "")
        running = []
        began = time.monotonic()
        for i in range(procs):
            out = work.path("out-%d-%d.json" % (rnd, 0 if rnd == 4 else i))
            err = open(work.path("err-%d-%d.txt" % (rnd, i)), "w+b")
            p = start(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                       "-j", jobs], work.root, stderr=err)
            running.append((p, out, err))
        # All finished before anything is checked: a temporary file of a
        # process still running is no leftover.
        results = []
        for p, out, err in running:
            rc, rss, timed_out = reap(p, harness.TIMEOUT, began)
            err.seek(0)
            results.append((Result(p.args, rc, "", err.read().decode("utf-8", "replace"),
                                   time.monotonic() - began, rss, timed_out), out))
            err.close()
        for i, (r, out) in enumerate(results):
            expect(c, "%s: process %d" % (what, i + 1), r, 1)
            doc = check_report(c, "%s: process %d" % (what, i + 1), out, 1)
            c.check(doc is not None and normalized(doc) == ref_doc,
                    "%s: process %d: the report differs from the reference" % (what, i + 1))
            c.check("warning" not in r.err, "%s: process %d: warnings\n    %s"
                    % (what, i + 1, r.tail()))
        n = check_cache(c, what, cache)
        r = run(["-p", work.build, "--format=json", "--cache-dir", cache, "-j", "2"],
                cwd=work.root)
        expect(c, what + ": warm", r, 1)
        try:
            doc = json.loads(r.out)
            c.equal(doc["stats"]["translation_units_from_cache"],
                    doc["stats"]["translation_units"],
                    what + ": warm: translation_units_from_cache")
            c.equal(n, doc["stats"]["translation_units"], what + ": cache entries")
            c.check(normalized(doc) == ref_doc, what + ": warm: the report differs")
        except (ValueError, KeyError) as e:
            c.check(False, "%s: warm: no JSON report: %s" % (what, e))


# --------------------------------------------------------------------------
# Cases: interruption

def interrupt_when(c, what, args, cwd, watch, sig, attempts, prepare):
    """Starts the tool up to `attempts` times (after prepare()) and sends sig
    as soon as a writer's temporary file shows in the directory `watch`.
    Returns (caught temp names, rc) of the first run where one showed, or
    (None, rc) if none did."""
    rc = None
    for attempt in range(attempts):
        prepare()
        p = start(args, cwd)
        began = time.monotonic()
        caught = None
        while p.poll() is None and time.monotonic() - began < harness.TIMEOUT:
            try:
                names = os.listdir(watch)
            except OSError:
                continue
            temps = [n for n in names if TEMP_RE.search(n)]
            if temps:
                p.send_signal(sig)
                caught = temps
                break
        if p.poll() is None and caught is None:
            p.kill()
        rc = p.wait(timeout=harness.TIMEOUT)
        if caught:
            print("%s: %s sent while %s existed (attempt %d), exit %d" % (
                what, signal.Signals(sig).name, caught, attempt + 1, rc))
            return caught, rc
    return None, rc


def case_sigint(c, work, args):
    """Ctrl-C (SIGINT) during a run: after ~1-3 s of analysis, and exactly
    while the report or a cache entry is being written (a temporary file is
    watched for). Afterwards: no report or the previous complete one, no
    temporary files next to it or in the cache, only complete cache
    entries, and the next run works (the same report as an uninterrupted
    run)."""
    n_tus = 40
    gen_codebase(work, n_tus)
    ref, ref_doc = reference_run(c, work, "sigint")
    print("sigint: an uninterrupted run takes %.1fs" % ref.secs)
    if ref_doc is None:
        return
    outdir = work.path("out")
    os.makedirs(outdir)
    out = os.path.join(outdir, "report.json")
    cache = work.path("cache")
    for delay in (1.0, 2.0, 3.0):
        what = "sigint: after %.1fs" % delay
        shutil.rmtree(cache, ignore_errors=True)  # so that the run is long
        with open(out, "wb") as f:
            f.write(ref.out_bytes)  # a previous, complete report
        p = start(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                   "-j", "2"], work.root)
        time.sleep(delay)
        still_running = p.poll() is None
        p.send_signal(signal.SIGINT)
        rc = p.wait(timeout=harness.TIMEOUT)
        print("%s: exit %d%s" % (what, rc, "" if still_running else
                                 " (finished before the signal)"))
        if still_running:
            c.check(rc not in (0, 1), "%s: an interrupted run exited %d, as if it "
                    "had completed" % (what, rc))
            c.check(rc == -signal.SIGINT, "%s: exit %d; expected to end by SIGINT (%d)"
                    % (what, rc, -signal.SIGINT))
        check_report(c, what, out, 2 if still_running else 1, previous=ref.out_bytes)
        check_cache(c, what, cache)
        r = run(["-p", work.build, "--format=json", "-o", out, "--cache-dir", cache,
                 "-j", "2"], cwd=work.root)
        expect(c, what + ": next run", r, 1)
        doc = check_report(c, what + ": next run", out, 1)
        c.check(doc is not None and normalized(doc) == ref_doc,
                "%s: next run: the report differs from an uninterrupted run" % what)
        check_cache(c, what + ": next run", cache)

    # Exactly while the report is written: a large report (4,000 violations).
    big = Work(work.path("big"))
    gen_stress.gen_many_violations(big.src)
    big.compdb()
    big_out = big.path("report.json")
    for sig in (signal.SIGINT, signal.SIGTERM):
        what = "sigint: %s while the report is written" % signal.Signals(sig).name

        def fresh_out():
            for f in os.listdir(big.root):
                p = os.path.join(big.root, f)
                if os.path.isfile(p) and (f == "report.json" or TEMP_RE.search(f)):
                    os.remove(p)

        caught, rc = interrupt_when(
            c, what, ["-p", big.build, "--format=json", "-o", big_out, "--no-cache",
                      "-j", "1"], big.root, big.root, sig, 10, fresh_out)
        if caught is None:
            c.check(False, "%s: inconclusive: no temporary report file seen in 10 runs"
                    % what)
            continue
        c.check(rc not in (0, 1), "%s: exit %d, as if it had completed" % (what, rc))
        c.check(rc == -sig, "%s: exit %d; expected to end by %s (%d)"
                % (what, rc, signal.Signals(sig).name, -sig))
        check_report(c, what, big_out, 2)

    # Exactly while a cache entry is written.
    big_cache = big.path("cache")
    what = "sigint: SIGINT while a cache entry is written"
    caught, rc = interrupt_when(
        c, what, ["-p", big.build, "--format=json", "-o", big_out, "--cache-dir",
                  big_cache, "-j", "1"], big.root, cache_version_dir(big_cache),
        signal.SIGINT, 40, lambda: shutil.rmtree(big_cache, ignore_errors=True))
    if caught is None:
        c.check(False, "%s: inconclusive: no temporary cache entry seen in 40 runs" % what)
    else:
        check_cache(c, what, big_cache)
    r = run(["-p", big.build, "--format=json", "-o", big_out, "--cache-dir", big_cache],
            cwd=big.root)
    expect(c, "sigint: after the interrupted cache write: next run", r, 1)
