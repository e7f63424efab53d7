//===- InputChecker.cpp ---------------------------------------------------===//
#include "InputChecker.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <fcntl.h>
#include <unistd.h>

namespace purpose {

InputChecker::InputChecker(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                           StatIndex *Index)
    : FS(std::move(FS)), Index(this->FS ? nullptr : Index) {
  if (this->Index) {
    size_t N = this->Index->paths().size();
    ExistsById = std::make_unique<std::atomic<uint8_t>[]>(N);
    for (size_t I = 0; I < N; ++I)
      ExistsById[I].store(0, std::memory_order_relaxed);
  }
}

std::shared_ptr<const SharedInputs>
InputChecker::knownSet(llvm::StringRef Path, const FileStat &St,
                       llvm::StringRef SourceRoot, llvm::StringRef Id) {
  if (!Index)
    return nullptr;
  std::shared_ptr<const StatIndex::SetIds> Ids;
  {
    std::lock_guard<std::mutex> L(M);
    Ids = Index->lookupSet(Path, St, SourceRoot, Id);
    if (!Ids)
      return nullptr;
    KnownSets.emplace(Ids->Id, Ids);
  }
  ++N.SetsFromIndex;
  // The index's path table does not change while it is in use.
  return std::make_shared<const SharedInputs>(Index->materialize(Ids));
}

void InputChecker::parsedSet(llvm::StringRef Path,
                             const std::optional<FileStat> &St, WallTime SeenAt,
                             llvm::StringRef SourceRoot,
                             std::shared_ptr<const SharedInputs> Set) {
  ++N.SetsParsed;
  if (!Index || !St)
    return;
  std::lock_guard<std::mutex> L(M);
  Index->recordSet(Path, *St, SourceRoot, std::move(Set), SeenAt);
}

bool InputChecker::setUpToDate(const StatIndex::SetIds &Set, std::string &Why) {
  // As inputsUpToDate, in the same order, with the same reasons.
  const std::vector<std::string> &Paths = Index->paths();
  for (const auto &[Id, Digest] : Set.Files) {
    llvm::ErrorOr<std::string> Now = digest(Paths[Id]);
    if (!Now) {
      Why = "'" + Paths[Id] + "' cannot be read: " + Now.getError().message();
      return false;
    }
    if (*Now != Digest) {
      Why = "'" + Paths[Id] + "' changed";
      return false;
    }
  }
  for (uint32_t Id : Set.AbsentShadows) {
    uint8_t E = ExistsById[Id].load(std::memory_order_relaxed);
    if (!E) {
      E = exists(Paths[Id]) ? 2 : 1; // Memoized by path too: one stat.
      ExistsById[Id].store(E, std::memory_order_relaxed);
    }
    if (E == 2) {
      Why = "'" + Paths[Id] + "' now shadows an included header";
      return false;
    }
  }
  return true;
}

bool InputChecker::upToDate(const TUInputs &In, std::string &Why) {
  if (!inputsUpToDate(In.Files, In.AbsentShadows, Why, *this))
    return false;
  if (!In.Shared)
    return true;
  std::shared_ptr<const StatIndex::SetIds> Known;
  {
    std::lock_guard<std::mutex> L(M);
    auto It = SharedChecked.find(In.Shared->Id);
    if (It != SharedChecked.end()) {
      Why = It->second;
      return Why.empty();
    }
    auto K = KnownSets.find(In.Shared->Id);
    if (K != KnownSets.end())
      Known = K->second;
  }
  std::string SharedWhy;
  if (Known ? setUpToDate(*Known, SharedWhy)
            : inputsUpToDate(In.Shared->Files, In.Shared->absentShadows(),
                             SharedWhy, *this))
    SharedWhy.clear();
  std::lock_guard<std::mutex> L(M);
  Why = SharedChecked.emplace(In.Shared->Id, SharedWhy).first->second;
  return Why.empty();
}

InputChecker::StatShard &InputChecker::shardOf(llvm::StringRef Path) {
  return StatShards[llvm::xxh3_64bits(Path) % NumShards];
}

InputChecker::Looked InputChecker::statLocked(StatShard &S,
                                              const std::string &Path) {
  auto [It, New] = S.Stats.try_emplace(Path);
  if (New) {
    It->second.St = FileStat::of(Path, &It->second.Exists);
    ++N.Stats;
  }
  return It->second;
}

InputChecker::Looked InputChecker::stat(const std::string &Path) {
  StatShard &S = shardOf(Path);
  std::lock_guard<std::mutex> L(S.M);
  return statLocked(S, Path);
}

llvm::ErrorOr<std::string>
InputChecker::readDigest(const std::string &Path,
                         const std::optional<FileStat> &St) {
  ++N.Reads;
  WallTime SeenAt = Now();
  int FD = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return std::error_code(errno, std::generic_category());
  auto Buf = llvm::MemoryBuffer::getOpenFile(FD, Path, /*FileSize=*/-1,
                                             /*RequiresNullTerminator=*/false);
  if (!Buf) {
    ::close(FD);
    return Buf.getError();
  }
  std::string D = contentDigest((*Buf)->getBuffer());
  // Unchanged from the stat through the end of the read: what was read is
  // what a file with this stat holds.
  std::optional<FileStat> After = FileStat::ofFD(FD);
  ::close(FD);
  if (Index && St && After && *St == *After) {
    std::lock_guard<std::mutex> L(M);
    Index->record(Path, *St, D, SeenAt);
  }
  return D;
}

llvm::ErrorOr<std::string> InputChecker::digest(const std::string &Path) {
  StatShard &S = shardOf(Path);
  std::lock_guard<std::mutex> L(S.M);
  auto [It, New] = S.Digests.try_emplace(Path, std::string());
  if (!New)
    return It->second;
  if (FS) {
    ++N.Reads;
    auto B = FS->getBufferForFile(Path);
    It->second =
        B ? llvm::ErrorOr<std::string>(contentDigest((*B)->getBuffer()))
          : llvm::ErrorOr<std::string>(B.getError());
    return It->second;
  }
  Looked Now = statLocked(S, Path);
  std::optional<std::string> Known;
  if (Now.St && Index) {
    std::lock_guard<std::mutex> G(M);
    Known = Index->lookup(Path, *Now.St);
  }
  It->second = Known ? llvm::ErrorOr<std::string>(std::move(*Known))
                     : readDigest(Path, Now.St);
  return It->second;
}

bool InputChecker::exists(const std::string &Path) {
  if (!FS) {
    // Most absent shadows lie in directories that do not exist either (a
    // header looked for under each -I directory: <dir>/QtCore/qstring.h),
    // and a directory that is not there holds nothing: its one stat, made
    // once per run, answers for every path under it.
    // (Only the parent: looking further up saves few stats on real code.)
    llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
    if (!Parent.empty() && !stat(Parent.str()).Exists)
      return false;
    return stat(Path).Exists;
  }
  {
    std::lock_guard<std::mutex> L(M);
    auto It = Exists.find(Path);
    if (It != Exists.end())
      return It->second;
  }
  ++N.Stats;
  bool E = FS->exists(Path);
  std::lock_guard<std::mutex> L(M);
  return Exists.try_emplace(Path, E).first->second;
}

void InputChecker::recordAnalyzed(
    const std::vector<std::pair<std::string, std::string>> &Files,
    WallTime Began) {
  if (!Index)
    return;
  for (const auto &[Path, Digest] : Files) {
    {
      StatShard &S = shardOf(Path);
      std::lock_guard<std::mutex> L(S.M);
      // Digested in this run: recorded then, if it could be.
      if (S.Digests.count(Path))
        continue;
    }
    {
      std::lock_guard<std::mutex> L(M);
      // Already recorded for another analysis.
      if (!AnalyzedSeen.insert(Path).second)
        continue;
    }
    // A stat taken now, after the parse: if the file has not changed since
    // before the parse began, the parse read what it holds now.
    Looked Now;
    Now.St = FileStat::of(Path, &Now.Exists);
    ++N.Stats;
    {
      StatShard &S = shardOf(Path);
      std::lock_guard<std::mutex> L(S.M);
      S.Stats[Path] = Now;
    }
    std::lock_guard<std::mutex> L(M);
    if (Now.St)
      Index->record(Path, *Now.St, Digest, Began);
  }
}

} // namespace purpose
