//===- HtmlReport.h - Text pieces of the HTML report ------------*- C++ -*-===//
//
// Not part of the I/O layer's interface: the escaping and marking of text
// that HtmlReport.cpp builds its page from. Kept apart from the page's layout
// so that they read (and can be tested) on their own.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_HTMLREPORT_H
#define PURPOSE_IO_HTMLREPORT_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/ConvertUTF.h"
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace purpose {
namespace html {

inline std::string escape(llvm::StringRef S) {
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
inline std::string richText(llvm::StringRef S) {
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
inline std::string breakable(llvm::StringRef Name) {
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
inline std::string jsonStrings(const std::set<std::string> &Items) {
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

/// The byte range [first, second) of the token at 1-based byte column \p Col
/// of \p Line: an identifier with any '::'-qualified continuation (a
/// qualified callee), or up to three operator characters (the sink of an
/// operator call), else the one character. Empty when \p Col is outside the
/// line.
inline std::pair<size_t, size_t> tokenAt(llvm::StringRef Line, unsigned Col) {
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
inline std::string markedLine(llvm::StringRef Line, size_t From,
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
inline llvm::StringRef indentOf(llvm::StringRef Line) {
  return Line.take_front(Line.find_first_not_of(" \t"));
}

} // namespace html
} // namespace purpose

#endif
