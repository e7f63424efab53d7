//===- ProgramLoader.cpp --------------------------------------------------===//
#include "ProgramLoader.h"
#include "FileUtil.h"
#include "SummaryCache.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <mutex>
#include <set>

namespace purpose {
namespace {

/// One parsed cache entry, valid while its file keeps size and mtime.
struct MemoEntry {
  FileStamp Stamp;
  std::string Root;
  std::shared_ptr<const TUSummary> Summary; ///< Null if damaged.
  std::string Error;
  /// withoutFile(*Summary, Summary->MainFile), made on first need.
  std::shared_ptr<const TUSummary> OwnHeaders;
};

std::mutex MemoMutex;

/// Entry file path -> parsed entry. Never destroyed: clangd's worker threads
/// may still run while static destructors do.
std::map<std::string, MemoEntry> &memo() {
  static auto *M = new std::map<std::string, MemoEntry>();
  return *M;
}

/// Reads \p Path into \p E unless \p E already holds what is on disk.
void refresh(const SummaryCache &Cache, const std::string &Path,
             const llvm::sys::fs::file_status &St, llvm::StringRef Root,
             MemoEntry &E) {
  FileStamp Now = FileStamp::of(St);
  if (E.Root == Root && E.Stamp == Now && (E.Summary || !E.Error.empty()))
    return;
  E = MemoEntry();
  E.Root = Root.str();
  E.Stamp = Now;
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf) {
    E.Error = Path + ": " + Buf.getError().message();
    return;
  }
  llvm::Expected<TUSummary> S =
      parseSummary((*Buf)->getBuffer(), Root, Path,
                   [&](llvm::StringRef Id) { return Cache.sharedInputs(Id); });
  if (!S) {
    E.Error = llvm::toString(S.takeError());
    return;
  }
  E.Summary = std::make_shared<const TUSummary>(std::move(*S));
}

/// contentDigest of a file, memoized by size and modification time.
std::string currentDigest(const std::string &Path) {
  static std::mutex M;
  static auto *Digests =
      new std::map<std::string, std::pair<FileStamp, std::string>>();
  FileStamp Now = FileStamp::of(Path);
  if (!Now.Exists)
    return "";
  {
    std::lock_guard<std::mutex> L(M);
    auto It = Digests->find(Path);
    if (It != Digests->end() && It->second.first == Now)
      return It->second.second;
  }
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  std::string D = Buf ? contentDigest((*Buf)->getBuffer()) : "";
  std::lock_guard<std::mutex> L(M);
  (*Digests)[Path] = {Now, D};
  return D;
}

/// The digest \p S recorded for \p File when it was analyzed, or "".
std::string recordedDigest(const TUSummary &S, llvm::StringRef File) {
  for (const auto &[Path, Digest] : S.Inputs.Files)
    if (Path == File)
      return Digest;
  if (S.Inputs.Shared)
    for (const auto &[Path, Digest] : S.Inputs.Shared->Files)
      if (Path == File)
        return Digest;
  return "";
}

/// "'a', 'b' and 3 more".
std::string nameList(const std::vector<std::string> &Names) {
  std::string Out;
  size_t Shown = std::min<size_t>(Names.size(), 3);
  for (size_t I = 0; I < Shown; ++I)
    Out += (I ? ", '" : "'") + Names[I] + "'";
  if (Names.size() > Shown)
    Out += " and " + std::to_string(Names.size() - Shown) + " more";
  return Out;
}

/// The functions that a cached program defines. Hashed: thousands of
/// functions, indexed on every rebuild in the editor.
struct DefinedIndex {
  /// Where each function is defined: the entry that holds it.
  llvm::DenseMap<llvm::StringRef,
                 std::pair<const TUSummary *, const FunctionSummary *>>
      Defined;
  /// Callees that the last run could not resolve either: declared in the
  /// program but defined nowhere in it (nothing is missing for them).
  llvm::DenseSet<llvm::StringRef> NeverDefined;

  explicit DefinedIndex(const CachedProgram &Cached) {
    auto AddAll = [&](const TUSummary *S, const TUSummary *Recorded) {
      if (S)
        for (const FunctionSummary &F : S->Functions)
          Defined.try_emplace(F.USR, Recorded, &F);
    };
    for (const auto &S : Cached.Others)
      AddAll(S.get(), S.get());
    AddAll(Cached.OwnHeaders.get(), Cached.Own.get());
    if (Cached.Own)
      for (const FunctionSummary &F : Cached.Own->Functions)
        for (const CallSite &C : F.Calls)
          if (!Defined.count(C.CalleeUSR))
            NeverDefined.insert(C.CalleeUSR);
  }
};

} // namespace

