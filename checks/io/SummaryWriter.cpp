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

namespace purpose {
namespace {

using json = nlohmann::ordered_json;
using llvm::StringRef;

class SummaryWriter {
public:
  explicit SummaryWriter(const CachePaths &Paths) : Paths(Paths) {}

  json payload(const TUSummary &S) const {
    const auto &[MainFile, Inputs, Functions, Decls, Types, PolicyParamFits,
                 AnnotationErrors] = S;
    json DeclsOut = json::object();
    for (const auto &[USR, D] : Decls)
      DeclsOut[USR] = decl(D);
    json TypesOut = json::object();
    for (const auto &[USR, T] : Types)
      TypesOut[USR] = type(T);
    json P = json::object();
    P["main_file"] = Paths.toStored(MainFile);
    P["inputs"] = inputs(Inputs);
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
    P["annotation_errors"] = list(AnnotationErrors, &SummaryWriter::error);
    return P;
  }

private:
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

  json inputs(const TUInputs &In) const {
    const auto &[CommandHash, Files, AbsentShadows] = In;
    json FilesOut = json::array();
    for (const auto &[Path, Digest] : Files)
      FilesOut.push_back(
          json{{"path", Paths.toStored(Path)}, {"digest", Digest}});
    json Shadows = json::array();
    for (const std::string &P : AbsentShadows)
      Shadows.push_back(Paths.toStored(P));
    return json{{"command_hash", CommandHash},
                {"files", std::move(FilesOut)},
                {"absent_shadows", std::move(Shadows)}};
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
                 Declassify, FromPolicy] = D;
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
                {"from_policy", FromPolicy}};
  }

  json type(const TypeInfo &T) const {
    const auto &[Name, Fields, Nested] = T;
    return json{{"name", Name}, {"fields", Fields}, {"nested", Nested}};
  }

  json error(const RunError &E) const {
    const auto &[Message] = E;
    return json{{"message", Message}};
  }
};

std::string dumpPayload(const json &Payload) {
  // Strings that are not UTF-8 (file names can be anything) are written with
  // U+FFFD instead of failing: such an entry reads back, and its inputs then
  // look changed, so the TU is re-analyzed.
  return Payload.dump(-1, ' ', /*ensure_ascii=*/false,
                      json::error_handler_t::replace);
}

} // namespace

std::string serializeSummary(const TUSummary &S, StringRef SourceRoot) {
  CachePaths Paths(SourceRoot);
  std::string Payload = dumpPayload(SummaryWriter(Paths).payload(S));
  std::string Out;
  Out.reserve(Payload.size() + 128);
  Out += "{\"format\":\"";
  Out += SummaryFormatName;
  Out += "\",\"version\":" + std::to_string(CacheFormatVersion);
  Out += ",\"checksum\":\"" + contentDigest(Payload) + "\",\"payload\":";
  Out += Payload;
  Out += "}\n";
  return Out;
}

} // namespace purpose
