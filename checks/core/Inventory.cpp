//===- Inventory.cpp ------------------------------------------------------===//
#include "Inventory.h"
#include <algorithm>
#include <map>
#include <tuple>

namespace purpose {

Inventory buildInventory(const std::vector<const TUSummary *> &TUs,
                         const SolveResult &S, const Report &R) {
  Inventory Inv;
  Inv.Complete = R.Complete;
  Inv.SourceRoot = R.SourceRoot;
  // Declarations, each once, joined across TUs as the solve joins them.
  std::map<std::string, DeclInfo> Decls;
  for (const TUSummary *T : TUs)
    for (const auto &[K, D] : T->Decls) {
      auto [It, New] = Decls.emplace(K, D);
      if (!New)
        mergeDeclInfo(It->second, D);
    }
  std::map<std::string, Inventory::Origin> Origins; // by name
  for (const auto &[K, D] : Decls) {
    if (D.isSource()) {
      Inventory::Origin &O = Origins[D.Name];
      O.Name = D.Name;
      O.Purposes = D.Limited;
      O.Pos = D.Pos;
      O.Category = D.Category;
    }
    if (!D.Use.empty())
      Inv.Uses.push_back({D.Name, D.Use, -1, D.Pos});
    for (const auto &[I, U] : D.ParamUses)
      Inv.Uses.push_back({D.Name, U, I, D.Pos});
    if (D.Declassify)
      Inv.Declassifiers.push_back({D.Name, *D.Declassify, D.Pos});
  }
  // Every purpose each origin reaches: the shortest flow per purpose, a
  // violation first if there is one.
  auto consider = [&](const Finding &F) {
    auto It = Origins.find(F.OriginName);
    if (It == Origins.end())
      return;
    std::vector<Finding> &Rs = It->second.Reaches;
    for (Finding &Old : Rs) {
      if (Old.SinkPurpose != F.SinkPurpose)
        continue;
      auto rank = [](const Finding &X) {
        return X.Kind == FindingKind::Violation    ? 0
               : X.Kind == FindingKind::Suppressed ? 1
                                                   : 2;
      };
      if (std::make_tuple(rank(F), F.Trace.size()) <
          std::make_tuple(rank(Old), Old.Trace.size()))
        Old = F;
      return;
    }
    Rs.push_back(F);
  };
  for (const Finding &F : S.Violations)
    consider(F);
  for (const Finding &F : R.Suppressed)
    consider(F);
  for (const Finding &F : S.Declassified)
    consider(F);
  for (const Finding &F : S.Allowed)
    consider(F);
  for (auto &[N, O] : Origins) {
    std::sort(O.Reaches.begin(), O.Reaches.end(),
              [](const Finding &A, const Finding &B) {
                return std::tie(A.SinkPurpose, A.SinkPos) <
                       std::tie(B.SinkPurpose, B.SinkPos);
              });
    Inv.Origins.push_back(std::move(O));
  }
  Inv.Suppressions = R.Suppressed;
  auto byName = [](const auto &A, const auto &B) {
    return std::tie(A.Name, A.Pos) < std::tie(B.Name, B.Pos);
  };
  std::sort(Inv.Uses.begin(), Inv.Uses.end(), [](const auto &A, const auto &B) {
    return std::tie(A.Name, A.Param, A.Purpose) <
           std::tie(B.Name, B.Param, B.Purpose);
  });
  std::sort(Inv.Declassifiers.begin(), Inv.Declassifiers.end(), byName);
  return Inv;
}

} // namespace purpose
