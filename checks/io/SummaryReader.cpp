//===- SummaryReader.cpp - A cache entry to TUSummary ---------------------===//
//
// parseSummary, for the format of docs/cache-format.md. An entry exactly as
// the writer wrote it takes the fast path (CanonicalEntryReader.cpp); any
// other is read through JsonTree, which bounds nesting and never throws, and
// every member is then validated: an entry is accepted only if it has exactly
// the shape that serializeSummary writes. The first problem is the error.
//
//===----------------------------------------------------------------------===//
#include "JsonTree.h"
#include "SummaryCache.h"
#include "SummaryFormat.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <climits>
#include <exception>

namespace purpose {
namespace {

using llvm::StringRef;

/// Validates a payload into a TUSummary. Every reader returns false after
/// recording the first problem, at the offending value.
class SummaryReader {
public:
  SummaryReader(const JsonDocument &Doc, const CachePaths &Paths,
                SharedInputsResolver Resolve)
      : Doc(Doc), Paths(Paths), Resolve(Resolve), Mapper(Paths) {}

  llvm::Error read(const JsonNode &Payload, TUSummary &Out) {
    if (!payload(Payload, Out))
      return Doc.error(Failure->first, Failure->second);
    return llvm::Error::success();
  }

  llvm::Error read(const JsonNode &Payload, SharedInputs &Out) {
    if (!sharedPayload(Payload, Out))
      return Doc.error(Failure->first, Failure->second);
    return llvm::Error::success();
  }

private:
  const JsonDocument &Doc;
  const CachePaths &Paths;
  SharedInputsResolver Resolve;
  StoredPathMapper Mapper;
  std::optional<std::pair<size_t, std::string>> Failure;

  bool fail(size_t Offset, const llvm::Twine &Msg) {
    if (!Failure)
      Failure.emplace(Offset, Msg.str());
    return false;
  }

  bool expect(const JsonNode &N, JsonNode::KindTy K, StringRef What) {
    if (N.Kind == K)
      return true;
    return fail(N.Offset, llvm::Twine("expected ") + JsonNode::describe(K) +
                              " for " + What + ", found " + N.describe());
  }

  /// \p N is an object with exactly the members \p Keys.
  bool members(const JsonNode &N, llvm::ArrayRef<StringRef> Keys,
               StringRef What) {
    if (!expect(N, JsonNode::Object, What))
      return false;
    // The writer's order: what nearly every object has, checked in one pass.
    if (N.Keys.size() == Keys.size() &&
        std::equal(Keys.begin(), Keys.end(), N.Keys.begin()))
      return true;
    for (size_t I = 0; I < N.Keys.size(); ++I)
      if (!llvm::is_contained(Keys, N.Keys[I]))
        return fail(N.KeyOffsets[I],
                    "unknown key '" + N.Keys[I] + "' in " + What);
    for (StringRef K : Keys)
      if (!N.get(K))
        return fail(N.Offset, "missing key '" + K + "' in " + What);
    return true;
  }

  static const JsonNode &at(const JsonNode &Obj, StringRef Key) {
    return *Obj.get(Key); // Checked by members().
  }

  bool str(const JsonNode &N, StringRef What, std::string &Out) {
    if (!expect(N, JsonNode::String, "'" + What.str() + "'"))
      return false;
    Out = N.Str;
    return true;
  }

  bool path(const JsonNode &N, StringRef What, std::string &Out) {
    if (!str(N, What, Out))
      return false;
    Out = Mapper.toMemory(Out);
    return true;
  }

  bool boolean(const JsonNode &N, StringRef What, bool &Out) {
    if (!expect(N, JsonNode::Bool, "'" + What.str() + "'"))
      return false;
    Out = N.BoolValue;
    return true;
  }

  bool unsignedInt(const JsonNode &N, StringRef What, unsigned &Out) {
    if (N.Kind != JsonNode::Unsigned || N.UIntValue > UINT_MAX)
      return fail(
          N.Offset,
          "expected an unsigned 32-bit integer for '" + What + "', found " +
              (N.isInteger() ? "an out-of-range integer" : N.describe()));
    Out = static_cast<unsigned>(N.UIntValue);
    return true;
  }

  bool integer(const JsonNode &N, StringRef What, int &Out) {
    bool Fits = (N.Kind == JsonNode::Unsigned && N.UIntValue <= INT_MAX) ||
                (N.Kind == JsonNode::Integer && N.IntValue >= INT_MIN);
    if (!Fits)
      return fail(
          N.Offset,
          "expected a 32-bit integer for '" + What + "', found " +
              (N.isInteger() ? "an out-of-range integer" : N.describe()));
    Out = N.Kind == JsonNode::Unsigned ? static_cast<int>(N.UIntValue)
                                       : static_cast<int>(N.IntValue);
    return true;
  }

