//===- CanonicalEntryReader.cpp - The fast path of parseSummary -----------===//
//
// A warm run reads every TU's entry, so reading them is most of its time and
// what a pre-commit run pays beside the one TU it parses. The validating
// reader (SummaryReader.cpp) builds a positioned JSON tree of each entry and
// then checks it, which costs about 0.4 ms per 11 KB entry.
//
// This reader takes the entry exactly as serializeSummary writes it:
// nlohmann's compact dump, members in the writer's order, strings of
// printable ASCII with the short escapes. It matches the writer's bytes
// literally and decodes the values in one pass, straight into the TUSummary,
// with the same checks as the validating reader. Anything else, well-formed
// or not, makes it give up, and the validating reader then decides (and
// names the position of any problem). So it accepts only what that reader
// accepts, with the same result; the entry fuzzer checks both on every input.
//
//===----------------------------------------------------------------------===//
#include "SummaryCache.h"
#include "SummaryFormat.h"
#include "llvm/ADT/StringExtras.h"
#include <climits>

namespace purpose {
namespace {

using llvm::StringRef;

class CanonicalReader {
public:
  CanonicalReader(StringRef Text, const CachePaths &Paths,
                  SharedInputsResolver Resolve)
      : P(Text.begin()), End(Text.end()), Paths(Paths), Resolve(Resolve),
        Mapper(Paths) {}

  /// The payload, then nothing but the end of the text.
  bool payload(TUSummary &Out) {
    return lit("{\"main_file\":") && path(Out.MainFile) &&
           lit(",\"inputs\":") && inputs(Out.Inputs) &&
           lit(",\"functions\":") &&
           array(Out.Functions, &CanonicalReader::function) &&
           lit(",\"decls\":") && byKey(Out.Decls, &CanonicalReader::decl) &&
           lit(",\"types\":") && byKey(Out.Types, &CanonicalReader::type) &&
           lit(",\"policy_param_fits\":") && fits(Out.PolicyParamFits) &&
           lit(",\"annotation_findings\":") &&
           array(Out.AnnotationFindings, &CanonicalReader::step) && lit("}") &&
           P == End;
  }

  /// The start of the payload: the main file and the inputs, which decide
  /// whether the entry is current. The rest is left unread.
  bool head(std::string &MainFile, TUInputs &Inputs) {
    return lit("{\"main_file\":") && path(MainFile) && lit(",\"inputs\":") &&
           inputs(Inputs) && lit(",\"functions\":");
  }

  /// A shared input set's payload, then nothing but the end of the text.
  bool sharedPayload(SharedInputs &Out) {
    std::vector<std::string> Shadows;
    if (!(lit("{\"files\":") && array(Out.Files, &CanonicalReader::inputFile) &&
          lit(",\"absent_shadows\":") &&
          array(Shadows, &CanonicalReader::path) && lit("}") && P == End))
      return false;
    Out.setAbsentShadows(std::move(Shadows));
    return true;
  }

private:
  const char *P, *End;
  const CachePaths &Paths;
  SharedInputsResolver Resolve;
  StoredPathMapper Mapper;

  bool lit(StringRef L) {
    if (static_cast<size_t>(End - P) < L.size() || StringRef(P, L.size()) != L)
      return false;
    P += L.size();
    return true;
  }

  /// A string as nlohmann reads it, for printable ASCII and the short
  /// escapes; any other byte or escape is left to the validating reader
  /// (which also checks UTF-8).
  bool str(std::string &Out) {
    if (!lit("\""))
      return false;
    Out.clear();
    const char *Run = P;
    while (P != End) {
      unsigned char C = *P;
      if (C == '"') {
        Out.append(Run, P);
        ++P;
        return true;
      }
      if (C < 0x20 || C >= 0x80)
        return false;
      if (C != '\\') {
        ++P;
        continue;
      }
      Out.append(Run, P);
      if (++P == End)
        return false;
      switch (*P) {
      case '"':
      case '\\':
      case '/':
        Out += *P;
        break;
      case 'b':
        Out += '\b';
        break;
      case 'f':
        Out += '\f';
        break;
      case 'n':
        Out += '\n';
        break;
      case 'r':
        Out += '\r';
        break;
      case 't':
        Out += '\t';
        break;
      default: // \uXXXX and anything invalid.
        return false;
      }
      Run = ++P;
    }
    return false;
  }

