//===- StatIndex.cpp ------------------------------------------------------===//
#include "StatIndex.h"
#include "FileUtil.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <sys/stat.h>
#include <vector>

namespace purpose {

using llvm::StringRef;

/// The first line of an index: "purpose-check-stat-index 2 CHECKSUM", the
/// checksum being the xxh3 digest of everything after that line.
static constexpr StringRef Magic = "purpose-check-stat-index";
static constexpr int Version = 2;

static std::optional<FileStat> fromStat(const struct stat &S) {
  if (!S_ISREG(S.st_mode))
    return std::nullopt;
  FileStat F;
  F.Size = static_cast<uint64_t>(S.st_size);
  F.MTimeNs = int64_t(S.st_mtim.tv_sec) * 1000000000 + S.st_mtim.tv_nsec;
  F.CTimeNs = int64_t(S.st_ctim.tv_sec) * 1000000000 + S.st_ctim.tv_nsec;
  F.Dev = static_cast<uint64_t>(S.st_dev);
  F.Ino = static_cast<uint64_t>(S.st_ino);
  return F;
}

std::optional<FileStat> FileStat::of(const std::string &Path, bool *Exists) {
  struct stat S;
  bool Found = ::stat(Path.c_str(), &S) == 0;
  if (Exists)
    *Exists = Found;
  if (!Found)
    return std::nullopt;
  return fromStat(S);
}

std::optional<FileStat> FileStat::ofFD(int FD) {
  struct stat S;
  if (::fstat(FD, &S) != 0)
    return std::nullopt;
  return fromStat(S);
}

static std::string hex16(uint64_t V) {
  return llvm::utohexstr(V, /*LowerCase=*/true, /*Width=*/16);
}

/// Splits the next space-separated field off \p Rest.
static StringRef field(StringRef &Rest) {
  size_t Sp = Rest.find(' ');
  StringRef F = Rest.take_front(Sp);
  Rest = Sp == StringRef::npos ? StringRef() : Rest.drop_front(Sp + 1);
  return F;
}

/// A decimal number field of \p Rest.
template <typename T> static bool number(StringRef &Rest, T &Out) {
  return !field(Rest).getAsInteger(10, Out);
}

static bool statFields(StringRef &Rest, FileStat &St) {
  return number(Rest, St.Size) && number(Rest, St.MTimeNs) &&
         number(Rest, St.CTimeNs) && number(Rest, St.Dev) &&
         number(Rest, St.Ino);
}

static bool isDigestText(StringRef D) {
  return D.size() == 16 && D.find_first_of(" \t\n") == StringRef::npos;
}

StatIndex StatIndex::read(StringRef Path) {
  StatIndex Out;
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return Out;
  StringRef Text = (*Buf)->getBuffer();
  auto [Head, Body] = Text.split('\n');
  if (Head != (Magic + " " + llvm::Twine(Version) + " " +
               hex16(llvm::xxh3_64bits(Body)))
                  .str())
    return Out; // Damaged or another version: start afresh.
  // The checksum matched, so anything malformed is another writer's bug:
  // start afresh then too.
  auto PathAt = [&](uint32_t Id, std::string &P) {
    if (Id >= Out.Paths->size())
      return false;
    P = (*Out.Paths)[Id];
    return true;
  };
  bool InTable = true;
  while (!Body.empty()) {
    StringRef Line;
    std::tie(Line, Body) = Body.split('\n');
    if (Line.size() < 2 || Line[1] != ' ')
      return StatIndex();
    char Kind = Line[0];
    StringRef Rest = Line.drop_front(2);
    if (Kind == 'p') { // A path, numbered in order.
      if (!InTable)
        return StatIndex();
      Out.Paths->push_back(Rest.str());
      continue;
    }
    InTable = false;
    if (Kind == 'f') { // DIGEST STAT PATH-ID
      Record R;
      R.Digest = field(Rest).str();
      uint32_t Id;
      std::string Name;
      if (!isDigestText(R.Digest) || !statFields(Rest, R.St) ||
          !number(Rest, Id) || !Rest.empty() || !PathAt(Id, Name) ||
          Name.empty())
        return StatIndex();
      Out.Records[Name] = std::move(R);
      continue;
    }
    if (Kind != 's' || !Out.readSet(Rest))
      return StatIndex();
  }
  return Out;
}

bool StatIndex::readSet(StringRef Rest) {
  // ID STAT SET-PATH-ID ROOT-ID N (PATH-ID DIGEST)*N ABSENT-ID*
  size_t Count = Paths->size();
  auto PathAt = [&](uint32_t Id, std::string &P) {
    if (Id >= Count)
      return false;
    P = (*Paths)[Id];
    return true;
  };
  SetRecord R;
  auto Ids = std::make_shared<SetIds>();
  Ids->Id = field(Rest).str();
  uint32_t SetPath, Root;
  size_t N;
  std::string Name;
  if (Ids->Id.size() != 16 || !statFields(Rest, R.St) ||
      !number(Rest, SetPath) || !PathAt(SetPath, Name) || Name.empty() ||
      !number(Rest, Root) || !PathAt(Root, R.Root) || !number(Rest, N) ||
      N > Rest.size())
    return false;
  Ids->Files.reserve(N);
  for (size_t I = 0; I < N; ++I) {
    uint32_t Id;
    if (!number(Rest, Id) || Id >= Count)
      return false;
    StringRef D = field(Rest);
    if (!isDigestText(D))
      return false;
    Ids->Files.emplace_back(Id, D.str());
  }
  while (!Rest.empty()) {
    uint32_t Id;
    if (!number(Rest, Id) || Id >= Count)
      return false;
    Ids->AbsentShadows.push_back(Id);
  }
  R.Ids = std::move(Ids);
  Sets[Name] = std::move(R);
  return true;
}

std::shared_ptr<const StatIndex::SetIds>
StatIndex::lookupSet(StringRef Path, const FileStat &St, StringRef SourceRoot,
                     StringRef Id) {
  auto It = Sets.find(Path);
  if (It == Sets.end() || !It->second.Ids || It->second.St != St ||
      It->second.Root != SourceRoot || It->second.Ids->Id != Id)
    return nullptr;
  It->second.Used = true;
  return It->second.Ids;
}

SharedInputs StatIndex::materialize(std::shared_ptr<const SetIds> Ids) const {
  SharedInputs S;
  S.Id = Ids->Id;
  S.Files.reserve(Ids->Files.size());
  for (const auto &[Id, Digest] : Ids->Files)
    S.Files.emplace_back((*Paths)[Id], Digest);
  S.deferAbsentShadows(
      [Ids, Table = std::shared_ptr<const std::vector<std::string>>(Paths)] {
        std::vector<std::string> Out;
        Out.reserve(Ids->AbsentShadows.size());
        for (uint32_t Id : Ids->AbsentShadows)
          Out.push_back((*Table)[Id]);
        return Out;
      });
  return S;
}

bool StatIndex::recordSet(StringRef Path, const FileStat &St,
                          StringRef SourceRoot,
                          std::shared_ptr<const SharedInputs> Set,
                          WallTime SeenAt) {
  auto Writable = [](StringRef P) { return !P.contains('\n'); };
  if (!Set || !trusted(St, SeenAt) || Path.empty() || !Writable(Path) ||
      !Writable(SourceRoot) || Set->Id.size() != 16 ||
      Set->Id.find_first_of(" \t\n") != std::string::npos)
    return false;
  for (const auto &[P, D] : Set->Files)
    if (!Writable(P) || !isDigestText(D))
      return false;
  for (const std::string &P : Set->absentShadows())
    if (!Writable(P))
      return false;
  SetRecord &R = Sets[Path];
  if (R.St == St && R.Root == SourceRoot &&
      ((R.Ids && R.Ids->Id == Set->Id) ||
       (R.Fresh && R.Fresh->Id == Set->Id))) {
    R.Used = true; // Content-addressed: the same id, the same set.
    return true;
  }
  Modified = true;
  R.St = St;
  R.Root = SourceRoot.str();
  R.Ids = nullptr;
  R.Fresh = std::move(Set);
  R.Used = true;
  return true;
}

std::optional<std::string> StatIndex::lookup(StringRef Path,
                                             const FileStat &St) {
  auto It = Records.find(Path);
  if (It == Records.end() || It->second.St != St)
    return std::nullopt;
  It->second.Used = true;
  return It->second.Digest;
}

bool StatIndex::trusted(const FileStat &St, WallTime SeenAt) {
  int64_t Seen = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     SeenAt.time_since_epoch())
                     .count();
  int64_t Margin =
      std::chrono::duration_cast<std::chrono::nanoseconds>(RacyMargin).count();
  return St.CTimeNs < Seen - Margin && St.MTimeNs < Seen - Margin;
}

