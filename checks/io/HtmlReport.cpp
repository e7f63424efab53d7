//===- HtmlReport.cpp - One self-contained page for audits ----------------===//
//
// A page with no external resources (inline CSS and a few lines of inline
// script, system fonts only):
//
// - a header with the run's status and counts, the run's errors, and a
//   summary of the findings per purpose of use and per origin;
// - one <section> per finding, grouped as violations, then suppressed, then
//   declassified (empty groups are left out). Each section names the origin
//   and its purposes, the sink and its purpose, shows the sink call in its
//   source context with the callee highlighted, and draws the trace as a
//   vertical timeline from an "origin" node (the read of the limited field)
//   to a "sink" node (the call). Each step has its location and a one-line
//   snippet with the token at its column marked; consecutive steps on one
//   line share a snippet. The middle of a long trace folds behind <details>.
//   Suppressed and declassified sections are dimmed, lead with their reason
//   and fold their code and trace;
// - two selects that filter the sections by purpose (the origin's or the
//   sink's) and by file (any file the finding touches), with a count of the
//   visible sections. They are the only part that needs the script: without
//   it the filter bar stays hidden and everything else works.
//
// Everything taken from the report or from source files is HTML-escaped.
// The page depends only on the report and the source files: same input,
// same bytes.
//
//===----------------------------------------------------------------------===//
#include "ReportFormats.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace purpose {
namespace {

std::string escape(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    // The page declares UTF-8: invalid bytes (a Latin-1 file name or source
    // line) become U+FFFD, as in the JSON and SARIF reports.
    if ((unsigned char)C >= 0x80) {
      unsigned N = llvm::getNumBytesForUTF8((llvm::UTF8)C);
      const auto *B = reinterpret_cast<const llvm::UTF8 *>(S.data() + I);
      if (I + N <= S.size() && llvm::isLegalUTF8Sequence(B, B + N)) {
        Out.append(S.data() + I, N);
        I += N - 1;
      } else {
        Out += "\xEF\xBF\xBD";
      }
      continue;
    }
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

/// \p S escaped, with each pair of single quotes ('name') turned into <code>,
/// as the tool's messages quote every name. An unpaired quote stays a quote.
std::string richText(llvm::StringRef S) {
  std::string Out;
  while (!S.empty()) {
    size_t Open = S.find('\'');
    size_t Close =
        Open == llvm::StringRef::npos ? Open : S.find('\'', Open + 1);
    if (Close == llvm::StringRef::npos || Close == Open + 1) {
      Out += escape(S);
      break;
    }
    Out += escape(S.take_front(Open));
    Out += "<code>" + escape(S.slice(Open + 1, Close)) + "</code>";
    S = S.drop_front(Close + 1);
  }
  return Out;
}

/// \p Name escaped, with a line break opportunity after each "::".
std::string breakable(llvm::StringRef Name) {
  std::string Out;
  for (size_t At = 0; At < Name.size();) {
    size_t Sep = Name.find("::", At);
    size_t End = Sep == llvm::StringRef::npos ? Name.size() : Sep + 2;
    Out += escape(Name.slice(At, End));
    if (End < Name.size())
      Out += "<wbr>";
    At = End;
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

bool sameLine(const SourcePos &A, const SourcePos &B) {
  return A.File == B.File && A.Line == B.Line;
}
bool samePos(const SourcePos &A, const SourcePos &B) {
  return sameLine(A, B) && A.Column == B.Column;
}

/// The byte range [first, second) of the token at 1-based byte column \p Col
/// of \p Line: an identifier with any '::'-qualified continuation (a
/// qualified callee), or up to three operator characters (the sink of an
/// operator call), else the one character. Empty when \p Col is outside the
/// line.
std::pair<size_t, size_t> tokenAt(llvm::StringRef Line, unsigned Col) {
  if (Col == 0 || Col > Line.size())
    return {0, 0};
  auto Ident = [](char C) {
    return llvm::isAlnum(C) || C == '_' ||
           static_cast<unsigned char>(C) >= 0x80;
  };
  auto Op = [](char C) {
    return llvm::StringRef("+-*/%^&|~!=<>[]()").contains(C);
  };
  size_t B = Col - 1, E = B + 1;
  if (Ident(Line[B])) {
    while (B > 0 && Ident(Line[B - 1]))
      --B;
    while (E < Line.size() && Ident(Line[E]))
      ++E;
    while (Line.substr(E, 2) == "::" && E + 2 < Line.size() &&
           Ident(Line[E + 2])) {
      E += 2;
      while (E < Line.size() && Ident(Line[E]))
        ++E;
    }
  } else if (Op(Line[B])) {
    while (E < Line.size() && E - B < 3 && Op(Line[E]))
      ++E;
  }
  return {B, E};
}

/// A column to mark, and the class of its <mark>.
struct ColumnMark {
  unsigned Column;
  const char *Class;
};

/// \p Line from byte \p From on, escaped, with the token at each of \p Marks
/// in a <mark>. Where tokens overlap, the one listed first wins the bytes.
std::string markedLine(llvm::StringRef Line, size_t From,
                       const std::vector<ColumnMark> &Marks) {
  // Which mark owns each byte; Marks.size() for none.
  std::vector<size_t> Owner(Line.size(), Marks.size());
  for (size_t I = 0; I < Marks.size(); ++I) {
    auto [B, E] = tokenAt(Line, Marks[I].Column);
    for (size_t J = B; J < E; ++J)
      if (Owner[J] == Marks.size())
        Owner[J] = I;
  }
  std::string Out;
  for (size_t At = std::min(From, Line.size()); At < Line.size();) {
    size_t End = At;
    while (End < Line.size() && Owner[End] == Owner[At])
      ++End;
    if (Owner[At] == Marks.size())
      Out += escape(Line.slice(At, End));
    else
      Out += std::string("<mark class=\"") + Marks[Owner[At]].Class + "\">" +
             escape(Line.slice(At, End)) + "</mark>";
    At = End;
  }
  return Out;
}

/// Leading blanks (spaces and tabs) of \p Line.
llvm::StringRef indentOf(llvm::StringRef Line) {
  return Line.take_front(Line.find_first_not_of(" \t"));
}

const char *Style = R"(
:root{--fg:#1f2328;--muted:#59636e;--subtle:#818b98;--bg:#fff;--canvas:#f6f8fa;
  --border:#d1d9e0;--border-muted:#e3e8ee;--accent:#0969da;--danger:#cf222e;
  --danger-bg:#ffebe9;--danger-border:#ffcecb;--ok:#1a7f37;--ok-bg:#dafbe1;
  --attention:#9a6700;--attention-bg:#fff8c5;--done:#8250df;--done-bg:#fbefff;
  --info-bg:#ddf4ff;--mark:#fff1a8;--line:#d1d9e0;
  --mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;
  color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;
  --subtle:#6e7681;--bg:#0d1117;--canvas:#151b23;--border:#3d444d;
  --border-muted:#2a313c;--accent:#4493f8;--danger:#f85149;--danger-bg:#2d1416;
  --danger-border:#5c2226;--ok:#3fb950;--ok-bg:#12261e;--attention:#d29922;
  --attention-bg:#272115;--done:#ab7df8;--done-bg:#211a33;--info-bg:#121d2f;
  --mark:#5a4a12;--line:#3d444d}}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{background:var(--bg)}
body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",
  Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);
  margin:0 auto;max-width:1100px;padding:24px 32px 64px}
code,.mono{font-family:var(--mono);font-size:12px}
code{background:var(--canvas);border:1px solid var(--border-muted);
  border-radius:4px;padding:0 4px;white-space:nowrap}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
.pagehead{display:flex;align-items:flex-start;gap:16px;padding-bottom:16px;
  border-bottom:1px solid var(--border)}
.logo{flex:none;width:36px;height:36px;border-radius:8px;background:var(--fg);
  position:relative;margin-top:2px}
.logo::before,.logo::after{content:"";position:absolute;border-radius:50%}
.logo::before{left:7px;top:7px;width:10px;height:10px;background:var(--bg)}
.logo::after{right:7px;bottom:7px;width:10px;height:10px;background:var(--danger)}
.pagehead h1{font-size:20px;font-weight:600;margin:0;line-height:1.3}
.pagehead .sub{color:var(--muted);margin:2px 0 0}
.status{margin-left:auto;align-self:center;font-weight:600;padding:4px 12px;
  border-radius:2em;white-space:nowrap;border:1px solid}
.status.fail{color:var(--danger);background:var(--danger-bg);border-color:var(--danger-border)}
.status.pass{color:var(--ok);background:var(--ok-bg);border-color:var(--ok)}
.callout{border:1px solid;border-radius:6px;padding:8px 16px;margin:16px 0}
.callout.error{color:var(--danger);background:var(--danger-bg);border-color:var(--danger-border)}
.callout.error ul{margin:4px 0;padding-left:20px;font-family:var(--mono);font-size:12px}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin:16px 0}
.card{border:1px solid var(--border);border-radius:6px;padding:10px 14px;
  display:block;color:inherit}
a.card:hover{text-decoration:none;border-color:var(--accent)}
.card .n{font-size:24px;font-weight:600;line-height:1.2;display:block}
.card .l{color:var(--muted);font-size:12px}
.card.v .n{color:var(--danger)}.card.v{border-top:3px solid var(--danger)}
.card.s{border-top:3px solid var(--subtle)}
.card.d{border-top:3px solid var(--accent)}
.card.zero .n{color:var(--subtle)}
.breakdown{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:0 0 8px;align-items:start}
.panel{border:1px solid var(--border);border-radius:6px;overflow:hidden}
.panel h2{font-size:12px;font-weight:600;margin:0;padding:8px 14px;
  background:var(--canvas);border-bottom:1px solid var(--border);
  text-transform:uppercase;letter-spacing:.04em}
.panel table{width:100%;border-collapse:collapse}
.panel th{font-size:11px;font-weight:600;color:var(--muted);text-align:left;
  padding:6px 14px 2px}
.panel th.num{text-align:right;padding-left:4px}
.panel th.v{color:var(--danger)}.panel th.d{color:var(--accent)}
.panel td{padding:5px 14px;border-top:1px solid var(--border-muted);vertical-align:middle}
.panel tr:nth-child(2) td{border-top:0}
.panel td.name code{white-space:normal}
.panel td.barcell{padding-right:4px;width:20%;min-width:60px}
.panel .num{width:1%;white-space:nowrap;text-align:right;font-variant-numeric:tabular-nums;
  padding-left:4px;padding-right:8px}
.panel tr>:last-child{padding-right:14px}
.panel td.num.v{font-weight:600}
.panel td.num.zero{color:var(--subtle);font-weight:400}
.js tr[data-purpose]{cursor:pointer}
.js tr[data-purpose]:hover td{background:var(--canvas)}
.bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:var(--border-muted)}
.bar span{display:block;height:100%}
.bar .v{background:var(--danger)}.bar .s{background:var(--subtle)}.bar .d{background:var(--accent)}
.filters{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:8px 20px;
  align-items:center;background:var(--bg);padding:10px 0;margin:8px 0 0;
  border-bottom:1px solid var(--border)}
.filters label{color:var(--muted);font-weight:600;font-size:12px}
.filters select{font:inherit;font-weight:400;color:var(--fg);background:var(--canvas);
  border:1px solid var(--border);border-radius:6px;padding:3px 8px;margin-left:6px;max-width:24em}
.filters button{font:inherit;font-size:12px;color:var(--fg);background:var(--canvas);
  border:1px solid var(--border);border-radius:6px;padding:3px 10px;cursor:pointer}
.filters .shown{margin-left:auto;color:var(--muted)}
.group>h2{font-size:16px;font-weight:600;margin:28px 0 12px;display:flex;
  align-items:center;gap:8px}
.group>h2 .count{font-size:12px;font-weight:500;background:var(--canvas);
  border:1px solid var(--border);border-radius:2em;padding:0 8px;color:var(--muted)}
.group>h2::before{content:"";width:10px;height:10px;border-radius:50%}
.group.violation>h2::before{background:var(--danger)}
.group.suppressed>h2::before{background:var(--subtle)}
.group.declassified>h2::before{background:var(--accent)}
.nofindings{border:1px dashed var(--border);border-radius:6px;padding:24px;
  text-align:center;color:var(--muted);margin:24px 0}
section.finding{border:1px solid var(--border);border-radius:6px;margin:0 0 16px;
  background:var(--bg);border-left:4px solid var(--danger);scroll-margin-top:56px}
section.finding:target{box-shadow:0 0 0 3px var(--info-bg)}
section.suppressed{border-left-color:var(--subtle)}
section.declassified{border-left-color:var(--accent)}
.fhead{padding:12px 16px 4px}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:6px 10px;font-size:12px;color:var(--muted)}
.meta .permalink{margin-left:auto;font-family:var(--mono);color:var(--muted)}
.kind{font-size:12px;font-weight:600;border-radius:2em;padding:0 8px;border:1px solid}
.kind.violation{color:var(--danger);background:var(--danger-bg);border-color:var(--danger-border)}
.kind.suppressed{color:var(--muted);background:var(--canvas);border-color:var(--border)}
.kind.declassified{color:var(--accent);background:var(--info-bg);border-color:var(--accent)}
.rule{font-family:var(--mono)}
.fhead h3{font-size:15px;font-weight:600;margin:6px 0 10px;line-height:1.6}
.fhead h3 code{font-size:13px;white-space:normal;overflow-wrap:anywhere}
.ends{display:grid;grid-template-columns:1fr auto 1fr;gap:10px;align-items:stretch;margin:0 0 8px}
.end{border:1px solid var(--border-muted);border-radius:6px;padding:6px 12px;background:var(--canvas)}
.end .lbl{font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.05em}
.end.origin .lbl{color:var(--done)}.end.sink .lbl{color:var(--danger)}
.end .name{display:block;font-family:var(--mono);font-size:12px;font-weight:600;
  overflow-wrap:anywhere;margin:2px 0}
