//===- SummaryReader.cpp - A cache entry to TUSummary ---------------------===//
//
// parseSummary, readEntryHead and parseSharedInputs, for the format of
// docs/cache-format.md. A warm run reads every TU's entry, so reading them is
// most of its time. This reader takes an entry exactly as serializeSummary
// writes it and decodes it in one pass, straight into the structs, walking
// the schema's tables (SummarySchema.h): it matches the writer's bytes
// literally and checks every value as it goes. An entry in any other form
// (another spelling of the same JSON included) is not read: the error names
// the first byte that differs and what was expected there, and the caller
// re-analyzes the TU.
//
//===----------------------------------------------------------------------===//
#include "JsonTree.h"
#include "SummarySchema.h"
#include "llvm/ADT/StringExtras.h"
#include <climits>

namespace purpose {
namespace schema {

using llvm::StringRef;

bool Reader::failAt(const char *At, const llvm::Twine &What) {
  if (Failure.empty())
    Failure = (What + " at offset " + llvm::Twine(offset(At))).str();
  return false;
}

bool Reader::expect(char C) {
  return lit(C) ||
         fail(llvm::Twine("expected '") + llvm::Twine(C) + "' in " + Field);
}

bool Reader::key(char Sep, StringRef Key) {
  if (static_cast<size_t>(End - P) > Key.size() && *P == Sep &&
      StringRef(P + 1, Key.size()) == Key) {
    P += Key.size() + 1;
    Field = Key.drop_front().drop_back(2);
    return true;
  }
  return fail("expected field \"" + Key.drop_front().drop_back(2) + "\"");
}

/// The length of the UTF-8 sequence at \p P (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF), or 0 if there is none: what
/// nlohmann's dump keeps of a string.
static size_t utf8Length(const char *P, const char *End) {
  auto At = [&](size_t I) -> unsigned {
    return P + I < End ? static_cast<unsigned char>(P[I]) : 0;
  };
  auto Cont = [&](size_t I) { return (At(I) & 0xc0) == 0x80; };
  unsigned C = At(0);
  if (C >= 0xc2 && C <= 0xdf)
    return Cont(1) ? 2 : 0;
  if (C >= 0xe0 && C <= 0xef) {
    unsigned Lo = C == 0xe0 ? 0xa0 : 0x80, Hi = C == 0xed ? 0x9f : 0xbf;
    return At(1) >= Lo && At(1) <= Hi && Cont(2) ? 3 : 0;
  }
  if (C >= 0xf0 && C <= 0xf4) {
    unsigned Lo = C == 0xf0 ? 0x90 : 0x80, Hi = C == 0xf4 ? 0x8f : 0xbf;
    return At(1) >= Lo && At(1) <= Hi && Cont(2) && Cont(3) ? 4 : 0;
  }
  return 0;
}

/// The escape at P (after its backslash) as nlohmann writes it: the short
/// ones, and \u00XX (lower-case hex) for the other control characters.
bool Reader::escape(std::string &Out) {
  const char *At = P - 1;
  char E = P == End ? 0 : *P;
  const char *Short = E ? strchr("\"\\bfnrt", E) : nullptr;
  if (Short) {
    static constexpr char Decoded[] = "\"\\\b\f\n\r\t";
    Out += Decoded[Short - "\"\\bfnrt"];
    ++P;
    return true;
  }
  auto Hex = [](char C) { return llvm::isDigit(C) || (C >= 'a' && C <= 'f'); };
  if (E == 'u' && End - P >= 5 && P[1] == '0' && P[2] == '0' &&
      (P[3] == '0' || P[3] == '1') && Hex(P[4])) {
    unsigned char C = (P[3] - '0') * 16 + llvm::hexDigitValue(P[4]);
    if (!strchr("\b\f\n\r\t", C) || C == 0) {
      Out += static_cast<char>(C);
      P += 5;
      return true;
    }
  }
  return failAt(At, "expected an escape as the writer spells it in " + Field);
}

bool Reader::str(std::string &Out) {
  if (!lit('"'))
    return fail("expected a string for " + Field);
  Out.clear();
  const char *Run = P;
  while (P != End) {
    unsigned char C = *P;
    if (C >= 0x20 && C < 0x80 && C != '"' && C != '\\') {
      ++P;
      continue;
    }
    if (C == '"') {
      Out.append(Run, P);
      ++P;
      return true;
    }
    if (C == '\\') {
      Out.append(Run, P++);
      if (!escape(Out))
        return false;
      Run = P;
      continue;
    }
    size_t N = C >= 0x80 ? utf8Length(P, End) : 0;
    if (!N)
      return fail(C < 0x20 ? "expected an escaped control character in " + Field
                           : "expected UTF-8 in " + Field);
    P += N;
  }
  return fail("expected the end of a string in " + Field);
}

bool Reader::path(std::string &Out) {
  if (!str(Out))
    return false;
  Out = Mapper.toMemory(Out);
  return true;
}

/// A JSON integer without sign, leading zero or fraction, at most \p Max.
bool Reader::digits(uint64_t Max, uint64_t &Out, const char *What) {
  const char *Start = P;
  Out = 0;
  while (P != End && llvm::isDigit(*P) && P - Start < 11)
    Out = Out * 10 + (*P++ - '0');
  size_t N = P - Start;
  if (N > 0 && N <= 10 && !(N > 1 && *Start == '0') && Out <= Max &&
      !(P != End && (llvm::isDigit(*P) || *P == '.' || *P == 'e' || *P == 'E')))
    return true;
  return failAt(Start, llvm::Twine("expected ") + What + " for " + Field);
}

bool Reader::unsignedInt(unsigned &Out) {
  uint64_t V;
  if (!digits(UINT_MAX, V, "an unsigned 32-bit integer"))
    return false;
  Out = static_cast<unsigned>(V);
  return true;
}

bool Reader::integer(int &Out) {
  const char *Start = P;
  bool Negative = lit('-');
  uint64_t V;
  if (!digits(Negative ? uint64_t(INT_MAX) + 1 : uint64_t(INT_MAX), V,
              "a 32-bit integer"))
    return false;
  if (Negative && V == 0) // The writer writes no "-0".
    return failAt(Start, "expected a 32-bit integer for " + Field);
  Out = Negative ? static_cast<int>(-static_cast<int64_t>(V))
                 : static_cast<int>(V);
  return true;
}

bool Reader::boolean(bool &Out) {
  if (End - P >= 4 && StringRef(P, 4) == "true") {
    P += 4;
    Out = true;
    return true;
  }
  if (End - P >= 5 && StringRef(P, 5) == "false") {
    P += 5;
    Out = false;
    return true;
  }
  return fail("expected a boolean for " + Field);
}

bool Bools::read(Reader &R, std::vector<bool> &V) {
  V.clear();
  return R.list('[', ']', [&] {
    bool B;
    if (!R.boolean(B))
      return false;
    V.push_back(B);
    return true;
  });
}

bool Fits::read(Reader &R, std::map<std::string, bool> &V) {
  V.clear();
  std::string Key, Prev;
  return R.list('{', '}', [&] {
    const char *At = R.P;
    bool Fit;
    if (!R.str(Key))
      return false;
    if (!V.empty() && !(Prev < Key))
      return R.failAt(At, "expected the keys of policy_param_fits in "
                          "ascending order, each once");
    if (!R.expect(':') || !R.boolean(Fit))
      return false;
    if (!V.emplace(R.Paths.keyToMemory(Key), Fit).second)
      return R.failAt(At, "expected the keys of policy_param_fits to name "
                          "distinct positions");
    Prev = Key;
    return true;
  });
}

bool ParamUses::read(Reader &R, std::map<int, std::string> &V) {
  V.clear();
  return R.list('[', ']', [&] {
    const char *At = R.P;
    int Index;
    std::string Use;
    if (!(R.expect('[') && R.integer(Index) && R.expect(',') && R.str(Use) &&
          R.expect(']')))
      return false;
    if (!V.empty() && V.rbegin()->first >= Index)
      return R.failAt(At, "expected the parameters of param_uses in "
                          "ascending order, each once");
    V.emplace_hint(V.end(), Index, std::move(Use));
    return true;
  });
}

template <bool Outside>
bool FilePath<Outside>::read(Reader &R, std::string &V) {
  const char *At = R.P;
  if (!R.str(V))
    return false;
  if (CachePaths::isVerbatim(V) != Outside)
    return R.failAt(At, Outside ? "expected a path outside the source root"
                                : "expected a path under the source root");
  V = R.Mapper.toMemory(V);
  return true;
}

template <bool Outside>
bool Files<Outside>::read(Reader &R, std::vector<FilePair> &V) {
  V.clear();
  return R.list('[', ']', [&] {
    const char *At = R.P;
    if (!Object<InputFileSchema<Outside>>::read(R, V.emplace_back()))
      return false;
    if (V.size() > 1 && !(V[V.size() - 2].first < V.back().first))
      return R.failAt(At, "expected input files in ascending order of "
                          "path, each once");
    return true;
  });
}
template struct Files<false>;
template struct Files<true>;

bool Shadows::read(Reader &R, std::vector<std::string> &V) {
  V.clear();
  std::string Stored, Prev;
  return R.list('[', ']', [&] {
    const char *At = R.P;
    if (!R.str(Stored))
      return false;
    if (!V.empty() && !(Prev < Stored))
      return R.failAt(At, "expected absent_shadows in ascending order, "
                          "each once");
    V.push_back(R.Mapper.toMemory(Stored));
    std::swap(Prev, Stored);
    return true;
  });
}

bool Schema<FunctionSummary>::check(Reader &R, const char *Start,
                                    const FunctionSummary &V) {
  int Bad = firstEdgeWithBadCallIndex(V);
  if (Bad < 0)
    return true;
  return R.failAt(Start, "expected edge " + llvm::Twine(Bad) +
                             " to name a call site of function '" + V.Name +
                             "'");
}

bool Schema<StoredSet>::check(Reader &R, const char *Start,
                              const StoredSet &V) {
  if (!V.Files.empty() || !V.AbsentShadows.empty())
    return true;
  return R.failAt(Start, "expected a shared input set that is not empty");
}

bool Inputs::read(Reader &R, TUInputs &V) {
  StoredInputs S;
  if (!Object<>::read(R, S))
    return false;
  V.CommandHash = std::move(S.CommandHash);
  V.Files = std::move(S.Files);
  V.AbsentShadows.clear();
  V.Shared = nullptr;
  if (S.Shared.empty())
    return true;
  auto Shared = R.Resolve(S.Shared);
  if (!Shared)
    return R.failAt(R.P - 1, "expected shared input set '" + S.Shared +
                                 "' to be readable (" +
                                 llvm::toString(Shared.takeError()) + ")");
  V.Shared = std::move(*Shared);
  return true;
}

/// Where an envelope spelled as the writer spells it has its parts.
struct Envelope {
  StringRef Checksum, Payload;
  size_t PayloadOffset = 0;
  size_t ChecksumOffset = 0;
};

/// Reads the envelope of \p Text, a file of format \p Format, and verifies
/// its checksum. \p Why gets the first difference from the canonical form.
static std::optional<Envelope> readEnvelope(StringRef Text, StringRef Format,
                                            std::string &Why) {
  auto Fail = [&](size_t Offset, const llvm::Twine &What) {
    Why = (What + " at offset " + llvm::Twine(Offset)).str();
    return std::nullopt;
  };
  StringRef Rest = Text;
  constexpr StringRef Open = "{\"format\":\"", Then = "\",\"version\":";
  if (!Rest.consume_front(Open) || !Rest.consume_front(Format) ||
      !Rest.consume_front(Then)) {
    std::string Head = (Open + Format + Then).str();
    size_t Common = 0;
    while (Common < Text.size() && Common < Head.size() &&
           Text[Common] == Head[Common])
      ++Common;
    return Common >= Open.size()
               ? Fail(Open.size(), "expected format \"" + Format + "\"")
               : Fail(Common, "expected '" + Head + "'");
  }
  size_t VersionAt = Text.size() - Rest.size();
  StringRef Version = Rest.take_while(llvm::isDigit);
  if (Version != std::to_string(CacheFormatVersion))
    return Fail(VersionAt, "expected version " +
                               llvm::Twine(CacheFormatVersion) + ", found " +
                               (Version.empty() ? "none" : Version));
  Rest = Rest.drop_front(Version.size());
  constexpr StringRef Before = ",\"checksum\":\"", After = "\",\"payload\":";
  Envelope E;
  size_t ChecksumAt = Text.size() - Rest.size() + Before.size();
  if (!Rest.consume_front(Before) || Rest.size() < 16 ||
      !Rest.drop_front(16).starts_with(After))
    return Fail(ChecksumAt - Before.size(), "expected '" + Before +
                                                "' and 16 hex digits and '" +
                                                After + "'");
  E.Checksum = Rest.take_front(16);
  E.ChecksumOffset = ChecksumAt;
  Rest = Rest.drop_front(16 + After.size());
  E.PayloadOffset = Text.size() - Rest.size();
  if (!Rest.consume_back("}\n"))
    return Fail(Text.size() < 2 ? 0 : Text.size() - 2,
                "expected '}' and a newline at the end");
  E.Payload = Rest;
  if (contentDigest(E.Payload) != E.Checksum)
    return Fail(ChecksumAt, "checksum mismatch");
  return E;
}

} // namespace schema

using llvm::StringRef;
using schema::Object;
using schema::Reader;

/// The error of a file that did not read: one line, naming the file.
static llvm::Error corrupt(StringRef Name, StringRef What,
                           const std::string &Why) {
  return makePositionedError(PolicyPos{Name.str(), 0, 0},
                             "corrupt " + What + ": " + Why);
}

llvm::Expected<TUSummary> parseSummary(StringRef Contents, StringRef SourceRoot,
                                       StringRef Name,
                                       SharedInputsResolver Resolve) {
  std::string Why;
  auto E = schema::readEnvelope(Contents, SummaryFormatName, Why);
  if (!E)
    return corrupt(Name, "entry", Why);
  CachePaths Paths(SourceRoot);
  Reader R(E->Payload, E->PayloadOffset, Paths, Resolve);
  TUSummary S;
  if (!Object<>::read(R, S))
    return corrupt(Name, "entry", R.Failure);
  if (R.P != R.End) { // The object closed before the payload's last '}'.
    R.fail("expected the end of the payload");
    return corrupt(Name, "entry", R.Failure);
  }
  return std::move(S);
}

std::optional<EntryHead> readEntryHead(StringRef Contents, StringRef SourceRoot,
                                       SharedInputsResolver Resolve) {
  std::string Why;
  auto E = schema::readEnvelope(Contents, SummaryFormatName, Why);
  if (!E)
    return std::nullopt;
  CachePaths Paths(SourceRoot);
  Reader R(E->Payload, E->PayloadOffset, Paths, Resolve);
  using Sch = schema::Schema<TUSummary>;
  TUSummary S;
  constexpr size_t N = Sch::HeadFields;
  if (!Object<>::readFirst<N>(R, S) ||
      !R.key(',', std::get<N>(Sch::Fields).Key))
    return std::nullopt;
  EntryHead H;
  H.Checksum = E->Checksum.str();
  H.MainFile = std::move(S.MainFile);
  H.Inputs = std::move(S.Inputs);
  return H;
}

StringRef entryChecksum(StringRef Contents) {
  std::string Head = ("{\"format\":\"" + SummaryFormatName + "\",\"version\":" +
                      llvm::Twine(CacheFormatVersion) + ",\"checksum\":\"")
                         .str();
  if (!Contents.consume_front(Head) || Contents.size() < 16)
    return "";
  return Contents.take_front(16);
}

llvm::Expected<SharedInputs> parseSharedInputs(StringRef Contents,
                                               StringRef SourceRoot,
                                               StringRef Id, StringRef Name) {
  std::string Why;
  auto E = schema::readEnvelope(Contents, SharedInputsFormatName, Why);
  if (!E)
    return corrupt(Name, "shared input set", Why);
  if (E->Checksum != Id)
    return corrupt(Name, "shared input set",
                   "expected checksum '" + Id.str() +
                       "' (the set's id) at offset " +
                       std::to_string(E->ChecksumOffset));
  CachePaths Paths(SourceRoot);
  auto NoNesting =
      [](StringRef) -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
    return llvm::createStringError("shared input sets do not nest");
  };
  Reader R(E->Payload, E->PayloadOffset, Paths, NoNesting);
  schema::StoredSet Set;
  if (!Object<>::read(R, Set))
    return corrupt(Name, "shared input set", R.Failure);
  if (R.P != R.End) {
    R.fail("expected the end of the payload");
    return corrupt(Name, "shared input set", R.Failure);
  }
  SharedInputs S;
  S.Id = Id.str();
  S.Files = std::move(Set.Files);
  S.setAbsentShadows(std::move(Set.AbsentShadows));
  return std::move(S);
}

} // namespace purpose
