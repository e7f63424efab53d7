//===- ReportFormats.h - Internals shared by the report writers -*- C++ -*-===//
//
// Not part of the I/O layer's interface: the per-format writers that
// writeReport dispatches to, and the helpers they share. Exposed in a header
// so unit tests can check the helpers directly.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_REPORTFORMATS_H
#define PURPOSE_IO_REPORTFORMATS_H

#include "ReportWriter.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <vector>

namespace purpose {

void writeTextReport(const Report &R, const WriteOptions &O,
                     llvm::raw_ostream &OS);
void writeJsonReport(const Report &R, const WriteOptions &O,
                     llvm::raw_ostream &OS);
void writeSarifReport(const Report &R, const WriteOptions &O,
                      llvm::raw_ostream &OS);
void writeHtmlReport(const Report &R, const WriteOptions &O,
                     llvm::raw_ostream &OS);

/// \p File relative to directory \p Base when it lies under it, with '/'
/// separators; otherwise \p File unchanged. An empty \p Base changes nothing.
std::string pathUnder(llvm::StringRef File, llvm::StringRef Base);

/// RFC 3986 percent-encoding of a path: unreserved characters and '/' stay.
std::string percentEncodePath(llvm::StringRef Path);

/// The version written into reports: \p Requested, or this build's.
std::string toolVersion(llvm::StringRef Requested);

/// Lines of source files, read once each. Files that cannot be read have no
/// lines. Lines keep no '\n' or trailing '\r'.
class SourceCache {
public:
  /// Line \p Line (1-based) of \p File, or nullopt.
  std::optional<llvm::StringRef> line(llvm::StringRef File, unsigned Line);

private:
  llvm::StringMap<std::vector<std::string>> Files;
};

/// The two lines clang prints under a diagnostic:
///   "   42 |   call(x);"  and  "      |   ^"
/// Tabs expand to 8-column stops and the caret follows them; UTF-8
/// continuation bytes take no column.
struct Snippet {
  std::string SourceLine; ///< Includes the "   42 | " gutter.
  std::string Gutter;     ///< The caret line's "      | ".
  std::string CaretPad;   ///< Spaces before the caret.
};
Snippet makeSnippet(llvm::StringRef Line, unsigned LineNo, unsigned Column);

} // namespace purpose

#endif
