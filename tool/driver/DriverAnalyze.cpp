//===- DriverAnalyze.cpp - The map step: every TU to its summaries --------===//
//
// Each translation unit comes from the summary cache when its inputs are
// unchanged, else it is parsed and analyzed (and cached), on a pool of
// threads. --shard analyzes only its share; --timings prints where the time
// went.
//
//===----------------------------------------------------------------------===//
#include "DriverRun.h"
#include "InputChecker.h"
#include "StatIndex.h"
#include "SummaryFormat.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <atomic>
#include <chrono>
#include <mutex>

namespace purpose {
namespace driver {

bool inShard(const Run &R, const std::string &File) {
  if (!R.ShardN)
    return true;
  llvm::StringRef Rel(File);
  if (Rel.consume_front(R.SourceRoot))
    Rel.consume_front("/");
  std::string D = contentDigest(Rel);
  unsigned long long H = 0;
  llvm::StringRef(D).getAsInteger(16, H);
  return H % R.ShardN == R.ShardK - 1;
}

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point T) {
  return std::chrono::duration<double>(Clock::now() - T).count();
}

/// The order in which to take the TUs: first those that will probably be
/// parsed (no entry, or a main file newer than its entry), then the rest.
/// Parsing a TU costs a hundred times what reading its entry does; started
/// first, the parses of a pre-commit run overlap the reading of the other
/// entries instead of waiting behind them. Only the order depends on this
/// guess: whether an entry is used is decided by its inputs, as always.
std::vector<size_t> schedule(const Run &R,
                             const std::vector<std::string> &Files,
                             InputChecker &Checker) {
  std::vector<size_t> Likely, Rest;
  for (size_t I = 0; I < Files.size(); ++I) {
    bool Fresh = false;
    llvm::sys::fs::file_status Entry;
    // The checker's stat: the main file is an input, stat'ed once per run.
    if (std::optional<FileStat> Main = Checker.fileStat(Files[I]))
      for (const SummaryCache &C : R.Caches)
        if (!llvm::sys::fs::status(C.entryPath(Files[I]), Entry) &&
            std::chrono::duration_cast<std::chrono::nanoseconds>(
                Entry.getLastModificationTime().time_since_epoch())
                    .count() >= Main->MTimeNs) {
          Fresh = true;
          break;
        }
    (Fresh ? Rest : Likely).push_back(I);
  }
  Likely.insert(Likely.end(), Rest.begin(), Rest.end());
  return Likely;
}

/// The time of the parts of the analyze phase, each summed over the workers.
struct PartTimes {
  double Load = 0, Check = 0, Parse = 0, Summarize = 0, Rest = 0, Store = 0,
         Hold = 0;
  unsigned Parsed = 0;
};

/// The work of the pool's threads on the TUs of one run: each TU's result,
/// and what they share under a lock (the times, the cache warnings, the
/// progress line).
class MapStep {
public:
  MapStep(Run &R, const std::vector<std::string> &Files, InputChecker &Checker)
      : Results(Files.size()), Checksums(Files.size()), R(R), Files(Files),
        Checker(Checker),
        Progress(llvm::sys::Process::StandardErrIsDisplayed()),
        Held(Files.size()) {}

  /// Whether TU Files[I] takes, from the caches, the entry that \p K names
  /// for it, and that entry is current: as fromCache would, but reading
  /// only the entries' heads. Once one TU says no, the others stop early.
  /// Called on a worker thread.
  void checkKept(size_t I, const KeptResult &K) {
    if (KeptStale)
      return;
    Clock::time_point T0 = Clock::now();
    std::string Key = commandHash(*R.DB, job(I), R.Pol, R.SourceRoot);
    bool Current = false;
    // The caches in fromCache's order, with its rules: the first entry made
    // with this command whose inputs are current is the one taken.
    for (const SummaryCache &C : R.Caches) {
      std::optional<EntryHead> H = headOf(C, Files[I]);
      if (!H) // Damaged: fromCache warns of it, and this run does too.
        break;
      std::string Why;
      if (H->MainFile.empty() || H->Inputs.CommandHash != Key ||
          !Checker.upToDate(H->Inputs, Why))
        continue;
      Current = !H->Checksum.empty() && K.Entries[I].first == Files[I] &&
                K.Entries[I].second == H->Checksum;
      break;
    }
    if (!Current)
      KeptStale = true;
    std::lock_guard<std::mutex> L(M);
    Sum.Check += since(T0);
  }
  /// After checkKept on every TU.
  bool keptCurrent() const { return !KeptStale; }

