//===- InputCheckerTest.cpp - The stat index and the run's input check ----===//
#include "InputChecker.h"
#include "StatIndex.h"
#include "TestUtil.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/xxhash.h"
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <map>
#include <sys/stat.h>
#include <thread>

using namespace purpose;
using purpose::test::errorText;
using purpose::test::readFile;
using purpose::test::TempDir;

namespace {

/// Far enough ahead that a file just written counts as old (RacyMargin).
WallTime later() {
  return std::chrono::system_clock::now() + std::chrono::hours(1);
}

/// One run's checker over the index at \p IndexPath, with a clock an hour
/// ahead; save() writes the index back as the driver does.
struct CheckRun {
  std::string IndexPath;
  StatIndex Index;
  InputChecker Checker;

  explicit CheckRun(std::string Path)
      : IndexPath(std::move(Path)), Index(StatIndex::read(IndexPath)),
        Checker(nullptr, &Index) {
    Checker.Now = later;
  }
  bool upToDate(const TUInputs &In) {
    std::string Why;
    return Checker.upToDate(In, Why);
  }
  void save() {
    if (Index.changed())
      REQUIRE(errorText(Index.write(IndexPath)) == "");
  }
  unsigned stats() const { return Checker.counts().Stats; }
  unsigned reads() const { return Checker.counts().Reads; }
};

void writeText(const std::string &Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  REQUIRE(!EC);
  OS << Text;
}

/// Sets \p Path's modification time to \p St's (the change time moves on).
void setMTime(const std::string &Path, const FileStat &St) {
  struct timespec Times[2];
  Times[0].tv_sec = 0;
  Times[0].tv_nsec = UTIME_OMIT;
  Times[1].tv_sec = St.MTimeNs / 1000000000;
  Times[1].tv_nsec = St.MTimeNs % 1000000000;
  REQUIRE(::utimensat(AT_FDCWD, Path.c_str(), Times, 0) == 0);
}

/// A TU reading main.cc and a.h, with one absent shadow.
struct Project {
  TempDir D;
  std::string Main = D.write("main.cc", "#include \"a.h\"\n");
  std::string Header = D.write("a.h", "int x;\n");
  std::string Shadow = D.file("shadow/a.h");
  std::string Index = D.file("stat-index-v1");

  TUInputs inputs() const {
    TUInputs In;
    In.Files = {{Main, contentDigest("#include \"a.h\"\n")},
                {Header, contentDigest("int x;\n")}};
    In.AbsentShadows = {Shadow};
    return In;
  }
};

} // namespace

TEST_CASE("a stat index reads back what was written", "[statindex]") {
  TempDir D;
  std::string File = D.write("a.h", "int x;\n");
  std::optional<FileStat> St = FileStat::of(File);
  REQUIRE(St);
  CHECK(St->Size == 7);
  StatIndex Index;
  CHECK(Index.record(File, *St, contentDigest("int x;\n"), later()));
  CHECK(Index.changed());
  REQUIRE(errorText(Index.write(D.file("index"))) == "");

  StatIndex Back = StatIndex::read(D.file("index"));
  CHECK(Back.size() == 1);
  CHECK(Back.changed()); // Read but not yet used.
  CHECK(Back.lookup(File, *St) == contentDigest("int x;\n"));
  CHECK_FALSE(Back.changed()); // Used, unchanged: nothing to write.
  FileStat Other = *St;
  Other.Ino += 1;
  CHECK(Back.lookup(File, Other) == std::nullopt);
  CHECK(Back.lookup(D.file("b.h"), *St) == std::nullopt);
}