  bool path(std::string &Out) {
    if (!str(Out))
      return false;
    Out = Mapper.toMemory(Out);
    return true;
  }

  /// A JSON integer without sign, leading zero or fraction, at most
  /// \p Max.
  bool digits(uint64_t Max, uint64_t &Out) {
    const char *Start = P;
    Out = 0;
    while (P != End && llvm::isDigit(*P) && P - Start < 11)
      Out = Out * 10 + (*P++ - '0');
    size_t N = P - Start;
    return N > 0 && N <= 10 && !(N > 1 && *Start == '0') && Out <= Max;
  }

  bool unsignedInt(unsigned &Out) {
    uint64_t V;
    if (!digits(UINT_MAX, V))
      return false;
    Out = static_cast<unsigned>(V);
    return true;
  }

  bool integer(int &Out) {
    bool Negative = P != End && *P == '-';
    P += Negative;
    uint64_t V;
    // "-0" is a signed zero to nlohmann; leave it to the validating reader.
    if (!digits(Negative ? uint64_t(INT_MAX) + 1 : uint64_t(INT_MAX), V) ||
        (Negative && V == 0))
      return false;
    Out = Negative ? static_cast<int>(-static_cast<int64_t>(V))
                   : static_cast<int>(V);
    return true;
  }

  bool boolean(bool &Out) {
    Out = lit("true");
    return Out || lit("false");
  }

  template <typename EnumT> bool enumeration(EnumT &Out) {
    std::string Name;
    if (!str(Name))
      return false;
    std::optional<EnumT> K = kindNamed<EnumT>(Name);
    if (K)
      Out = *K;
    return K.has_value();
  }

  /// "[E,E,...]", each element read by \p ReadOne().
  template <typename ReadFn> bool elements(ReadFn ReadOne) {
    if (!lit("["))
      return false;
    if (lit("]"))
      return true;
    do
      if (!ReadOne())
        return false;
    while (lit(","));
    return lit("]");
  }

  /// "{"KEY":V,...}", each value read by \p ReadOne(KEY).
  template <typename ReadFn> bool object(ReadFn ReadOne) {
    if (!lit("{"))
      return false;
    if (lit("}"))
      return true;
    std::string Key;
    do
      if (!str(Key) || !lit(":") || !ReadOne(Key))
        return false;
    while (lit(","));
    return lit("}");
  }

  /// An array into \p Out, each element read by the member \p ReadOne.
  template <typename T>
  bool array(std::vector<T> &Out, bool (CanonicalReader::*ReadOne)(T &)) {
    Out.clear();
    return elements([&] {
      Out.emplace_back();
      return (this->*ReadOne)(Out.back());
    });
  }

  bool strings(std::vector<std::string> &Out) {
    return array(Out, &CanonicalReader::str);
  }

  /// An object into a map; a key twice is left to the validating reader
  /// (whose JSON parser rejects it).
  template <typename T>
  bool byKey(std::map<std::string, T> &Out,
             bool (CanonicalReader::*ReadOne)(T &)) {
    return object([&](const std::string &Key) {
      auto [It, New] = Out.try_emplace(Key);
      return New && (this->*ReadOne)(It->second);
    });
  }

  bool fits(std::map<std::string, bool> &Out) {
    return object([&](const std::string &Key) {
      bool Fit;
      return boolean(Fit) && Out.emplace(Paths.keyToMemory(Key), Fit).second;
    });
  }

  bool pos(SourcePos &Out) {
    return lit("[") && path(Out.File) && lit(",") && unsignedInt(Out.Line) &&
           lit(",") && unsignedInt(Out.Column) && lit("]");
  }

  bool inputFile(std::pair<std::string, std::string> &Out) {
    return lit("{\"path\":") && path(Out.first) && lit(",\"digest\":") &&
           str(Out.second) && lit("}");
  }

