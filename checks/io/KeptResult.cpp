//===- KeptResult.cpp - The last run's report, kept for an unchanged run -===//
#include "KeptResult.h"
#include "FileUtil.h"
#include "llvm/Support/MemoryBuffer.h"
#include <nlohmann/json.hpp>

namespace purpose {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char FormatName[] = "purpose-check-kept-result";
constexpr int FormatVersion = 1;

Json pos(const SourcePos &P) { return Json::array({P.File, P.Line, P.Column}); }

Json finding(const Finding &F) {
  Json Trace = Json::array();
  for (const TraceStep &S : F.Trace)
    Trace.push_back(Json::array({pos(S.Pos), S.Message}));
  return Json{{"kind", static_cast<int>(F.Kind)},
              {"rule", F.Rule},
              {"message", F.Message},
              {"origin_name", F.OriginName},
              {"origin_purposes", F.OriginPurposes},
              {"origin_pos", pos(F.OriginPos)},
              {"sink_name", F.SinkName},
              {"sink_purpose", F.SinkPurpose},
              {"sink_pos", pos(F.SinkPos)},
              {"sink_decl_pos", pos(F.SinkDeclPos)},
              {"trace", std::move(Trace)},
              {"fingerprint", F.Fingerprint},
              {"former_fingerprint", F.FormerFingerprint},
              {"reason", F.Reason},
              {"declassifier", F.Declassifier}};
}

Json findings(const std::vector<Finding> &Fs) {
  Json A = Json::array();
  for (const Finding &F : Fs)
    A.push_back(finding(F));
  return A;
}

// The readers below throw nlohmann's exceptions on any value of the wrong
// shape; parseKeptResult turns every one into a miss.

SourcePos readPos(const Json &J) {
  if (!J.is_array() || J.size() != 3)
    throw std::runtime_error("position");
  return {J.at(0).get<std::string>(), J.at(1).get<unsigned>(),
          J.at(2).get<unsigned>()};
}

Finding readFinding(const Json &J) {
  Finding F;
  int Kind = J.at("kind").get<int>();
  if (Kind < 0 || Kind > static_cast<int>(FindingKind::Allowed))
    throw std::runtime_error("kind");
  F.Kind = static_cast<FindingKind>(Kind);
  F.Rule = J.at("rule").get<std::string>();
  F.Message = J.at("message").get<std::string>();
  F.OriginName = J.at("origin_name").get<std::string>();
  F.OriginPurposes = J.at("origin_purposes").get<std::vector<std::string>>();
  F.OriginPos = readPos(J.at("origin_pos"));
  F.SinkName = J.at("sink_name").get<std::string>();
  F.SinkPurpose = J.at("sink_purpose").get<std::string>();
  F.SinkPos = readPos(J.at("sink_pos"));
  F.SinkDeclPos = readPos(J.at("sink_decl_pos"));
  for (const Json &S : J.at("trace")) {
    if (!S.is_array() || S.size() != 2)
      throw std::runtime_error("trace step");
    F.Trace.push_back({readPos(S.at(0)), S.at(1).get<std::string>()});
  }
  F.Fingerprint = J.at("fingerprint").get<std::string>();
  // Required: a kept result made before fingerprints lost Clang's offsets
  // holds the former ones, and is a miss.
  F.FormerFingerprint = J.at("former_fingerprint").get<std::string>();
  F.Reason = J.at("reason").get<std::string>();
  F.Declassifier = J.at("declassifier").get<std::string>();
  return F;
}

std::vector<Finding> readFindings(const Json &J) {
  if (!J.is_array())
    throw std::runtime_error("findings");
  std::vector<Finding> Out;
  for (const Json &F : J)
    Out.push_back(readFinding(F));
  return Out;
}

} // namespace

std::string serializeKeptResult(const KeptResult &K) {
  Json Entries = Json::array();
  for (const auto &[File, Checksum] : K.Entries)
    Entries.push_back(Json::array({File, Checksum}));
  Json Read = Json::array();
  for (const auto &[File, Digest] : K.Read)
    Read.push_back(Json::array({File, Digest}));
  Json Doc{{"format", FormatName},
           {"version", FormatVersion},
           {"key", K.Key},
           {"entries", std::move(Entries)},
           {"functions", K.Functions},
           {"violations", findings(K.Violations)},
           {"suppressed", findings(K.Suppressed)},
           {"declassified", findings(K.Declassified)},
           {"read", std::move(Read)}};
  // Paths and messages come from source files and need not be UTF-8.
  return Doc.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<KeptResult> parseKeptResult(llvm::StringRef Text) {
  try {
    Json Doc = Json::parse(Text.begin(), Text.end());
    if (Doc.at("format") != FormatName || Doc.at("version") != FormatVersion)
      return std::nullopt;
    KeptResult K;
    K.Key = Doc.at("key").get<std::string>();
    for (const Json &E : Doc.at("entries")) {
      if (!E.is_array() || E.size() != 2)
        return std::nullopt;
      K.Entries.emplace_back(E.at(0).get<std::string>(),
                             E.at(1).get<std::string>());
    }
    K.Functions = Doc.at("functions").get<unsigned>();
    K.Violations = readFindings(Doc.at("violations"));
    K.Suppressed = readFindings(Doc.at("suppressed"));
    K.Declassified = readFindings(Doc.at("declassified"));
    for (const Json &E : Doc.at("read")) {
      if (!E.is_array() || E.size() != 2)
        return std::nullopt;
      K.Read.emplace_back(E.at(0).get<std::string>(),
                          E.at(1).get<std::string>());
    }
    // Serializing again must give the same bytes: whatever was replaced on
    // the way in (bytes that are not UTF-8) or spelled otherwise is a miss.
    if (serializeKeptResult(K) != Text)
      return std::nullopt;
    return K;
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

std::optional<KeptResult> readKeptResult(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return std::nullopt;
  return parseKeptResult((*Buf)->getBuffer());
}

llvm::Error writeKeptResult(llvm::StringRef Path, const KeptResult &K) {
  std::string Text = serializeKeptResult(K);
  return writeFileAtomically(Path, [&](llvm::raw_ostream &OS) { OS << Text; });
}

} // namespace purpose
