# -*- Python -*-
# The corpus under lit and FileCheck, as LLVM's own tests run.
#
# Run it through the build directory, which holds the site configuration
# that CMake writes (lit.site.cfg.py.in): the whole suite with
#   cmake --build BUILD --target check-corpus
# or one case with
#   BUILD/test-corpus/purpose-lit -v test-corpus/cases/NAME.cpp
# (ctest -L corpus runs each case as its own test, ctest -L tidy each test
# of tidy/). The tests are
#   cases/NAME.cpp   single-file cases;
#   cases/NAME/      multi-file cases: the one file with RUN lines is the
#                    test, the other files are part of it (lit.local.cfg);
#   protobuf/NAME/   cases over code that protoc generates at test time: the
#                    .cpp with the RUN lines is the test (feature protoc);
#   bundled/NAME.test
#                    tests of the bundled example (example/), whose own
#                    sources hold no RUN or CHECK lines;
#   fingerprints/    fingerprints that must survive edits (by hand);
#   known-bugs/      XFAIL tests of the correct output where a known bug
#                    gets it wrong; they pass (XPASS, a failure) once fixed;
#   tidy/NAME.cpp    the clang-tidy checks' own tests (tidy/lit.local.cfg),
#                    unsupported without clang-tidy and the plugin.
# RUN and CHECK lines of cases/ are written by scripts/update_corpus_checks.py;
# those of protobuf/, bundled/, known-bugs/ and tidy/ by hand.
#
# Substitutions:
#   %purpose-check       the purpose-check built here
#   %corpus-compdb D C   writes D/compile_commands.json for case C (a file or
#                        a directory) as scripts/tests/corpus_runner.py does: the
#                        same compiler, flags and RUN-ARGS; and an empty
#                        D/.purpose-check.json, so that no config applies
#   %exits-with N CMD    runs CMD and fails unless it exits with status N
#                        (`not` accepts any failure, a sanitizer's too)
#   %purpose-annotations the directory of purpose.h
#   %check-purpose-tidy  clang-tidy of the same LLVM with this build's
#                        libPurposeCheckTidy loaded (feature purpose-tidy), e.g.
#                        %check-purpose-tidy -checks='-*,purpose-*' -p %t F
#                        after %corpus-compdb %t F (tidy/ has examples)
#   %protoc              the protoc that CMake found (feature protoc), e.g.
#                        cd %t/CASE && %protoc --cpp_out=. -I. NAME.proto
# FileCheck, count and not come from the LLVM that the build uses.

import os
import sys

import lit.formats

config.name = "purpose-check-corpus"

if not hasattr(config, "purpose_check"):
    lit_config.fatal(
        "no site configuration: run lit on the build directory's test-corpus "
        "(BUILD/test-corpus/purpose-lit PATH, or cmake --build BUILD --target "
        "check-corpus), not on the source tree")


# Tests are where a lit.local.cfg enables them: in cases/ (each multi-file
# case's own lit.local.cfg, written by scripts/update_corpus_checks.py,
# excludes the files other than its main one), protobuf/, bundled/,
# fingerprints/, known-bugs/ and tidy/. Other directories of test-corpus/
# hold no lit tests. The self-test suite (a directory of the build) has its
# tests at its root.
config.test_format = lit.formats.ShTest()
config.suffixes = config.purpose_root_suffixes
config.test_source_root = config.purpose_source_root

# FileCheck, count and not of the configured LLVM, before anything on PATH.
tools = config.llvm_tools_dir
for tool in ("FileCheck", "count", "not"):
    if not os.path.isfile(os.path.join(tools, tool)):
        lit_config.fatal("%s not found in %s (LLVM %s): install llvm-%s-tools"
                         % (tool, tools, config.llvm_version_major,
                            config.llvm_version_major))
config.environment["PATH"] = os.pathsep.join(
    [tools, config.environment.get("PATH", "")])

if not os.path.isfile(config.purpose_check):
    lit_config.fatal("%s is not built: cmake --build BUILD --target purpose-check"
                     % config.purpose_check)

# The interpreter that runs lit (not a wrapper such as a pyenv shim), with
# -S: the helpers below need only the standard library, and importing site
# (.pth hooks of installed packages) can cost more than they do.
python = '"%s" -S' % sys.executable
update_script = os.path.join(config.purpose_repo_root, "scripts",
                             "update_corpus_checks.py")
config.substitutions.append(
    ("%corpus-compdb", '%s "%s" --repo "%s" compdb'
     % (python, update_script, config.purpose_repo_root)))
# A status that differs is also an "error:" line on stderr, which FileCheck
# (with --implicit-check-not) then names. No "%" in it: lit would substitute.
config.substitutions.append(
    ("%exits-with",
     python + ' -c "import subprocess,sys;'
     "r=subprocess.call(sys.argv[2:]);w=int(sys.argv[1]);"
     "r==w or sys.stderr.write('error: exit status '+str(r)+', expected '+str(w)+chr(10));"
     'sys.exit(r!=w)"'))
config.substitutions.append(("%purpose-check", '"%s"' % config.purpose_check))
config.substitutions.append(
    ("%purpose-annotations",
     '"%s"' % os.path.join(config.purpose_repo_root, "annotations")))

if (os.path.isfile(config.purpose_clang_tidy)
        and os.path.isfile(config.purpose_tidy_plugin)):
    config.available_features.add("purpose-tidy")
    config.substitutions.append(
        ("%check-purpose-tidy", '"%s" --load="%s"'
         % (config.purpose_clang_tidy, config.purpose_tidy_plugin)))

# protoc, for the cases of protobuf/ (REQUIRES: protoc). CTest fails those
# tests when CMake did not find it, rather than pass them as unsupported.
if config.purpose_protoc and os.path.isfile(config.purpose_protoc):
    config.available_features.add("protoc")
    config.substitutions.append(("%protoc", '"%s"' % config.purpose_protoc))