TEST_CASE("a stat index keeps only the records a run used", "[statindex]") {
  TempDir D;
  std::string A = D.write("a.h", "a"), B = D.write("b.h", "b");
  StatIndex Index;
  REQUIRE(Index.record(A, *FileStat::of(A), contentDigest("a"), later()));
  REQUIRE(Index.record(B, *FileStat::of(B), contentDigest("b"), later()));
  REQUIRE(errorText(Index.write(D.file("index"))) == "");

  StatIndex Next = StatIndex::read(D.file("index"));
  CHECK(Next.lookup(A, *FileStat::of(A)));
  CHECK(Next.changed()); // b.h's record was not used.
  REQUIRE(errorText(Next.write(D.file("index"))) == "");
  StatIndex Last = StatIndex::read(D.file("index"));
  CHECK(Last.size() == 1);
  CHECK(Last.lookup(B, *FileStat::of(B)) == std::nullopt);
}

TEST_CASE("a damaged or foreign stat index reads as empty", "[statindex]") {
  TempDir D;
  std::string A = D.write("a.h", "a");
  StatIndex Index;
  REQUIRE(Index.record(A, *FileStat::of(A), contentDigest("a"), later()));
  REQUIRE(errorText(Index.write(D.file("index"))) == "");
  std::string Good = readFile(D.file("index"));
  REQUIRE(StatIndex::read(D.file("index")).size() == 1);

  std::string Flipped = Good;
  Flipped[Flipped.size() - 3] ^= 1; // In the path: the checksum no longer fits.
  writeText(D.file("flipped"), Flipped);
  CHECK(StatIndex::read(D.file("flipped")).size() == 0);
  writeText(D.file("truncated"), Good.substr(0, Good.size() / 2));
  CHECK(StatIndex::read(D.file("truncated")).size() == 0);
  std::string Foreign = Good;
  Foreign.replace(Foreign.find(" 2 "), 3, " 1 "); // An older version.
  writeText(D.file("foreign"), Foreign);
  CHECK(StatIndex::read(D.file("foreign")).size() == 0);
  CHECK(StatIndex::read(D.file("missing")).size() == 0);
}

TEST_CASE("a file changed within the racy margin is not recorded",
          "[statindex]") {
  TempDir D;
  std::string A = D.write("a.h", "a");
  std::optional<FileStat> St = FileStat::of(A);
  REQUIRE(St);
  StatIndex Index;
  // Seen now, just after it was written: a second write in the same tick
  // would leave the same stat, so it must be read again next time.
  CHECK_FALSE(StatIndex::trusted(*St, std::chrono::system_clock::now()));
  CHECK_FALSE(Index.record(A, *St, contentDigest("a"),
                           std::chrono::system_clock::now()));
  CHECK(Index.size() == 0);
  CHECK(StatIndex::trusted(*St, later()));
}

TEST_CASE("a warm check stats each input once and reads none",
          "[statindex][cache]") {
  Project P;
  TUInputs In = P.inputs();
  {
    CheckRun First(P.Index); // No index yet: every file is read once.
    CHECK(First.upToDate(In));
    CHECK(First.upToDate(In)); // A second TU with the same inputs.
    CHECK(First.reads() == 2);
    CHECK(First.stats() == 3); // main.cc, a.h, the shadow.
    First.save();
  }
  CheckRun Warm(P.Index);
  CHECK(Warm.upToDate(In));
  CHECK(Warm.upToDate(In));
  CHECK(Warm.reads() == 0);
  CHECK(Warm.stats() == 3);
  CHECK_FALSE(Warm.Index.changed()); // Nothing to write back.
}

TEST_CASE("a touched but unchanged file is read, still current, and "
          "recorded again",
          "[statindex][cache]") {
  Project P;
  TUInputs In = P.inputs();
  {
    CheckRun First(P.Index);
    REQUIRE(First.upToDate(In));
    First.save();
  }
  FileStat Before = *FileStat::of(P.Header);
  FileStat Moved = Before;
  Moved.MTimeNs += 5000000000; // touch: five seconds later, same bytes.
  setMTime(P.Header, Moved);
  {
    CheckRun Touched(P.Index);
    CHECK(Touched.upToDate(In));
    CHECK(Touched.reads() == 1); // a.h only.
    CHECK(Touched.Index.changed());
    Touched.save();
  }
  CheckRun Warm(P.Index);
  CHECK(Warm.upToDate(In));
  CHECK(Warm.reads() == 0);
}

