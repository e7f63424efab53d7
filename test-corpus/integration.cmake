# Installation and real-project integration tests (issue 9), included at the
# end of test-corpus/CMakeLists.txt. Each script's docstring lists what it
# asserts; known tool bugs are passed as --xfail PATTERN=WHY, which fails the
# test once the bug is fixed.

# cmake --install into a temporary prefix, then the installed tool on the
# bundled example (scripts/tests/install_test.sh). Needs a complete build.
add_test(NAME install/prefix
  COMMAND bash ${CMAKE_SOURCE_DIR}/scripts/tests/install_test.sh
          ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
set_tests_properties(install/prefix PROPERTIES LABELS install TIMEOUT 900
                     ENVIRONMENT "PYTHON=${Python3_EXECUTABLE};PURPOSE_LLVM_MAJOR=${LLVM_VERSION_MAJOR};PURPOSE_NAME_SUFFIX=${PURPOSE_NAME_SUFFIX}")

# A compile_commands.json from a real g++ CMake build with GCC-only flags and
# a GCC precompiled header. Exits 77 (skipped) without g++.
add_test(NAME integration/gcc-compdb
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/tests/gcc_compdb_test.py
          --tool $<TARGET_FILE:purpose-check>)
set_tests_properties(integration/gcc-compdb PROPERTIES LABELS integration
                     TIMEOUT 900 SKIP_RETURN_CODE 77)

# .purpose-check.json read by the CLI (from the root, from a subdirectory,
# --config), the pre-commit hook and the clang-tidy plugin (skipped, with the
# reason, when the plugin is not built). purpose-clangd: clangd/lsp.
find_program(PURPOSE_INTEGRATION_CLANG_TIDY NAMES clang-tidy-${LLVM_VERSION_MAJOR} clang-tidy)
set(PURPOSE_INTEGRATION_TIDY_ARGS
  --tidy-plugin $<TARGET_FILE:PurposeCheckTidy>)
if(PURPOSE_INTEGRATION_CLANG_TIDY)
  list(APPEND PURPOSE_INTEGRATION_TIDY_ARGS --clang-tidy ${PURPOSE_INTEGRATION_CLANG_TIDY})
endif()
add_test(NAME integration/config
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/tests/config_test.py
          --tool $<TARGET_FILE:purpose-check> ${PURPOSE_INTEGRATION_TIDY_ARGS})
set_tests_properties(integration/config PROPERTIES LABELS integration TIMEOUT 900)