.end .more{font-size:12px;color:var(--muted)}
.arrow{align-self:center;color:var(--subtle);font-size:18px}
.chip{display:inline-block;font-size:12px;font-weight:500;border-radius:2em;
  padding:0 8px;margin:1px 2px;border:1px solid}
.chip.allowed{color:var(--ok);background:var(--ok-bg);border-color:var(--ok)}
.chip.used{color:var(--danger);background:var(--danger-bg);border-color:var(--danger-border)}
.reason{margin:4px 0 10px;padding:8px 12px;border-radius:6px;border:1px solid var(--border);
  background:var(--canvas);font-size:14px}
.suppressed .reason{background:var(--bg)}
.declassified .reason{background:var(--info-bg);border-color:var(--accent)}
.reason .why{font-weight:600;margin-right:6px}
.suppressed .fhead h3,.declassified .fhead h3{color:var(--muted);font-weight:500}
.suppressed .fhead h3 code,.declassified .fhead h3 code{color:var(--fg)}
section.suppressed .fhead,section.declassified .fhead{padding-bottom:0}
section.suppressed,section.declassified{background:var(--canvas)}
section.suppressed .fbody,section.declassified .fbody{padding-bottom:4px}
details.more[open]{padding-top:8px}
details.more[open]>summary{margin-bottom:4px}
.fbody{padding:4px 16px 12px}
details.more>summary{cursor:pointer;color:var(--accent);font-size:13px;padding:2px 0 8px;
  list-style-position:inside}