TEST_CASE("a change that keeps size and modification time is noticed",
          "[statindex][cache]") {
  Project P;
  TUInputs In = P.inputs();
  {
    CheckRun First(P.Index);
    REQUIRE(First.upToDate(In));
    First.save();
  }
  FileStat Before = *FileStat::of(P.Header);

  SECTION("rewritten in place, modification time set back") {
    writeText(P.Header, "int y;\n"); // Same size.
    setMTime(P.Header, Before);
    FileStat After = *FileStat::of(P.Header);
    REQUIRE(After.Size == Before.Size);
    REQUIRE(After.MTimeNs == Before.MTimeNs);
    REQUIRE(After.Ino == Before.Ino);
  }
  SECTION("replaced by another file, modification time set back") {
    std::string Tmp = P.D.write("a.h.new", "int y;\n");
    setMTime(Tmp, Before);
    REQUIRE(!llvm::sys::fs::rename(Tmp, P.Header));
    REQUIRE(FileStat::of(P.Header)->MTimeNs == Before.MTimeNs);
  }
  CheckRun Next(P.Index);
  std::string Why;
  CHECK_FALSE(Next.Checker.upToDate(In, Why));
  CHECK(Why == "'" + P.Header + "' changed");
  CHECK(Next.reads() == 1);
}

TEST_CASE("removed inputs and new shadows are noticed with the index",
          "[statindex][cache]") {
  Project P;
  TUInputs In = P.inputs();
  {
    CheckRun First(P.Index);
    REQUIRE(First.upToDate(In));
    First.save();
  }
  std::string Why;
  SECTION("a removed header") {
    REQUIRE(!llvm::sys::fs::remove(P.Header));
    CheckRun Next(P.Index);
    CHECK_FALSE(Next.Checker.upToDate(In, Why));
    CHECK(
        llvm::StringRef(Why).starts_with("'" + P.Header + "' cannot be read"));
  }
  SECTION("a new shadow") {
    REQUIRE(!llvm::sys::fs::create_directory(P.D.file("shadow")));
    writeText(P.Shadow, "int z;\n");
    CheckRun Next(P.Index);
    CHECK_FALSE(Next.Checker.upToDate(In, Why));
    CHECK(Why == "'" + P.Shadow + "' now shadows an included header");
    CHECK(Next.reads() == 0);
  }
}

TEST_CASE("a shared input set is checked once per run", "[statindex][cache]") {
  Project P;
  auto Shared = std::make_shared<SharedInputs>();
  Shared->Id = "0123456789abcdef";
  std::string Outside = P.D.write("sys.h", "int s;\n");
  Shared->Files = {{Outside, contentDigest("int s;\n")}};
  Shared->setAbsentShadows({P.D.file("shadow/sys.h")});
  TUInputs A = P.inputs(), B;
  A.Shared = Shared;
  B.Files = {{P.Header, contentDigest("int x;\n")}};
  B.Shared = Shared;
  CheckRun Run(P.Index);
  CHECK(Run.upToDate(A));
  CHECK(Run.upToDate(B));
  CHECK(Run.reads() == 3);
  // main.cc, a.h, sys.h, and the directory shadow/: it does not exist, so
  // neither shadow/a.h nor shadow/sys.h is looked up.
  CHECK(Run.stats() == 4);
}

TEST_CASE("an absent shadow is looked up only when its directory exists",
          "[statindex][cache]") {
  Project P;
  TUInputs In;
  std::string Dir = P.D.file("inc");
  REQUIRE_FALSE(llvm::sys::fs::create_directory(Dir));
  In.AbsentShadows = {P.D.file("inc/a.h"), P.D.file("inc/b.h"),
                      P.D.file("gone/a.h"), P.D.file("gone/b.h")};
  {
    CheckRun Run(P.Index);
    CHECK(Run.upToDate(In));
    // inc/, inc/a.h, inc/b.h; gone/ answers for both of its paths.
    CHECK(Run.stats() == 4);
  }
  // A header appearing in either directory is still seen.
  for (const char *New : {"inc/b.h", "gone/a.h"}) {
    if (llvm::StringRef(New).starts_with("gone/"))
      REQUIRE_FALSE(llvm::sys::fs::create_directory(P.D.file("gone")));
    P.D.write(New, "int shadow;\n");
    CheckRun Run(P.Index);
    std::string Why;
    CHECK_FALSE(Run.Checker.upToDate(In, Why));
    CHECK(Why == "'" + P.D.file(New) + "' now shadows an included header");
    llvm::sys::fs::remove(P.D.file(New));
  }
}

