//===- InventoryWriter.cpp ------------------------------------------------===//
#include "InventoryWriter.h"
#include "ReportFormats.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"
#include <nlohmann/json.hpp>
#include <set>

namespace purpose {
namespace {

using ojson = nlohmann::ordered_json;

ojson pos(const SourcePos &P, llvm::StringRef Root) {
  ojson J = ojson::object();
  J["file"] = pathUnder(P.File, Root);
  J["line"] = P.Line;
  J["column"] = P.Column;
  return J;
}

void writeText(const Inventory &Inv, llvm::raw_ostream &OS) {
  llvm::StringRef Root = Inv.SourceRoot;
  OS << "Data inventory" << (Inv.Complete ? "" : " (INCOMPLETE)") << "\n\n";
  OS << "Limited data (" << Inv.Origins.size() << ")\n";
  for (const Inventory::Origin &O : Inv.Origins) {
    OS << "  " << O.Name << "  limited to " << llvm::join(O.Purposes, ", ")
       << "  (" << inventoryPosition(O.Pos, Root) << ")\n";
    OS << "    category: "
       << (O.Category.empty() ? "uncategorised" : O.Category) << "\n";
    if (O.Reaches.empty())
      OS << "    reaches no use\n";
    for (const Finding &F : O.Reaches) {
      OS << "    -> " << F.SinkPurpose << " via " << F.SinkName << " at "
         << inventoryPosition(F.SinkPos, Root) << "  ["
         << inventoryStatus(F.Kind) << "]";
      if (!F.Reason.empty())
        OS << " reason: " << F.Reason;
      OS << "\n";
      for (const TraceStep &S : F.Trace)
        OS << "         " << inventoryPosition(S.Pos, Root) << ": " << S.Message
           << "\n";
    }
  }
  OS << "\nUses (" << Inv.Uses.size() << ")\n";
  for (const Inventory::Use &U : Inv.Uses)
    OS << "  " << U.Name
       << (U.Param >= 0 ? " (argument " + std::to_string(U.Param + 1) + ")"
                        : std::string())
       << "  for " << U.Purpose << "  (" << inventoryPosition(U.Pos, Root)
       << ")\n";
  OS << "\nDeclassifiers (" << Inv.Declassifiers.size() << ")\n";
  for (const Inventory::Declassifier &D : Inv.Declassifiers)
    OS << "  " << D.Name << "  reason: " << D.Reason << "  ("
       << inventoryPosition(D.Pos, Root) << ")\n";
  OS << "\nSuppressions (" << Inv.Suppressions.size() << ")\n";
  for (const Finding &F : Inv.Suppressions)
    OS << "  " << inventoryPosition(F.SinkPos, Root) << "  " << F.OriginName
       << " -> " << F.SinkName
       << "  reason: " << (F.Reason.empty() ? "(none given)" : F.Reason)
       << "\n";
}

void writeJson(const Inventory &Inv, llvm::raw_ostream &OS) {
  llvm::StringRef Root = Inv.SourceRoot;
  ojson J = ojson::object();
  J["version"] = 1;
  J["complete"] = Inv.Complete;
  ojson Origins = ojson::array();
  for (const Inventory::Origin &O : Inv.Origins) {
    ojson JO = ojson::object();
    JO["name"] = O.Name;
    JO["purposes"] = O.Purposes;
    JO["category"] = O.Category.empty() ? ojson() : ojson(O.Category);
    JO["declaration"] = pos(O.Pos, Root);
    ojson Reaches = ojson::array();
    for (const Finding &F : O.Reaches) {
      ojson R = ojson::object();
      R["purpose"] = F.SinkPurpose;
      R["status"] = inventoryStatus(F.Kind);
      R["sink"] = F.SinkName;
      R["call"] = pos(F.SinkPos, Root);
      if (!F.Reason.empty())
        R["reason"] = F.Reason;
      if (!F.Declassifier.empty())
        R["declassifier"] = F.Declassifier;
      ojson Trace = ojson::array();
      for (const TraceStep &S : F.Trace) {
        ojson St = pos(S.Pos, Root);
        St["message"] = S.Message;
        Trace.push_back(std::move(St));
      }
      R["trace"] = std::move(Trace);
      Reaches.push_back(std::move(R));
    }
    JO["reaches"] = std::move(Reaches);
    Origins.push_back(std::move(JO));
  }
  J["origins"] = std::move(Origins);
  ojson Uses = ojson::array();
  for (const Inventory::Use &U : Inv.Uses) {
    ojson JU = ojson::object();
    JU["name"] = U.Name;
    JU["purpose"] = U.Purpose;
    if (U.Param >= 0)
      JU["param"] = U.Param;
    JU["declaration"] = pos(U.Pos, Root);
    Uses.push_back(std::move(JU));
  }
  J["uses"] = std::move(Uses);
  ojson Decl = ojson::array();
  for (const Inventory::Declassifier &D : Inv.Declassifiers) {
    ojson JD = ojson::object();
    JD["name"] = D.Name;
    JD["reason"] = D.Reason;
    JD["declaration"] = pos(D.Pos, Root);
    Decl.push_back(std::move(JD));
  }
  J["declassifiers"] = std::move(Decl);
  ojson Sup = ojson::array();
  for (const Finding &F : Inv.Suppressions) {
    ojson JS = ojson::object();
    JS["origin"] = F.OriginName;
    JS["sink"] = F.SinkName;
    JS["purpose"] = F.SinkPurpose;
    JS["call"] = pos(F.SinkPos, Root);
    JS["reason"] = F.Reason;
    Sup.push_back(std::move(JS));
  }
  J["suppressions"] = std::move(Sup);
  OS << J.dump(2) << "\n";
}

std::string dotEscape(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '"' || C == '\\')
      Out += '\\';
    Out += C;
  }
  return Out;
}

