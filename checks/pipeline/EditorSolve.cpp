//===- EditorSolve.cpp ----------------------------------------------------===//
#include "EditorSolve.h"
#include "SummaryCache.h"
#include <map>
#include <mutex>

namespace purpose {
namespace {

/// What one open file's last solve was made from, and its result.
struct KeptSolve {
  std::string LiveBytes;
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

} // namespace

SolveResult solveForEditor(const TUSummary &Live, const CachedProgram &Cached,
                           llvm::StringRef MainPath, bool *Reused) {
  // The serialized form holds everything the solve reads (a warm CLI run
  // solves from it), positions included.
  std::string LiveBytes = serializeSummary(Live, "").Entry;
  std::vector<std::shared_ptr<const TUSummary>> Program = Cached.Others;
  if (Cached.OwnHeaders)
    Program.push_back(Cached.OwnHeaders);
  std::string File = MainPath.str();
  {
    std::lock_guard<std::mutex> Lock(KeptMutex);
    auto It = kept().ByFile.find(File);
    if (It != kept().ByFile.end() && It->second.LiveBytes == LiveBytes &&
        It->second.Program == Program) {
      touch(kept(), File);
      if (Reused)
        *Reused = true;
      return It->second.Result;
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
  if (Reused)
    *Reused = false;
  std::lock_guard<std::mutex> Lock(KeptMutex);
  kept().ByFile[File] = {std::move(LiveBytes), std::move(Program), R};
  touch(kept(), File);
  return R;
}

} // namespace purpose
