//===- SummaryCache.cpp - Per-TU summaries on disk ------------------------===//
//
// The cache directory and staleness checks. The entry format itself is
// written by SummaryWriter.cpp and read by SummaryReader.cpp, both driven by
// the schema of SummarySchema.h.
//
//===----------------------------------------------------------------------===//
#include "SummaryCache.h"
#include "FileUtil.h"
#include "JsonTree.h"
#include "LLVMCompat.h"
#include "SummaryFormat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <fcntl.h>
#include <map>
#include <mutex>
#include <tuple>
#include <unistd.h>

namespace purpose {

using llvm::StringRef;

static llvm::Error fileError(StringRef Path, const llvm::Twine &Msg) {
  return makePositionedError(PolicyPos{Path.str(), 0, 0}, Msg);
}

std::string contentDigest(StringRef Data) {
  return llvm::utohexstr(llvm::xxh3_64bits(Data), /*LowerCase=*/true,
                         /*Width=*/16);
}

/// Shared input sets already read: many entries name the same one.
struct SummaryCache::SharedMemo {
  std::mutex M;
  std::map<std::string, std::shared_ptr<const SharedInputs>, std::less<>> Sets;
  SharedSetStore *Store = nullptr;
};

void SummaryCache::setSharedSetStore(SharedSetStore *Store) const {
  std::lock_guard<std::mutex> L(Memo->M);
  Memo->Store = Store;
}

SummaryCache::SummaryCache(std::string Dir, std::string SourceRoot)
    : Dir(std::move(Dir)), SourceRoot(std::move(SourceRoot)),
      Memo(std::make_shared<SharedMemo>()) {}

/// CACHE_DIR/vN, or vN-llvmMAJOR in a build against another LLVM than 19
/// (LLVMCompat.h, CacheDirSuffix).
static std::string versionDir(StringRef Dir) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "v" + llvm::Twine(CacheFormatVersion) +
                                 compat::CacheDirSuffix);
  return std::string(P);
}

std::string SummaryCache::entryPath(StringRef MainFile) const {
  std::string Key = CachePaths(SourceRoot).toStored(MainFile);
  llvm::SmallString<256> P(versionDir(Dir));
  llvm::sys::path::append(P, contentDigest(Key) + ".json");
  return std::string(P);
}

std::string SummaryCache::sharedInputsPath(StringRef Id) const {
  llvm::SmallString<256> P(versionDir(Dir));
  llvm::sys::path::append(P, "inputs-" + Id + ".json");
  return std::string(P);
}

std::string SummaryCache::statIndexPath() const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "stat-index-v1");
  return std::string(P);
}

/// An id is what contentDigest gives: 16 lower-case hex digits. Anything
/// else would name a file outside the cache or none at all.
static bool isDigest(StringRef Id) {
  return Id.size() == 16 && llvm::all_of(Id, [](char C) {
           return llvm::isDigit(C) || (C >= 'a' && C <= 'f');
         });
}

bool isEntryFileName(StringRef Name) {
  return Name.size() == 21 && Name.ends_with(".json") &&
         isDigest(Name.drop_back(5));
}

llvm::Expected<std::shared_ptr<const SharedInputs>>
SummaryCache::sharedInputs(StringRef Id) const {
  if (!isDigest(Id))
    return llvm::createStringError("malformed shared input set id '" + Id +
                                   "'");
  SharedSetStore *Store;
  {
    std::lock_guard<std::mutex> L(Memo->M);
    auto It = Memo->Sets.find(Id);
    if (It != Memo->Sets.end())
      return It->second;
    Store = Memo->Store;
  }
  std::string Path = sharedInputsPath(Id);
  if (Store)
    return sharedInputsThrough(*Store, Id, Path);
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return llvm::createStringError("cannot read shared input set '" + Path +
                                   "': " + Buf.getError().message());
  auto Set = parseSharedInputs((*Buf)->getBuffer(), SourceRoot, Id, Path);
  if (!Set)
    return Set.takeError();
  auto Shared = std::make_shared<const SharedInputs>(std::move(*Set));
  std::lock_guard<std::mutex> L(Memo->M);
  // Another thread may have read it meanwhile: keep one object per id.
  return Memo->Sets.emplace(Id, std::move(Shared)).first->second;
}