.loc{font-family:var(--mono);font-size:12px;color:var(--muted);white-space:nowrap}
.loc .base{color:var(--fg)}
.codeview{border:1px solid var(--border);border-radius:6px;overflow:hidden;margin:4px 0 12px}
.codeview .filehead{display:flex;gap:8px;align-items:center;background:var(--canvas);
  border-bottom:1px solid var(--border);padding:6px 12px;font-size:12px}
.code{font-family:var(--mono);font-size:12px;line-height:20px;overflow-x:auto;
  background:var(--bg);tab-size:4;-moz-tab-size:4}
.code .ln{display:flex;min-width:max-content}
.code .ln::before{content:attr(data-n);flex:none;width:52px;padding-right:12px;
  text-align:right;color:var(--subtle);user-select:none}
.code .ln>span{white-space:pre;padding-right:16px}
.code .ln.hit{background:var(--danger-bg)}
.code .ln.hit::before{color:var(--danger);box-shadow:inset 3px 0 var(--danger)}
mark{background:var(--mark);color:inherit;border-radius:3px;
  box-shadow:0 0 0 1px var(--attention)}
mark.sink{background:var(--danger-bg);box-shadow:0 0 0 1.5px var(--danger);font-weight:600}
.annot{margin:4px 12px 8px 52px;border:1px solid var(--danger-border);border-left:3px solid var(--danger);
  border-radius:4px;background:var(--bg);padding:6px 10px;font-family:-apple-system,
  BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;font-size:13px;line-height:1.5}