  template <typename EnumT>
  bool enumeration(const JsonNode &V, StringRef What, EnumT &Out) {
    if (!expect(V, JsonNode::String, "'" + What.str() + "'"))
      return false;
    if (std::optional<EnumT> K = kindNamed<EnumT>(V.Str)) {
      Out = *K;
      return true;
    }
    return fail(V.Offset, "unknown " + What + " '" + V.Str + "'");
  }

  template <typename T, typename ReadFn>
  bool array(const JsonNode &N, StringRef What, std::vector<T> &Out,
             ReadFn ReadOne) {
    if (!expect(N, JsonNode::Array, "'" + What.str() + "'"))
      return false;
    Out.clear();
    Out.reserve(N.Elements.size());
    for (const JsonNode &E : N.Elements) {
      T V{};
      if (!ReadOne(E, V))
        return false;
      Out.push_back(std::move(V));
    }
    return true;
  }

  bool strings(const JsonNode &N, StringRef What,
               std::vector<std::string> &Out) {
    return array(N, What, Out, [&](const JsonNode &E, std::string &V) {
      return str(E, What, V);
    });
  }

  bool pos(const JsonNode &N, StringRef What, SourcePos &Out) {
    if (!expect(N, JsonNode::Array, "'" + What.str() + "'"))
      return false;
    if (N.Elements.size() != 3)
      return fail(N.Offset, "expected [file, line, column] for '" + What + "'");
    return path(N.Elements[0], "file", Out.File) &&
           unsignedInt(N.Elements[1], "line", Out.Line) &&
           unsignedInt(N.Elements[2], "column", Out.Column);
  }

  bool inputFiles(const JsonNode &N,
                  std::vector<std::pair<std::string, std::string>> &Files) {
    auto File = [&](const JsonNode &E, std::pair<std::string, std::string> &V) {
      return members(E, {"path", "digest"}, "an input file") &&
             path(at(E, "path"), "path", V.first) &&
             str(at(E, "digest"), "digest", V.second);
    };
    return array(at(N, "files"), "files", Files, File);
  }

  bool inputs(const JsonNode &N, TUInputs &Out) {
    if (!members(N, {"command_hash", "files", "shared"}, "'inputs'"))
      return false;
    std::string Id;
    if (!str(at(N, "command_hash"), "command_hash", Out.CommandHash) ||
        !inputFiles(N, Out.Files) || !str(at(N, "shared"), "shared", Id))
      return false;
    if (Id.empty())
      return true;
    auto Shared = Resolve(Id);
    if (!Shared)
      return fail(at(N, "shared").Offset, llvm::toString(Shared.takeError()));
    Out.Shared = std::move(*Shared);
    return true;
  }

  bool sharedPayload(const JsonNode &N, SharedInputs &Out) {
    auto Shadow = [&](const JsonNode &E, std::string &V) {
      return path(E, "absent_shadows", V);
    };
    std::vector<std::string> Shadows;
    if (!(members(N, {"files", "absent_shadows"}, "'payload'") &&
          inputFiles(N, Out.Files) &&
          array(at(N, "absent_shadows"), "absent_shadows", Shadows, Shadow)))
      return false;
    Out.setAbsentShadows(std::move(Shadows));
    return true;
  }

  /// A Label or an Output: {"kind", "a", "b", "key"}.
  template <typename T>
  bool labelLike(const JsonNode &N, StringRef What, T &Out) {
    return members(N, {"kind", "a", "b", "key"}, What) &&
           enumeration(at(N, "kind"), "kind", Out.Kind) &&
           integer(at(N, "a"), "a", Out.A) && integer(at(N, "b"), "b", Out.B) &&
           str(at(N, "key"), "key", Out.Key);
  }

  bool edge(const JsonNode &N, FlowEdge &Out) {
    auto Step = [&](const JsonNode &E, TraceStep &S) {
      return members(E, {"pos", "message"}, "a trace step") &&
             pos(at(E, "pos"), "pos", S.Pos) &&
             str(at(E, "message"), "message", S.Message);
    };
    return members(N, {"src", "dst", "steps"}, "an edge") &&
           labelLike(at(N, "src"), "'src'", Out.Src) &&
           labelLike(at(N, "dst"), "'dst'", Out.Dst) &&
           array(at(N, "steps"), "steps", Out.Steps, Step);
  }

