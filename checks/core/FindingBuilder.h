//===- FindingBuilder.h - Raw flows as findings -----------------*- C++ -*-===//
//
// The solver's diagnoser: turns the flows that OriginSearch.h finds into
// findings, with their trace, message and fingerprint, sorted into
// violations, declassified flows and allowed ones.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_FINDINGBUILDER_H
#define PURPOSE_CORE_FINDINGBUILDER_H

#include "OriginSearch.h"
#include <map>
#include <optional>

namespace purpose {
namespace solver {

class FindingBuilder {
public:
  explicit FindingBuilder(SummaryUnfolding &U) : U(U), G(U.G) {}
  /// Renders \p F and adds it to the list of \p R that its kind goes to.
  void add(const RawFlow &F, SolveResult &R);

private:
  /// Appends the trace steps of edge \p E, unfolding summary edges.
  void expand(int E, std::vector<TraceStep> &Out, unsigned Depth);
  /// fingerprintIdentity of function \p F, followed, where the program has
  /// several functions of that identity (lambdas of one signature in one
  /// function), by F's place among them in the order of Clang's offsets.
  std::string enclosingIdentity(int F);

  /// Identity -> Clang's offsets of the functions that have it, sorted;
  /// made on the first finding in a function with such an offset.
  std::optional<std::map<std::string, std::vector<unsigned long>>> LocalOffsets;

  SummaryUnfolding &U;
  const ProgramGraph &G;
};

/// The identity of a flow that survives unrelated edits: the origin, the
/// sink, the enclosing function, which call of the sink in it, the purpose.
std::string flowFingerprint(const std::string &Origin, const std::string &Sink,
                            const std::string &Enclosing, unsigned Ordinal,
                            const std::string &Purpose);

} // namespace solver
} // namespace purpose

#endif