bool StatIndex::record(StringRef Path, const FileStat &St, std::string Digest,
                       WallTime SeenAt) {
  if (!trusted(St, SeenAt) || Path.empty() || Path.contains('\n') ||
      Path.contains('\t') || Digest.size() != 16)
    return false;
  Record &R = Records[Path];
  Modified |= R.St != St || R.Digest != Digest; // A new record differs too.
  R.St = St;
  R.Digest = std::move(Digest);
  R.Used = true;
  return true;
}

bool StatIndex::changed() const {
  return Modified ||
         llvm::any_of(Records,
                      [](const auto &E) { return !E.getValue().Used; }) ||
         llvm::any_of(Sets, [](const auto &E) { return !E.getValue().Used; });
}

StatIndex::Layout StatIndex::layout() const {
  // The path table: every path that a used record names, sorted. A set
  // read from the index names its paths by the old table's numbers: those
  // are marked, not listed, since a Qt library's sets name 300,000 of them,
  // mostly the same few thousand absent shadows.
  Layout L;
  std::vector<StringRef> &Table = L.Table;
  std::vector<bool> OldUsed(Paths->size());
  for (const auto &E : Records)
    if (E.getValue().Used) {
      L.Names.push_back(E.getKey());
      Table.push_back(E.getKey());
    }
  for (const auto &E : Sets) {
    const SetRecord &R = E.getValue();
    if (!R.Used)
      continue;
    L.SetNames.push_back(E.getKey());
    Table.push_back(E.getKey());
    Table.push_back(R.Root);
    if (R.Fresh) {
      for (const auto &F : R.Fresh->Files)
        Table.push_back(F.first);
      for (const std::string &A : R.Fresh->absentShadows())
        Table.push_back(A);
    } else {
      for (const auto &F : R.Ids->Files)
        OldUsed[F.first] = true;
      for (uint32_t A : R.Ids->AbsentShadows)
        OldUsed[A] = true;
    }
  }
  for (size_t I = 0; I < OldUsed.size(); ++I)
    if (OldUsed[I])
      Table.push_back((*Paths)[I]);
  llvm::sort(Table);
  Table.erase(std::unique(Table.begin(), Table.end()), Table.end());
  for (size_t I = 0; I < Table.size(); ++I)
    L.IdOf[Table[I]] = static_cast<uint32_t>(I);
  // Old number -> new number, for the marked paths.
  L.NewId.resize(Paths->size());
  for (size_t I = 0; I < OldUsed.size(); ++I)
    if (OldUsed[I])
      L.NewId[I] = L.IdOf.find((*Paths)[I])->second;
  llvm::sort(L.Names);
  llvm::sort(L.SetNames);
  return L;
}