  bool call(const JsonNode &N, CallSite &Out) {
    auto Flag = [&](const JsonNode &E, bool &B) {
      return boolean(E, "out_args", B);
    };
    return members(N,
                   {"callee_usr", "callee_name", "pos", "virtual", "indirect",
                    "has_object", "object_mutable", "returns_truth", "num_args",
                    "out_args", "ordinal"},
                   "a call site") &&
           str(at(N, "callee_usr"), "callee_usr", Out.CalleeUSR) &&
           str(at(N, "callee_name"), "callee_name", Out.CalleeName) &&
           pos(at(N, "pos"), "pos", Out.Pos) &&
           boolean(at(N, "virtual"), "virtual", Out.Virtual) &&
           boolean(at(N, "indirect"), "indirect", Out.Indirect) &&
           boolean(at(N, "has_object"), "has_object", Out.HasObject) &&
           boolean(at(N, "object_mutable"), "object_mutable",
                   Out.ObjectMutable) &&
           boolean(at(N, "returns_truth"), "returns_truth", Out.ReturnsTruth) &&
           unsignedInt(at(N, "num_args"), "num_args", Out.NumArgs) &&
           array(at(N, "out_args"), "out_args", Out.OutArg, Flag) &&
           unsignedInt(at(N, "ordinal"), "ordinal", Out.Ordinal);
  }

  /// Call-site indexes of labels and outputs must name a call of the
  /// function: the solver keys its nodes by them.
  bool checkCallIndexes(const JsonNode &N, const FunctionSummary &F) {
    int Bad = firstEdgeWithBadCallIndex(F);
    if (Bad < 0)
      return true;
    return fail(at(N, "edges").Elements[Bad].Offset,
                "edge names a call site that function '" + F.Name +
                    "' does not have");
  }

  bool function(const JsonNode &N, FunctionSummary &Out) {
    auto Call = [&](const JsonNode &E, CallSite &C) { return call(E, C); };
    auto Edge = [&](const JsonNode &E, FlowEdge &F) { return edge(E, F); };
    auto RefTo = [&](const JsonNode &E, Output &O) {
      return labelLike(E, "an element of 'returns_ref_to'", O);
    };
    return members(N,
                   {"usr", "name", "pos", "num_params", "is_method",
                    "param_names", "overrides", "calls", "edges", "fields_read",
                    "returns_ref_to"},
                   "a function summary") &&
           str(at(N, "usr"), "usr", Out.USR) &&
           str(at(N, "name"), "name", Out.Name) &&
           pos(at(N, "pos"), "pos", Out.Pos) &&
           unsignedInt(at(N, "num_params"), "num_params", Out.NumParams) &&
           boolean(at(N, "is_method"), "is_method", Out.IsMethod) &&
           strings(at(N, "param_names"), "param_names", Out.ParamNames) &&
           strings(at(N, "overrides"), "overrides", Out.Overrides) &&
           array(at(N, "calls"), "calls", Out.Calls, Call) &&
           array(at(N, "edges"), "edges", Out.Edges, Edge) &&
           strings(at(N, "fields_read"), "fields_read", Out.FieldsRead) &&
           array(at(N, "returns_ref_to"), "returns_ref_to", Out.ReturnsRefTo,
                 RefTo) &&
           checkCallIndexes(N, Out);
  }

  bool paramUses(const JsonNode &N, std::map<int, std::string> &Out) {
    if (!expect(N, JsonNode::Array, "'param_uses'"))
      return false;
    for (const JsonNode &E : N.Elements) {
      if (E.Kind != JsonNode::Array || E.Elements.size() != 2)
        return fail(E.Offset, "expected [index, purpose] in 'param_uses'");
      int Index = 0;
      std::string Use;
      if (!integer(E.Elements[0], "param_uses", Index) ||
          !str(E.Elements[1], "param_uses", Use))
        return false;
      if (!Out.emplace(Index, std::move(Use)).second)
        return fail(E.Offset, "duplicate parameter " + llvm::Twine(Index) +
                                  " in 'param_uses'");
    }
    return true;
  }

