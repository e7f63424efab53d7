# cmake -DCOMPILER=g++ -DINCLUDE_DIR=DIR -DSOURCES="a.cpp;b.cpp" -P syntax_check.cmake
# Runs COMPILER -std=c++17 -fsyntax-only -I INCLUDE_DIR on each source; fails
# naming every file that does not compile.
set(failed "")
foreach(source ${SOURCES})
  execute_process(
    COMMAND ${COMPILER} -std=c++17 -fsyntax-only -Wall -Wextra -I ${INCLUDE_DIR} ${source}
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    list(APPEND failed ${source})
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "does not compile with ${COMPILER}: ${failed}")
endif()
list(LENGTH SOURCES count)
message(STATUS "${count} files compile with ${COMPILER}")
