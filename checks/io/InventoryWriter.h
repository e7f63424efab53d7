//===- InventoryWriter.h - The inventory as text, JSON, DOT -----*- C++ -*-===//
//
// `purpose-check --inventory`: the data map of INTERFACE.md's extension in
// docs/inventory.md. Deterministic output; paths relative to the source root.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_INVENTORYWRITER_H
#define PURPOSE_IO_INVENTORYWRITER_H

#include "Inventory.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace purpose {

/// Fides: the fideslang system document, which the driver writes through
/// checks/fides (it needs yaml-cpp, which this library does not link).
enum class InventoryFormat { Text, Json, Dot, Fides };

/// "violation", "suppressed", "declassified" or "allowed": a reach's status.
const char *inventoryStatus(FindingKind K);

/// "FILE:LINE:COL", FILE relative to \p Root.
std::string inventoryPosition(const SourcePos &P, llvm::StringRef Root);

/// "text", "json", "dot" or "fides".
llvm::Expected<InventoryFormat> parseInventoryFormat(llvm::StringRef Name);

/// Text, Json and Dot.

void writeInventory(const Inventory &Inv, InventoryFormat F,
                    llvm::raw_ostream &OS);

} // namespace purpose

#endif
