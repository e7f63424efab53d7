//===- StatIndex.h - What stat said of each input ---------------*- C++ -*-===//
//
// The summary cache's index of input files, as git's index: for each file a
// run looked at, what stat(2) said of it (size, modification and change
// times, device and inode) and the xxh3 digest of its contents. While a
// file's stat is what the index recorded, its digest is the recorded one, and
// the file is not read; the digest in the cache entry stays the truth.
//
// The index is machine-local (absolute paths, inode numbers) and lives next
// to the cache's version directories, not in the entries, which stay the same
// bytes in every checkout (docs/cache-format.md, "The stat index"). It is
// only a shortcut: a missing or damaged index reads as empty, and a record
// that does not match is ignored.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_STATINDEX_H
#define PURPOSE_IO_STATINDEX_H

#include "Summary.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace purpose {

/// What stat(2) says of a file. Two equal stats of one path mean, unless
/// they were taken within the file system's timestamp granularity of a
/// change (see StatIndex::trusted), that its contents did not change: any
/// write sets the change time, which cannot be set back.
struct FileStat {
  uint64_t Size = 0;
  int64_t MTimeNs = 0; ///< Since the epoch.
  int64_t CTimeNs = 0;
  uint64_t Dev = 0;
  uint64_t Ino = 0;

  bool operator==(const FileStat &O) const {
    return Size == O.Size && MTimeNs == O.MTimeNs && CTimeNs == O.CTimeNs &&
           Dev == O.Dev && Ino == O.Ino;
  }
  bool operator!=(const FileStat &O) const { return !(*this == O); }

  /// stat(2) of \p Path (following symlinks); std::nullopt when it cannot be
  /// looked at (missing, no permission, ...) or is not a regular file.
  /// \p Exists, when given, says whether anything is at \p Path.
  static std::optional<FileStat> of(const std::string &Path,
                                    bool *Exists = nullptr);
  /// fstat(2) of an open file.
  static std::optional<FileStat> ofFD(int FD);
};

/// The clock that file times are comparable with.
using WallTime = std::chrono::system_clock::time_point;

class StatIndex {
public:
  /// How long after its last change a file's stat is trusted: longer than
  /// the timestamp granularity of the file systems a cache lives on (coarse
  /// kernel clocks, 1 s on some), so that a second write within the same
  /// tick as the recorded one cannot go unnoticed (git's "racy clean").
  static constexpr std::chrono::seconds RacyMargin{2};

  /// The index at \p Path. Empty when it is missing, damaged or of another
  /// version: it is then rebuilt by the run.
  static StatIndex read(llvm::StringRef Path);

  /// The digest recorded for \p Path if it was recorded with exactly \p St;
  /// marks the record as used.
  std::optional<std::string> lookup(llvm::StringRef Path, const FileStat &St);

  /// Records that \p Path, whose stat was \p St at \p SeenAt, then had
  /// contents with \p Digest. Ignored (false) unless trusted(St, SeenAt).
  bool record(llvm::StringRef Path, const FileStat &St, std::string Digest,
              WallTime SeenAt);

  /// True iff \p St may be recorded as seen at \p SeenAt: its file last
  /// changed more than RacyMargin before, so a later write changes the stat.
  static bool trusted(const FileStat &St, WallTime SeenAt);

  /// True when write would write something else than what read read: a
  /// record was added or replaced, or a record read was not used by this
  /// run (the next index keeps only what the run looked at).
  bool changed() const;

  /// Writes the used records atomically. Errors name the path.
  llvm::Error write(llvm::StringRef Path) const;

  size_t size() const { return Records.size(); }

  /// A shared input set as the index keeps it: its inputs as numbers into
  /// the path table of the index that was read (paths()), which does not
  /// change while the index is in use.
  struct SetIds {
    std::string Id;
    std::vector<std::pair<uint32_t, std::string>> Files; ///< Path, digest.
    std::vector<uint32_t> AbsentShadows;
  };
  /// The set recorded for the shared input set file \p Path if it was
  /// recorded with exactly \p St, read against \p SourceRoot, and has id
  /// \p Id; marks the record as used. Null otherwise.
  std::shared_ptr<const SetIds> lookupSet(llvm::StringRef Path,
                                          const FileStat &St,
                                          llvm::StringRef SourceRoot,
                                          llvm::StringRef Id);
  /// The set \p Ids names, with its paths; its absent shadows are
  /// deferred (SharedInputs::deferAbsentShadows) and stay valid after the
  /// index is gone.
  SharedInputs materialize(std::shared_ptr<const SetIds> Ids) const;
  /// The path table of the index as read; SetIds number into it.
  const std::vector<std::string> &paths() const { return *Paths; }

  /// Records that the shared input set file \p Path, whose stat was \p St
  /// from \p SeenAt until after it was read, holds \p Set (paths absolute
  /// against \p SourceRoot). Ignored (false) unless trusted(St, SeenAt).
  bool recordSet(llvm::StringRef Path, const FileStat &St,
                 llvm::StringRef SourceRoot,
                 std::shared_ptr<const SharedInputs> Set, WallTime SeenAt);

  size_t setCount() const { return Sets.size(); }

private:
  struct Record {
    FileStat St;
    std::string Digest;
    bool Used = false;
  };
  /// A shared set file's record: read from the index (Ids), or recorded in
  /// this run (Fresh, numbered when written).
  struct SetRecord {
    FileStat St;
    std::string Root;
    std::shared_ptr<const SetIds> Ids;
    std::shared_ptr<const SharedInputs> Fresh;
    bool Used = false;
  };
  /// What write writes, numbered: the sorted path table, each path's
  /// number in it, the new numbers of the paths of the table read, and the
  /// used records' and sets' paths, sorted.
  struct Layout {
    std::vector<llvm::StringRef> Table;
    llvm::StringMap<uint32_t> IdOf;
    std::vector<uint32_t> NewId;
    std::vector<llvm::StringRef> Names, SetNames;
  };
  Layout layout() const;
  /// Reads a set record (the text after "s "); false if malformed.
  bool readSet(llvm::StringRef Rest);

  llvm::StringMap<Record> Records;
  llvm::StringMap<SetRecord> Sets;
  /// As read; never changed after, and shared with the deferred absent
  /// shadows of the sets materialized from it.
  std::shared_ptr<std::vector<std::string>> Paths =
      std::make_shared<std::vector<std::string>>();
  bool Modified = false;
};

} // namespace purpose

#endif
