//===- FindingBuilder.cpp -------------------------------------------------===//
#include "FindingBuilder.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>

namespace purpose {
namespace solver {

std::string flowFingerprint(const std::string &Origin, const std::string &Sink,
                            const std::string &Enclosing, unsigned Ordinal,
                            const std::string &Purpose) {
  std::string S = Origin + "\x1f" + Sink + "\x1f" + Enclosing + "\x1f" +
                  std::to_string(Ordinal) + "\x1f" + Purpose;
  return llvm::utohexstr(llvm::xxh3_64bits(S), /*LowerCase=*/true, 16);
}

void FindingBuilder::expand(int E, std::vector<TraceStep> &Out,
                            unsigned Depth) {
  const Edge &Ed = G.Edges[E];
  if (Ed.Local) {
    Out.insert(Out.end(), Ed.Local->Steps.begin(), Ed.Local->Steps.end());
    return;
  }
  if (Ed.Kind == EdgeKind::Summary) {
    if (!U.mayUnfold(E, Depth))
      return;
    for (int Inner : G.Paths[Ed.Path])
      expand(Inner, Out, Depth + 1);
    return;
  }
  // A step without a position (a field whose declaration no TU described)
  // is left out rather than reported at "file 0".
  if (Ed.Step >= 0 && !G.ExtraSteps[Ed.Step].Pos.File.empty())
    Out.push_back(G.ExtraSteps[Ed.Step]);
}

std::string FindingBuilder::enclosingIdentity(int F) {
  const std::string &USR = G.Fns[F]->USR;
  std::string Id = fingerprintIdentity(USR);
  std::optional<unsigned long> Own = clangOffset(USR);
  if (!Own)
    return Id;
  if (!LocalOffsets) {
    LocalOffsets.emplace();
    for (const FunctionSummary *Fn : G.Fns)
      if (std::optional<unsigned long> Offset = clangOffset(Fn->USR))
        (*LocalOffsets)[fingerprintIdentity(Fn->USR)].push_back(*Offset);
    for (auto &[K, Offsets] : *LocalOffsets) {
      llvm::sort(Offsets);
      Offsets.erase(std::unique(Offsets.begin(), Offsets.end()), Offsets.end());
    }
  }
  const std::vector<unsigned long> &Offsets = LocalOffsets->at(Id);
  if (Offsets.size() < 2)
    return Id;
  // The order of their offsets moves with neither an edit above the
  // enclosing function nor one below it.
  size_t Rank = llvm::lower_bound(Offsets, *Own) - Offsets.begin();
  return Id + "#local" + std::to_string(Rank);
}

void FindingBuilder::add(const RawFlow &F, SolveResult &R) {
  const DeclInfo &O = *F.Origin;
  const std::string &Use = F.Hit->Use;
  const Site &Si = G.Sites[F.Hit->SiteId];
  Finding Fd;
  Fd.OriginName = O.Name;
  Fd.OriginPurposes = O.Limited;
  Fd.OriginPos = O.Pos;
  Fd.SinkName = F.Hit->Name;
  if (Si.Callee)
    Fd.SinkDeclPos = Si.Callee->Pos;
  Fd.SinkPurpose = Use;
  Fd.SinkPos = Si.CS->Pos;
  for (int E : F.Path)
    expand(E, Fd.Trace, 0);
  if (F.DeclassifierSite >= 0) {
    const Site &DS = G.Sites[F.DeclassifierSite];
    Fd.Declassifier = DS.CS->CalleeName;
    Fd.Reason = *DS.Callee->Declassify;
  }
  std::string Purposes = llvm::join(O.Limited, ", ");
  Fd.Message = "'" + O.Name + "', limited to '" + Purposes + "', reaches '" +
               Fd.SinkName + "', a use for '" + Use + "'";
  Fd.Fingerprint = flowFingerprint(
      O.Name, Fd.SinkName, enclosingIdentity(Si.Caller), Si.CS->Ordinal, Use);
  std::string Former = flowFingerprint(
      O.Name, Fd.SinkName, formerFingerprintIdentity(G.Fns[Si.Caller]->USR),
      Si.CS->Ordinal, Use);
  if (Former != Fd.Fingerprint)
    Fd.FormerFingerprint = std::move(Former);
  if (F.Allowed) {
    Fd.Kind = FindingKind::Allowed;
    Fd.Message += ", which its limit allows";
    R.Allowed.push_back(std::move(Fd));
  } else if (F.Declassified) {
    Fd.Kind = FindingKind::Declassified;
    R.Declassified.push_back(std::move(Fd));
  } else {
    Fd.Kind = FindingKind::Violation;
    R.Violations.push_back(std::move(Fd));
  }
}

} // namespace solver
} // namespace purpose