.tracehead{display:flex;align-items:baseline;gap:8px;font-size:13px;font-weight:600;margin:8px 0 10px}
.tracehead .n{color:var(--muted);font-weight:400}
ol.flow{list-style:none;margin:0;padding:0}
ol.flow li{position:relative}
li.step{padding:0 0 14px 36px}
li.step::before,li.fold::before{content:"";position:absolute;left:11px;top:0;bottom:0;
  width:2px;background:var(--line)}
ol.flow.top>li:first-child::before{top:12px}
ol.flow.top>li:last-child::before{bottom:auto;height:12px}
li.fold::before{background:repeating-linear-gradient(var(--line) 0 4px,transparent 4px 8px)}
.dot{position:absolute;left:0;top:0;width:24px;height:24px;border-radius:50%;
  background:var(--bg);border:2px solid var(--line);font-size:11px;font-weight:600;
  text-align:center;line-height:20px;color:var(--muted);font-variant-numeric:tabular-nums}
li.origin>.dot{border-color:var(--done);color:var(--done);background:var(--done-bg)}
li.sink>.dot{border-color:var(--danger);color:#fff;background:var(--danger)}
.suppressed li.sink>.dot,.declassified li.sink>.dot{border-color:var(--subtle);
  color:var(--muted);background:var(--canvas)}
.node{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 8px;min-height:24px;padding-top:2px}
.node .msg{overflow-wrap:anywhere}
.node .loc{margin-left:auto}
.badge{font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;
  border-radius:4px;padding:0 6px;border:1px solid}
.badge.origin{color:var(--done);border-color:var(--done);background:var(--done-bg)}
.badge.sink{color:var(--danger);border-color:var(--danger);background:var(--danger-bg)}
.step .code{border:1px solid var(--border-muted);border-radius:6px;margin-top:6px;
  padding:2px 0;background:var(--canvas)}
.step .code .ln.hit{background:none}
.step .code .ln.hit::before{color:var(--subtle);box-shadow:none}
li.fold{padding:0 0 14px}
li.fold>details>summary{margin-left:36px;cursor:pointer;color:var(--accent);font-size:13px;
  padding:2px 0 0;min-height:24px;list-style:none}
li.fold>details>summary::-webkit-details-marker{display:none}
li.fold>details>summary::before{content:"\22EF";position:absolute;left:0;top:0;width:24px;
  height:24px;border-radius:50%;background:var(--bg);border:2px dashed var(--line);
  text-align:center;line-height:18px;color:var(--muted)}
li.fold>details[open]>summary{padding-bottom:14px}
li.fold .when-open,li.fold details[open] .when-closed{display:none}
li.fold details[open] .when-open{display:inline}
li.fold .through{color:var(--muted)}
.ffoot{display:flex;flex-wrap:wrap;gap:4px 16px;padding:8px 16px;border-top:1px solid var(--border-muted);
  font-size:12px;color:var(--muted);background:var(--canvas);border-radius:0 0 6px 0}
.ffoot code{background:none;border:0;padding:0}
.empty-filter{color:var(--muted);text-align:center;padding:24px}
.foot{margin-top:32px;color:var(--subtle);font-size:12px;text-align:center}
@media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}
  .breakdown,.ends{grid-template-columns:1fr}.arrow{display:none}}
@media print{
  :root{--fg:#000;--bg:#fff;color-scheme:light}
  body{max-width:none;padding:0;font-size:11px}
  .filters{display:none!important}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  section.finding{break-inside:auto;box-shadow:none}
  .fhead,li.step,.codeview{break-inside:avoid}
  .group>h2{break-after:avoid}
  details::details-content{content-visibility:visible;display:contents}
  details>summary{display:none}
  .code{overflow:visible}.code .ln{min-width:0}
  .code .ln>span{white-space:pre-wrap;min-width:0;overflow-wrap:anywhere}
  a{color:inherit}
}
)";

const char *Script = R"(
(function() {
  var d = document;
  d.documentElement.className += ' js';
  var bar = d.getElementById('filters');
  var purpose = d.getElementById('purpose'), file = d.getElementById('file');
  var shown = d.getElementById('shown'), none = d.getElementById('empty-filter');
  var sections = Array.prototype.slice.call(d.querySelectorAll('section.finding'));
  if (bar && sections.length) bar.hidden = false;
  function apply() {
    var n = 0;
    sections.forEach(function(s) {
      var p = JSON.parse(s.dataset.purposes), f = JSON.parse(s.dataset.files);
      s.hidden = !!((purpose.value && p.indexOf(purpose.value) < 0) ||
                    (file.value && f.indexOf(file.value) < 0));
      if (!s.hidden) n++;
    });
    d.querySelectorAll('.group').forEach(function(g) {
      var all = g.querySelectorAll('section.finding'), v = 0;
      all.forEach(function(s) { if (!s.hidden) v++; });
      g.hidden = v === 0;
      g.querySelector('.count').textContent =
          v === all.length ? String(v) : v + ' of ' + all.length;
    });
    var t = sections.length;
    shown.textContent = n === t ? 'Showing all ' + t + (t === 1 ? ' finding' : ' findings')
                                : 'Showing ' + n + ' of ' + t + (t === 1 ? ' finding' : ' findings');
    none.hidden = n !== 0;
  }
  purpose.addEventListener('change', apply);
  file.addEventListener('change', apply);
  d.getElementById('reset').addEventListener('click', function() {
    purpose.value = ''; file.value = ''; apply();
  });
  d.querySelectorAll('tr[data-purpose]').forEach(function(r) {
    r.addEventListener('click', function() {
      purpose.value = r.dataset.purpose; apply();
      bar.scrollIntoView({block: 'start'});
    });
  });
  var closed = [];
  window.addEventListener('beforeprint', function() {
    closed = Array.prototype.filter.call(d.querySelectorAll('details'),
                                         function(e) { return !e.open; });
    closed.forEach(function(e) { e.open = true; });
  });
  window.addEventListener('afterprint', function() {
    closed.forEach(function(e) { e.open = false; });
  });
  apply();
})();
)";