  /// The TU Files[I], from a cache or analyzed. Called on a worker thread.
  void analyze(size_t I) {
    TUJob Job = job(I);
    TUResult &T = Results[I];
    double Load = 0, Check = 0, Store = 0, Hold = 0;
    fromCache(I, commandHash(*R.DB, Job, R.Pol, R.SourceRoot), T, Load, Check);
    if (!T.FromCache && inShard(R, Files[I])) {
      WallTime Began = std::chrono::system_clock::now();
      analyzeTU(*R.DB, Job, R.Pol, T);
      Clock::time_point T2 = Clock::now();
      // A TU with errors has incomplete summaries: analyzed again next time,
      // it reports them again.
      if (!T.Failed && T.Errors.empty() && !R.Caches.empty()) {
        Checker.recordAnalyzed(T.Summary.Inputs.Files, Began);
        if (llvm::Error E = R.Caches.front().store(T.Summary, &Checksums[I])) {
          std::lock_guard<std::mutex> L(M);
          CacheWarnings.push_back(llvm::toString(std::move(E)));
        }
      }
      Store += since(T2);
      Clock::time_point T3 = Clock::now();
      hold(I);
      Hold += since(T3);
    }
    std::lock_guard<std::mutex> L(M);
    Sum.Hold += Hold;
    Sum.Load += Load;
    Sum.Check += Check;
    Sum.Store += Store;
    done(I, T);
  }

  /// Clears the progress line, once the workers are done.
  void endProgress() {
    if (Progress)
      llvm::errs() << "\r\x1b[K";
  }

  /// Warns of the cache entries that could not be read or written, once the
  /// workers are done.
  void warnCache() {
    llvm::sort(CacheWarnings);
    for (const std::string &W : CacheWarnings)
      llvm::errs() << "purpose-check: warning: " << W
                   << "; the translation unit is analyzed again\n";
  }

  /// --timings: the parts of the analyze phase and the input counts.
  void printTimings() const {
    for (auto [Name, Secs] :
         {std::pair<const char *, double>{"cache-load", Sum.Load},
          {"cache-check", Sum.Check},
          {"parse", Sum.Parse},
          {"summarize", Sum.Summarize},
          {"teardown", Sum.Rest},
          {"cache-store", Sum.Store},
          {"hold", Sum.Hold}})
      llvm::errs() << llvm::format("purpose-check: timing: %s %.3fs\n", Name,
                                   Secs);
    llvm::errs() << "purpose-check: inputs: " << Checker.counts().Stats
                 << " stat'ed, " << Checker.counts().Reads << " read; "
                 << Checker.counts().SetsParsed << " shared input sets parsed, "
                 << Checker.counts().SetsFromIndex << " from the stat index; "
                 << Sum.Parsed << " of " << Files.size()
                 << " translation units parsed\n";
  }

  /// The summary of Files[I] again, if hold() put it away. Called on a
  /// worker thread once every TU is done.
  void unhold(size_t I) {
    HeldSummary &H = Held[I];
    if (!H.Size)
      return;
    Clock::time_point T0 = Clock::now();
    llvm::Expected<TUSummary> S = readHeld(H, Files[I]);
    H = HeldSummary();
    TUResult &T = Results[I];
    {
      std::lock_guard<std::mutex> L(M);
      Sum.Hold += since(T0);
    }
    if (S) {
      T.Summary = std::move(*S);
      return;
    }
    // A bug of ours, never the user's input: the run is incomplete.
    T.Errors.push_back({Files[I] +
                        ": error: internal error: the summary held "
                        "while other translation units were "
                        "parsed does not read back: " +
                        llvm::toString(S.takeError())});
  }

  std::vector<TUResult> Results;
  std::vector<std::string> Checksums; ///< Of each TU's entry, read or written.
  PartTimes Sum;                      ///< Under M while the workers run.

private:
  Run &R;
  const std::vector<std::string> &Files;
  InputChecker &Checker;
  std::mutex M;
  unsigned Done = 0; ///< Under M.
  bool Progress;     ///< Whether to draw "[N/M] file" on stderr.
  std::vector<std::string> CacheWarnings; ///< Under M.
  std::atomic<bool> KeptStale{false};

