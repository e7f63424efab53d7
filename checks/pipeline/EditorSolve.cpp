//===- EditorSolve.cpp ----------------------------------------------------===//
#include "EditorSolve.h"
#include "SummaryCache.h"
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

namespace purpose {
namespace {

/// A summary's positions, in a fixed order, and the summary without them.
struct Shape {
  /// Serialized (as the cache would store it) with every position visited
  /// below at line 0, column 0: everything else the solve reads.
  std::string Bytes;
  std::vector<SourcePos> Positions;
};

/// Calls \p Fn on every position of \p S. One the visit misses stays in
/// Shape::Bytes, so that moving it makes a new program: a miss costs a
/// solve, never a wrong position.
template <typename FnT> void forEachPosition(TUSummary &S, FnT Fn) {
  for (FunctionSummary &F : S.Functions) {
    Fn(F.Pos);
    for (CallSite &C : F.Calls)
      Fn(C.Pos);
    for (FlowEdge &E : F.Edges)
      for (TraceStep &T : E.Steps)
        Fn(T.Pos);
  }
  for (auto &[USR, D] : S.Decls)
    Fn(D.Pos);
  for (TraceStep &T : S.AnnotationFindings)
    Fn(T.Pos);
}

Shape shapeOf(const TUSummary &Live) {
  Shape Sh;
  TUSummary Copy = Live;
  forEachPosition(Copy, [&](SourcePos &P) {
    Sh.Positions.push_back(P);
    P.Line = P.Column = 0;
  });
  Sh.Bytes = serializeSummary(Copy, "").Entry;
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

/// The kept result for \p Live, moved to its positions, if it serves.
std::optional<SolveResult> keptResult(const KeptSolve &K, const Shape &Live,
                                      llvm::StringRef File, EditorReuse &How) {
  if (K.Live.Bytes != Live.Bytes)
    return std::nullopt;
  if (K.Live.Positions == Live.Positions) {
    How = EditorReuse::Same;
    return K.Result;
  }
  // Errors name what they are about in free text, which is not moved.
  if (!K.Result.Errors.empty())
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
