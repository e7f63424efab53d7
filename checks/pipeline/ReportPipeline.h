//===- ReportPipeline.h - From the solution to what is reported -*- C++ -*-===//
//
// Everything between the whole-program solve and a report, the same for
// every front end that reports on the whole program:
//   1. suppressions (NOLINT comments, read through the front end's file
//      system, so that the hook sees staged text);
//   2. purpose-annotation findings: those of the TU summaries, and every
//      suppression without a reason that suppressed a finding, each once
//      however many TUs saw it;
//   3. exclusions of the config, and the FILE arguments;
//   4. the baseline;
//   5. a deterministic order;
// and the exit status, from the table in ExitCodes.def.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_PIPELINE_REPORTPIPELINE_H
#define PURPOSE_PIPELINE_REPORTPIPELINE_H

#include "Finding.h"
#include "Project.h"
#include "Summary.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <set>
#include <string>
#include <vector>

namespace purpose {

enum class ExitCause {
#define PURPOSE_EXIT_CAUSE(Name, Status, What) Name,
#include "ExitCodes.def"
};

/// The status of a run with these causes: the highest that applies, 0 when
/// none does. With \p WritingBaseline, only status 2 survives.
int exitStatus(const std::set<ExitCause> &Causes, bool WritingBaseline = false);

/// The causes that \p R itself shows: violations, annotation findings and,
/// when it is incomplete, IncompleteAnalysis.
std::set<ExitCause> causesOf(const Report &R);

/// The rule id of annotation findings.
extern const char AnnotationRule[];

/// A finding of rule purpose-annotation at \p At.
Finding annotationFinding(const TraceStep &At, llvm::StringRef SourceRoot);

struct ReportFilter {
  /// Only findings touching one of these files (absolute), when not empty.
  std::set<std::string> OnlyFiles;
  /// Reads a file for its suppression comments; false if it cannot.
  llvm::function_ref<bool(llvm::StringRef, std::string &)> Read;
};

/// Steps 1-3 on \p Rep, whose Violations and Declassified hold the solve's.
void finishReport(Report &Rep, const std::vector<const TUSummary *> &Sums,
                  const Project &P, const ReportFilter &F);

/// Step 4: drops the violations (of any rule) whose fingerprint is in the
/// project's baseline. Then step 5.
void applyBaselineAndSort(Report &Rep, const Project &P);

} // namespace purpose

#endif