/// Findings of one kind: the title and id of their group, the class (and id
/// prefix) of their sections, the list.
struct Kind {
  const char *Title;
  const char *Id;
  const char *Class;
  const std::vector<Finding> *List;
};

/// Steps of a trace with this many steps or more fold their middle.
constexpr size_t FoldAt = 20;
/// How many steps stay visible at each end of a folded trace.
constexpr size_t FoldKeep = 3;
/// Lines of context around the sink call.
constexpr unsigned ContextBefore = 2, ContextAfter = 2;

class HtmlWriter {
public:
  HtmlWriter(const Report &R, const WriteOptions &O, llvm::raw_ostream &OS)
      : R(R), O(O), OS(&OS) {}

  void write() {
    collect();
    size_t V = R.Violations.size();
    *OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
           "charset=\"utf-8\">\n<meta name=\"viewport\" "
           "content=\"width=device-width,initial-scale=1\">\n"
        << "<title>purpose-check report: " << V << " violation"
        << (V == 1 ? "" : "s") << "</title>\n<style>" << Style
        << "</style>\n</head>\n<body>\n";
    header();
    errors();
    summary();
    filters();
    for (const Kind &K : Kinds)
      group(K);
    if (Total == 0)
      *OS << "<p class=\"nofindings\">No findings: no personal data reaches a "
             "use outside the purposes it was collected for.</p>\n";
    else
      *OS << "<p class=\"empty-filter\" id=\"empty-filter\" hidden>No finding "
             "matches these filters.</p>\n";
    *OS << "<p class=\"foot\">Generated by purpose-check "
        << escape(toolVersion(O.ToolVersion)) << "</p>\n<script>" << Script
        << "</script>\n</body>\n</html>\n";
  }

private:
  const Report &R;
  const WriteOptions &O;
  llvm::raw_ostream *OS; ///< Where sections go; swapped to capture parts.
  SourceCache Sources;
  std::set<std::string> AllPurposes, AllFiles;
  /// Per sink purpose and per origin: violations, suppressed, declassified.
  std::map<std::string, std::array<size_t, 3>> ByPurpose, ByOrigin;
  size_t Total = 0;
  const std::array<Kind, 3> Kinds = {{
      {"Violations", "violations", "violation", &R.Violations},
      {"Suppressed", "suppressed", "suppressed", &R.Suppressed},
      {"Declassified", "declassified", "declassified", &R.Declassified},
  }};

