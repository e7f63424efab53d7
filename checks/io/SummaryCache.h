//===- SummaryCache.h - Per-TU summaries on disk ----------------*- C++ -*-===//
//
// The persistent cache of TUSummary, one file per translation unit, in a
// documented, versioned format (docs/cache-format.md). Paths inside an entry
// are stored relative to a source root, so that caches made in different
// checkouts and on different machines merge; they are absolute in memory.
//
// Entries are written atomically (temporary file + rename), so concurrent
// writers and interrupted runs never leave a partial entry. An entry that is
// not byte for byte in the form serializeSummary writes (truncated, corrupt,
// of another version, or rewritten by another tool) is a miss: reading it
// gives a one-line error that names the first byte that differs, and
// callers re-analyze the TU.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_SUMMARYCACHE_H
#define PURPOSE_IO_SUMMARYCACHE_H

#include "StatIndex.h"
#include "Summary.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/ErrorOr.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace purpose {

/// The cache format version; bump on any change to the entry layout.
constexpr int CacheFormatVersion = 4;

/// A summary as stored: its entry, and the shared input set that the entry
/// names (docs/cache-format.md). Deterministic: same summary, same bytes.
struct SerializedSummary {
  std::string Entry;
  /// The set's id, "" when the TU read nothing outside the source root.
  std::string SharedId;
  /// The set's file contents (with SharedId).
  std::string SharedText;
  /// Whether a string of the entry was not valid UTF-8 and had bytes
  /// replaced: the entry does not read back as the summary it was written
  /// from (a path so written looks changed, so the TU is analyzed again).
  bool Lossy = false;
};

/// Serializes \p S: paths under \p SourceRoot relative to it; the input
/// files outside it and every absent shadow (of Inputs and of Inputs.Shared
/// alike) in the shared set.
SerializedSummary serializeSummary(const TUSummary &S,
                                   llvm::StringRef SourceRoot);

/// \p S as its entry's payload would be written, paths as they are, with
/// every position written as line 0, column 0 and appended to \p Positions
/// in the order written: all that a solve reads of \p S but its positions,
/// and those (the editor's kept solve compares them; EditorSolve.cpp).
/// std::nullopt when a string is not valid UTF-8: the writer replaces such
/// bytes, so two different summaries could look the same.
std::optional<std::string> summaryShape(const TUSummary &S,
                                        std::vector<SourcePos> &Positions);

/// The start of an entry: what decides whether it is current, and the
/// checksum that names its contents (docs/cache-format.md).
struct EntryHead {
  std::string Checksum;
  std::string MainFile;
  TUInputs Inputs;
};

/// Finds the shared input set that an entry names by its id; an error when
/// it is missing or damaged.
using SharedInputsResolver =
    llvm::function_ref<llvm::Expected<std::shared_ptr<const SharedInputs>>(
        llvm::StringRef Id)>;

/// Parses an entry that serializeSummary wrote, in one pass; paths are made
/// absolute against \p SourceRoot and the shared set comes from \p Resolve.
/// Anything else (another version, a checksum mismatch, any difference from
/// the writer's bytes, a shared set that cannot be resolved) is the error
/// "NAME: error: corrupt entry: expected ... at offset N", one line.
llvm::Expected<TUSummary> parseSummary(llvm::StringRef Contents,
                                       llvm::StringRef SourceRoot,
                                       llvm::StringRef Name,
                                       SharedInputsResolver Resolve);

/// Parses a shared input set's file as serializeSummary writes it, paths made
/// absolute against \p SourceRoot; its checksum must be \p Id. Errors are
/// one line, "NAME: error: corrupt shared input set: ...".
llvm::Expected<SharedInputs> parseSharedInputs(llvm::StringRef Contents,
                                               llvm::StringRef SourceRoot,
                                               llvm::StringRef Id,
                                               llvm::StringRef Name);

/// True for the file name of an entry, "<16 hex digits>.json"; false for
/// shared input sets ("inputs-ID.json") and writers' temporary files.
bool isEntryFileName(llvm::StringRef Name);

