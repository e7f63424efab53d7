//===- SarifReport.cpp - SARIF 2.1.0 for code scanning --------------------===//
//
// One run. Paths under Report::SourceRoot are relative URIs against the
// "%SRCROOT%" base, so the file uploads as is from a checkout; others are
// absolute file:// URIs. Every finding is a result: violations plain,
// suppressed ones with an "inSource" suppression, declassified ones with an
// "external" suppression, each carrying its reason as justification.
//
//===----------------------------------------------------------------------===//
#include "ReportFormats.h"
#include <nlohmann/json.hpp>

namespace purpose {
namespace {

using ojson = nlohmann::ordered_json;

struct RuleInfo {
  const char *Id;
  const char *Name;
  const char *Level;
  const char *Short;
  const char *Full;
  const char *HelpText;
  const char *HelpMarkdown;
};

const RuleInfo Rules[] = {
    {"purpose-limitation", "PurposeLimitation", "error",
     "Data limited to a purpose is used for another purpose",
     "A value limited to a set of purposes (PURPOSE_LIMITED or a policy "
     "source) flows to a call that uses it for a purpose outside that set "
     "(PURPOSE_USE or a policy sink).",
     "Data collected for one purpose must not be used for another. Remove "
     "the flow; or pass the value through a function that really removes "
     "the limitation and mark it PURPOSE_DECLASSIFY(\"why\"); or, for an "
     "accepted exception, add // NOLINT(purpose-limitation): reason on the "
     "line of the call.",
     "Data collected for one purpose must not be used for another.\n\n"
     "* Remove the flow, or\n"
     "* pass the value through a function that really removes the "
     "limitation and mark it `PURPOSE_DECLASSIFY(\"why\")`, or\n"
     "* for an accepted exception, add "
     "`// NOLINT(purpose-limitation): reason` on the line of the call.\n\n"
     "The code flow shows the path from the read of the limited value to "
     "the call."},
    {"purpose-annotation", "PurposeAnnotation", "warning",
     "Malformed purpose annotation or suppression",
     "A PURPOSE_LIMITED, PURPOSE_USE or PURPOSE_DECLASSIFY annotation with a "
     "malformed argument, or a NOLINT(purpose-limitation) suppression "
     "without a reason.",
     "Purposes are dotted names such as security.authentication. "
     "Suppressions need a reason: // NOLINT(purpose-limitation): reason.",
     "Purposes are dotted names such as `security.authentication`. "
     "Suppressions need a reason: "
     "`// NOLINT(purpose-limitation): reason`."},
};

ojson text(llvm::StringRef S) { return ojson{{"text", S.str()}}; }

class SarifBuilder {
public:
  explicit SarifBuilder(const Report &R) : R(R) {
    for (const RuleInfo &I : Rules)
      RuleIds.push_back(I.Id);
    // Rules the analysis reports beyond the known two get an entry too.
    for (const auto *L : {&R.Violations, &R.Suppressed, &R.Declassified})
      for (const Finding &F : *L)
        if (!llvm::is_contained(RuleIds, F.Rule))
          RuleIds.push_back(F.Rule);
  }

  ojson rules() const {
    ojson A = ojson::array();
    for (const std::string &Id : RuleIds) {
      ojson Rule = ojson::object();
      Rule["id"] = Id;
      const RuleInfo *I = info(Id);
      if (I) {
        Rule["name"] = I->Name;
        Rule["shortDescription"] = text(I->Short);
        Rule["fullDescription"] = text(I->Full);
        Rule["help"] = {{"text", I->HelpText}, {"markdown", I->HelpMarkdown}};
      }
      Rule["defaultConfiguration"] = {{"level", level(Id)}};
      Rule["properties"] = {{"tags", {"privacy", "security"}}};
      A.push_back(std::move(Rule));
    }
    return A;
  }

