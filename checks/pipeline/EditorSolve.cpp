//===- EditorSolve.cpp ----------------------------------------------------===//
#include "EditorSolve.h"
#include "SummaryCache.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <tuple>

namespace purpose {
namespace {

/// A summary's positions, in a fixed order, and the summary without them.
struct Shape {
  /// Serialized (as the cache would store it, without the envelope) with
  /// every position at line 0, column 0, and each position written into a
  /// USR replaced by its number, in the order the positions first appear:
  /// everything else the solve reads. Those are Clang's byte offset of a
  /// function-local entity and our lambda position; code moved above a
  /// lambda moves them, and they are names to the solve, not positions.
  std::string Bytes;
  /// Every position, in the order written (summaryShape).
  std::vector<SourcePos> Positions;
  /// Each USR that holds a position, in the order they first appear. Of two
  /// shapes with the same Bytes, these differ exactly where a USR position
  /// does.
  std::vector<std::string> PositionedUsrs;
  /// False when a string of the summary is not valid UTF-8 (summaryShape):
  /// such a shape equals none, so the summary is solved every time.
  bool Comparable = true;
};

/// The marker that stands for a position in a USR, followed by its number:
/// a control character, which the writer escapes and so never writes
/// itself.
constexpr char UsrPositionMark = '\x01';

/// A position that a USR holds: [Begin, End) in it, and what it is.
struct UsrPosition {
  size_t Begin, End;
  char Kind; ///< 'o': Clang's offset; 'l': our lambda position.
};

/// The positions that \p S holds, if it is a USR ("c:", no spaces: no
/// text the user wrote, such as a reason or a purpose, looks so).
llvm::SmallVector<UsrPosition, 2> usrPositionsIn(llvm::StringRef S) {
  llvm::SmallVector<UsrPosition, 2> Found;
  if (!S.starts_with("c:") || S.contains(' '))
    return Found;
  if (auto [A, B] = clangOffsetIn(S); A != B)
    Found.push_back({A + 1, B, 'o'});
  size_t M = S.rfind(LambdaPositionMarker);
  if (M != llvm::StringRef::npos) {
    size_t A = M + sizeof(LambdaPositionMarker) - 1;
    size_t B = S.find_first_not_of("0123456789:", A);
    B = B == llvm::StringRef::npos ? S.size() : B;
    if (B > A && (Found.empty() || A >= Found.front().End))
      Found.push_back({A, B, 'l'});
  }
  return Found;
}

/// What a USR holding positions is before its first one: two USRs that
/// differ only by their positions have the same.
llvm::StringRef positionedPrefix(llvm::StringRef S,
                                 llvm::ArrayRef<UsrPosition> Found) {
  return S.take_front(Found.front().Begin);
}

/// Calls \p Text with each span of \p Serialized (JSON, as the writer
/// writes it) outside the strings' contents, quotes included, and
/// \p String with each string's contents, in order.
template <typename TextFn, typename StringFn>
void splitJson(llvm::StringRef Serialized, TextFn Text, StringFn String) {
  size_t I = 0;
  while (I < Serialized.size()) {
    size_t Open = std::min(Serialized.find('"', I), Serialized.size());
    Text(Serialized.slice(I, Open + 1));
    if (Open == Serialized.size())
      break;
    // The closing quote: the next one not escaped, that is, not preceded
    // by an odd run of backslashes. Found with find (memchr), as this scans
    // the whole summary on every rebuild.
    size_t Close = Open;
    while (true) {
      Close = std::min(Serialized.find('"', Close + 1), Serialized.size());
      if (Close == Serialized.size())
        break;
      size_t Backslashes = 0;
      while (Close - Backslashes > Open + 1 &&
             Serialized[Close - Backslashes - 1] == '\\')
        ++Backslashes;
      if (Backslashes % 2 == 0)
        break;
    }
    String(Serialized.slice(Open + 1, Close));
    Text(Serialized.slice(Close, Close + 1));
    I = Close + 1;
  }
}

/// Appends \p S, a JSON string's contents, to \p Sh.Bytes, with the
/// positions it holds if it is a USR replaced by their numbers.
void appendNumbered(llvm::StringRef S, Shape &Sh,
                    llvm::StringMap<unsigned> &Numbers,
                    llvm::StringSet<> &Seen) {
  llvm::SmallVector<UsrPosition, 2> Found = usrPositionsIn(S);
  if (Found.empty()) {
    Sh.Bytes += S;
    return;
  }
  if (Seen.insert(S).second)
    Sh.PositionedUsrs.push_back(S.str());
  size_t At = 0;
  for (const UsrPosition &P : Found) {
    // Clang's offset is named with its file ("file.cpp@1234"): offsets in
    // two files are two positions.
    std::string What = P.Kind == 'o' ? ("o" + S.slice(2, P.End)).str()
                                     : ("l" + S.slice(P.Begin, P.End)).str();
    auto It = Numbers.try_emplace(What, Numbers.size()).first;
    Sh.Bytes += S.slice(At, P.Begin);
    Sh.Bytes += UsrPositionMark;
    Sh.Bytes += std::to_string(It->second);
    At = P.End;
  }
  Sh.Bytes += S.substr(At);
}

/// \p Serialized (JSON, as the writer writes it) with the positions in its
/// USRs numbered, into \p Sh.
void numberUsrPositions(llvm::StringRef Serialized, Shape &Sh) {
  llvm::StringMap<unsigned> Numbers;
  llvm::StringSet<> Seen;
  Sh.Bytes.reserve(Serialized.size());
  splitJson(
      Serialized, [&](llvm::StringRef T) { Sh.Bytes += T; },
      [&](llvm::StringRef S) { appendNumbered(S, Sh, Numbers, Seen); });
}

Shape shapeOf(const TUSummary &Live) {
  Shape Sh;
  if (std::optional<std::string> Bytes = summaryShape(Live, Sh.Positions))
    numberUsrPositions(*Bytes, Sh);
  else
    Sh.Comparable = false;
  return Sh;
}

/// The positioned prefixes of every USR in \p Program that holds a
/// position; std::nullopt if an entry's strings cannot be told exactly.
std::optional<llvm::StringSet<>> positionedPrefixes(
    const std::vector<std::shared_ptr<const TUSummary>> &Program) {
  llvm::StringSet<> Out;
  for (const auto &S : Program) {
    std::vector<SourcePos> Positions;
    std::optional<std::string> Bytes = summaryShape(*S, Positions);
    if (!Bytes)
      return std::nullopt;
    splitJson(
        *Bytes, [](llvm::StringRef) {},
        [&](llvm::StringRef Str) {
          llvm::SmallVector<UsrPosition, 2> Found = usrPositionsIn(Str);
          if (!Found.empty())
            Out.insert(positionedPrefix(Str, Found));
        });
  }
  return Out;
}

/// Where the open file's positions moved: old (line, column) -> new.
using PositionMap =
    std::map<std::pair<unsigned, unsigned>, std::pair<unsigned, unsigned>>;

/// The map from \p Old's positions to \p New's, of two summaries with the
/// same Bytes; std::nullopt if a position outside \p File moved (a header
/// changed) or one position of \p File moved to two places.
std::optional<PositionMap> movedPositions(const Shape &Old, const Shape &New,
                                          llvm::StringRef File) {
  PositionMap Map;
  for (size_t I = 0; I < Old.Positions.size(); ++I) {
    const SourcePos &O = Old.Positions[I], &N = New.Positions[I];
    // Equal bytes hold equal files; only line and column differ.
    if (O.File != File) {
      if (O.Line != N.Line || O.Column != N.Column)
        return std::nullopt;
      continue;
    }
    auto [It, Added] =
        Map.try_emplace({O.Line, O.Column}, std::make_pair(N.Line, N.Column));
    if (!Added && It->second != std::make_pair(N.Line, N.Column))
      return std::nullopt;
  }
  return Map;
}

/// \p R with the positions in \p File moved by \p Map; false, with \p R
/// half moved, if one of them is not in the map (a position that the live
/// summary did not give the result: only a solve knows it).
bool movePositions(SolveResult &R, llvm::StringRef File,
                   const PositionMap &Map) {
  auto Move = [&](SourcePos &P) {
    if (P.File != File)
      return true;
    auto It = Map.find({P.Line, P.Column});
    if (It == Map.end())
      return false;
    std::tie(P.Line, P.Column) = It->second;
    return true;
  };
  for (auto *List : {&R.Violations, &R.Declassified, &R.Allowed})
    for (Finding &F : *List) {
      if (!Move(F.OriginPos) || !Move(F.SinkPos) || !Move(F.SinkDeclPos))
        return false;
      for (TraceStep &T : F.Trace)
        if (!Move(T.Pos))
          return false;
    }
  return true;
}

/// What one open file's last solve was made from, and its result.
struct KeptSolve {
  Shape Live;
  /// Held, so that an entry's address is never reused while it is compared.
  std::vector<std::shared_ptr<const TUSummary>> Program;
  SolveResult Result;
  /// positionedPrefixes(Program), once a renaming asks for them.
  std::optional<std::optional<llvm::StringSet<>>> ProgramPrefixes;
};

/// Files kept at most: a few open tabs; beyond that, the oldest goes.
constexpr size_t MaxKeptFiles = 16;

std::mutex KeptMutex;

/// Open file -> its last solve, with the order of use. Never destroyed:
/// clangd's worker threads may still run while static destructors do.
struct KeptSolves {
  std::map<std::string, KeptSolve> ByFile;
  std::vector<std::string> Recent; ///< Least recently used first.
};
KeptSolves &kept() {
  static auto *K = new KeptSolves();
  return *K;
}

void touch(KeptSolves &K, const std::string &File) {
  llvm::erase(K.Recent, File);
  K.Recent.push_back(File);
  if (K.Recent.size() > MaxKeptFiles) {
    K.ByFile.erase(K.Recent.front());
    K.Recent.erase(K.Recent.begin());
  }
}

/// Whether renaming \p K's live USR positions to \p New's (two shapes with
/// the same Bytes) leaves its result what a solve of New gives. Not when a
/// renamed USR could meet a USR of another entry of the program, which
/// could then be the same function or sort the other way: an open header
/// whose lambdas the entries of the files that include it hold too, two
/// files of one name (Clang's offset names only the file), two anonymous
/// namespaces' classes of one name. A former fingerprint holds Clang's
/// offset (Summary.h), so a result with one is solved again when an offset
/// moved.
bool renamingKeeps(KeptSolve &K, const Shape &New) {
  const Shape &Old = K.Live;
  const SolveResult &R = K.Result;
  if (!detail::keepsOrder(Old.PositionedUsrs, New.PositionedUsrs))
    return false;
  if (!K.ProgramPrefixes)
    K.ProgramPrefixes = positionedPrefixes(K.Program);
  if (!*K.ProgramPrefixes)
    return false;
  for (size_t I = 0; I < New.PositionedUsrs.size(); ++I) {
    llvm::StringRef Usr = New.PositionedUsrs[I];
    if (Usr != Old.PositionedUsrs[I] &&
        (*K.ProgramPrefixes)
            ->contains(positionedPrefix(Usr, usrPositionsIn(Usr))))
      return false;
  }
  bool OffsetMoved = false;
  for (size_t I = 0; I < Old.PositionedUsrs.size(); ++I)
    OffsetMoved |= clangOffset(Old.PositionedUsrs[I]) !=
                   clangOffset(New.PositionedUsrs[I]);
  if (OffsetMoved)
    for (auto *List : {&R.Violations, &R.Declassified, &R.Allowed})
      for (const Finding &F : *List)
        if (!F.FormerFingerprint.empty())
          return false;
  return true;
}

/// The kept result for \p Live, moved to its positions, if it serves.
std::optional<SolveResult> keptResult(KeptSolve &K, const Shape &Live,
                                      llvm::StringRef File, EditorReuse &How) {
  if (!K.Live.Comparable || !Live.Comparable || K.Live.Bytes != Live.Bytes)
    return std::nullopt;
  bool Renamed = K.Live.PositionedUsrs != Live.PositionedUsrs;
  if (!Renamed && K.Live.Positions == Live.Positions) {
    How = EditorReuse::Same;
    return K.Result;
  }
  // Errors name what they are about in free text, which is not moved.
  if (!K.Result.Errors.empty())
    return std::nullopt;
  if (Renamed && !renamingKeeps(K, Live))
    return std::nullopt;
  std::optional<PositionMap> Map = movedPositions(K.Live, Live, File);
  if (!Map)
    return std::nullopt;
  SolveResult R = K.Result;
  if (!movePositions(R, File, *Map))
    return std::nullopt;
  How = EditorReuse::Moved;
  return R;
}

} // namespace

std::vector<std::string> detail::jsonStrings(llvm::StringRef Serialized) {
  std::vector<std::string> Out;
  splitJson(
      Serialized, [](llvm::StringRef) {},
      [&](llvm::StringRef S) { Out.push_back(S.str()); });
  return Out;
}

bool detail::keepsOrder(llvm::ArrayRef<std::string> Old,
                        llvm::ArrayRef<std::string> New) {
  assert(Old.size() == New.size());
  std::vector<size_t> Order(Old.size());
  std::iota(Order.begin(), Order.end(), 0);
  llvm::sort(Order, [&](size_t A, size_t B) { return Old[A] < Old[B]; });
  for (size_t I = 1; I < Order.size(); ++I)
    if (!(New[Order[I - 1]] < New[Order[I]]))
      return false;
  // Clang's offsets, by file: "c:file.cpp@1234@...". The file stays, and in
  // each file the offsets keep their order.
  std::vector<std::tuple<llvm::StringRef, unsigned long, unsigned long>>
      Offsets;
  for (size_t I = 0; I < Old.size(); ++I) {
    std::optional<unsigned long> A = clangOffset(Old[I]),
                                 B = clangOffset(New[I]);
    if (!A && !B)
      continue;
    size_t OldAt = clangOffsetIn(Old[I]).first;
    llvm::StringRef File = llvm::StringRef(Old[I]).take_front(OldAt);
    if (!A || !B || !llvm::StringRef(New[I]).starts_with(File) ||
        clangOffsetIn(New[I]).first != OldAt)
      return false;
    Offsets.push_back({File, *A, *B});
  }
  llvm::sort(Offsets);
  for (size_t I = 1; I < Offsets.size(); ++I) {
    auto &[PrevFile, PrevOld, PrevNew] = Offsets[I - 1];
    auto &[File, Was, Is] = Offsets[I];
    // One offset (a lambda's class and its call operator) stays one.
    if (PrevFile == File && (PrevOld == Was ? PrevNew != Is : PrevNew >= Is))
      return false;
  }
  return true;
}

SolveResult solveForEditor(const TUSummary &Live, const CachedProgram &Cached,
                           llvm::StringRef MainPath, EditorReuse *How) {
  Shape LiveShape = shapeOf(Live);
  std::vector<std::shared_ptr<const TUSummary>> Program = Cached.Others;
  if (Cached.OwnHeaders)
    Program.push_back(Cached.OwnHeaders);
  std::string File = MainPath.str();
  {
    std::lock_guard<std::mutex> Lock(KeptMutex);
    auto It = kept().ByFile.find(File);
    EditorReuse Reuse = EditorReuse::Solved;
    if (It != kept().ByFile.end() && It->second.Program == Program)
      if (std::optional<SolveResult> R =
              keptResult(It->second, LiveShape, File, Reuse)) {
        if (Reuse == EditorReuse::Moved) {
          // The moved result is the kept one from now on: the next edit
          // moves from these positions.
          It->second.Live = std::move(LiveShape);
          It->second.Result = *R;
        }
        touch(kept(), File);
        if (How)
          *How = Reuse;
        return std::move(*R);
      }
  }
  // The live analysis comes first: the solver keeps the first summary of a
  // function defined in several TUs, and the cache's are older.
  std::vector<const TUSummary *> TUs{&Live};
  for (const auto &S : Program)
    TUs.push_back(S.get());
  SolveScope Scope;
  Scope.SinkFile = File;
  SolveResult R = solveProgram(TUs, SolverOptions(), Scope);
  if (How)
    *How = EditorReuse::Solved;
  std::lock_guard<std::mutex> Lock(KeptMutex);
  kept().ByFile[File] = {std::move(LiveShape), std::move(Program), R};
  touch(kept(), File);
  return R;
}

} // namespace purpose
