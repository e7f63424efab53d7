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
  /// USR replaced by its number in UsrPositions: everything else the solve
  /// reads.
  std::string Bytes;
  /// Every position, in the order written (summaryShape).
  std::vector<SourcePos> Positions;
  /// The positions that USRs hold, in the order they first appear: Clang's
  /// byte offset of a function-local entity ("o" and "file.cpp@1234") and
  /// our lambda position ("l" and "12:5"). Code moved above a lambda moves
  /// them, and they are names to the solve, not positions.
  std::vector<std::string> UsrPositions;
  /// Each USR that holds one, in the order they first appear.
  std::vector<std::string> PositionedUsrs;
};

/// The marker that stands for a position in a USR, followed by its number in
/// Shape::UsrPositions: a control character, which the writer escapes and
/// so never writes itself.
constexpr char UsrPositionMark = '\x01';

/// Appends \p S, a JSON string's contents, to \p Sh.Bytes, with the
/// positions it holds if it is a USR replaced by their numbers.
void appendNumbered(llvm::StringRef S, Shape &Sh,
                    llvm::StringMap<unsigned> &Numbers,
                    llvm::StringSet<> &Seen) {
  if (!S.starts_with("c:")) {
    Sh.Bytes += S;
    return;
  }
  // [begin, end) of each position in S, with what it is.
  llvm::SmallVector<std::tuple<size_t, size_t, std::string>, 2> Found;
  if (auto [A, B] = clangOffsetIn(S); A != B)
    Found.push_back({A + 1, B, ("o" + S.slice(2, B)).str()});
  size_t M = S.rfind(LambdaPositionMarker);
  if (M != llvm::StringRef::npos) {
    size_t A = M + sizeof(LambdaPositionMarker) - 1;
    size_t B = S.find_first_not_of("0123456789:", A);
    B = B == llvm::StringRef::npos ? S.size() : B;
    if (B > A && (Found.empty() || A >= std::get<1>(Found.front())))
      Found.push_back({A, B, ("l" + S.slice(A, B)).str()});
  }
  if (Found.empty()) {
    Sh.Bytes += S;
    return;
  }
  if (Seen.insert(S).second)
    Sh.PositionedUsrs.push_back(S.str());
  size_t At = 0;
  for (auto &[A, B, What] : Found) {
    auto [It, Added] = Numbers.try_emplace(What, Sh.UsrPositions.size());
    if (Added)
      Sh.UsrPositions.push_back(What);
    Sh.Bytes += S.slice(At, A);
    Sh.Bytes += UsrPositionMark;
    Sh.Bytes += std::to_string(It->second);
    At = B;
  }
  Sh.Bytes += S.substr(At);
}

/// \p Serialized (JSON, as the writer writes it) with the positions in its
/// USRs numbered, into \p Sh.
void numberUsrPositions(llvm::StringRef Serialized, Shape &Sh) {
  llvm::StringMap<unsigned> Numbers;
  llvm::StringSet<> Seen;
  Sh.Bytes.reserve(Serialized.size());
  size_t I = 0;
  while (I < Serialized.size()) {
    size_t Open = Serialized.find('"', I);
    if (Open == llvm::StringRef::npos)
      Open = Serialized.size();
    Sh.Bytes += Serialized.slice(I, Open + 1);
    if (Open == Serialized.size())
      break;
    size_t Close = Open + 1;
    while (Close < Serialized.size() && Serialized[Close] != '"')
      Close += Serialized[Close] == '\\' ? 2 : 1;
    Close = std::min(Close, Serialized.size());
    appendNumbered(Serialized.slice(Open + 1, Close), Sh, Numbers, Seen);
    Sh.Bytes += Serialized.slice(Close, Close + 1);
    I = Close + 1;
  }
}

Shape shapeOf(const TUSummary &Live) {
  Shape Sh;
  numberUsrPositions(summaryShape(Live, Sh.Positions), Sh);
  return Sh;
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

/// Whether renaming \p Old's USR positions to \p New's (two shapes with
/// the same Bytes) leaves \p R, solved from Old, what a solve of New gives.
/// A former fingerprint holds Clang's offset (Summary.h), so a result with
/// one is solved again when an offset moved.
bool renamingKeeps(const Shape &Old, const Shape &New, const SolveResult &R) {
  if (!detail::keepsOrder(Old.PositionedUsrs, New.PositionedUsrs))
    return false;
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
std::optional<SolveResult> keptResult(const KeptSolve &K, const Shape &Live,
                                      llvm::StringRef File, EditorReuse &How) {
  if (K.Live.Bytes != Live.Bytes)
    return std::nullopt;
  bool Renamed = K.Live.UsrPositions != Live.UsrPositions;
  if (!Renamed && K.Live.Positions == Live.Positions) {
    How = EditorReuse::Same;
    return K.Result;
  }
  // Errors name what they are about in free text, which is not moved.
  if (!K.Result.Errors.empty())
    return std::nullopt;
  if (Renamed && !renamingKeeps(K.Live, Live, K.Result))
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