  ojson result(const Finding &F) const {
    ojson Res = ojson::object();
    Res["ruleId"] = F.Rule;
    Res["ruleIndex"] =
        static_cast<size_t>(llvm::find(RuleIds, F.Rule) - RuleIds.begin());
    Res["level"] = level(F.Rule);
    Res["message"] = text(F.Message);
    Res["locations"] = ojson::array({location(F.SinkPos, "")});
    if (!F.OriginPos.File.empty() && !F.OriginName.empty()) {
      ojson Related = ojson::object();
      Related["id"] = 1;
      ojson Loc = location(F.OriginPos, originText(F));
      Related["physicalLocation"] = std::move(Loc["physicalLocation"]);
      Related["message"] = std::move(Loc["message"]);
      Res["relatedLocations"] = ojson::array({std::move(Related)});
    }
    if (!F.Trace.empty()) {
      ojson Steps = ojson::array();
      for (const TraceStep &S : F.Trace) {
        ojson Step = ojson::object();
        Step["location"] = location(S.Pos, S.Message);
        Steps.push_back(std::move(Step));
      }
      ojson ThreadFlow = ojson::object();
      ThreadFlow["locations"] = std::move(Steps);
      ojson CodeFlow = ojson::object();
      CodeFlow["threadFlows"] = ojson::array({std::move(ThreadFlow)});
      Res["codeFlows"] = ojson::array({std::move(CodeFlow)});
    }
    Res["partialFingerprints"] = {{"purposeCheck/v1", F.Fingerprint}};
    if (F.Kind == FindingKind::Suppressed)
      Res["suppressions"] = ojson::array({suppression("inSource", F.Reason)});
    else if (F.Kind == FindingKind::Declassified)
      Res["suppressions"] = ojson::array(
          {suppression("external", F.Reason + " (declassified by '" +
                                       F.Declassifier + "')")});
    return Res;
  }

private:
  const Report &R;
  std::vector<std::string> RuleIds;

  static const RuleInfo *info(llvm::StringRef Id) {
    for (const RuleInfo &I : Rules)
      if (Id == I.Id)
        return &I;
    return nullptr;
  }
  static const char *level(llvm::StringRef Id) {
    const RuleInfo *I = info(Id);
    return I ? I->Level : "warning";
  }
  static std::string originText(const Finding &F) {
    std::string Purposes;
    for (const std::string &P : F.OriginPurposes)
      Purposes += (Purposes.empty() ? "'" : ", '") + P + "'";
    return "'" + F.OriginName + "' is limited to " + Purposes;
  }
  static ojson suppression(llvm::StringRef Kind, llvm::StringRef Why) {
    return {{"kind", Kind.str()},
            {"status", "accepted"},
            {"justification", Why.str()}};
  }

  ojson location(const SourcePos &P, llvm::StringRef Message) const {
    ojson Artifact = ojson::object();
    std::string Rel = pathUnder(P.File, R.SourceRoot);
    if (!R.SourceRoot.empty() && Rel != P.File) {
      Artifact["uri"] = percentEncodePath(Rel);
      Artifact["uriBaseId"] = "%SRCROOT%";
    } else {
      Artifact["uri"] = "file://" + percentEncodePath(Rel);
    }
    ojson Physical = ojson::object();
    Physical["artifactLocation"] = std::move(Artifact);
    if (P.Line) {
      ojson Region = ojson::object();
      Region["startLine"] = P.Line;
      if (P.Column)
        Region["startColumn"] = P.Column;
      Physical["region"] = std::move(Region);
    }
    ojson Loc = ojson::object();
    Loc["physicalLocation"] = std::move(Physical);
    if (!Message.empty())
      Loc["message"] = text(Message);
    return Loc;
  }
};

} // namespace

void writeSarifReport(const Report &R, const WriteOptions &O,
                      llvm::raw_ostream &OS) {
  SarifBuilder B(R);
  ojson Driver = ojson::object();
  Driver["name"] = "purpose-check";
  Driver["version"] = toolVersion(O.ToolVersion);
  if (!O.InformationUri.empty())
    Driver["informationUri"] = O.InformationUri;
  Driver["rules"] = B.rules();

  ojson Run = ojson::object();
  Run["tool"] = {{"driver", std::move(Driver)}};
  if (!R.SourceRoot.empty()) {
    std::string Root = percentEncodePath(R.SourceRoot);
    if (Root.empty() || Root.back() != '/')
      Root += '/';
    Run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + Root}}}};
  }

  ojson Invocation = ojson::object();
  Invocation["executionSuccessful"] = R.Complete && R.Errors.empty();
  if (!R.Errors.empty()) {
    ojson Notes = ojson::array();
    for (const RunError &E : R.Errors)
      Notes.push_back({{"level", "error"}, {"message", text(E.Message)}});
    Invocation["toolExecutionNotifications"] = std::move(Notes);
  }
  Run["invocations"] = ojson::array({std::move(Invocation)});

  ojson Results = ojson::array();
  for (const auto *L : {&R.Violations, &R.Suppressed, &R.Declassified})
    for (const Finding &F : *L)
      Results.push_back(B.result(F));
  Run["results"] = std::move(Results);

  ojson Doc = ojson::object();
  Doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  Doc["version"] = "2.1.0";
  Doc["runs"] = ojson::array({std::move(Run)});
  OS << Doc.dump(2, ' ', /*ensure_ascii=*/false,
                 ojson::error_handler_t::replace)
     << '\n';
}

} // namespace purpose
