//===- EditorClient.h - What the editor can show ---------------*- C++ -*-===//
//
// The checks' output goes to clang-tidy, to purpose-clangd's LSP client, or
// to purpose-clangd --check. Most of them show a diagnostic's notes next to
// it; an LSP client without `relatedInformation` support does not: clangd
// then sends every note in the open file as a diagnostic of its own, so one
// violation with a ten-step trace becomes eleven diagnostics. purpose-clangd
// learns what its client supports from the LSP `initialize` request and says
// so here; purpose-limitation then tells the trace inside the warning's
// message instead of as notes.
//
// Process-wide, off by default: clang-tidy and the purpose-check CLI never
// set it.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_TIDY_EDITORCLIENT_H
#define PURPOSE_TIDY_EDITORCLIENT_H

namespace purpose {

/// Whether the checks should put what they would say in notes into the
/// message of the diagnostic itself. Thread-safe.
bool traceInMessage();
void setTraceInMessage(bool On);

} // namespace purpose

#endif