  bool decl(const JsonNode &N, DeclInfo &Out) {
    auto Index = [&](const JsonNode &E, int &I) {
      return integer(E, "out_param_sources", I);
    };
    if (!members(N,
                 {"kind", "name", "pos", "limited", "use", "param_uses",
                  "out_param_sources", "declassify", "from_policy", "category"},
                 "a declaration") ||
        !enumeration(at(N, "kind"), "kind", Out.Kind) ||
        !str(at(N, "name"), "name", Out.Name) ||
        !pos(at(N, "pos"), "pos", Out.Pos) ||
        !strings(at(N, "limited"), "limited", Out.Limited) ||
        !str(at(N, "use"), "use", Out.Use) ||
        !paramUses(at(N, "param_uses"), Out.ParamUses) ||
        !array(at(N, "out_param_sources"), "out_param_sources",
               Out.OutParamSources, Index) ||
        !boolean(at(N, "from_policy"), "from_policy", Out.FromPolicy) ||
        !str(at(N, "category"), "category", Out.Category))
      return false;
    const JsonNode &Declassify = at(N, "declassify");
    if (Declassify.Kind == JsonNode::Null)
      return true;
    Out.Declassify.emplace();
    return str(Declassify, "declassify", *Out.Declassify);
  }

  bool type(const JsonNode &N, TypeInfo &Out) {
    return members(N, {"name", "fields", "nested"}, "a type") &&
           str(at(N, "name"), "name", Out.Name) &&
           strings(at(N, "fields"), "fields", Out.Fields) &&
           strings(at(N, "nested"), "nested", Out.Nested);
  }

  /// An object read into a map; JsonTree has already rejected duplicate
  /// keys.
  template <typename T, typename ReadFn>
  bool byKey(const JsonNode &N, StringRef What, std::map<std::string, T> &Out,
             ReadFn ReadOne) {
    if (!expect(N, JsonNode::Object, "'" + What.str() + "'"))
      return false;
    for (size_t I = 0; I < N.Keys.size(); ++I)
      if (!ReadOne(N.Elements[I], Out[N.Keys[I]]))
        return false;
    return true;
  }

  /// Keys are policy positions "FILE:LINE:COL", FILE mapped like a path.
  bool policyParamFits(const JsonNode &N, std::map<std::string, bool> &Out) {
    if (!expect(N, JsonNode::Object, "'policy_param_fits'"))
      return false;
    for (size_t I = 0; I < N.Keys.size(); ++I) {
      bool Fit = false;
      if (!boolean(N.Elements[I], "policy_param_fits", Fit))
        return false;
      if (!Out.emplace(Paths.keyToMemory(N.Keys[I]), Fit).second)
        return fail(N.KeyOffsets[I],
                    "duplicate key '" + N.Keys[I] + "' in 'policy_param_fits'");
    }
    return true;
  }

