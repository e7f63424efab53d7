# The clang-tidy module's own tests (tidy/NAME.cpp) under lit and FileCheck,
# like the corpus cases: one CTest entry per test, each running clang-tidy of
# the build's LLVM with the plugin built here (%check-purpose-tidy in
# lit.cfg.py), under LLVM 19 and 22 alike. Without clang-tidy there is
# nothing to run (checks/tidy/CMakeLists.txt says so when configuring).
if(NOT PURPOSE_CLANG_TIDY)
  return()
endif()

# CTest does not build: the plugin is brought up to date first, after
# corpus/build-tool (which it requires), so that two builds never run at once.
add_test(NAME tidy/build-plugin
  COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --config $<CONFIG>
          --target PurposeCheckTidy --parallel 2)
set_tests_properties(tidy/build-plugin PROPERTIES LABELS tidy TIMEOUT 3600
  FIXTURES_SETUP purpose-tidy-plugin FIXTURES_REQUIRED purpose-tool)

# A test of tidy/ (or a copy of one in FIXTURE's directory).
function(purpose_add_tidy_lit_test name path fixture)
  set(fixtures purpose-tool purpose-tidy-plugin ${fixture})
  add_test(NAME ${name} COMMAND ${PURPOSE_LIT} -v ${path})
  set_tests_properties(${name} PROPERTIES LABELS tidy TIMEOUT 300
    FIXTURES_REQUIRED "${fixtures}")
endfunction()
# lit passes a test that it reports unsupported, as it would these should
# the plugin be missing (tidy/lit.local.cfg): CTest fails it instead.
set(PURPOSE_LIT_UNSUPPORTED "UNSUPPORTED: ")

file(GLOB PURPOSE_TIDY_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tidy/*.cpp)
foreach(test ${PURPOSE_TIDY_TESTS})
  get_filename_component(name ${test} NAME_WE)
  purpose_add_tidy_lit_test(tidy/${name} ${test} "")
  set_tests_properties(tidy/${name} PROPERTIES
                       FAIL_REGULAR_EXPRESSION ${PURPOSE_LIT_UNSUPPORTED})
endforeach()

# lit must fail on a wrong CHECK line of these tests too: copies of
# tidy/purpose-limitation.cpp, each with one mistake (a reworded warning or
# trace note, a wrong column, a missing note, a finding without checks, a
# finding checked twice, a wrong count of clang-tidy's statistics), in a lit
# suite of their own in the build tree; the unchanged copy must pass, so that
# the others fail for their mistake.
set(PURPOSE_TIDY_SELFTEST ${CMAKE_CURRENT_BINARY_DIR}/tidy-selftest)
purpose_lit_site_config(${PURPOSE_TIDY_SELFTEST} ${PURPOSE_TIDY_SELFTEST} ".cpp")
add_test(NAME tidy/lit-selftest-setup
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/update_corpus_checks.py
          tidy-mutants ${PURPOSE_TIDY_SELFTEST}
          ${CMAKE_CURRENT_SOURCE_DIR}/tidy/purpose-limitation.cpp)
set_tests_properties(tidy/lit-selftest-setup PROPERTIES
  FIXTURES_SETUP purpose-tidy-selftest LABELS tidy)
foreach(mutant control message-word column note-word missing-note missing-check
               duplicate-check stderr-count)
  purpose_add_tidy_lit_test(tidy/lit-selftest/${mutant} ${PURPOSE_TIDY_SELFTEST}/${mutant}
                            purpose-tidy-selftest)
  if(mutant STREQUAL "control")
    set_tests_properties(tidy/lit-selftest/${mutant} PROPERTIES
                         FAIL_REGULAR_EXPRESSION ${PURPOSE_LIT_UNSUPPORTED})
  else()
    # An unsupported mutant passes in lit, and so fails here too.
    set_tests_properties(tidy/lit-selftest/${mutant} PROPERTIES WILL_FAIL TRUE)
  endif()
endforeach()