void writeDot(const Inventory &Inv, llvm::raw_ostream &OS) {
  OS << "digraph purpose_inventory {\n"
     << "  rankdir=LR;\n"
     << "  node [fontname=\"Helvetica\"];\n";
  std::set<std::string> Purposes;
  for (const Inventory::Origin &O : Inv.Origins) {
    OS << "  \"origin:" << dotEscape(O.Name) << "\" [shape=box, label=\""
       << dotEscape(O.Name) << "\\nlimited to "
       << dotEscape(llvm::join(O.Purposes, ", ")) << "\"];\n";
    for (const Finding &F : O.Reaches)
      Purposes.insert(F.SinkPurpose);
  }
  for (const Inventory::Use &U : Inv.Uses)
    Purposes.insert(U.Purpose);
  for (const std::string &P : Purposes)
    OS << "  \"purpose:" << dotEscape(P) << "\" [shape=ellipse, label=\""
       << dotEscape(P) << "\"];\n";
  for (const Inventory::Origin &O : Inv.Origins)
    for (const Finding &F : O.Reaches) {
      const char *Color = F.Kind == FindingKind::Allowed      ? "darkgreen"
                          : F.Kind == FindingKind::Violation  ? "red"
                          : F.Kind == FindingKind::Suppressed ? "orange"
                                                              : "gray";
      OS << "  \"origin:" << dotEscape(O.Name)
         << "\" -> \"purpose:" << dotEscape(F.SinkPurpose)
         << "\" [color=" << Color << ", label=\"" << dotEscape(F.SinkName)
         << " (" << inventoryStatus(F.Kind) << ")\"];\n";
    }
  OS << "}\n";
}

} // namespace

const char *inventoryStatus(FindingKind K) {
  switch (K) {
  case FindingKind::Violation:
    return "violation";
  case FindingKind::Suppressed:
    return "suppressed";
  case FindingKind::Declassified:
    return "declassified";
  case FindingKind::Allowed:
    return "allowed";
  }
  return "violation";
}

std::string inventoryPosition(const SourcePos &P, llvm::StringRef Root) {
  return pathUnder(P.File, Root) + ":" + std::to_string(P.Line) + ":" +
         std::to_string(P.Column);
}

llvm::Expected<InventoryFormat> parseInventoryFormat(llvm::StringRef Name) {
  if (Name == "text")
    return InventoryFormat::Text;
  if (Name == "json")
    return InventoryFormat::Json;
  if (Name == "dot")
    return InventoryFormat::Dot;
  if (Name == "fides")
    return InventoryFormat::Fides;
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "unknown inventory format '" + Name.str() +
                                     "'; expected text, json, dot or fides");
}

void writeInventory(const Inventory &Inv, InventoryFormat F,
                    llvm::raw_ostream &OS) {
  switch (F) {
  case InventoryFormat::Text:
    return writeText(Inv, OS);
  case InventoryFormat::Json:
    return writeJson(Inv, OS);
  case InventoryFormat::Dot:
    return writeDot(Inv, OS);
  case InventoryFormat::Fides:
    llvm_unreachable("the driver writes the fides map (checks/fides)");
  }
}

} // namespace purpose
