//===- LspClientSniffer.h - The LSP client's `initialize` -*- C++ -*-===//
//
// clangd decides from the client's `initialize` request how to send
// diagnostics; purpose-clangd wants to know the same before the first
// diagnostic is made. So it reads the request on its way to clangd: standard
// input is replaced by a pipe, and a thread copies every byte from the real
// standard input into it, unchanged, after it has read the first message.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CLANGD_LSPCLIENTSNIFFER_H
#define PURPOSE_CLANGD_LSPCLIENTSNIFFER_H

#include "llvm/Support/JSON.h"
#include <functional>

namespace purpose {

/// Puts the pipe in front of standard input (fd 0) and starts the copying
/// thread. \p OnInitialize is called with the params of the first message,
/// on that thread, before any byte reaches clangd, if the message is an
/// LSP `initialize` request in the standard framing (Content-Length
/// headers); any other input is passed on untouched. Returns false, leaving
/// standard input alone, when standard input is a terminal or the pipe
/// cannot be made.
bool sniffLspInitialize(
    std::function<void(const llvm::json::Object &Params)> OnInitialize);

/// Whether \p InitializeParams say that the client shows a diagnostic's
/// related information (textDocument.publishDiagnostics.relatedInformation;
/// absent means no, as for clangd).
bool clientShowsRelatedInformation(const llvm::json::Object &InitializeParams);

} // namespace purpose

#endif
