//===- TextReport.cpp - Clang-style diagnostics ---------------------------===//
//
//   /src/app/ads.cpp:42:5: warning: MESSAGE [purpose-limitation]
//      42 |     Upload(ids);
//         |     ^
//   /src/app/account.h:10:15: note: STEP
//
// Paths are written as clang writes them for the absolute file names that
// CMake, Meson and Bear put in compile databases: absolute, whatever the
// current directory (JSON, SARIF and HTML are relative to the source root).
//   ...
//   1 warning generated.
//
// Colors, when asked for, are clang's: bold locations, bold magenta
// "warning:", bold cyan "note:", bold message text, bold green carets.
//
//===----------------------------------------------------------------------===//
#include "ReportFormats.h"
#include "llvm/Support/FileSystem.h"

namespace purpose {
namespace {

enum class Level { Warning, Note };

class TextWriter {
public:
  TextWriter(const WriteOptions &O, llvm::raw_ostream &OS) : O(O), OS(OS) {}

  void finding(const Finding &F) {
    std::string Msg = F.Message;
    std::string Tag = " [" + F.Rule + "]";
    if (!llvm::StringRef(Msg).ends_with(Tag))
      Msg += Tag;
    diagnostic(F.SinkPos, Level::Warning, Msg);
    for (const TraceStep &S : F.Trace)
      diagnostic(S.Pos, Level::Note, S.Message);
  }

private:
  const WriteOptions &O;
  llvm::raw_ostream &OS;
  SourceCache Sources;

  void diagnostic(const SourcePos &P, Level L, llvm::StringRef Msg) {
    if (O.Color)
      OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, /*Bold=*/true);
    if (!P.File.empty()) {
      OS << P.File;
      if (P.Line)
        OS << ':' << P.Line << ':' << P.Column;
      OS << ": ";
    }
    if (O.Color)
      OS.resetColor();
    if (L == Level::Warning) {
      if (O.Color)
        OS.changeColor(llvm::raw_ostream::MAGENTA, /*Bold=*/true);
      OS << "warning: ";
      if (O.Color)
        OS.resetColor().changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
    } else {
      if (O.Color)
        OS.changeColor(llvm::raw_ostream::CYAN, /*Bold=*/true);
      OS << "note: ";
      if (O.Color)
        OS.resetColor();
    }
    OS << Msg;
    if (O.Color)
      OS.resetColor();
    OS << '\n';
    if (O.ShowSourceLines)
      snippet(P);
  }

  void snippet(const SourcePos &P) {
    std::optional<llvm::StringRef> Line = Sources.line(P.File, P.Line);
    if (!Line)
      return;
    Snippet S = makeSnippet(*Line, P.Line, P.Column);
    OS << S.SourceLine << '\n' << S.Gutter;
    if (O.Color)
      OS.changeColor(llvm::raw_ostream::GREEN, /*Bold=*/true);
    OS << S.CaretPad << '^';
    if (O.Color)
      OS.resetColor();
    OS << '\n';
  }
};

} // namespace

void writeTextReport(const Report &R, const WriteOptions &O,
                     llvm::raw_ostream &OS) {
  // Color escapes go out only while the stream allows them.
  bool HadColors = OS.colors_enabled();
  if (O.Color)
    OS.enable_colors(true);
  TextWriter W(O, OS);
  for (const Finding &F : R.Violations)
    W.finding(F);
  if (O.Color)
    OS.enable_colors(HadColors);

  size_t N = R.Violations.size();
  if (N)
    OS << N << (N == 1 ? " warning" : " warnings") << " generated.\n";
  size_t Quiet = R.Suppressed.size() + R.Declassified.size();
  if (Quiet)
    OS << "Suppressed " << Quiet << (Quiet == 1 ? " warning" : " warnings")
       << " (" << R.Suppressed.size() << " NOLINT, " << R.Declassified.size()
       << " declassified).\n";
}

} // namespace purpose
