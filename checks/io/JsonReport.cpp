//===- JsonReport.cpp - The JSON report of INTERFACE.md section 5 ---------===//
//
// Key order is fixed (ordered_json keeps insertion order), indentation is two
// spaces, and the document ends with a newline. docs/json-report.md
// documents the schema; change both together.
//
//===----------------------------------------------------------------------===//
#include "ReportFormats.h"
#include <nlohmann/json.hpp>

namespace purpose {
namespace {

using ojson = nlohmann::ordered_json;

ojson position(const SourcePos &P, llvm::StringRef Root, ojson Into) {
  Into["file"] = pathUnder(P.File, Root);
  Into["line"] = P.Line;
  Into["column"] = P.Column;
  return Into;
}

ojson findingJson(const Finding &F, llvm::StringRef Root) {
  ojson V = ojson::object();
  V["rule"] = F.Rule;
  V["message"] = F.Message;

  ojson Origin = ojson::object();
  Origin["name"] = F.OriginName;
  Origin["purposes"] = F.OriginPurposes;
  V["origin"] = position(F.OriginPos, Root, std::move(Origin));

  ojson Sink = ojson::object();
  Sink["name"] = F.SinkName;
  Sink["purpose"] = F.SinkPurpose;
  V["sink"] = position(F.SinkPos, Root, std::move(Sink));

  ojson Trace = ojson::array();
  for (const TraceStep &S : F.Trace) {
    ojson Step = position(S.Pos, Root, ojson::object());
    Step["message"] = S.Message;
    Trace.push_back(std::move(Step));
  }
  V["trace"] = std::move(Trace);
  V["fingerprint"] = F.Fingerprint;
  if (F.Kind != FindingKind::Violation)
    V["reason"] = F.Reason;
  if (F.Kind == FindingKind::Declassified)
    V["declassifier"] = F.Declassifier;
  return V;
}

ojson findingsJson(const std::vector<Finding> &Fs, llvm::StringRef Root) {
  ojson A = ojson::array();
  for (const Finding &F : Fs)
    A.push_back(findingJson(F, Root));
  return A;
}

} // namespace

void writeJsonReport(const Report &R, const WriteOptions &,
                     llvm::raw_ostream &OS) {
  ojson Doc = ojson::object();
  Doc["version"] = 1;
  Doc["complete"] = R.Complete;
  Doc["violations"] = findingsJson(R.Violations, R.SourceRoot);
  Doc["suppressed"] = findingsJson(R.Suppressed, R.SourceRoot);
  Doc["declassified"] = findingsJson(R.Declassified, R.SourceRoot);
  ojson Stats = ojson::object();
  Stats["translation_units"] = R.Stats.TranslationUnits;
  Stats["translation_units_from_cache"] = R.Stats.TranslationUnitsFromCache;
  Stats["functions"] = R.Stats.Functions;
  Stats["failed_translation_units"] = R.Stats.FailedTranslationUnits;
  Stats["errors"] = R.Errors.size();
  Doc["stats"] = std::move(Stats);
  // Invalid UTF-8 (from a source file) becomes U+FFFD instead of throwing.
  OS << Doc.dump(2, ' ', /*ensure_ascii=*/false,
                 ojson::error_handler_t::replace)
     << '\n';
}

} // namespace purpose