TEST_CASE("what an analysis parsed is recorded for the next run",
          "[statindex][cache]") {
  Project P;
  TUInputs In = P.inputs();
  {
    CheckRun Cold(P.Index);
    // The analysis began after the files were last written (an hour on).
    Cold.Checker.recordAnalyzed(In.Files, later());
    CHECK(Cold.reads() == 0);
    CHECK(Cold.stats() == 2);
    Cold.save();
  }
  CheckRun Warm(P.Index);
  CHECK(Warm.upToDate(In));
  CHECK(Warm.reads() == 0);

  // A file written while the analysis ran is not recorded: what it holds
  // now may not be what was parsed.
  TempDir D2;
  std::string Fresh = D2.write("fresh.h", "int f;\n");
  CheckRun Racy(D2.file("stat-index-v1"));
  Racy.Checker.recordAnalyzed({{Fresh, contentDigest("int f;\n")}},
                              std::chrono::system_clock::now() -
                                  std::chrono::seconds(10));
  CHECK(Racy.Index.size() == 0);
}

TEST_CASE("through an overlay, every input is read and nothing recorded",
          "[statindex][cache]") {
  Project P;
  StatIndex Index;
  InputChecker Checker(llvm::vfs::createPhysicalFileSystem(), &Index);
  Checker.Now = later;
  std::string Why;
  CHECK(Checker.upToDate(P.inputs(), Why));
  CHECK(Checker.counts().Reads == 2);
  CHECK(Index.size() == 0);
  CHECK_FALSE(Checker.fileStat(P.Main));
}

TEST_CASE("workers checking the same inputs at once stat each path once",
          "[statindex][cache]") {
  Project P;
  TUInputs In = P.inputs();
  for (int I = 0; I < 40; ++I)
    In.AbsentShadows.push_back(P.D.file("shadow" + std::to_string(I) + "/a.h"));
  CheckRun Run(P.Index);
  std::vector<std::thread> Workers;
  std::atomic<int> Current{0};
  for (int W = 0; W < 4; ++W)
    Workers.emplace_back([&] { Current += Run.upToDate(In); });
  for (std::thread &T : Workers)
    T.join();
  CHECK(Current == 4);
  CHECK(Run.stats() == 43); // main.cc, a.h, 41 shadows.
  CHECK(Run.reads() == 2);
}

namespace {

/// Two TUs under src/, each reading headers outside it (sys/) and with
/// absent shadows in src/: each names a shared input set of its own.
struct SetProject {
  TempDir D;
  bool Dirs = !llvm::sys::fs::create_directories(D.file("src")) &&
              !llvm::sys::fs::create_directories(D.file("sys"));
  std::string Root = D.file("src");
  std::string A = D.write("src/a.cc", "#include <one.h>\n");
  std::string B = D.write("src/b.cc", "#include <two.h>\n");
  std::string One = D.write("sys/one.h", "int one;\n");
  std::string Two = D.write("sys/two.h", "int two;\n");
  std::string Common = D.write("sys/common.h", "int common;\n");
  std::string Cache = D.file("cache");
  std::string Index = D.file("cache/stat-index-v1");

