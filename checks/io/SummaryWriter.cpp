//===- SummaryWriter.cpp - TUSummary to a cache entry ---------------------===//
//
// serializeSummary, for the format of docs/cache-format.md. Members are
// written through nlohmann::ordered_json, in the order of this file, so the
// bytes depend on nothing but the summary and the source root.
//
// Each struct is taken apart with a structured binding, so that a member
// added to Summary.h or Finding.h breaks this file's build until it is
// written (and read, and documented in docs/cache-format.md).
//
//===----------------------------------------------------------------------===//
#include "SummaryCache.h"
#include "SummaryFormat.h"
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace purpose {
namespace {

using json = nlohmann::ordered_json;
using llvm::StringRef;

class SummaryWriter {
public:
  explicit SummaryWriter(const CachePaths &Paths) : Paths(Paths) {}

  json payload(const TUSummary &S, const std::string &SharedId) const {
    const auto &[MainFile, Inputs, Functions, Decls, Types, PolicyParamFits,
                 AnnotationFindings] = S;
    json DeclsOut = json::object();
    for (const auto &[USR, D] : Decls)
      DeclsOut[USR] = decl(D);
    json TypesOut = json::object();
    for (const auto &[USR, T] : Types)
      TypesOut[USR] = type(T);
    json P = json::object();
    P["main_file"] = Paths.toStored(MainFile);
    P["inputs"] = inputs(Inputs, SharedId);
    P["functions"] = list(Functions, &SummaryWriter::function);
    P["decls"] = std::move(DeclsOut);
    P["types"] = std::move(TypesOut);
    // Sorted by the stored key, so that every checkout writes the same bytes.
    std::map<std::string, bool> StoredFits;
    for (const auto &[Rule, Fit] : PolicyParamFits)
      StoredFits[Paths.keyToStored(Rule)] = Fit;
    json Fits = json::object();
    for (const auto &[Rule, Fit] : StoredFits)
      Fits[Rule] = Fit;
    P["policy_param_fits"] = std::move(Fits);
    P["annotation_findings"] = list(AnnotationFindings, &SummaryWriter::step);
    return P;
  }

  // Internal to this file: every member is used by serializeSummary.
  const CachePaths &Paths;

  template <typename T>
  json list(const std::vector<T> &V,
            json (SummaryWriter::*Write)(const T &) const) const {
    json A = json::array();
    for (const T &E : V)
      A.push_back((this->*Write)(E));
    return A;
  }

  json pos(const SourcePos &P) const {
    const auto &[File, Line, Column] = P;
    return json::array({Paths.toStored(File), Line, Column});
  }

  /// The TU's own inputs: the files under the source root. The rest go to
  /// the shared set (sharedInputs), which the entry names by its id.
  json inputs(const TUInputs &In, const std::string &SharedId) const {
    const auto &[CommandHash, Files, AbsentShadows, Shared] = In;
    json FilesOut = json::array();
    for (const auto &[Path, Digest] : inputFiles(In, /*UnderRoot=*/true))
      FilesOut.push_back(
          json{{"path", Paths.toStored(Path)}, {"digest", Digest}});
    return json{{"command_hash", CommandHash},
                {"files", std::move(FilesOut)},
                {"shared", SharedId}};
  }

  /// The payload of the shared set: the files outside the source root and
  /// every absent shadow (the include path's directories, the same for
  /// every TU built with the same flags); null when there are none.
  json sharedInputs(const TUInputs &In) const {
    json FilesOut = json::array();
    for (const auto &[Path, Digest] : inputFiles(In, /*UnderRoot=*/false))
      FilesOut.push_back(
          json{{"path", Paths.toStored(Path)}, {"digest", Digest}});
    // Sorted as stored, so that every checkout writes the same bytes.
    std::set<std::string> Shadows;
    for (const std::string &P : In.AbsentShadows)
      Shadows.insert(Paths.toStored(P));
    if (In.Shared)
      for (const std::string &P : In.Shared->absentShadows())
        Shadows.insert(Paths.toStored(P));
    json ShadowsOut = json::array();
    for (const std::string &P : Shadows)
      ShadowsOut.push_back(P);
    if (FilesOut.empty() && ShadowsOut.empty())
      return nullptr;
    return json{{"files", std::move(FilesOut)},
                {"absent_shadows", std::move(ShadowsOut)}};
  }

  /// The input files of \p In (its own and its shared set's) that lie under
  /// the root (\p UnderRoot) or outside it, sorted and without duplicates, so
  /// that the same inputs give the same bytes however they were split when
  /// read.
  std::map<std::string, std::string> inputFiles(const TUInputs &In,
                                                bool UnderRoot) const {
    std::map<std::string, std::string> Out;
    auto Add = [&](const auto &FileList) {
      for (const auto &[Path, Digest] : FileList)
        if (CachePaths::isVerbatim(Paths.toStored(Path)) != UnderRoot)
          Out.emplace(Path, Digest);
    };
    Add(In.Files);
    if (In.Shared)
      Add(In.Shared->Files);
    return Out;
  }

  json step(const TraceStep &S) const {
    const auto &[Pos, Message] = S;
    return json{{"pos", pos(Pos)}, {"message", Message}};
  }

  json label(const Label &L) const {
    const auto &[Kind, A, B, Key] = L;
    return json{{"kind", kindName(Kind)}, {"a", A}, {"b", B}, {"key", Key}};
  }

  json output(const Output &O) const {
    const auto &[Kind, A, B, Key] = O;
    return json{{"kind", kindName(Kind)}, {"a", A}, {"b", B}, {"key", Key}};
  }

  json edge(const FlowEdge &E) const {
    const auto &[Src, Dst, Steps] = E;
    return json{{"src", label(Src)},
                {"dst", output(Dst)},
                {"steps", list(Steps, &SummaryWriter::step)}};
  }

  json call(const CallSite &C) const {
    const auto &[CalleeUSR, CalleeName, Pos, Virtual, Indirect, HasObject,
                 ObjectMutable, ReturnsTruth, NumArgs, OutArg, Ordinal] = C;
    json OutArgs = json::array();
    for (bool B : OutArg)
      OutArgs.push_back(B);
    return json{{"callee_usr", CalleeUSR},
                {"callee_name", CalleeName},
                {"pos", pos(Pos)},
                {"virtual", Virtual},
                {"indirect", Indirect},
                {"has_object", HasObject},
                {"object_mutable", ObjectMutable},
                {"returns_truth", ReturnsTruth},
                {"num_args", NumArgs},
                {"out_args", std::move(OutArgs)},
                {"ordinal", Ordinal}};
  }

  json function(const FunctionSummary &F) const {
    const auto &[USR, Name, Pos, NumParams, IsMethod, ParamNames, Overrides,
                 Calls, Edges, FieldsRead, ReturnsRefTo] = F;
    return json{{"usr", USR},
                {"name", Name},
                {"pos", pos(Pos)},
                {"num_params", NumParams},
                {"is_method", IsMethod},
                {"param_names", ParamNames},
                {"overrides", Overrides},
                {"calls", list(Calls, &SummaryWriter::call)},
                {"edges", list(Edges, &SummaryWriter::edge)},
                {"fields_read", FieldsRead},
                {"returns_ref_to", list(ReturnsRefTo, &SummaryWriter::output)}};
  }

  json decl(const DeclInfo &D) const {
    const auto &[Kind, Name, Pos, Limited, Use, ParamUses, OutParamSources,
                 Declassify, FromPolicy, Category] = D;
    json ParamUsesOut = json::array();
    for (const auto &[Index, Purpose] : ParamUses)
      ParamUsesOut.push_back(json::array({Index, Purpose}));
    return json{{"kind", kindName(Kind)},
                {"name", Name},
                {"pos", pos(Pos)},
                {"limited", Limited},
                {"use", Use},
                {"param_uses", std::move(ParamUsesOut)},
                {"out_param_sources", OutParamSources},
                {"declassify", Declassify ? json(*Declassify) : json()},
                {"from_policy", FromPolicy},
                {"category", Category}};
  }

  json type(const TypeInfo &T) const {
    const auto &[Name, Fields, Nested] = T;
    return json{{"name", Name}, {"fields", Fields}, {"nested", Nested}};
  }
};

std::string dumpPayload(const json &Payload) {
  // Strings that are not UTF-8 (file names can be anything) are written with
  // U+FFFD instead of failing: such an entry reads back, and its inputs then
  // look changed, so the TU is re-analyzed.
  return Payload.dump(-1, ' ', /*ensure_ascii=*/false,
                      json::error_handler_t::replace);
}

/// The envelope of docs/cache-format.md around a payload's text.
std::string envelope(StringRef Format, StringRef Checksum, StringRef Payload) {
  std::string Out;
  Out.reserve(Payload.size() + 128);
  Out += "{\"format\":\"";
  Out += Format;
  Out += "\",\"version\":" + std::to_string(CacheFormatVersion);
  Out += ",\"checksum\":\"";
  Out += Checksum;
  Out += "\",\"payload\":";
  Out += Payload;
  Out += "}\n";
  return Out;
}

} // namespace

SerializedSummary serializeSummary(const TUSummary &S, StringRef SourceRoot) {
  CachePaths Paths(SourceRoot);
  SummaryWriter W(Paths);
  SerializedSummary Out;
  json Shared = W.sharedInputs(S.Inputs);
  if (!Shared.is_null()) {
    std::string SharedPayload = dumpPayload(Shared);
    // Content-addressed: the id is the checksum, so every TU (and every
    // checkout) with the same outside inputs names the same file.
    Out.SharedId = contentDigest(SharedPayload);
    Out.SharedText =
        envelope(SharedInputsFormatName, Out.SharedId, SharedPayload);
  }
  std::string Payload = dumpPayload(W.payload(S, Out.SharedId));
  Out.Entry = envelope(SummaryFormatName, contentDigest(Payload), Payload);
  return Out;
}

} // namespace purpose