  bool inputs(TUInputs &Out) {
    std::string Id;
    if (!(lit("{\"command_hash\":") && str(Out.CommandHash) &&
          lit(",\"files\":") && array(Out.Files, &CanonicalReader::inputFile) &&
          lit(",\"shared\":") && str(Id) && lit("}")))
      return false;
    if (Id.empty())
      return true;
    auto Shared = Resolve(Id);
    if (!Shared) {
      llvm::consumeError(Shared.takeError()); // The validating reader says.
      return false;
    }
    Out.Shared = std::move(*Shared);
    return true;
  }

  template <typename T> bool labelLike(T &Out) {
    return lit("{\"kind\":") && enumeration(Out.Kind) && lit(",\"a\":") &&
           integer(Out.A) && lit(",\"b\":") && integer(Out.B) &&
           lit(",\"key\":") && str(Out.Key) && lit("}");
  }
  bool label(Label &Out) { return labelLike(Out); }
  bool output(Output &Out) { return labelLike(Out); }

  bool step(TraceStep &Out) {
    return lit("{\"pos\":") && pos(Out.Pos) && lit(",\"message\":") &&
           str(Out.Message) && lit("}");
  }

  bool edge(FlowEdge &Out) {
    return lit("{\"src\":") && label(Out.Src) && lit(",\"dst\":") &&
           output(Out.Dst) && lit(",\"steps\":") &&
           array(Out.Steps, &CanonicalReader::step) && lit("}");
  }

  bool call(CallSite &Out) {
    // std::vector<bool> has no references to read into.
    Out.OutArg.clear();
    auto Flag = [&] {
      bool B;
      if (!boolean(B))
        return false;
      Out.OutArg.push_back(B);
      return true;
    };
    return lit("{\"callee_usr\":") && str(Out.CalleeUSR) &&
           lit(",\"callee_name\":") && str(Out.CalleeName) &&
           lit(",\"pos\":") && pos(Out.Pos) && lit(",\"virtual\":") &&
           boolean(Out.Virtual) && lit(",\"indirect\":") &&
           boolean(Out.Indirect) && lit(",\"has_object\":") &&
           boolean(Out.HasObject) && lit(",\"object_mutable\":") &&
           boolean(Out.ObjectMutable) && lit(",\"returns_truth\":") &&
           boolean(Out.ReturnsTruth) && lit(",\"num_args\":") &&
           unsignedInt(Out.NumArgs) && lit(",\"out_args\":") &&
           elements(Flag) && lit(",\"ordinal\":") && unsignedInt(Out.Ordinal) &&
           lit("}");
  }

  bool function(FunctionSummary &Out) {
    return lit("{\"usr\":") && str(Out.USR) && lit(",\"name\":") &&
           str(Out.Name) && lit(",\"pos\":") && pos(Out.Pos) &&
           lit(",\"num_params\":") && unsignedInt(Out.NumParams) &&
           lit(",\"is_method\":") && boolean(Out.IsMethod) &&
           lit(",\"param_names\":") && strings(Out.ParamNames) &&
           lit(",\"overrides\":") && strings(Out.Overrides) &&
           lit(",\"calls\":") && array(Out.Calls, &CanonicalReader::call) &&
           lit(",\"edges\":") && array(Out.Edges, &CanonicalReader::edge) &&
           lit(",\"fields_read\":") && strings(Out.FieldsRead) &&
           lit(",\"returns_ref_to\":") &&
           array(Out.ReturnsRefTo, &CanonicalReader::output) && lit("}") &&
           firstEdgeWithBadCallIndex(Out) < 0;
  }

  bool decl(DeclInfo &Out) {
    auto ParamUse = [&] {
      int Index;
      std::string Use;
      return lit("[") && integer(Index) && lit(",") && str(Use) && lit("]") &&
             Out.ParamUses.emplace(Index, std::move(Use)).second;
    };
    if (!(lit("{\"kind\":") && enumeration(Out.Kind) && lit(",\"name\":") &&
          str(Out.Name) && lit(",\"pos\":") && pos(Out.Pos) &&
          lit(",\"limited\":") && strings(Out.Limited) && lit(",\"use\":") &&
          str(Out.Use) && lit(",\"param_uses\":") && elements(ParamUse)))
      return false;
    if (!(lit(",\"out_param_sources\":") &&
          array(Out.OutParamSources, &CanonicalReader::integer) &&
          lit(",\"declassify\":")))
      return false;
    if (!lit("null") && !str(Out.Declassify.emplace()))
      return false;
    return lit(",\"from_policy\":") && boolean(Out.FromPolicy) &&
           lit(",\"category\":") && str(Out.Category) && lit("}");
  }