std::vector<std::string>
checkProgramTrust(const CachedProgram &Cached, const TUSummary &Live,
                  const std::map<std::string, ExternalCallee> &Callees,
                  llvm::StringRef CacheDir, llvm::StringRef RefreshCommand) {
  std::vector<std::string> Out;
  std::string Refresh = "'" + RefreshCommand.str() + "'";
  if (!Cached.Damaged.empty())
    Out.push_back(
        "purpose-check: " + std::to_string(Cached.Damaged.size()) +
        " summary cache " +
        (Cached.Damaged.size() == 1 ? "entry cannot" : "entries cannot") +
        " be read (" + Cached.Damaged.front() +
        "); the translation units they hold are missing from the "
        "program until " +
        Refresh + " rewrites them");

  DefinedIndex Index(Cached);
  const auto &[Defined, NeverDefined] = Index;
  llvm::DenseSet<llvm::StringRef> LiveDefined;
  for (const FunctionSummary &F : Live.Functions)
    LiveDefined.insert(F.USR);

  std::vector<std::string> Missing, Stale;
  std::set<std::string> StaleFiles;
  // Whether a file changed since the entry that holds a callee recorded it:
  // asked once per (entry, file), since the open file's hundreds of callees
  // lie in a few headers (each ask scans the entry's inputs and stats).
  std::map<std::pair<const TUSummary *, llvm::StringRef>, bool> Changed;
  auto changed = [&](const TUSummary *Entry, llvm::StringRef File) {
    auto [It, Added] = Changed.try_emplace({Entry, File}, false);
    if (Added) {
      std::string Was = Entry ? recordedDigest(*Entry, File) : "";
      It->second = !Was.empty() && currentDigest(File.str()) != Was;
    }
    return It->second;
  };
  for (const auto &[USR, C] : Callees) {
    if (LiveDefined.count(USR) || Live.Decls.count(USR))
      continue; // Defined here, or a source or sink by its annotation.
    auto It = Defined.find(USR);
    if (It == Defined.end()) {
      if (!NeverDefined.count(USR))
        Missing.push_back(C.Name);
      continue;
    }
    const auto &[Entry, F] = It->second;
    if (changed(Entry, F->Pos.File)) {
      Stale.push_back(C.Name);
      StaleFiles.insert(F->Pos.File);
    }
  }
  if (!Missing.empty()) {
    if (Cached.Entries == 0)
      Out.push_back(
          "purpose-check: no summaries of other files" +
          std::string(CacheDir.empty()
                          ? " (no cache directory is known: set \"cache_dir\" "
                            "or \"build_dir\" in .purpose-check.json)"
                          : " in '" + CacheDir.str() + "'") +
          "; calls to " + nameList(Missing) +
          " are treated as library calls until " + Refresh +
          " writes the cache");
    else
      Out.push_back("purpose-check: the summary cache has no summary of " +
                    nameList(Missing) +
                    "; calls to them are treated as library calls until " +
                    Refresh + " refreshes the cache");
  }
  if (!Stale.empty())
    Out.push_back("purpose-check: the cached summaries of " + nameList(Stale) +
                  " are older than '" + *StaleFiles.begin() +
                  "', which changed after the last purpose-check run; run " +
                  Refresh + " to refresh the cache");
  return Out;
}

TUSummary withoutFile(const TUSummary &Stale, llvm::StringRef MainFile) {
  TUSummary Out;
  Out.MainFile = Stale.MainFile;
  for (const FunctionSummary &F : Stale.Functions)
    if (F.Pos.File != MainFile)
      Out.Functions.push_back(F);
  for (const auto &[USR, D] : Stale.Decls)
    if (D.Pos.File != MainFile)
      Out.Decls.emplace(USR, D);
  // A record defined in the open file is registered by the live analysis
  // first, and the solver keeps the first layout it sees.
  Out.Types = Stale.Types;
  return Out;
}

CachedProgram loadCachedProgram(llvm::StringRef CacheDir,
                                llvm::StringRef SourceRoot,
                                llvm::StringRef MainFile) {
  CachedProgram P;
  if (CacheDir.empty())
    return P;
  SummaryCache Cache(CacheDir.str(), SourceRoot.str());
  std::string OwnEntry = Cache.entryPath(MainFile);
  std::string VersionDir = llvm::sys::path::parent_path(OwnEntry).str();

  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(VersionDir, EC), End;
       !EC && It != End; It.increment(EC))
    if (isEntryFileName(llvm::sys::path::filename(It->path())))
      Paths.push_back(It->path());
  llvm::sort(Paths);

  std::lock_guard<std::mutex> Lock(MemoMutex);
  std::map<std::string, MemoEntry> &Memo = memo();
  // Forget entries of this directory whose files went away.
  for (auto It = Memo.begin(); It != Memo.end();) {
    llvm::StringRef Key = It->first;
    if (llvm::sys::path::parent_path(Key) == VersionDir &&
        !std::binary_search(Paths.begin(), Paths.end(), It->first))
      It = Memo.erase(It);
    else
      ++It;
  }
  for (const std::string &Path : Paths) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(Path, St))
      continue; // Removed since the listing.
    MemoEntry &E = Memo[Path];
    refresh(Cache, Path, St, SourceRoot, E);
    if (!E.Summary) {
      P.Damaged.push_back(E.Error);
      continue;
    }
    ++P.Entries;
    if (Path == OwnEntry || E.Summary->MainFile == MainFile) {
      P.Own = E.Summary;
      if (!E.OwnHeaders)
        E.OwnHeaders = std::make_shared<const TUSummary>(
            withoutFile(*E.Summary, E.Summary->MainFile));
      P.OwnHeaders = E.OwnHeaders;
      continue;
    }
    P.Others.push_back(E.Summary);
  }
  llvm::sort(P.Others, [](const auto &A, const auto &B) {
    return A->MainFile < B->MainFile;
  });
  return P;
}

} // namespace purpose
