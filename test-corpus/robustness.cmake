# Robustness tests (issue 8): bad input, huge input, concurrency and
# interruption. One CTest entry robust/CASE per case of
# scripts/tests/robustness_test.py, which asserts the exit status, the message, that
# nothing is half-written, and bounds on time and memory (its docstrings say
# what each case checks). Generated inputs go to the build tree, never to git.
#
# Known tool bugs are --xfail PATTERN=WHY: the failure is expected, and the
# test goes red once the bug is fixed (then drop the --xfail).
#
# Included at the end of test-corpus/CMakeLists.txt; uses its Python3,
# PURPOSE_TOOL and PURPOSE_SCRIPTS.
include_guard(GLOBAL)
set(PURPOSE_ROBUST_WORK ${CMAKE_BINARY_DIR}/robustness)

# purpose_add_robust_test(CASE [TIMEOUT seconds] [ARGS extra...])
function(purpose_add_robust_test case)
  cmake_parse_arguments(ARG "" "TIMEOUT" "ARGS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_test(NAME robust/${case}
    COMMAND ${Python3_EXECUTABLE} ${PURPOSE_SCRIPTS}/robustness_test.py
            --tool ${PURPOSE_TOOL} --case ${case}
            --work ${PURPOSE_ROBUST_WORK}/${case} ${ARG_ARGS})
  set_tests_properties(robust/${case} PROPERTIES
    LABELS robust TIMEOUT ${ARG_TIMEOUT} ENVIRONMENT "${PURPOSE_TEST_ENV}")
endfunction()

# Bad input: seconds each.
purpose_add_robust_test(compdb-missing)
purpose_add_robust_test(compdb-malformed)
purpose_add_robust_test(compdb-missing-file)
purpose_add_robust_test(compdb-relative)
purpose_add_robust_test(broken-tu)
purpose_add_robust_test(cache-unwritable)
purpose_add_robust_test(output-unwritable)
purpose_add_robust_test(cache-damaged)
purpose_add_robust_test(unknown-option)
purpose_add_robust_test(non-utf8)
purpose_add_robust_test(dump-summaries)

# Huge input: a time bound of 300 s per run on a loaded 2-core machine, each
# run under a 4 GiB address-space limit; the measured time and peak RSS are
# printed.
purpose_add_robust_test(million-lines TIMEOUT 1200)
purpose_add_robust_test(deep-chain TIMEOUT 1200)
purpose_add_robust_test(recursion TIMEOUT 1200)
purpose_add_robust_test(macro TIMEOUT 1200)
purpose_add_robust_test(headers TIMEOUT 1200)

# Concurrency. reports/determinism runs 3 times on the example; this one runs
# 20 times on a generated code base.
purpose_add_robust_test(determinism-20 TIMEOUT 1200)
purpose_add_robust_test(shared-cache TIMEOUT 900)

# Interruption: SIGINT after 1-3 s, and SIGINT/SIGTERM exactly while the
# report or a cache entry is being written.
purpose_add_robust_test(sigint TIMEOUT 900)
