//===- HtmlReport.cpp - One self-contained page for audits ----------------===//
//
// A page with no external resources: a summary, the run's errors, then one
// section per finding (violations, then suppressed, then declassified, each
// with its reason), its trace as an ordered list with source snippets. Two
// selects filter the sections by purpose (the origin's or the sink's) and by
// file (any file the finding touches); the filter script is a few inline
// lines and the page reads fine without it.
//
//===----------------------------------------------------------------------===//
#include "ReportFormats.h"
#include "llvm/ADT/StringExtras.h"
#include <set>

namespace purpose {
namespace {

std::string escape(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S) {
    switch (C) {
    case '&':
      Out += "&amp;";
      break;
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out.push_back(C);
    }
  }
  return Out;
}

/// A JSON array of strings, for a data- attribute read by the filter script.
std::string jsonStrings(const std::set<std::string> &Items) {
  std::string Out = "[";
  for (const std::string &I : Items) {
    if (Out.size() > 1)
      Out += ',';
    Out += '"';
    for (unsigned char C : I) {
      if (C == '"' || C == '\\') {
        Out += '\\';
        Out += static_cast<char>(C);
      } else if (C < 0x20) {
        Out += "\\u00";
        Out += llvm::hexdigit(C >> 4, /*LowerCase=*/true);
        Out += llvm::hexdigit(C & 15, /*LowerCase=*/true);
      } else {
        Out += static_cast<char>(C);
      }
    }
    Out += '"';
  }
  return Out + "]";
}

const char *Style = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70em;
  padding:1em 2em;color:#222}
h1{font-size:1.5em}
h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
.summary{font-size:1.05em}
.incomplete{color:#b00;font-weight:bold}
.filters{margin:1em 0;display:flex;gap:2em}
section.finding{border:1px solid #ddd;border-left:4px solid #c00;
  border-radius:4px;margin:1em 0;padding:.5em 1em}
section.suppressed{border-left-color:#999}
section.declassified{border-left-color:#07a}
.loc{font-family:monospace;color:#555}
.reason{font-style:italic}
pre{background:#f6f6f6;padding:.4em .6em;margin:.3em 0;overflow-x:auto}
code{background:#f0f0f0;padding:0 .2em}
.fp{color:#888;font-size:.85em}
ul.errors li{color:#b00;font-family:monospace}
)";

const char *Script = R"(
(function() {
  var purpose = document.getElementById('purpose');
  var file = document.getElementById('file');
  function apply() {
    document.querySelectorAll('section.finding').forEach(function(s) {
      var p = JSON.parse(s.dataset.purposes), f = JSON.parse(s.dataset.files);
      s.hidden = (purpose.value && p.indexOf(purpose.value) < 0) ||
                 (file.value && f.indexOf(file.value) < 0);
    });
  }
  purpose.addEventListener('change', apply);
  file.addEventListener('change', apply);
})();
)";

class HtmlWriter {
public:
  HtmlWriter(const Report &R, const WriteOptions &O, llvm::raw_ostream &OS)
      : R(R), O(O), OS(OS) {}

  void write() {
    collectFilters();
    OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n"
       << "<title>purpose-check report</title>\n<style>" << Style
       << "</style>\n</head>\n<body>\n<h1>purpose-check report</h1>\n";
    summary();
    filters();
    group("Violations", "violation", R.Violations);
    group("Suppressed", "suppressed", R.Suppressed);
    group("Declassified", "declassified", R.Declassified);
    OS << "<script>" << Script << "</script>\n</body>\n</html>\n";
  }

private:
  const Report &R;
  const WriteOptions &O;
  llvm::raw_ostream &OS;
  SourceCache Sources;
  std::set<std::string> AllPurposes, AllFiles;

  std::string path(const SourcePos &P) {
    return pathUnder(P.File, R.SourceRoot);
  }
  std::string where(const SourcePos &P) {
    return path(P) + ":" + std::to_string(P.Line) + ":" +
           std::to_string(P.Column);
  }

  std::set<std::string> purposesOf(const Finding &F) {
    std::set<std::string> S(F.OriginPurposes.begin(), F.OriginPurposes.end());
    if (!F.SinkPurpose.empty())
      S.insert(F.SinkPurpose);
    return S;
  }
  std::set<std::string> filesOf(const Finding &F) {
    std::set<std::string> S;
    for (const SourcePos *P : {&F.SinkPos, &F.OriginPos})
      if (!P->File.empty())
        S.insert(path(*P));
    for (const TraceStep &T : F.Trace)
      if (!T.Pos.File.empty())
        S.insert(path(T.Pos));
    return S;
  }

  void collectFilters() {
    for (const auto *L : {&R.Violations, &R.Suppressed, &R.Declassified})
      for (const Finding &F : *L) {
        auto Ps = purposesOf(F);
        AllPurposes.insert(Ps.begin(), Ps.end());
        auto Fs = filesOf(F);
        AllFiles.insert(Fs.begin(), Fs.end());
      }
  }

  void summary() {
    OS << "<p class=\"summary\">" << R.Violations.size() << " violation"
       << (R.Violations.size() == 1 ? "" : "s") << ", " << R.Suppressed.size()
       << " suppressed, " << R.Declassified.size() << " declassified; "
       << R.Stats.TranslationUnits << " translation units ("
       << R.Stats.TranslationUnitsFromCache << " from cache), "
       << R.Stats.Functions << " functions.";
    if (!R.Complete || !R.Errors.empty())
      OS << " <span class=\"incomplete\">The run is incomplete; do not trust "
            "the absence of findings.</span>";
    OS << "</p>\n";
    if (R.Errors.empty())
      return;
    OS << "<h2>Errors</h2>\n<ul class=\"errors\">\n";
    for (const RunError &E : R.Errors)
      OS << "<li>" << escape(E.Message) << "</li>\n";
    OS << "</ul>\n";
  }

  void select(llvm::StringRef Id, llvm::StringRef Label,
              const std::set<std::string> &Options) {
    OS << "<label>" << Label << " <select id=\"" << Id
       << "\"><option value=\"\">all</option>";
    for (const std::string &V : Options)
      OS << "<option value=\"" << escape(V) << "\">" << escape(V)
         << "</option>";
    OS << "</select></label>\n";
  }

  void filters() {
    OS << "<div class=\"filters\">\n";
    select("purpose", "Purpose", AllPurposes);
    select("file", "File", AllFiles);
    OS << "</div>\n";
  }

  void snippet(const SourcePos &P) {
    if (!O.ShowSourceLines)
      return;
    std::optional<llvm::StringRef> Line = Sources.line(P.File, P.Line);
    if (!Line)
      return;
    Snippet S = makeSnippet(*Line, P.Line, P.Column);
    OS << "<pre>" << escape(S.SourceLine) << '\n'
       << escape(S.Gutter + S.CaretPad) << "^</pre>";
  }

  void group(llvm::StringRef Title, llvm::StringRef Class,
             const std::vector<Finding> &Fs) {
    OS << "<h2>" << Title << " (" << Fs.size() << ")</h2>\n";
    for (const Finding &F : Fs)
      finding(Class, F);
  }

  void finding(llvm::StringRef Class, const Finding &F) {
    OS << "<section class=\"finding " << Class << "\" data-purposes=\""
       << escape(jsonStrings(purposesOf(F))) << "\" data-files=\""
       << escape(jsonStrings(filesOf(F))) << "\">\n"
       << "<h3><span class=\"loc\">" << escape(where(F.SinkPos)) << "</span> "
       << escape(F.Message) << " <small>[" << escape(F.Rule)
       << "]</small></h3>\n";
    if (!F.Reason.empty() || !F.Declassifier.empty()) {
      OS << "<p class=\"reason\">";
      if (!F.Declassifier.empty())
        OS << "Declassified by <code>" << escape(F.Declassifier) << "</code>: ";
      else
        OS << "Suppressed: ";
      OS << escape(F.Reason) << "</p>\n";
    }
    if (!F.OriginName.empty()) {
      OS << "<p>Origin <code>" << escape(F.OriginName)
         << "</code>, limited to ";
      for (size_t I = 0; I < F.OriginPurposes.size(); ++I)
        OS << (I ? ", " : "") << "<code>" << escape(F.OriginPurposes[I])
           << "</code>";
      OS << ", declared at <span class=\"loc\">" << escape(where(F.OriginPos))
         << "</span>; used for <code>" << escape(F.SinkPurpose)
         << "</code> by <code>" << escape(F.SinkName) << "</code>.</p>\n";
    }
    OS << "<ol class=\"trace\">\n";
    for (const TraceStep &T : F.Trace) {
      OS << "<li><span class=\"loc\">" << escape(where(T.Pos)) << "</span> "
         << escape(T.Message);
      snippet(T.Pos);
      OS << "</li>\n";
    }
    OS << "</ol>\n<p class=\"fp\">fingerprint " << escape(F.Fingerprint)
       << "</p>\n</section>\n";
  }
};

} // namespace

void writeHtmlReport(const Report &R, const WriteOptions &O,
                     llvm::raw_ostream &OS) {
  HtmlWriter(R, O, OS).write();
}

} // namespace purpose