  bool payload(const JsonNode &N, TUSummary &Out) {
    auto Function = [&](const JsonNode &E, FunctionSummary &F) {
      return function(E, F);
    };
    auto Decl = [&](const JsonNode &E, DeclInfo &D) { return decl(E, D); };
    auto Type = [&](const JsonNode &E, TypeInfo &T) { return type(E, T); };
    auto Finding = [&](const JsonNode &E, TraceStep &S) {
      return members(E, {"pos", "message"}, "an annotation finding") &&
             pos(at(E, "pos"), "pos", S.Pos) &&
             str(at(E, "message"), "message", S.Message);
    };
    return members(N,
                   {"main_file", "inputs", "functions", "decls", "types",
                    "policy_param_fits", "annotation_findings"},
                   "'payload'") &&
           path(at(N, "main_file"), "main_file", Out.MainFile) &&
           inputs(at(N, "inputs"), Out.Inputs) &&
           array(at(N, "functions"), "functions", Out.Functions, Function) &&
           byKey(at(N, "decls"), "decls", Out.Decls, Decl) &&
           byKey(at(N, "types"), "types", Out.Types, Type) &&
           policyParamFits(at(N, "policy_param_fits"), Out.PolicyParamFits) &&
           array(at(N, "annotation_findings"), "annotation_findings",
                 Out.AnnotationFindings, Finding);
  }
};

/// Checks the envelope of an entry and returns its payload node.
llvm::Expected<const JsonNode *> readEnvelope(const JsonDocument &Doc,
                                              StringRef Contents,
                                              StringRef FormatName,
                                              StringRef What) {
  // "the entry", "the shared input set": in messages about its parts.
  std::string The =
      FormatName == SummaryFormatName ? "the entry" : "the " + What.str();
  std::string In = FormatName == SummaryFormatName ? "cache entry" : What.str();
  const JsonNode &Root = Doc.root();
  const JsonNode *Format = Root.get("format");
  if (Root.Kind != JsonNode::Object || !Format ||
      Format->Kind != JsonNode::String || Format->Str != FormatName)
    return Doc.error(Format ? Format->Offset : Root.Offset,
                     "not a purpose-check " + What);
  const JsonNode *Version = Root.get("version");
  if (!Version || Version->Kind != JsonNode::Unsigned)
    return Doc.error(Version ? Version->Offset : Root.Offset,
                     "missing or malformed cache format version");
  if (Version->UIntValue != static_cast<uint64_t>(CacheFormatVersion))
    return Doc.error(Version->Offset, "unsupported cache format version " +
                                          llvm::Twine(Version->UIntValue) +
                                          "; expected " +
                                          llvm::Twine(CacheFormatVersion));
  static constexpr llvm::StringLiteral Keys[] = {"format", "version",
                                                 "checksum", "payload"};
  for (size_t I = 0; I < Root.Keys.size(); ++I)
    if (!llvm::is_contained(Keys, Root.Keys[I]))
      return Doc.error(Root.KeyOffsets[I],
                       "unknown key '" + Root.Keys[I] + "' in " + In);
  const JsonNode *Checksum = Root.get("checksum");
  if (!Checksum || Checksum->Kind != JsonNode::String)
    return Doc.error(Checksum ? Checksum->Offset : Root.Offset,
                     "missing or malformed checksum");
  if (!Root.get("payload"))
    return Doc.error(Root.Offset, "missing key 'payload' in " + In);
  if (Root.Keys.back() != "payload")
    return Doc.error(Root.Offset,
                     "the payload must be " + The + "'s last member");
  const JsonNode &Payload = Root.Elements.back();

  // The checksum covers the payload's bytes as written: from its first
  // character to the entry's closing brace, without the whitespace between.
  StringRef Text = StringRef(Contents).rtrim(" \t\r\n");
  size_t End = Text.size() - 1; // The root object's '}'.
  StringRef PayloadText = Text.slice(Payload.Offset, End).rtrim(" \t\r\n");
  if (contentDigest(PayloadText) != Checksum->Str)
    return Doc.error(Checksum->Offset,
                     "checksum mismatch: " + The + " is damaged");
  return &Payload;
}

} // namespace

llvm::Expected<TUSummary> parseSummary(StringRef Contents, StringRef SourceRoot,
                                       StringRef Name,
                                       SharedInputsResolver Resolve) {
  if (std::optional<TUSummary> S =
          readCanonicalSummary(Contents, SourceRoot, Resolve))
    return std::move(*S);
  return parseSummaryValidating(Contents, SourceRoot, Name, Resolve);
}

llvm::Expected<TUSummary> parseSummaryValidating(StringRef Contents,
                                                 StringRef SourceRoot,
                                                 StringRef Name,
                                                 SharedInputsResolver Resolve) {
  try {
    auto Doc = JsonDocument::parse(Contents, Name);
    if (!Doc)
      return Doc.takeError();
    auto Payload =
        readEnvelope(*Doc, Contents, SummaryFormatName, "summary cache entry");
    if (!Payload)
      return Payload.takeError();
    CachePaths Paths(SourceRoot);
    TUSummary S;
    if (llvm::Error E = SummaryReader(*Doc, Paths, Resolve).read(**Payload, S))
      return std::move(E);
    return std::move(S);
  } catch (const std::exception &E) {
    return makePositionedError(PolicyPos{Name.str(), 0, 0},
                               llvm::Twine("cannot read cache entry: ") +
                                   E.what());
  }
}

llvm::Expected<SharedInputs> parseSharedInputs(StringRef Contents,
                                               StringRef SourceRoot,
                                               StringRef Id, StringRef Name) {
  if (std::optional<SharedInputs> Fast =
          readCanonicalSharedInputs(Contents, SourceRoot, Id))
    return std::move(*Fast);
  try {
    auto Doc = JsonDocument::parse(Contents, Name);
    if (!Doc)
      return Doc.takeError();
    auto Payload = readEnvelope(*Doc, Contents, SharedInputsFormatName,
                                "shared input set");
    if (!Payload)
      return Payload.takeError();
    if (Doc->root().get("checksum")->Str != Id)
      return Doc->error(Doc->root().get("checksum")->Offset,
                        "the shared input set's checksum is not its id '" + Id +
                            "'");
    CachePaths Paths(SourceRoot);
    SharedInputs S;
    S.Id = Id.str();
    auto NoNesting =
        [](StringRef) -> llvm::Expected<std::shared_ptr<const SharedInputs>> {
      return llvm::createStringError("shared input sets do not nest");
    };
    if (llvm::Error E =
            SummaryReader(*Doc, Paths, NoNesting).read(**Payload, S))
      return std::move(E);
    return std::move(S);
  } catch (const std::exception &E) {
    return makePositionedError(PolicyPos{Name.str(), 0, 0},
                               llvm::Twine("cannot read shared input set: ") +
                                   E.what());
  }
}

} // namespace purpose