llvm::Error StatIndex::write(StringRef Path) const {
  Layout L = layout();
  const std::vector<StringRef> &Table = L.Table;
  llvm::StringMap<uint32_t> &IdOf = L.IdOf;
  std::string Body;
  auto Num = [&](uint64_t V) {
    Body += ' ';
    Body += std::to_string(V);
  };
  auto Stat = [&](const FileStat &St) {
    Num(St.Size);
    Body += ' ' + std::to_string(St.MTimeNs) + ' ' + std::to_string(St.CTimeNs);
    Num(St.Dev);
    Num(St.Ino);
  };
  for (StringRef P : Table) {
    Body += "p ";
    Body += P;
    Body += '\n';
  }
  for (StringRef N : L.Names) {
    const Record &R = Records.find(N)->second;
    Body += "f " + R.Digest;
    Stat(R.St);
    Num(IdOf[N]);
    Body += '\n';
  }
  for (StringRef N : L.SetNames) {
    const SetRecord &R = Sets.find(N)->second;
    Body += "s " + (R.Fresh ? R.Fresh->Id : R.Ids->Id);
    Stat(R.St);
    Num(IdOf[N]);
    Num(IdOf[R.Root]);
    if (R.Fresh) {
      Num(R.Fresh->Files.size());
      for (const auto &[P, D] : R.Fresh->Files) {
        Num(IdOf[P]);
        Body += ' ' + D;
      }
      for (const std::string &A : R.Fresh->absentShadows())
        Num(IdOf[A]);
    } else {
      Num(R.Ids->Files.size());
      for (const auto &[Id, D] : R.Ids->Files) {
        Num(L.NewId[Id]);
        Body += ' ' + D;
      }
      for (uint32_t A : R.Ids->AbsentShadows)
        Num(L.NewId[A]);
    }
    Body += '\n';
  }
  return writeFileAtomically(Path, [&](llvm::raw_ostream &OS) {
    OS << Magic << " " << Version << " " << hex16(llvm::xxh3_64bits(Body))
       << "\n"
       << Body;
  });
}

} // namespace purpose