  /// A summary put away while other TUs are parsed: serialized as its cache
  /// entry, without the inputs, and compressed if LLVM has zstd.
  struct HeldSummary {
    llvm::SmallVector<uint8_t, 0> Bytes;
    size_t Size = 0; ///< Of the entry; 0: nothing held.
  };
  std::vector<HeldSummary> Held;

  /// The summary that \p H holds, of \p File.
  static llvm::Expected<TUSummary> readHeld(HeldSummary &H,
                                            const std::string &File) {
    llvm::SmallVector<uint8_t, 0> Entry;
    if (!llvm::compression::zstd::isAvailable())
      Entry = std::move(H.Bytes);
    else if (llvm::Error E =
                 llvm::compression::zstd::decompress(H.Bytes, Entry, H.Size))
      return std::move(E);
    auto NoSharedSet = [](llvm::StringRef Id)
        -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
      return llvm::createStringError("shared input set " + Id + " is not held");
    };
    return parseSummary(llvm::toStringRef(Entry), "", File, NoSharedSet);
  }

  /// Puts away the summary of Files[I], just analyzed and stored. Held as
  /// they are while the other TUs are parsed, the summaries add to the peak
  /// memory of the largest TU's parse: on kcontacts (Qt, 119 TUs, -j1) 86 MB
  /// of them on top of that parse, for a peak of 259 MB against the parse's
  /// 203 MB alone. Without what each TU read (its cache entry has it; the
  /// solve does not read it) the peak was 224 MB; held compressed, 195 MB,
  /// for 0.1 s of CPU in a run of 55 s.
  void hold(size_t I) {
    TUResult &T = Results[I];
    if (T.Failed)
      return;
    T.Summary.Inputs.Files = {};
    T.Summary.Inputs.AbsentShadows = {};
    T.Summary.Inputs.Shared = nullptr;
    SerializedSummary Out = serializeSummary(T.Summary, "");
    // A string that is not UTF-8 would not read back as it was: such a
    // summary stays as it is.
    if (Out.Lossy)
      return;
    T.Summary = TUSummary();
    HeldSummary &H = Held[I];
    H.Size = Out.Entry.size();
    if (!llvm::compression::zstd::isAvailable()) {
      H.Bytes.assign(Out.Entry.begin(), Out.Entry.end());
      return;
    }
    llvm::SmallVector<uint8_t, 0> Compressed;
    llvm::compression::zstd::compress(
        llvm::arrayRefFromStringRef(Out.Entry), Compressed,
        llvm::compression::zstd::BestSpeedCompression);
    // Copied, so that the buffer holds what it holds and no more capacity
    // (compress reserves the bound of the input's size).
    H.Bytes.assign(Compressed.begin(), Compressed.end());
  }

  /// The head of \p File's entry in \p C: its functions unread when the
  /// entry is canonical, else from the validating reader (an entry with
  /// paths that are not ASCII, say). An empty MainFile: no entry;
  /// std::nullopt: the entry is damaged.
  static std::optional<EntryHead> headOf(const SummaryCache &C,
                                         const std::string &File) {
    EntryHead H;
    switch (C.loadHead(absolutePath(File), H)) {
    case SummaryCache::HeadRead::Read:
      return H;
    case SummaryCache::HeadRead::Missing:
      return EntryHead();
    case SummaryCache::HeadRead::Unreadable:
      break;
    }
    auto Full = C.load(absolutePath(File), &H.Checksum);
    if (!Full) {
      llvm::consumeError(Full.takeError());
      return std::nullopt;
    }
    if (*Full) {
      H.MainFile = (*Full)->MainFile;
      H.Inputs = std::move((*Full)->Inputs);
    }
    return H;
  }

  TUJob job(size_t I) const {
    Options &O = R.O;
    return {Files[I],
            R.MakeFS ? R.MakeFS() : nullptr,
            R.SourceRoot,
            {O.ExtraArgsBefore.begin(), O.ExtraArgsBefore.end()},
            {O.ExtraArgs.begin(), O.ExtraArgs.end()},
            R.Analyzer};
  }

