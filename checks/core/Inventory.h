//===- Inventory.h - The data map of a program ------------------*- C++ -*-===//
//
// What a privacy team keeps for GDPR Article 30 (records of processing):
// every limited origin with its purposes, every use, every declassifier and
// suppression with its reason, and, for each origin, every purpose that it
// actually reaches in the code, allowed or not, each with one trace.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_INVENTORY_H
#define PURPOSE_CORE_INVENTORY_H

#include "Finding.h"
#include "Solver.h"
#include "Summary.h"
#include <string>
#include <vector>

namespace purpose {

struct Inventory {
  struct Origin {
    std::string Name;
    std::vector<std::string> Purposes;
    std::string Category; ///< Its data category; empty: uncategorised.
    SourcePos Pos;
    /// One flow per purpose reached: Kind is Violation, Allowed or
    /// Declassified (Suppressed counts as Violation with a Reason).
    std::vector<Finding> Reaches;
  };
  struct Use {
    std::string Name; ///< The sink function.
    std::string Purpose;
    int Param = -1; ///< -1: every argument and the object.
    SourcePos Pos;
  };
  struct Declassifier {
    std::string Name;
    std::string Reason;
    SourcePos Pos;
  };
  std::vector<Origin> Origins;
  std::vector<Use> Uses;
  std::vector<Declassifier> Declassifiers;
  std::vector<Finding> Suppressions; ///< Suppressed violations, with reasons.
  bool Complete = true;
  std::string SourceRoot;
};

/// Builds the inventory from the program's declarations (\p TUs), the
/// solve's flows (\p S, allowed ones included) and the final report \p R
/// (after suppressions and baselines). Deterministic: everything sorted.
Inventory buildInventory(const std::vector<const TUSummary *> &TUs,
                         const SolveResult &S, const Report &R);

} // namespace purpose

#endif
