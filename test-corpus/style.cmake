# The size limit of the code style (.clang-tidy, readability-function-size):
# no function of checks/ (but the unit tests and fuzzers) or tool/ over 80
# lines; the test names each one that is. The sources and the limit are the
# same for every build, so only the default one checks them: LLVM 19 without
# sanitizers (scripts/test.sh then runs it once, not again for LLVM 22 or in
# scripts/tests/sanitize.sh).
if(NOT LLVM_VERSION_MAJOR EQUAL 19 OR PURPOSE_SANITIZE)
  return()
endif()
if(PURPOSE_CLANG_TIDY)
  add_test(NAME style/function-size
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/tests/function_size_test.py
            --clang-tidy ${PURPOSE_CLANG_TIDY} -p ${CMAKE_BINARY_DIR}
            --repo ${CMAKE_SOURCE_DIR} -j 2)
else()
  add_test(NAME style/function-size
    COMMAND ${Python3_EXECUTABLE} -c
            "raise SystemExit('clang-tidy-19 not found: run scripts/setup.sh')")
endif()
# It parses every file as the build does, generated headers included (the
# fixture builds them), with two clang-tidy processes at a time.
set_tests_properties(style/function-size PROPERTIES LABELS style TIMEOUT 1800
  PROCESSORS 2 FIXTURES_REQUIRED purpose-tool)

# The format of the same sources (.clang-format: LLVM's), by clang-format-19,
# which scripts/setup.sh installs with the test packages.
find_program(PURPOSE_CLANG_FORMAT NAMES clang-format-19
  HINTS ${LLVM_TOOLS_BINARY_DIR} /usr/lib/llvm-19/bin)
if(PURPOSE_CLANG_FORMAT)
  add_test(NAME style/format
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/tests/format_test.py
            --clang-format ${PURPOSE_CLANG_FORMAT} --repo ${CMAKE_SOURCE_DIR})
else()
  add_test(NAME style/format
    COMMAND ${Python3_EXECUTABLE} -c
            "raise SystemExit('clang-format-19 not found: run scripts/setup.sh')")
endif()
set_tests_properties(style/format PROPERTIES LABELS style TIMEOUT 300)
