//===- DriverKept.cpp - When a run may take the last run's report ---------===//
//
// The kept result (KeptResult.h) lets a run in which nothing changed skip
// parsing the entries' payloads and the whole-program solve. Here: which
// runs may use it, and the key that names everything its report depends on
// besides the entries.
//
//===----------------------------------------------------------------------===//
#include "Driver.h"
#include "DriverRun.h"
#include "LLVMCompat.h"
#include "StatIndex.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace purpose {
namespace driver {

std::string keptResultPath(const Run &R) {
  const Options &O = R.O;
  // Only a run that reports from every TU's summary the way a plain run
  // does: not a shard (it does not solve), not through an overlay (the
  // stat index is not used there either), not the inventory or a data-map
  // check (they need the summaries), not --dump-summaries.
  if (R.Caches.empty() || R.FS || R.ShardN || O.Inventory ||
      !O.CheckDeclared.empty() || O.DumpSummaries)
    return "";
  llvm::SmallString<256> P(R.Caches.front().dir());
  llvm::sys::path::append(P, "kept-result-v1");
  return std::string(P);
}

std::string keptResultKey(const Run &R) {
  std::string S = "purpose-check " PURPOSE_CHECK_VERSION " analysis " +
                  std::to_string(AnalysisRevision) + " llvm " +
                  std::to_string(LLVM_VERSION_MAJOR) + " cache " +
                  std::to_string(CacheFormatVersion) + "\n";
  // The executable itself, by its stat: a rebuilt tool may solve or report
  // differently with the same version string.
  std::string Exe = llvm::sys::fs::getMainExecutable(
      "purpose-check", reinterpret_cast<void *>(&runDriver));
  llvm::sys::fs::file_status St;
  if (Exe.empty() || llvm::sys::fs::status(Exe, St))
    return ""; // Unknown: no key, so never a match.
  S += Exe + "\x1f" + std::to_string(St.getSize()) + "\x1f" +
       std::to_string(St.getLastModificationTime().time_since_epoch().count()) +
       "\x1f" + std::to_string(St.getUniqueID().getFile()) + "\n";
  // The policies as loaded, and every project file by its contents (the
  // config's exclusions apply to the report); not the baseline, which is
  // applied to the kept report afresh.
  S += R.Pol.digest() + "\n";
  for (const std::string &F : R.Proj.Inputs) {
    if (F == R.Proj.BaselineFile)
      continue;
    // Read again here, after the run loaded it: the bytes are the ones it
    // loaded unless the file changed since the run began, which its change
    // time would show (as the stat index trusts a stat: git's "racy clean").
    bool Exists = false;
    std::optional<FileStat> St = FileStat::of(F, &Exists);
    if (Exists && (!St || !StatIndex::trusted(*St, R.Began)))
      return "";
    auto Buf = llvm::MemoryBuffer::getFile(F, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    S += F + "\x1f" + (Buf ? contentDigest((*Buf)->getBuffer()) : "absent") +
         "\n";
  }
  S += "root " + R.SourceRoot + "\n";
  for (const std::string &F : R.O.Files)
    S += "file " + absolutePath(F) + "\n";
  S += "budgets " + std::to_string(R.Solver.MaxSummaryRounds) + " " +
       std::to_string(R.Solver.MaxIndirectRounds) + " " +
       std::to_string(R.Solver.MaxTraceDepth) + " " +
       std::to_string(R.Analyzer.MaxVisitsPerBlock) + " " +
       std::to_string(R.Analyzer.MaxPointsToRounds) + " " +
       std::to_string(R.Analyzer.MaxHeldTypeDepth) + "\n";
  for (const std::string &A : R.O.ExtraArgsBefore)
    S += "before:" + A + "\x1f";
  for (const std::string &A : R.O.ExtraArgs)
    S += "after:" + A + "\x1f";
  return contentDigest(S);
}

} // namespace driver
} // namespace purpose