  std::string path(const SourcePos &P) {
    return pathUnder(P.File, R.SourceRoot);
  }
  std::string where(const SourcePos &P) {
    return path(P) + ":" + std::to_string(P.Line) + ":" +
           std::to_string(P.Column);
  }
  /// FILE:LINE:COL with the directory muted and the full path as a title.
  std::string loc(const SourcePos &P) {
    if (P.File.empty())
      return "<span class=\"loc\">no location</span>";
    std::string Path = path(P);
    size_t Slash = Path.rfind('/');
    std::string Dir =
        Slash == std::string::npos ? "" : Path.substr(0, Slash + 1);
    std::string Base = Path.substr(Dir.size());
    return "<span class=\"loc\" title=\"" + escape(where(P)) + "\">" +
           (Dir.empty() ? ""
                        : "<span class=\"dir\">" + escape(Dir) + "</span>") +
           "<span class=\"base\">" + escape(Base) +
           "</span>:" + std::to_string(P.Line) + ":" +
           std::to_string(P.Column) + "</span>";
  }
  std::string baseName(const SourcePos &P) {
    std::string Path = path(P);
    size_t Slash = Path.rfind('/');
    return Slash == std::string::npos ? Path : Path.substr(Slash + 1);
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

  void collect() {
    for (size_t K = 0; K < Kinds.size(); ++K)
      for (const Finding &F : *Kinds[K].List) {
        ++Total;
        auto Ps = purposesOf(F);
        AllPurposes.insert(Ps.begin(), Ps.end());
        auto Fs = filesOf(F);
        AllFiles.insert(Fs.begin(), Fs.end());
        if (!F.SinkPurpose.empty())
          ++ByPurpose[F.SinkPurpose][K];
        if (!F.OriginName.empty())
          ++ByOrigin[F.OriginName][K];
      }
  }

  static std::string plural(size_t N, llvm::StringRef One,
                            llvm::StringRef Many) {
    return std::to_string(N) + " " + (N == 1 ? One : Many).str();
  }

  void header() {
    size_t V = R.Violations.size();
    bool Incomplete = !R.Complete || !R.Errors.empty();
    *OS << "<header class=\"pagehead\">\n<div class=\"logo\" "
           "aria-hidden=\"true\">"
           "</div>\n<div>\n<h1>purpose-check report</h1>\n<p class=\"sub\">"
           "Personal data used for a purpose it was not collected for &middot; "
        << plural(R.Stats.TranslationUnits, "translation unit",
                  "translation units")
        << " (" << R.Stats.TranslationUnitsFromCache << " from cache) &middot; "
        << plural(R.Stats.Functions, "function", "functions")
        << "</p>\n</div>\n"
        << "<span class=\"status " << (V || Incomplete ? "fail" : "pass")
        << "\">"
        << (V            ? plural(V, "violation", "violations")
            : Incomplete ? std::string("Incomplete run")
                         : std::string("No violations"))
        << "</span>\n</header>\n";
  }

  void errors() {
    if (R.Complete && R.Errors.empty())
      return;
    *OS << "<div class=\"callout error\"><p class=\"incomplete\"><strong>The "
           "run is incomplete; do not trust the absence of findings.</strong>"
           "</p>\n";
    if (!R.Errors.empty()) {
      *OS << "<ul class=\"errors\">\n";
      for (const RunError &E : R.Errors)
        *OS << "<li>" << escape(E.Message) << "</li>\n";
      *OS << "</ul>\n";
    }
    *OS << "</div>\n";
  }

  void card(llvm::StringRef Class, size_t N, llvm::StringRef Label,
            llvm::StringRef Href) {
    bool Link = !Href.empty() && N;
    *OS << (Link ? "<a href=\"#" + Href.str() + "\"" : std::string("<div"))
        << " class=\"card " << Class << (N ? "" : " zero")
        << "\"><span class=\"n\">" << N << "</span><span class=\"l\">" << Label
        << "</span>" << (Link ? "</a>" : "</div>") << "\n";
  }

  /// One breakdown table: a row per key, with a bar split by kind and the
  /// count of each kind.
  void breakdown(llvm::StringRef Title, llvm::StringRef KeyLabel,
                 const std::map<std::string, std::array<size_t, 3>> &Rows,
                 bool Purposes) {
    size_t Max = 1;
    for (const auto &[Key, N] : Rows)
      Max = std::max(Max, N[0] + N[1] + N[2]);
    *OS << "<div class=\"panel\"><h2>" << Title << "</h2>\n<table>\n<tr><th>"
        << KeyLabel
        << "</th><th></th><th class=\"num v\" title=\"violations\">"
           "Viol.</th><th class=\"num s\" title=\"suppressed\">Supp.</th>"
           "<th class=\"num d\" title=\"declassified\">Decl.</th></tr>\n";
    static const char *Seg[] = {"v", "s", "d"};
    for (const auto &[Key, N] : Rows) {
      *OS << "<tr" << (Purposes ? " data-purpose=\"" + escape(Key) + "\"" : "")
          << "><td class=\"name\">"
          << (Purposes ? "<span class=\"chip used\">" + escape(Key) + "</span>"
                       : "<code>" + breakable(Key) + "</code>")
          << "</td><td class=\"barcell\"><div class=\"bar\">";
      for (size_t K = 0; K < 3; ++K)
        if (N[K])
          *OS << "<span class=\"" << Seg[K]
              << "\" style=\"width:" << (N[K] * 1000 / Max) / 10 << "."
              << (N[K] * 1000 / Max) % 10 << "%\"></span>";
      *OS << "</div></td>";
      for (size_t K = 0; K < 3; ++K)
        *OS << "<td class=\"num" << (N[K] ? " " : " zero ") << Seg[K] << "\">"
            << N[K] << "</td>";
      *OS << "</tr>\n";
    }
    *OS << "</table></div>\n";
  }

  void summary() {
    *OS << "<div class=\"cards\">\n";
    card("v", R.Violations.size(), "Violations", "violations");
    card("s", R.Suppressed.size(), "Suppressed", "suppressed");
    card("d", R.Declassified.size(), "Declassified", "declassified");
    card("", R.Stats.TranslationUnits, "Translation units", "");
    card("", R.Stats.Functions, "Functions", "");
    *OS << "</div>\n";
    if (ByPurpose.empty() && ByOrigin.empty())
      return;
    *OS << "<div class=\"breakdown\">\n";
    breakdown("By purpose of use", "Used for", ByPurpose, true);
    breakdown("By origin", "Personal data", ByOrigin, false);
    *OS << "</div>\n";
  }

  void filters() {
    if (Total == 0)
      return;
    *OS << "<div class=\"filters\" id=\"filters\" hidden>\n";
    select("purpose", "Purpose", AllPurposes);
    select("file", "File", AllFiles);
    *OS << "<button type=\"button\" id=\"reset\">Reset</button>\n"
        << "<span class=\"shown\" id=\"shown\" aria-live=\"polite\"></span>\n"
        << "</div>\n";
  }

  void select(llvm::StringRef Id, llvm::StringRef Label,
              const std::set<std::string> &Options) {
    *OS << "<label>" << Label << " <select id=\"" << Id
        << "\"><option value=\"\">all</option>";
    for (const std::string &V : Options)
      *OS << "<option value=\"" << escape(V) << "\">" << escape(V)
          << "</option>";
    *OS << "</select></label>\n";
  }

  void group(const Kind &K) {
    if (K.List->empty())
      return;
    *OS << "<div class=\"group " << K.Class << "\" id=\"" << K.Id << "\">\n<h2>"
        << K.Title << " <span class=\"count\">" << K.List->size()
        << "</span></h2>\n";
    for (size_t I = 0; I < K.List->size(); ++I)
      finding(K.Class, I + 1, (*K.List)[I]);
    *OS << "</div>\n";
  }

  std::string chips(const std::vector<std::string> &Ps, llvm::StringRef Class) {
    std::string Out;
    for (const std::string &P : Ps)
      Out +=
          "<span class=\"chip " + Class.str() + "\">" + escape(P) + "</span>";
    return Out;
  }

  /// A code block of lines [First, Last] of \p File, dedented by their common
  /// indentation; line \p At.Line is highlighted and its \p Marks marked. The
  /// annotation \p Annot (HTML) follows the hit line. Empty when the hit
  /// line cannot be read.
  std::string codeBlock(const SourcePos &At, unsigned First, unsigned Last,
                        const std::vector<ColumnMark> &Marks,
                        llvm::StringRef Annot) {
    if (!O.ShowSourceLines || At.File.empty() ||
        !Sources.line(At.File, At.Line))
      return "";
    std::vector<std::pair<unsigned, std::string>> Lines;
    for (unsigned L = std::max(1u, First); L <= Last; ++L)
      if (std::optional<llvm::StringRef> Text = Sources.line(At.File, L))
        Lines.emplace_back(L, Text->str());
    // Blank context lines at either end say nothing.
    while (!Lines.empty() && Lines.back().first > At.Line &&
           llvm::StringRef(Lines.back().second).trim().empty())
      Lines.pop_back();
    while (!Lines.empty() && Lines.front().first < At.Line &&
           llvm::StringRef(Lines.front().second).trim().empty())
      Lines.erase(Lines.begin());
    std::optional<std::string> Indent;
    for (const auto &[L, Text] : Lines) {
      if (llvm::StringRef(Text).trim().empty())
        continue;
      std::string I = indentOf(Text).str();
      if (!Indent) {
        Indent = I;
        continue;
      }
      size_t N = 0;
      while (N < Indent->size() && N < I.size() && (*Indent)[N] == I[N])
        ++N;
      Indent->resize(N);
    }
    size_t Cut = Indent ? Indent->size() : 0;
    std::string Out = "<div class=\"code\">";
    for (const auto &[L, Text] : Lines) {
      llvm::StringRef T(Text);
      size_t From = std::min(Cut, T.size());
      bool Hit = L == At.Line;
      Out += "<div class=\"ln" + std::string(Hit ? " hit" : "") +
             "\" data-n=\"" + std::to_string(L) + "\"><span>" +
             (Hit ? markedLine(T, From, Marks) : escape(T.drop_front(From))) +
             "</span></div>";
      if (Hit && !Annot.empty())
        Out += "<div class=\"annot\">" + Annot.str() + "</div>";
    }
    return Out + "</div>";
  }

  /// The sink call in context, with the callee marked.
  void sinkView(const Finding &F, llvm::StringRef Class) {
    std::string Annot;
    if (!F.SinkName.empty()) {
      Annot = "<span class=\"badge sink\">sink</span> <code>" +
              escape(F.SinkName) + "</code>";
      if (!F.SinkPurpose.empty())
        Annot += ", a use for " + chips({F.SinkPurpose}, "used");
      if (!F.OriginName.empty()) {
        Annot += ", of <code>" + escape(F.OriginName) + "</code>";
        if (!F.OriginPurposes.empty())
          Annot +=
              " (collected for " + chips(F.OriginPurposes, "allowed") + ")";
      }
      if (Class != "violation")
        Annot += " &middot; " + Class.str();
    }
    std::string Code = codeBlock(
        F.SinkPos,
        F.SinkPos.Line > ContextBefore ? F.SinkPos.Line - ContextBefore : 1,
        F.SinkPos.Line + ContextAfter, {{F.SinkPos.Column, "sink"}}, Annot);
    if (Code.empty())
      return;
    *OS << "<div class=\"codeview\"><div class=\"filehead\">" << loc(F.SinkPos)
        << "</div>" << Code << "</div>\n";
  }

  /// A node of the timeline: a trace step, or the sink call.
  struct Node {
    SourcePos Pos;
    std::string Html;
    size_t Number; ///< 1-based step; 0 for the sink call.
    bool Origin = false, Sink = false;
  };

  std::vector<Node> nodes(const Finding &F) {
    std::vector<Node> Ns;
    for (size_t I = 0; I < F.Trace.size(); ++I)
      Ns.push_back(
          {F.Trace[I].Pos, richText(F.Trace[I].Message), I + 1, I == 0, false});
    if (Ns.empty())
      return Ns;
    if (!F.SinkPos.File.empty() && !samePos(Ns.back().Pos, F.SinkPos)) {
      std::string Html = "call of <code>" + escape(F.SinkName) + "</code>";
      if (!F.SinkPurpose.empty())
        Html += ", a use for " + chips({F.SinkPurpose}, "used");
      Ns.push_back({F.SinkPos, Html, 0, false, true});
    } else {
      Ns.back().Sink = true;
    }
    return Ns;
  }

  /// Nodes [B, E): each with its location; a snippet after the last of
  /// each run of nodes on one line, marking all of their columns.
  void steps(const std::vector<Node> &Ns, size_t B, size_t E) {
    for (size_t I = B; I < E; ++I) {
      const Node &N = Ns[I];
      *OS << "<li class=\"step" << (N.Origin ? " origin" : "")
          << (N.Sink ? " sink" : "") << "\"><span class=\"dot\">";
      if (N.Number)
        *OS << N.Number;
      else
        *OS << "!";
      *OS << "</span><div class=\"node\">";
      if (N.Origin)
        *OS << "<span class=\"badge origin\">origin</span>";
      if (N.Sink)
        *OS << "<span class=\"badge sink\">sink</span>";
      *OS << "<span class=\"msg\">" << N.Html << "</span>" << loc(N.Pos)
          << "</div>";
      if (I + 1 == E || !sameLine(Ns[I + 1].Pos, N.Pos)) {
        // The sink's callee first: it wins over an argument's mark.
        std::vector<ColumnMark> Marks;
        for (size_t J = I + 1; J-- > B && sameLine(Ns[J].Pos, N.Pos);)
          Marks.push_back({Ns[J].Pos.Column, Ns[J].Sink ? "sink" : "step"});
        *OS << codeBlock(N.Pos, N.Pos.Line, N.Pos.Line, Marks, "");
      }
      *OS << "</li>\n";
    }
  }

  void trace(const Finding &F) {
    std::vector<Node> Ns = nodes(F);
    if (Ns.empty())
      return;
    *OS << "<div class=\"tracehead\">Data flow <span class=\"n\">"
        << plural(F.Trace.size(), "step", "steps") << " from the read of "
        << "the origin to the sink call</span></div>\n<ol class=\"flow "
           "top\">\n";
    if (F.Trace.size() < FoldAt) {
      steps(Ns, 0, Ns.size());
    } else {
      size_t FoldB = FoldKeep, FoldE = F.Trace.size() - FoldKeep;
      steps(Ns, 0, FoldB);
      std::vector<std::string> Through;
      for (size_t I = FoldB; I < FoldE; ++I) {
        std::string Base = baseName(Ns[I].Pos);
        if (std::find(Through.begin(), Through.end(), Base) == Through.end())
          Through.push_back(Base);
      }
      *OS << "<li class=\"fold\"><details><summary><span class=\"when-closed\">"
             "Show "
          << (FoldE - FoldB) << " more steps</span><span class=\"when-open\">"
          << "Hide steps " << FoldB + 1 << "&ndash;" << FoldE
          << "</span> <span class=\"through\">through ";
      for (size_t I = 0; I < Through.size(); ++I)
        *OS << (I ? ", " : "") << escape(Through[I]);
      *OS << "</span></summary>\n<ol class=\"flow\">\n";
      steps(Ns, FoldB, FoldE);
      *OS << "</ol></details></li>\n";
      steps(Ns, FoldE, Ns.size());
    }
    *OS << "</ol>\n";
  }

  /// What \p Write writes, as a string.
  template <typename Fn> std::string capture(Fn Write) {
    std::string Out;
    llvm::raw_string_ostream S(Out);
    llvm::raw_ostream *Saved = OS;
    OS = &S;
    Write();
    OS = Saved;
    S.flush();
    return Out;
  }

  /// The origin and the sink side by side.
  void ends(const Finding &F) {
    if (F.OriginName.empty() && F.SinkName.empty())
      return;
    *OS << "<div class=\"ends\">\n<div class=\"end origin\"><span "
           "class=\"lbl\">Origin</span><span class=\"name\">"
        << escape(F.OriginName) << "</span><span class=\"more\">";
    if (!F.OriginPurposes.empty())
      *OS << "collected for " << chips(F.OriginPurposes, "allowed");
    if (!F.OriginPos.File.empty())
      *OS << " &middot; declared at " << loc(F.OriginPos);
    *OS << "</span></div>\n<span class=\"arrow\" aria-hidden=\"true\">"
           "&#10140;</span>\n<div class=\"end sink\"><span class=\"lbl\">Sink"
           "</span><span class=\"name\">"
        << escape(F.SinkName) << "</span><span class=\"more\">";
    if (!F.SinkPurpose.empty())
      *OS << "used for " << chips({F.SinkPurpose}, "used");
    *OS << "</span></div>\n</div>\n";
  }

  void finding(llvm::StringRef Class, size_t Index, const Finding &F) {
    std::string Id = Class.str() + "-" + std::to_string(Index);
    bool Exception = Class != "violation";
    *OS << "<section class=\"finding " << Class << "\" id=\"" << Id
        << "\" data-purposes=\"" << escape(jsonStrings(purposesOf(F)))
        << "\" data-files=\"" << escape(jsonStrings(filesOf(F))) << "\">\n"
        << "<header class=\"fhead\">\n<div class=\"meta\"><span class=\"kind "
        << Class << "\">"
        << (Class == "violation"    ? "Violation"
            : Class == "suppressed" ? "Suppressed"
                                    : "Declassified")
        << "</span><span class=\"rule\">" << escape(F.Rule) << "</span>"
        << "<a class=\"permalink\" href=\"#" << Id << "\">" << loc(F.SinkPos)
        << "</a></div>\n<h3>" << richText(F.Message) << "</h3>\n";
    if (Exception) {
      *OS << "<p class=\"reason\"><span class=\"why\">";
      if (!F.Declassifier.empty())
        *OS << "Declassified by <code>" << escape(F.Declassifier) << "</code>:";
      else
        *OS << "Suppressed:";
      *OS << "</span>" << escape(F.Reason) << "</p>\n";
    }
    if (!Exception)
      ends(F);
    *OS << "</header>\n";
    // Exceptions fold their details: the reason is what an audit reads first.
    std::string Body = capture([&] {
      if (Exception)
        ends(F);
      sinkView(F, Class);
      trace(F);
    });
    if (!Body.empty()) {
      *OS << "<div class=\"fbody\">\n";
      if (Exception)
        *OS << "<details class=\"more\"><summary>Origin, sink and data flow ("
            << plural(F.Trace.size(), "step", "steps") << ")</summary>\n";
      *OS << Body;
      if (Exception)
        *OS << "</details>\n";
      *OS << "</div>\n";
    }
    *OS << "<footer class=\"ffoot\"><span>fingerprint <code>"
        << escape(F.Fingerprint) << "</code></span>\n";
    if (Exception)
      *OS << "<span>does not fail the run</span>\n";
    *OS << "</footer>\n</section>\n";
  }
};

} // namespace

void writeHtmlReport(const Report &R, const WriteOptions &O,
                     llvm::raw_ostream &OS) {
  HtmlWriter(R, O, OS).write();
}

} // namespace purpose
