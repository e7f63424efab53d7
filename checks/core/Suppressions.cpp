//===- Suppressions.cpp ---------------------------------------------------===//
#include "Suppressions.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <map>

namespace purpose {

/// True iff the check list in "(...)" names \p Check, or there is no list.
static bool listCovers(llvm::StringRef After, llvm::StringRef Check,
                       llvm::StringRef &Rest) {
  Rest = After;
  if (!After.starts_with("("))
    return true;
  size_t Close = After.find(')');
  if (Close == llvm::StringRef::npos)
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Names;
  After.substr(1, Close - 1).split(Names, ',');
  Rest = After.substr(Close + 1);
  for (llvm::StringRef N : Names) {
    N = N.trim();
    if (N == Check || N == "*" ||
        (N.ends_with("*") && Check.starts_with(N.drop_back())))
      return true;
  }
  return false;
}

static std::string reasonOf(llvm::StringRef Rest) {
  Rest = Rest.ltrim(" \t");
  if (!Rest.consume_front(":"))
    return "";
  Rest = Rest.trim();
  if (Rest.ends_with("*/"))
    Rest = Rest.drop_back(2).rtrim();
  return Rest.str();
}

std::vector<Suppression> findSuppressions(llvm::StringRef File,
                                          llvm::StringRef Text,
                                          llvm::StringRef Check) {
  std::vector<Suppression> Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  std::vector<Suppression> Open;
  for (unsigned I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I];
    size_t Pos = 0;
    while ((Pos = Line.find("NOLINT", Pos)) != llvm::StringRef::npos) {
      llvm::StringRef Tail = Line.substr(Pos + 6);
      unsigned Col = Pos + 1;
      Pos += 6;
      enum { Same, Next, Begin, End } Kind = Same;
      if (Tail.consume_front("NEXTLINE"))
        Kind = Next;
      else if (Tail.consume_front("BEGIN"))
        Kind = Begin;
      else if (Tail.consume_front("END"))
        Kind = End;
      else if (!Tail.empty() && (llvm::isAlnum(Tail[0]) || Tail[0] == '_'))
        continue;
      llvm::StringRef Rest;
      if (!listCovers(Tail, Check, Rest))
        continue;
      Suppression S;
      S.File = File.str();
      S.Reason = reasonOf(Rest);
      S.Pos = {File.str(), I + 1, Col};
      switch (Kind) {
      case Same:
        S.FirstLine = S.LastLine = I + 1;
        Out.push_back(S);
        break;
      case Next:
        S.FirstLine = S.LastLine = I + 2;
        Out.push_back(S);
        break;
      case Begin:
        S.FirstLine = I + 1;
        Open.push_back(S);
        break;
      case End:
        if (!Open.empty()) {
          Suppression B = Open.back();
          Open.pop_back();
          B.LastLine = I + 1;
          Out.push_back(B);
        }
        break;
      }
    }
  }
  return Out;
}

void applySuppressions(
    Report &R, llvm::function_ref<bool(llvm::StringRef, std::string &)> Read,
    std::vector<Suppression> &Unjustified) {
  std::map<std::string, std::vector<Suppression>> ByFile;
  auto suppressionsOf =
      [&](const std::string &F) -> const std::vector<Suppression> & {
    auto It = ByFile.find(F);
    if (It != ByFile.end())
      return It->second;
    std::string Text;
    std::vector<Suppression> S;
    if (Read(F, Text))
      S = findSuppressions(F, Text, "purpose-limitation");
    return ByFile[F] = std::move(S);
  };
  std::vector<Finding> Kept;
  for (Finding &F : R.Violations) {
    const Suppression *Hit = nullptr;
    for (const Suppression &S : suppressionsOf(F.SinkPos.File))
      if (F.SinkPos.Line >= S.FirstLine && F.SinkPos.Line <= S.LastLine) {
        Hit = &S;
        break;
      }
    if (!Hit) {
      Kept.push_back(std::move(F));
      continue;
    }
    F.Kind = FindingKind::Suppressed;
    F.Reason = Hit->Reason;
    if (Hit->Reason.empty()) {
      // Reported as a purpose-annotation finding, so it cannot pass a gate.
      F.Reason = "no reason given";
      Unjustified.push_back(*Hit);
    }
    R.Suppressed.push_back(std::move(F));
  }
  R.Violations = std::move(Kept);
}

} // namespace purpose
