//===- ReportPipeline.cpp -------------------------------------------------===//
#include "ReportPipeline.h"
#include "AnnotationChecks.h"
#include "Baseline.h"
#include "ReportFormats.h"
#include "Suppressions.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <map>
#include <tuple>

namespace purpose {

const char AnnotationRule[] = "purpose-annotation";

namespace {

/// The status of each cause, indexed by ExitCause.
const int CauseStatus[] = {
#define PURPOSE_EXIT_CAUSE(Name, Status, What) Status,
#include "ExitCodes.def"
};

/// True iff \p F involves one of \p Files: its trace, origin or sink.
bool touches(const Finding &F, const std::set<std::string> &Files) {
  if (Files.count(F.OriginPos.File) || Files.count(F.SinkPos.File) ||
      Files.count(F.SinkDeclPos.File))
    return true;
  return llvm::any_of(F.Trace, [&](const TraceStep &S) {
    return Files.count(S.Pos.File) != 0;
  });
}

} // namespace

int exitStatus(const std::set<ExitCause> &Causes, bool WritingBaseline) {
  int Status = 0;
  for (ExitCause C : Causes)
    Status = std::max(Status, CauseStatus[static_cast<size_t>(C)]);
  if (WritingBaseline && Status < 2)
    return 0;
  return Status;
}

std::set<ExitCause> causesOf(const Report &R) {
  std::set<ExitCause> Out;
  for (const Finding &F : R.Violations)
    Out.insert(F.Rule == AnnotationRule ? ExitCause::AnnotationFindings
                                        : ExitCause::Violations);
  if (!R.Complete)
    Out.insert(ExitCause::IncompleteAnalysis);
  return Out;
}

Finding annotationFinding(const TraceStep &At, llvm::StringRef SourceRoot) {
  Finding F;
  F.Rule = AnnotationRule;
  F.Message = At.Message;
  F.OriginPos = At.Pos;
  F.SinkPos = At.Pos;
  // Stable under line shifts: the file (as the source root sees it) and
  // what is wrong, not where.
  std::string Id = std::string(AnnotationRule) + "\x1f" +
                   pathUnder(At.Pos.File, SourceRoot) + "\x1f" + At.Message;
  F.Fingerprint =
      llvm::utohexstr(llvm::xxh3_64bits(Id), /*LowerCase=*/true, 16);
  return F;
}

void finishReport(Report &Rep, const std::vector<const TUSummary *> &Sums,
                  const Project &P, const ReportFilter &Filter) {
  std::vector<Suppression> Unjustified;
  applySuppressions(Rep, Filter.Read, Unjustified);

  // Each annotation finding once, however many TUs include its header.
  std::map<std::pair<SourcePos, std::string>, TraceStep> Annotations;
  for (const TUSummary *T : Sums)
    for (const TraceStep &S : T->AnnotationFindings)
      Annotations.try_emplace({S.Pos, S.Message}, S);
  // A suppression without a reason that suppressed a finding: bare NOLINT
  // and "*" lists included, which the TU scan leaves alone.
  for (const Suppression &U : Unjustified)
    Annotations.try_emplace({U.Pos, UnjustifiedSuppressionMessage},
                            TraceStep{U.Pos, UnjustifiedSuppressionMessage});
  for (const auto &[Key, S] : Annotations)
    Rep.Violations.push_back(annotationFinding(S, P.SourceRoot));

  if (P.Cfg && !P.Cfg->Exclude.empty())
    for (auto *L : {&Rep.Violations, &Rep.Suppressed, &Rep.Declassified})
      llvm::erase_if(*L, [&](const Finding &F) {
        return P.Cfg->excludes(F.SinkPos.File);
      });
  if (!Filter.OnlyFiles.empty())
    for (auto *L : {&Rep.Violations, &Rep.Suppressed, &Rep.Declassified})
      llvm::erase_if(
          *L, [&](const Finding &F) { return !touches(F, Filter.OnlyFiles); });
}

void applyBaselineAndSort(Report &Rep, const Project &P) {
  applyBaseline(Rep, P.BaselineFPs);
  Rep.sort();
}

} // namespace purpose
