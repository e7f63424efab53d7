//===- CachedSummaries.cpp ------------------------------------------------===//
#include "CachedSummaries.h"
#include "SummaryCache.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <mutex>

namespace purpose {
namespace {

/// One parsed cache entry, valid while its file keeps size and mtime.
struct MemoEntry {
  llvm::sys::TimePoint<> MTime;
  uint64_t Size = 0;
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
  if (E.Root == Root && E.Size == St.getSize() &&
      E.MTime == St.getLastModificationTime() && (E.Summary || !E.Error.empty()))
    return;
  E = MemoEntry();
  E.Root = Root.str();
  E.Size = St.getSize();
  E.MTime = St.getLastModificationTime();
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf) {
    E.Error = Path + ": " + Buf.getError().message();
    return;
  }
  llvm::Expected<TUSummary> S =
      parseSummary((*Buf)->getBuffer(), Root, Path, [&](llvm::StringRef Id) {
        return Cache.sharedInputs(Id);
      });
  if (!S) {
    E.Error = llvm::toString(S.takeError());
    return;
  }
  E.Summary = std::make_shared<const TUSummary>(std::move(*S));
}

} // namespace

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
    if (Path == OwnEntry || E.Summary->MainFile == MainFile) {
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
