//===- TidyHooks.h - clangd's tidy set-up replaced at link time -*- C++ -*-===//
//
// TidyHooks.cpp replaces two functions of clangd (see there): the purpose-*
// checks count as fast, and each rebuild of an open file logs whether
// purpose-limitation runs on it and, if not, which setting keeps it off.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CLANGD_TIDYHOOKS_H
#define PURPOSE_CLANGD_TIDYHOOKS_H

namespace purpose::clangd_hooks {

/// Whether clangd reads .clangd files (false with --enable-config=false);
/// only changes what the log advises.
void setConfigFilesRead(bool Read);

} // namespace purpose::clangd_hooks

#endif