  TUSummary summary(const std::string &Main, const std::string &Header,
                    llvm::StringRef Name) const {
    TUSummary S;
    S.MainFile = Main;
    S.Inputs.CommandHash = "cmd";
    for (const std::string &F : {Main, Header, Common})
      S.Inputs.Files.emplace_back(F, contentDigest(readFile(F)));
    S.Inputs.AbsentShadows = {D.file("src/" + Name), D.file("src/common.h")};
    return S;
  }
  SetProject() {
    SummaryCache C(Cache, Root);
    REQUIRE(errorText(C.store(summary(A, One, "one.h"))) == "");
    REQUIRE(errorText(C.store(summary(B, Two, "two.h"))) == "");
  }

  /// One warm run as the driver's: the entries loaded through the index,
  /// their inputs checked. The main files of the stale TUs, with why.
  struct Warm {
    std::map<std::string, std::string> Stale;
    std::vector<std::shared_ptr<const SharedInputs>> Sets;
    unsigned Parsed = 0, FromIndex = 0, Reads = 0;
    bool IndexChanged = false;
  };
  Warm run() const {
    CheckRun R(Index);
    SummaryCache C(Cache, Root);
    C.setSharedSetStore(&R.Checker);
    Warm W;
    for (const std::string &Main : {A, B}) {
      auto S = C.load(Main);
      REQUIRE(errorText(S.takeError()) == "");
      REQUIRE(S->has_value());
      W.Sets.push_back((*S)->Inputs.Shared);
      std::string Why;
      if (!R.Checker.upToDate((*S)->Inputs, Why))
        W.Stale[Main] = Why;
    }
    C.setSharedSetStore(nullptr);
    W.Parsed = R.Checker.counts().SetsParsed;
    W.FromIndex = R.Checker.counts().SetsFromIndex;
    W.Reads = R.reads();
    W.IndexChanged = R.Index.changed();
    R.save();
    return W;
  }
};

bool sameSet(const SharedInputs &L, const SharedInputs &R) {
  return L.Id == R.Id && L.Files == R.Files &&
         L.absentShadows() == R.absentShadows();
}

} // namespace

TEST_CASE("an unchanged warm run parses no shared input set",
          "[statindex][cache]") {
  SetProject P;
  SetProject::Warm First = P.run();
  CHECK(First.Stale.empty());
  CHECK(First.Parsed == 2);
  CHECK(First.FromIndex == 0);

  SetProject::Warm Second = P.run();
  CHECK(Second.Stale.empty());
  CHECK(Second.Parsed == 0);
  CHECK(Second.FromIndex == 2);
  CHECK(Second.Reads == 0);
  CHECK_FALSE(Second.IndexChanged); // Nothing to write.
  // The sets from the index are the ones parsed, absent shadows included,
  // which are resolved only now, after the run and its index are gone.
  REQUIRE(Second.Sets.size() == 2);
  for (size_t I = 0; I < 2; ++I) {
    REQUIRE(First.Sets[I]);
    REQUIRE(Second.Sets[I]);
    CHECK(sameSet(*First.Sets[I], *Second.Sets[I]));
  }
  CHECK(Second.Sets[0]->Files.size() == 2);
  CHECK(Second.Sets[0]->absentShadows().size() == 2);

  // Read against another source root, or with another stat, a recorded set
  // does not apply.
  StatIndex Index = StatIndex::read(P.Index);
  std::string Id = Second.Sets[0]->Id;
  std::string Set = SummaryCache(P.Cache, P.Root).sharedInputsPath(Id);
  std::optional<FileStat> St = FileStat::of(Set);
  REQUIRE(St);
  CHECK(Index.lookupSet(Set, *St, P.D.file("elsewhere"), Id) == nullptr);
  FileStat Other = *St;
  Other.CTimeNs += 1;
  CHECK(Index.lookupSet(Set, Other, P.Root, Id) == nullptr);
  CHECK(Index.lookupSet(Set, *St, P.Root, Second.Sets[1]->Id) == nullptr);
  CHECK(Index.lookupSet(Set, *St, P.Root, Id) != nullptr);
}