llvm::Expected<std::shared_ptr<const SharedInputs>>
SummaryCache::sharedInputsThrough(SharedSetStore &Store, StringRef Id,
                                  const std::string &Path) const {
  auto Fail = [&](std::error_code EC) {
    return llvm::createStringError("cannot read shared input set '" + Path +
                                   "': " + EC.message());
  };
  auto Keep = [&](std::shared_ptr<const SharedInputs> Shared) {
    std::lock_guard<std::mutex> L(Memo->M);
    return Memo->Sets.emplace(Id, std::move(Shared)).first->second;
  };
  WallTime SeenAt = Store.now();
  int FD = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return Fail(std::error_code(errno, std::generic_category()));
  // The store knows the set while the file's stat is the one it recorded:
  // then the file is not parsed.
  std::optional<FileStat> St = Store.statOf(FD);
  if (St)
    if (auto Known = Store.knownSet(Path, *St, SourceRoot, Id)) {
      ::close(FD);
      return Keep(std::move(Known));
    }
  auto Buf = llvm::MemoryBuffer::getOpenFile(FD, Path, /*FileSize=*/-1,
                                             /*RequiresNullTerminator=*/false);
  if (!Buf) {
    ::close(FD);
    return Fail(Buf.getError());
  }
  std::optional<FileStat> After = Store.statOf(FD);
  ::close(FD);
  auto Set = parseSharedInputs((*Buf)->getBuffer(), SourceRoot, Id, Path);
  if (!Set)
    return Set.takeError();
  auto Shared = std::make_shared<const SharedInputs>(std::move(*Set));
  Store.parsedSet(Path, St && After && *St == *After ? St : std::nullopt,
                  SeenAt, SourceRoot, Shared);
  return Keep(std::move(Shared));
}

/// Reads and checks the entry at \p Path, which must be where an entry for
/// its own main file belongs.
static llvm::Expected<TUSummary> readEntry(const SummaryCache &Cache,
                                           StringRef Path, StringRef SourceRoot,
                                           std::string *Checksum = nullptr) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return fileError(Path,
                     "cannot read cache entry: " + Buf.getError().message());
  auto S = parseSummary((*Buf)->getBuffer(), SourceRoot, Path,
                        [&](StringRef Id) { return Cache.sharedInputs(Id); });
  if (!S)
    return S.takeError();
  if (Cache.entryPath(S->MainFile) != Path)
    return fileError(Path, "cache entry holds the summary of '" + S->MainFile +
                               "', which belongs elsewhere");
  // Parsed, so the checksum was verified.
  if (Checksum)
    *Checksum = entryChecksum((*Buf)->getBuffer()).str();
  return S;
}

llvm::Expected<std::optional<TUSummary>>
SummaryCache::load(StringRef MainFile, std::string *Checksum) const {
  std::string Path = entryPath(MainFile);
  if (!llvm::sys::fs::exists(Path))
    return std::optional<TUSummary>();
  auto S = readEntry(*this, Path, SourceRoot, Checksum);
  if (!S)
    return S.takeError();
  return std::optional<TUSummary>(std::move(*S));
}

SummaryCache::HeadRead SummaryCache::loadHead(StringRef MainFile,
                                              EntryHead &Out) const {
  std::string Path = entryPath(MainFile);
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return Buf.getError() == std::errc::no_such_file_or_directory
               ? HeadRead::Missing
               : HeadRead::Unreadable;
  std::optional<EntryHead> H =
      readEntryHead((*Buf)->getBuffer(), SourceRoot,
                    [&](StringRef Id) { return sharedInputs(Id); });
  if (!H || entryPath(H->MainFile) != Path)
    return HeadRead::Unreadable;
  Out = std::move(*H);
  return HeadRead::Read;
}

