//===- Driver.h - The purpose-check command line ----------------*- C++ -*-===//
//
// map (each TU -> TUSummary) -> reduce (whole-program solve) -> output.
// Exit status is decided here and only here: 0 clean, 1 violations, 2 the run
// could not be trusted.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TOOL_DRIVER_H
#define PURPOSE_TOOL_DRIVER_H

namespace purpose {

/// Runs purpose-check with \p Argv; returns the process exit status.
int runDriver(int Argc, const char **Argv);

} // namespace purpose

#endif
