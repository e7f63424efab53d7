//===- InputChecker.h - Are a run's cached summaries current? ---*- C++ -*-===//
//
// The staleness check of a run (docs/cache-format.md, "When an entry is
// used"), done the way git checks its work tree: each distinct input file is
// stat'ed once per run however many TUs read it, and read and digested only
// when its stat is not the one the stat index recorded with its digest.
// Absent shadows are looked up once each, and not at all when their
// directory does not exist; each shared input set is checked once.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_INPUTCHECKER_H
#define PURPOSE_IO_INPUTCHECKER_H

#include "StatIndex.h"
#include "Summary.h"
#include "SummaryCache.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>

namespace purpose {

class InputChecker : public InputProbe, public SharedSetStore {
public:
  /// Looks at files through \p FS when given (an overlay: every file is then
  /// read, since an overlay's stat says nothing of the real file's), else at
  /// the real file system with the shortcut of \p Index (may be null: no
  /// shortcut). \p Index must outlive this object.
  InputChecker(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
               StatIndex *Index);

  /// True iff every input of \p In (its shared set's included) is unchanged;
  /// else false, with \p Why naming the first change.
  bool upToDate(const TUInputs &In, std::string &Why);

  /// The digest of \p Path's contents, memoized per run.
  llvm::ErrorOr<std::string> digest(const std::string &Path) override;
  /// Whether \p Path exists, memoized per run.
  bool exists(const std::string &Path) override;
  /// The memoized stat of a regular file; nullopt for anything else or when
  /// it cannot be looked at (and always through an overlay).
  std::optional<FileStat> fileStat(const std::string &Path) {
    return FS ? std::nullopt : stat(Path).St;
  }

  /// Tells the index the digests that an analysis that began at \p Began
  /// computed of what it parsed (a fresh TUSummary's Inputs.Files), so that
  /// the next run need not read them: each file not yet looked at in this
  /// run is stat'ed now, and recorded if it has not changed since
  /// RacyMargin before \p Began.
  void
  recordAnalyzed(const std::vector<std::pair<std::string, std::string>> &Files,
                 WallTime Began);

  /// SharedSetStore, over the index: a set file whose stat is the one the
  /// index recorded with the set is not parsed, and the set is checked by
  /// the numbers of its paths, each path looked at once per run.
  WallTime now() override { return Now(); }
  std::optional<FileStat> statOf(int FD) override { return FileStat::ofFD(FD); }
  std::shared_ptr<const SharedInputs> knownSet(llvm::StringRef Path,
                                               const FileStat &St,
                                               llvm::StringRef SourceRoot,
                                               llvm::StringRef Id) override;
  void parsedSet(llvm::StringRef Path, const std::optional<FileStat> &St,
                 WallTime SeenAt, llvm::StringRef SourceRoot,
                 std::shared_ptr<const SharedInputs> Set) override;

  /// What the run did to the file system, for tests and --timings.
  struct Counts {
    std::atomic<unsigned> Stats{0};      ///< stat(2) calls, exists() included.
    std::atomic<unsigned> Reads{0};      ///< Files read to digest them.
    std::atomic<unsigned> SetsParsed{0}; ///< Shared set files parsed.
    std::atomic<unsigned> SetsFromIndex{0}; ///< Taken from the index.
  };
  const Counts &counts() const { return N; }

  /// The wall clock that a read's time is taken from; tests move it ahead
  /// so that files they just wrote count as old enough to record.
  std::function<WallTime()> Now = [] {
    return std::chrono::system_clock::now();
  };

private:
  /// What the one stat of a path in this run said.
  struct Looked {
    bool Exists = false;
    std::optional<FileStat> St; ///< For a regular file.
  };
  /// A share of the paths (hashed: a Qt library's TUs name tens of
  /// thousands each), with its lock.
  struct StatShard {
    std::mutex M;
    llvm::StringMap<Looked> Stats;
    llvm::StringMap<llvm::ErrorOr<std::string>> Digests;
  };
  /// The memoized stat of \p Path; the caller holds \p S's lock.
  Looked statLocked(StatShard &S, const std::string &Path);
  Looked stat(const std::string &Path);
  /// Reads \p Path and digests it; records it in the index when the file
  /// did not change while it was read.
  llvm::ErrorOr<std::string> readDigest(const std::string &Path,
                                        const std::optional<FileStat> &St);

  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS; ///< Null: the real one.
  StatIndex *Index;
  std::mutex M;
  /// The stats and digests, in shards by the path's hash; a path is
  /// stat'ed and read under its shard's lock, so at most once however many
  /// workers ask at once.
  static constexpr size_t NumShards = 64;
  std::array<StatShard, NumShards> StatShards;
  StatShard &shardOf(llvm::StringRef Path);
  llvm::StringMap<bool> Exists; ///< Through FS only.
  /// Paths that recordAnalyzed has stat'ed.
  llvm::StringSet<> AnalyzedSeen;
  /// The check of a set that the index knew, by its paths' numbers.
  bool setUpToDate(const StatIndex::SetIds &Set, std::string &Why);
  /// Shared input set id -> its numbered paths, for the sets the index knew.
  std::map<std::string, std::shared_ptr<const StatIndex::SetIds>, std::less<>>
      KnownSets;
  /// Per number of the index's path table: 0 not yet looked at, 1 absent,
  /// 2 exists.
  std::unique_ptr<std::atomic<uint8_t>[]> ExistsById;
  /// Shared input set id -> "" when up to date, else why not.
  std::map<std::string, std::string, std::less<>> SharedChecked;
  Counts N;
};

} // namespace purpose

#endif
