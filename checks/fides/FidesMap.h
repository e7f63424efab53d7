//===- FidesMap.h - The data map as a fideslang system ----------*- C++ -*-===//
//
// `purpose-check --inventory --format fides`: the inventory as the privacy
// declarations of one fideslang `system` (the taxonomy of Fides and of IAB
// Tech Lab's fideslang). One declaration per (data category, data use) that
// the code reaches, with the code locations as evidence in the system's
// `meta`. `--check DECLARED.yml` compares those pairs with what a privacy
// team declared. docs/inventory.md, "Fides", is the user's documentation.
//
// Links yaml-cpp, so only the command-line driver links this library.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_FIDES_FIDESMAP_H
#define PURPOSE_FIDES_FIDESMAP_H

#include "Config.h"
#include "Inventory.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace purpose {

/// (data category, data use): what one privacy declaration names.
using FidesPair = std::pair<std::string, std::string>;

struct FidesMap {
  /// One flow that puts an origin's data to a use.
  struct Evidence {
    const Inventory::Origin *Origin = nullptr;
    const Finding *Flow = nullptr;
  };
  std::string SystemKey;
  /// Every pair the code reaches, sorted, with its flows (by origin, then
  /// purpose). Declassified flows do not count: the declassifier says the
  /// value no longer is the data.
  std::map<FidesPair, std::vector<Evidence>> Pairs;
  /// Origins without a category that reach some use: the map cannot name
  /// them, so they are listed instead.
  std::vector<const Inventory::Origin *> Uncategorised;
  const Inventory *Inv = nullptr;
};

/// The name of the privacy declaration for \p P: "CATEGORY for USE".
std::string declarationName(const FidesPair &P);

/// Builds the map of \p Inv. The data use of each purpose comes from
/// \p Tax; a reached purpose that it does not map is an error naming the
/// purpose, a flow that reaches it, and \p ConfigFile. \p SystemKey empty:
/// the config's, else the source root's directory name.
llvm::Expected<FidesMap> buildFidesMap(const Inventory &Inv,
                                       const Taxonomy &Tax,
                                       llvm::StringRef ConfigFile);

/// Writes the fideslang YAML document `system: [ ... ]`. Deterministic.
void writeFidesSystem(const FidesMap &M, llvm::raw_ostream &OS);

/// What a privacy team declared: the pairs of every privacy declaration of
/// every system in a fideslang YAML file.
struct DeclaredMap {
  std::string File;
  std::vector<FidesPair> Pairs;
  size_t Declarations = 0;

  /// True iff some declared pair covers \p P: the same category or one of
  /// its parents ("user.contact" covers "user.contact.email"), and the same
  /// use or one of its parents.
  bool covers(const FidesPair &P) const;
};

/// Reads a fideslang YAML file: `system:` with a list of systems, a list of
/// systems, or one system. Errors are "FILE:LINE:COL: error: ...".
llvm::Expected<DeclaredMap> loadDeclaredMap(llvm::StringRef Path);

/// Writes every reached pair that \p D does not cover, each with the traces
/// of its flows, then a summary line. Returns the number of such pairs.
size_t writeUndeclared(const FidesMap &M, const DeclaredMap &D,
                       llvm::raw_ostream &OS);

} // namespace purpose

#endif
