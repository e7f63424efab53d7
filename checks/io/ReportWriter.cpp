//===- ReportWriter.cpp - Format dispatch and shared helpers --------------===//
#include "ReportFormats.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"

namespace purpose {

llvm::Expected<ReportFormat> parseReportFormat(llvm::StringRef Name) {
  std::optional<ReportFormat> F =
      llvm::StringSwitch<std::optional<ReportFormat>>(Name)
          .Case("text", ReportFormat::Text)
          .Case("json", ReportFormat::Json)
          .Case("sarif", ReportFormat::Sarif)
          .Case("html", ReportFormat::Html)
          .Default(std::nullopt);
  if (!F)
    return llvm::createStringError(
        "unknown report format '" + Name +
        "'; expected 'text', 'json', 'sarif' or 'html'");
  return *F;
}

void writeReport(const Report &R, const WriteOptions &O,
                 llvm::raw_ostream &OS) {
  switch (O.Format) {
  case ReportFormat::Text:
    return writeTextReport(R, O, OS);
  case ReportFormat::Json:
    return writeJsonReport(R, O, OS);
  case ReportFormat::Sarif:
    return writeSarifReport(R, O, OS);
  case ReportFormat::Html:
    return writeHtmlReport(R, O, OS);
  }
}

std::string pathUnder(llvm::StringRef File, llvm::StringRef Base) {
  std::string F = File.str();
  std::replace(F.begin(), F.end(), '\\', '/');
  std::string B = Base.str();
  std::replace(B.begin(), B.end(), '\\', '/');
  while (B.size() > 1 && B.back() == '/')
    B.pop_back();
  if (B.empty())
    return F;
  if (B == "/")
    return F.size() > 1 && F[0] == '/' ? F.substr(1) : F;
  if (F.size() > B.size() + 1 && llvm::StringRef(F).starts_with(B) &&
      F[B.size()] == '/')
    return F.substr(B.size() + 1);
  return File.str();
}

std::string percentEncodePath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out.push_back(static_cast<char>(C));
      continue;
    }
    Out.push_back('%');
    Out.push_back(llvm::hexdigit(C >> 4));
    Out.push_back(llvm::hexdigit(C & 15));
  }
  return Out;
}

std::string toolVersion(llvm::StringRef Requested) {
  if (!Requested.empty())
    return Requested.str();
#ifdef PURPOSE_CHECK_VERSION
  return PURPOSE_CHECK_VERSION;
#else
  return "unknown";
#endif
}

std::optional<llvm::StringRef> SourceCache::line(llvm::StringRef File,
                                                 unsigned Line) {
  auto [It, Inserted] = Files.try_emplace(File);
  if (Inserted) {
    auto Buf = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (Buf) {
      llvm::SmallVector<llvm::StringRef, 0> Lines;
      (*Buf)->getBuffer().split(Lines, '\n');
      for (llvm::StringRef L : Lines)
        It->second.push_back(L.rtrim('\r').str());
    }
  }
  if (Line == 0 || Line > It->second.size())
    return std::nullopt;
  return llvm::StringRef(It->second[Line - 1]);
}

Snippet makeSnippet(llvm::StringRef Line, unsigned LineNo, unsigned Column) {
  constexpr unsigned TabStop = 8;
  std::string Expanded;
  unsigned CaretCol = 0; // Display column of byte Column - 1.
  for (size_t I = 0; I < Line.size(); ++I) {
    if (I + 1 == Column)
      CaretCol = static_cast<unsigned>(Expanded.size());
    char C = Line[I];
    if (C == '\t')
      Expanded.append(TabStop - Expanded.size() % TabStop, ' ');
    else
      Expanded.push_back(C);
  }
  if (Column == 0 || Column > Line.size())
    CaretCol = static_cast<unsigned>(Expanded.size());
  // UTF-8 continuation bytes before the caret take no column.
  unsigned Continuations = 0;
  for (size_t I = 0; I < CaretCol && I < Expanded.size(); ++I)
    if ((static_cast<unsigned char>(Expanded[I]) & 0xC0) == 0x80)
      ++Continuations;

  std::string Num = std::to_string(LineNo);
  size_t Width = std::max<size_t>(4, Num.size()) + 1;
  Snippet S;
  S.SourceLine = std::string(Width - Num.size(), ' ') + Num + " | " + Expanded;
  S.Gutter = std::string(Width, ' ') + " | ";
  S.CaretPad = std::string(CaretCol - Continuations, ' ');
  return S;
}

} // namespace purpose
