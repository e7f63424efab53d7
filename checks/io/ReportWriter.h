//===- ReportWriter.h - Reports as text, JSON, SARIF or HTML ----*- C++ -*-===//
//
// Formats a Report as INTERFACE.md section 5 describes. Writers never fail:
// an unreadable source file only drops its snippet. Output is a function of
// the Report, the options and the source files alone (no clock, no
// environment beyond the current directory for text paths), so the same
// input gives the same bytes. Call Report::sort() first.
//
// R.Errors are not printed by the text writer (the driver prints them on
// standard error); JSON counts them, SARIF lists them as notifications, HTML
// lists them at the top.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_REPORTWRITER_H
#define PURPOSE_IO_REPORTWRITER_H

#include "Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace purpose {

enum class ReportFormat { Text, Json, Sarif, Html };

/// "text", "json", "sarif" or "html"; anything else is an error naming the
/// accepted values.
llvm::Expected<ReportFormat> parseReportFormat(llvm::StringRef Name);

struct WriteOptions {
  ReportFormat Format = ReportFormat::Text;
  /// Text only: ANSI colors as clang prints them.
  bool Color = false;
  /// Text and HTML: the source line and a caret under each location.
  bool ShowSourceLines = true;
  /// tool.driver.version in SARIF; empty means this build's version.
  std::string ToolVersion;
  /// tool.driver.informationUri in SARIF; omitted when empty.
  std::string InformationUri;
};

/// Writes \p R to \p OS in the format \p O.Format.
void writeReport(const Report &R, const WriteOptions &O, llvm::raw_ostream &OS);

} // namespace purpose

#endif