/// The shared input sets a run knew before (the stat index's records of
/// them, docs/cache-format.md "The stat index"): SummaryCache asks it before
/// it parses a set file, and tells it what it parsed.
class SharedSetStore {
public:
  virtual ~SharedSetStore() = default;
  /// The wall clock that a read's time is taken from.
  virtual WallTime now() = 0;
  /// FileStat::ofFD (here, so that readers of entries alone need not link
  /// the stat index).
  virtual std::optional<FileStat> statOf(int FD) = 0;
  /// The set \p Id, paths absolute against \p SourceRoot, if the store
  /// knows that the file \p Path holds it while its stat is \p St.
  virtual std::shared_ptr<const SharedInputs>
  knownSet(llvm::StringRef Path, const FileStat &St, llvm::StringRef SourceRoot,
           llvm::StringRef Id) = 0;
  /// \p Path was parsed into \p Set; its stat was \p St from \p SeenAt
  /// until after the read (std::nullopt: it changed, or cannot be told).
  virtual void parsedSet(llvm::StringRef Path,
                         const std::optional<FileStat> &St, WallTime SeenAt,
                         llvm::StringRef SourceRoot,
                         std::shared_ptr<const SharedInputs> Set) = 0;
};

class SummaryCache {
public:
  /// \p Dir is created on first store.
  SummaryCache(std::string Dir, std::string SourceRoot);

  const std::string &dir() const { return Dir; }

  /// The entry file for the TU whose main file is \p MainFile (absolute):
  /// DIR/v<version>/<xxh3 of the root-relative path>.json
  std::string entryPath(llvm::StringRef MainFile) const;

  /// The cached summary of \p MainFile: std::nullopt if there is none, an
  /// error if the entry is damaged.
  /// \p Checksum, if given, gets the entry's checksum.
  llvm::Expected<std::optional<TUSummary>>
  load(llvm::StringRef MainFile, std::string *Checksum = nullptr) const;

  /// Reads into \p Out the head of \p MainFile's entry, its functions
  /// left unread: Read when the entry is intact, Missing when there is
  /// none, Unreadable otherwise (load then says what is wrong).
  enum class HeadRead { Read, Missing, Unreadable };
  HeadRead loadHead(llvm::StringRef MainFile, EntryHead &Out) const;

  /// Writes \p S atomically. Errors name the path. \p Checksum, if given,
  /// gets the checksum of the entry written.
  llvm::Error store(const TUSummary &S, std::string *Checksum = nullptr) const;

  /// Every readable entry in the cache, sorted by main file. Damaged entries
  /// are skipped and named in \p Damaged.
  std::vector<TUSummary> loadAll(std::vector<std::string> &Damaged) const;

  /// DIR/v<version>/inputs-<Id>.json
  std::string sharedInputsPath(llvm::StringRef Id) const;

  /// DIR/stat-index-v1: the stat index of the inputs (StatIndex.h), which
  /// is machine-local and independent of the entries' format version.
  std::string statIndexPath() const;

  /// The shared input set \p Id, read once per SummaryCache object (and its
  /// copies) however many entries name it.
  llvm::Expected<std::shared_ptr<const SharedInputs>>
  sharedInputs(llvm::StringRef Id) const;

  /// Asks \p Store (null: none) before parsing a shared input set, for
  /// this object and its copies. \p Store must outlive its use.
  void setSharedSetStore(SharedSetStore *Store) const;

private:
  struct SharedMemo;
  /// sharedInputs through \p Store.
  llvm::Expected<std::shared_ptr<const SharedInputs>>
  sharedInputsThrough(SharedSetStore &Store, llvm::StringRef Id,
                      const std::string &Path) const;
  std::string Dir;
  std::string SourceRoot;
  std::shared_ptr<SharedMemo> Memo;
};

/// How the inputs are looked at on disk. This one reads afresh each time;
/// the driver's memoizes per run, since many TUs share headers.
class InputProbe {
public:
  virtual ~InputProbe() = default;
  /// contentDigest of the file, or why it cannot be read.
  virtual llvm::ErrorOr<std::string> digest(const std::string &Path);
  virtual bool exists(const std::string &Path);
};

/// True iff each of \p Files has its digest and none of \p AbsentShadows
/// exists now. \p Why names the first change.
bool inputsUpToDate(
    const std::vector<std::pair<std::string, std::string>> &Files,
    const std::vector<std::string> &AbsentShadows, std::string &Why,
    InputProbe &Probe);

/// The same for every input of \p In, its shared set included.
bool inputsUpToDate(const TUInputs &In, std::string &Why, InputProbe &Probe);
bool inputsUpToDate(const TUInputs &In, std::string &Why);

/// xxh3 hex digest of \p Data (16 lower-case hex digits).
std::string contentDigest(llvm::StringRef Data);

} // namespace purpose

#endif