  bool type(TypeInfo &Out) {
    return lit("{\"name\":") && str(Out.Name) && lit(",\"fields\":") &&
           strings(Out.Fields) && lit(",\"nested\":") && strings(Out.Nested) &&
           lit("}");
  }
};

} // namespace

/// The payload between a canonical envelope's head and its closing brace,
/// if its checksum is right; "" otherwise (no payload is empty).
static StringRef canonicalPayload(StringRef Contents, StringRef Head,
                                  StringRef &Checksum) {
  StringRef Text = Contents.rtrim(" \t\r\n");
  constexpr StringRef AfterChecksum = "\",\"payload\":";
  constexpr size_t DigestSize = 16;
  if (!Text.consume_front(Head) ||
      Text.size() < DigestSize + AfterChecksum.size() + 1 ||
      !Text.consume_back("}"))
    return "";
  Checksum = Text.take_front(DigestSize);
  StringRef Payload = Text.drop_front(DigestSize);
  if (!Payload.consume_front(AfterChecksum) ||
      contentDigest(Payload) != Checksum)
    return "";
  return Payload;
}

std::optional<SharedInputs> readCanonicalSharedInputs(StringRef Contents,
                                                      StringRef SourceRoot,
                                                      StringRef Id) {
  // As readCanonicalSummary, for a shared input set: every TU of a Qt
  // library names a set of its own, tens of thousands of paths long, and a
  // warm run reads them all.
  static const std::string Head =
      ("{\"format\":\"" + SharedInputsFormatName +
       "\",\"version\":" + llvm::Twine(CacheFormatVersion) + ",\"checksum\":\"")
          .str();
  StringRef Checksum;
  StringRef Payload = canonicalPayload(Contents, Head, Checksum);
  if (Payload.empty() || Checksum != Id)
    return std::nullopt;
  CachePaths Paths(SourceRoot);
  SharedInputs S;
  S.Id = Id.str();
  auto NoNesting =
      [](StringRef) -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
    return llvm::createStringError("shared input sets do not nest");
  };
  if (!CanonicalReader(Payload, Paths, NoNesting).sharedPayload(S))
    return std::nullopt;
  return S;
}

/// The envelope of an entry as serializeSummary writes it, up to its
/// checksum; the checksum covers the payload's bytes, from its first
/// character to the entry's closing brace.
static const std::string &entryHead() {
  static const std::string Head =
      ("{\"format\":\"" + SummaryFormatName +
       "\",\"version\":" + llvm::Twine(CacheFormatVersion) + ",\"checksum\":\"")
          .str();
  return Head;
}

StringRef canonicalEntryChecksum(StringRef Contents) {
  if (!Contents.consume_front(entryHead()) || Contents.size() < 16)
    return "";
  return Contents.take_front(16);
}

std::optional<EntryHead> readCanonicalHead(StringRef Contents,
                                           StringRef SourceRoot,
                                           SharedInputsResolver Resolve) {
  StringRef Checksum;
  StringRef Payload = canonicalPayload(Contents, entryHead(), Checksum);
  if (Payload.empty())
    return std::nullopt;
  CachePaths Paths(SourceRoot);
  EntryHead H;
  H.Checksum = Checksum.str();
  if (!CanonicalReader(Payload, Paths, Resolve).head(H.MainFile, H.Inputs))
    return std::nullopt;
  return H;
}

std::optional<TUSummary> readCanonicalSummary(StringRef Contents,
                                              StringRef SourceRoot,
                                              SharedInputsResolver Resolve) {
  StringRef Checksum;
  StringRef Payload = canonicalPayload(Contents, entryHead(), Checksum);
  if (Payload.empty())
    return std::nullopt;
  CachePaths Paths(SourceRoot);
  TUSummary S;
  if (!CanonicalReader(Payload, Paths, Resolve).payload(S))
    return std::nullopt;
  return S;
}

} // namespace purpose