  /// Takes into \p T the first entry of the caches for Files[I] made with
  /// command hash \p Key whose inputs are unchanged, if any.
  void fromCache(size_t I, const std::string &Key, TUResult &T, double &Load,
                 double &Check) {
    for (const SummaryCache &C : R.Caches) {
      Clock::time_point T0 = Clock::now();
      std::string Checksum;
      auto Cached = C.load(absolutePath(Files[I]), &Checksum);
      Load += since(T0);
      if (!Cached) {
        std::lock_guard<std::mutex> L(M);
        CacheWarnings.push_back(llvm::toString(Cached.takeError()));
        continue;
      }
      if (!*Cached || (*Cached)->Inputs.CommandHash != Key)
        continue;
      Clock::time_point T1 = Clock::now();
      std::string Why;
      bool Current = Checker.upToDate((*Cached)->Inputs, Why);
      Check += since(T1);
      if (Current) {
        T.Summary = std::move(**Cached);
        T.FromCache = true;
        Checksums[I] = std::move(Checksum);
        return;
      }
    }
  }

  /// The TU Files[I] is done: its times, its --timings line, the progress.
  /// Under M.
  void done(size_t I, const TUResult &T) {
    Sum.Parse += T.Times.Parse;
    Sum.Summarize += T.Times.Summarize;
    Sum.Rest += T.Times.Rest;
    Sum.Parsed += !T.FromCache && inShard(R, Files[I]);
    if (R.O.Timings && T.Times.Cpu > 0)
      llvm::errs() << llvm::format(
          "purpose-check: tu-timing: cpu %.3fs parse %.3fs summarize %.3fs "
          "teardown %.3fs %s\n",
          T.Times.Cpu, T.Times.Parse, T.Times.Summarize, T.Times.Rest,
          Files[I].c_str());
    if (Progress)
      llvm::errs() << "\r[" << ++Done << "/" << Files.size() << "] "
                   << llvm::sys::path::filename(Files[I]) << "\x1b[K";
  }
};

} // namespace

Analyzed analyzeAll(Run &R, const std::vector<std::string> &Files,
                    const KeptResult *Kept) {
  Options &O = R.O;
  unsigned Jobs = O.Jobs ? (unsigned)O.Jobs
                         : llvm::hardware_concurrency().compute_thread_count();
  // Input files are stat'ed once each and read only when their stat is not
  // the one the index recorded (InputChecker.h). Not through an overlay.
  Clock::time_point IndexRead = Clock::now();
  std::string IndexPath =
      R.Caches.empty() || R.FS ? "" : R.Caches.front().statIndexPath();
  StatIndex Index =
      IndexPath.empty() ? StatIndex() : StatIndex::read(IndexPath);
  InputChecker Checker(R.FS, IndexPath.empty() ? nullptr : &Index);
  // Shared input sets whose file the index knows are not parsed again.
  if (!IndexPath.empty())
    R.Caches.front().setSharedSetStore(&Checker);
  double IndexCheck = since(IndexRead);
  MapStep Step(R, Files, Checker);
  Step.Sum.Check = IndexCheck;
  bool KeptCurrent = false;
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    std::vector<size_t> Order = schedule(R, Files, Checker);
    if (Kept && Kept->Entries.size() == Files.size()) {
      for (size_t I : Order)
        Pool.async([&Step, I, Kept] { Step.checkKept(I, *Kept); });
      Pool.wait();
      KeptCurrent = Step.keptCurrent();
    }
    if (!KeptCurrent) {
      for (size_t I : Order)
        Pool.async([&Step, I] { Step.analyze(I); });
      Pool.wait();
      for (size_t I : Order)
        Pool.async([&Step, I] { Step.unhold(I); });
    }
    Pool.wait();
  }
  if (!IndexPath.empty())
    R.Caches.front().setSharedSetStore(nullptr);
  Step.endProgress();
  Clock::time_point IndexWrite = Clock::now();
  // The first cache directory is made when the run writes to it, even when
  // no entry is (a run that only reads the caches of shards).
  if (!IndexPath.empty() && Index.changed()) {
    (void)llvm::sys::fs::create_directories(R.Caches.front().dir());
    if (llvm::Error E = Index.write(IndexPath))
      llvm::errs() << "purpose-check: warning: " << llvm::toString(std::move(E))
                   << "; the next run reads every input again\n";
  }
  Step.Sum.Store += since(IndexWrite);
  Step.warnCache();
  if (O.Timings)
    Step.printTimings();
  Analyzed Out;
  Out.KeptCurrent = KeptCurrent;
  if (!KeptCurrent)
    Out.Results = std::move(Step.Results);
  Out.Checksums = std::move(Step.Checksums);
  return Out;
}

} // namespace driver
} // namespace purpose