llvm::Error SummaryCache::store(const TUSummary &S,
                                std::string *Checksum) const {
  std::string Path = entryPath(S.MainFile);
  std::string VDir = versionDir(Dir);
  if (std::error_code EC = llvm::sys::fs::create_directories(VDir))
    return llvm::createStringError("cannot write '" + Path +
                                   "': cannot create directory '" + VDir +
                                   "': " + EC.message());
  SerializedSummary Out = serializeSummary(S, SourceRoot);
  // The shared set first, so that an entry never names a set that is not
  // there. It is content-addressed: an existing file with its name holds the
  // same bytes unless damaged, and a damaged one is replaced.
  if (!Out.SharedId.empty()) {
    std::string SetPath = sharedInputsPath(Out.SharedId);
    auto Existing =
        llvm::MemoryBuffer::getFile(SetPath, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    if (!Existing || (*Existing)->getBuffer() != Out.SharedText)
      if (llvm::Error E = writeFileAtomically(
              SetPath, [&](llvm::raw_ostream &OS) { OS << Out.SharedText; }))
        return E;
  }
  if (llvm::Error E = writeFileAtomically(
          Path, [&](llvm::raw_ostream &OS) { OS << Out.Entry; }))
    return E;
  if (Checksum)
    *Checksum = entryChecksum(Out.Entry).str();
  return llvm::Error::success();
}

std::vector<TUSummary>
SummaryCache::loadAll(std::vector<std::string> &Damaged) const {
  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(versionDir(Dir), EC), End;
       It != End && !EC; It.increment(EC)) {
    StringRef Name = llvm::sys::path::filename(It->path());
    if (isEntryFileName(Name))
      Paths.push_back(It->path());
  }
  llvm::sort(Paths);

  std::vector<std::pair<std::string, TUSummary>> Read;
  for (const std::string &Path : Paths) {
    auto S = readEntry(*this, Path, SourceRoot);
    if (!S) {
      Damaged.push_back(llvm::toString(S.takeError()));
      continue;
    }
    Read.emplace_back(Path, std::move(*S));
  }
  llvm::sort(Read, [](const auto &L, const auto &R) {
    return std::tie(L.second.MainFile, L.first) <
           std::tie(R.second.MainFile, R.first);
  });
  std::vector<TUSummary> Out;
  Out.reserve(Read.size());
  for (auto &[Path, S] : Read)
    Out.push_back(std::move(S));
  return Out;
}

llvm::ErrorOr<std::string> InputProbe::digest(const std::string &Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return Buf.getError();
  return contentDigest((*Buf)->getBuffer());
}

bool InputProbe::exists(const std::string &Path) {
  return llvm::sys::fs::exists(Path);
}

bool inputsUpToDate(
    const std::vector<std::pair<std::string, std::string>> &Files,
    const std::vector<std::string> &AbsentShadows, std::string &Why,
    InputProbe &Probe) {
  for (const auto &[Path, Digest] : Files) {
    llvm::ErrorOr<std::string> Now = Probe.digest(Path);
    if (!Now) {
      Why = "'" + Path + "' cannot be read: " + Now.getError().message();
      return false;
    }
    if (*Now != Digest) {
      Why = "'" + Path + "' changed";
      return false;
    }
  }
  for (const std::string &Path : AbsentShadows)
    if (Probe.exists(Path)) {
      Why = "'" + Path + "' now shadows an included header";
      return false;
    }
  return true;
}

bool inputsUpToDate(const TUInputs &In, std::string &Why, InputProbe &Probe) {
  return inputsUpToDate(In.Files, In.AbsentShadows, Why, Probe) &&
         (!In.Shared || inputsUpToDate(In.Shared->Files,
                                       In.Shared->absentShadows(), Why, Probe));
}

bool inputsUpToDate(const TUInputs &In, std::string &Why) {
  InputProbe Fresh;
  return inputsUpToDate(In, Why, Fresh);
}

} // namespace purpose
