#!/usr/bin/env python3
"""Tests of corpus_runner.py's comparison logic against a fake tool.

The fake tool (test-corpus/selftest/fake_purpose_check.py) reports a violation
wherever a case says `FAKE-REPORT: ORIGIN`, so each test states both what the
"tool" reports and what the case expects. Run: python3 corpus_runner_test.py
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

TESTS = os.path.dirname(os.path.realpath(__file__))
REPO = os.path.dirname(os.path.dirname(TESTS))
RUNNER = os.path.join(TESTS, "corpus_runner.py")
FAKE = os.path.join(REPO, "test-corpus", "selftest", "fake_purpose_check.py")


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="runner-test-")
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(textwrap.dedent(text))
        return path

    def run_runner(self, *cases, env=None, extra=()):
        full_env = dict(os.environ)
        for key in ("FAKE_EXIT", "FAKE_STDERR", "FAKE_OUTPUT", "FAKE_ARGV_LOG"):
            full_env.pop(key, None)
        full_env.update(env or {})
        proc = subprocess.run(
            [sys.executable, RUNNER, "--tool", FAKE, "--repo", REPO, *extra, *cases],
            capture_output=True, text=True, env=full_env, timeout=120)
        return proc.returncode, proc.stdout + proc.stderr

    def test_matching_report_passes(self):
        case = self.write("a.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: ns::A::f */ // expect-violation: ns::A::f
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 0, out)

    def test_missing_is_reported_with_file_and_line(self):
        case = self.write("b.cpp", """\
            void F() {
              Upload(x);  // expect-violation: ns::A::f
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 1, out)
        self.assertIn("b.cpp:2: missing purpose-limitation origin=ns::A::f", out)

    def test_unexpected_is_reported(self):
        case = self.write("c.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: ns::A::g */
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 1, out)
        self.assertIn("c.cpp:2: unexpected purpose-limitation origin=ns::A::g", out)

    def test_several_origins_are_a_set(self):
        case = self.write("d.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: B, A */ // expect-violation: A, B
              Upload(y);  /* FAKE-REPORT: A */ // expect-violation: A, B
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 1, out)
        self.assertIn("d.cpp:3: missing purpose-limitation origin=B", out)
        self.assertNotIn("d.cpp:2:", out)

    def test_xfail_violation_must_stay_unreported(self):
        case = self.write("e.cpp", """\
            void F() {
              Upload(x);  // FIXME xfail-violation: A
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 0, out)
        fixed = self.write("e2.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: A */ // FIXME xfail-violation: A
            }
            """)
        status, out = self.run_runner(fixed)
        self.assertEqual(status, 1, out)
        self.assertIn("e2.cpp:2: unexpected (FIXME xfail-violation now reported", out)

    def test_xfail_no_violation_must_stay_reported(self):
        case = self.write("f.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: A */ // FIXME xfail-no-violation: A
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 0, out)
        fixed = self.write("f2.cpp", """\
            void F() {
              Upload(x);  // FIXME xfail-no-violation: A
            }
            """)
        status, out = self.run_runner(fixed)
        self.assertEqual(status, 1, out)
        self.assertIn("f2.cpp:2: missing (FIXME xfail-no-violation", out)

    def test_exit_status_must_match(self):
        case = self.write("g.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: A */ // expect-violation: A
            }
            """)
        status, out = self.run_runner(case, env={"FAKE_EXIT": "0"})
        self.assertEqual(status, 1, out)
        self.assertIn("tool exited with status 0, expected 1", out)
        clean = self.write("g2.cpp", "void F() {}\n")
        status, out = self.run_runner(clean, env={"FAKE_EXIT": "1"})
        self.assertEqual(status, 1, out)
        self.assertIn("tool exited with status 1, expected 0", out)

    def test_status_2_fails_and_shows_stderr(self):
        case = self.write("h.cpp", "void F() {}\n")
        status, out = self.run_runner(
            case, env={"FAKE_EXIT": "2", "FAKE_STDERR": "h.cpp:1:1: error: boom"})
        self.assertEqual(status, 1, out)
        self.assertIn("tool exited with status 2", out)
        self.assertIn("error: boom", out)

    def test_non_json_output_fails(self):
        case = self.write("i.cpp", "void F() {}\n")
        status, out = self.run_runner(case, env={"FAKE_OUTPUT": "garbage"})
        self.assertEqual(status, 1, out)
        self.assertIn("not JSON", out)

    def test_malformed_expectation_fails(self):
        case = self.write("j.cpp", """\
            void F() {
              Upload(x);  // expect-violaton: A
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 1, out)
        self.assertIn("malformed expectation", out)

    def test_directory_case_reads_headers_and_policies(self):
        self.write("multi/model.h", """\
            inline void G() {
              Upload(x);  /* FAKE-REPORT: M */ // expect-violation: M
            }
            """)
        self.write("multi/a.cpp", '#include "model.h"\n')
        self.write("multi/sub/b.cpp", "void B() {}\n")
        policy = self.write("multi/p.policy.json", '{"version": 1}\n')
        log = os.path.join(self.dir, "argv.txt")
        status, out = self.run_runner(os.path.join(self.dir, "multi"),
                                      env={"FAKE_ARGV_LOG": log})
        self.assertEqual(status, 0, out)
        with open(log) as f:
            argv = f.read().split("\n")
        self.assertIn("--policy", argv)
        self.assertIn(policy, argv)
        self.assertIn("--no-cache", argv)
        self.assertIn("json", argv)

    def test_single_file_policy_next_to_case(self):
        case = self.write("k.cpp", "void F() {}\n")
        policy = self.write("k.policy.json", '{"version": 1}\n')
        log = os.path.join(self.dir, "argv.txt")
        status, out = self.run_runner(case, env={"FAKE_ARGV_LOG": log})
        self.assertEqual(status, 0, out)
        with open(log) as f:
            self.assertIn(policy, f.read().split("\n"))

    def test_run_args_reach_the_compilation_database(self):
        case = self.write("runargs/n.cpp", """\
            // RUN-ARGS: -isystem %S/../system -DGREETING="hello world"
            void F() {}
            """)
        status, out = self.run_runner(case, extra=("--keep",))
        self.assertEqual(status, 0, out)
        kept = [line.split("kept ", 1)[1].strip() for line in out.splitlines()
                if ": kept " in line]
        self.assertEqual(len(kept), 1, out)
        try:
            with open(os.path.join(kept[0], "compile_commands.json")) as f:
                (entry,) = json.load(f)
        finally:
            shutil.rmtree(kept[0], ignore_errors=True)
        args = entry["arguments"]
        where = os.path.join(self.dir, "runargs")
        i = args.index("-isystem")
        self.assertEqual(args[i + 1], where + "/../system")
        self.assertIn("-DGREETING=hello world", args)
        self.assertLess(i, args.index("-c"))

    def test_malformed_run_args_fails(self):
        case = self.write("o.cpp", "// RUN-ARGS: -DX='unterminated\nvoid F() {}\n")
        status, out = self.run_runner(case)
        self.assertEqual(status, 1, out)
        self.assertIn("malformed RUN-ARGS", out)

    def test_rule_other_than_default(self):
        case = self.write("l.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT(purpose-annotation): A */ // expect-violation: A
            }
            """)
        status, out = self.run_runner(case)
        self.assertEqual(status, 1, out)
        self.assertIn("unexpected purpose-annotation origin=A", out)
        ok = self.write("l2.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT(purpose-annotation): A */ // expect-violation(purpose-annotation): A
            }
            """)
        status, out = self.run_runner(ok)
        self.assertEqual(status, 0, out)

    def test_summary_counts(self):
        a = self.write("m1.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: A */ // expect-violation: A
              Upload(y);  // FIXME xfail-violation: B
              Upload(z);  /* FAKE-REPORT: C */ // FIXME xfail-no-violation: C
            }
            """)
        b = self.write("m2.cpp", """\
            void F() {
              Upload(x);  /* FAKE-REPORT: D */ // expect-violation: D
              Upload(y);  // expect-violation: E
            }
            """)
        status, out = self.run_runner(a, b, extra=("--summary", "-j", "2"))
        self.assertEqual(status, 0, out)
        self.assertIn("recall=0.500 precision=0.667 tp=2 fp=1 fn=2", out)
        status, out = self.run_runner(a, b)
        self.assertEqual(status, 1, out)

    def test_selftest_case_fails(self):
        case = os.path.join(REPO, "test-corpus", "selftest", "wrong_expectation.cpp")
        status, out = self.run_runner(case)
        self.assertEqual(status, 1, out)
        self.assertIn("missing purpose-limitation origin=Account::display_name", out)


if __name__ == "__main__":
    unittest.main()