TEST_CASE("a changed header in a known shared set re-analyzes exactly the "
          "TUs that read it",
          "[statindex][cache]") {
  SetProject P;
  P.run();
  writeText(P.One, "int one, changed;\n");
  SetProject::Warm W = P.run();
  CHECK(W.Parsed == 0);
  CHECK(W.FromIndex == 2);
  CHECK(W.Stale ==
        std::map<std::string, std::string>{{P.A, "'" + P.One + "' changed"}});

  // A header both read: both.
  writeText(P.Common, "int common, changed;\n");
  SetProject::Warm Both = P.run();
  CHECK(Both.Parsed == 0);
  CHECK(Both.Stale.size() == 2);
  CHECK(Both.Stale[P.B] == "'" + P.Common + "' changed");

  // Removed: cannot be read.
  writeText(P.Common, "int common;\n");
  REQUIRE(!llvm::sys::fs::remove(P.Two));
  SetProject::Warm Gone = P.run();
  CHECK(llvm::StringRef(Gone.Stale[P.B])
            .starts_with("'" + P.Two + "' cannot be read: "));
}

TEST_CASE("a new shadow of a known shared set is noticed",
          "[statindex][cache]") {
  SetProject P;
  P.run();
  REQUIRE(P.run().FromIndex == 2);
  std::string Shadow = P.D.write("src/two.h", "int shadow;\n");
  SetProject::Warm W = P.run();
  CHECK(W.Parsed == 0);
  CHECK(W.Stale ==
        std::map<std::string, std::string>{
            {P.B, "'" + Shadow + "' now shadows an included header"}});
}

TEST_CASE("a damaged stat index or a changed set file falls back to parsing "
          "the shared sets",
          "[statindex][cache]") {
  SetProject P;
  P.run();
  std::string Good = readFile(P.Index);
  REQUIRE(P.run().FromIndex == 2);

  SECTION("flipped byte") {
    std::string Bad = Good;
    Bad[Bad.size() / 2] ^= 1;
    writeText(P.Index, Bad);
  }
  SECTION("truncated") { writeText(P.Index, Good.substr(0, Good.size() / 2)); }
  SECTION("a set record naming a path the table lacks") {
    // Well-formed but for the numbers: its checksum made right.
    std::string Body = Good.substr(Good.find('\n') + 1);
    size_t S = Body.find("\ns ");
    REQUIRE(S != std::string::npos);
    Body.insert(Body.size() - 1, " 999999");
    writeText(P.Index, "purpose-check-stat-index 2 " +
                           llvm::utohexstr(llvm::xxh3_64bits(Body), true, 16) +
                           "\n" + Body);
    CHECK(StatIndex::read(P.Index).size() == 0);
  }
  SECTION("a set file rewritten with the same bytes") {
    SummaryCache C(P.Cache, P.Root);
    std::string Id =
        serializeSummary(P.summary(P.A, P.One, "one.h"), P.Root).SharedId;
    std::string Set = C.sharedInputsPath(Id);
    std::string Text = readFile(Set);
    REQUIRE(!llvm::sys::fs::remove(Set));
    writeText(Set, Text);
    SetProject::Warm W = P.run();
    CHECK(W.Stale.empty());
    CHECK(W.Parsed == 1);
    CHECK(W.FromIndex == 1);
    return;
  }
  SetProject::Warm W = P.run();
  CHECK(W.Stale.empty());
  CHECK(W.Parsed == 2);
  CHECK(W.FromIndex == 0);
  // And the index is whole again.
  CHECK(P.run().FromIndex == 2);
}

TEST_CASE("a set file changed within the racy margin is not recorded",
          "[statindex][cache]") {
  SetProject P;
  StatIndex Index;
  InputChecker Checker(nullptr, &Index); // The real clock.
  SummaryCache C(P.Cache, P.Root);
  C.setSharedSetStore(&Checker);
  auto S = C.load(P.A);
  REQUIRE(errorText(S.takeError()) == "");
  C.setSharedSetStore(nullptr);
  CHECK(Checker.counts().SetsParsed == 1);
  CHECK(Index.setCount() == 0); // Just written: a same-tick write could hide.
}
