//===- FidesMap.cpp -------------------------------------------------------===//
#include "FidesMap.h"
#include "InventoryWriter.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <yaml-cpp/yaml.h>

namespace purpose {
namespace {

/// A fideslang key from a directory name: what FidesKey accepts
/// ([A-Za-z0-9_.<>-]), lower-cased, everything else as '_'.
std::string keyFromName(llvm::StringRef Name) {
  std::string Out;
  for (char C : Name)
    Out += llvm::isAlnum(C) || C == '_' || C == '-' || C == '.'
               ? llvm::toLower(C)
               : '_';
  return Out.empty() ? "system" : Out;
}

/// True iff \p Key is \p Declared or lies within it ("a.b.c" in "a.b").
bool within(llvm::StringRef Key, llvm::StringRef Declared) {
  return Key == Declared ||
         (Key.starts_with(Declared) && Key[Declared.size()] == '.');
}

llvm::Error yamlError(llvm::StringRef File, const YAML::Mark &M,
                      const llvm::Twine &Msg) {
  std::string Pos = File.str();
  if (!M.is_null())
    Pos +=
        ":" + std::to_string(M.line + 1) + ":" + std::to_string(M.column + 1);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Pos + ": error: " + Msg.str());
}

/// Reads fideslang systems from a parsed document, collecting every
/// problem. yaml-cpp throws only from the parser and from conversions,
/// which this class does not use (it tests node types first).
class DeclaredReader {
public:
  DeclaredReader(llvm::StringRef File, DeclaredMap &Out)
      : File(File), Out(Out) {}

  void document(const YAML::Node &Root) {
    if (Root.IsMap() && Root["system"]) {
      systems(Root["system"]);
    } else if (Root.IsSequence()) {
      systems(Root);
    } else if (Root.IsMap() && Root["privacy_declarations"]) {
      system(Root);
    } else {
      report(Root.Mark(), "expected a fideslang system document: 'system:' "
                          "with a list of systems, each with "
                          "'privacy_declarations'");
    }
  }

  llvm::Error takeErrors() { return std::move(Errors); }

private:
  llvm::StringRef File;
  DeclaredMap &Out;
  llvm::Error Errors = llvm::Error::success();

  void report(const YAML::Mark &M, const llvm::Twine &Msg) {
    Errors = llvm::joinErrors(std::move(Errors), yamlError(File, M, Msg));
  }

  /// The scalar \p N as a key, or empty after reporting what is wrong.
  std::string key(const YAML::Node &N, llvm::StringRef What) {
    if (!N.IsScalar() || N.Scalar().empty()) {
      report(N.Mark(), "expected a fideslang key for '" + What + "'");
      return "";
    }
    return N.Scalar();
  }

  void systems(const YAML::Node &List) {
    if (!List.IsSequence()) {
      report(List.Mark(), "expected a list of systems for 'system'");
      return;
    }
    for (const YAML::Node &S : List)
      system(S);
  }

  void system(const YAML::Node &S) {
    if (!S.IsMap()) {
      report(S.Mark(), "expected a system (a mapping)");
      return;
    }
    YAML::Node Decls = S["privacy_declarations"];
    if (!Decls)
      return; // A system that processes nothing declares nothing.
    if (!Decls.IsSequence()) {
      report(Decls.Mark(), "expected a list for 'privacy_declarations'");
      return;
    }
    for (const YAML::Node &D : Decls)
      declaration(D);
  }

  void declaration(const YAML::Node &D) {
    if (!D.IsMap()) {
      report(D.Mark(), "expected a privacy declaration (a mapping)");
      return;
    }
    ++Out.Declarations;
    YAML::Node Use = D["data_use"], Cats = D["data_categories"];
    if (!Use) {
      report(D.Mark(), "privacy declaration without 'data_use'");
      return;
    }
    if (!Cats || !Cats.IsSequence()) {
      report(Cats ? Cats.Mark() : D.Mark(),
             "privacy declaration without a list of 'data_categories'");
      return;
    }
    std::string U = key(Use, "data_use");
    for (const YAML::Node &C : Cats) {
      std::string Cat = key(C, "data_categories");
      if (!U.empty() && !Cat.empty())
        Out.Pairs.emplace_back(Cat, U);
    }
  }
};

} // namespace

std::string declarationName(const FidesPair &P) {
  return P.first + " for " + P.second;
}

llvm::Expected<FidesMap> buildFidesMap(const Inventory &Inv,
                                       const Taxonomy &Tax,
                                       llvm::StringRef ConfigFile) {
  FidesMap M;
  M.Inv = &Inv;
  M.SystemKey = !Tax.System.empty()
                    ? Tax.System
                    : keyFromName(llvm::sys::path::filename(Inv.SourceRoot));
  std::map<std::string, const Finding *> Unmapped; // purpose -> a flow
  for (const Inventory::Origin &O : Inv.Origins) {
    bool Reaches = false;
    for (const Finding &F : O.Reaches) {
      if (F.Kind == FindingKind::Declassified)
        continue;
      Reaches = true;
      std::optional<std::string> Use = Tax.dataUse(F.SinkPurpose);
      if (!Use) {
        Unmapped.emplace(F.SinkPurpose, &F);
        continue;
      }
      if (!O.Category.empty())
        M.Pairs[{O.Category, *Use}].push_back({&O, &F});
    }
    if (Reaches && O.Category.empty())
      M.Uncategorised.push_back(&O);
  }
  if (!Unmapped.empty()) {
    std::string Where = ConfigFile.empty()
                            ? std::string("purpose-check: error: ")
                            : (Tax.Pos.File.empty() ? ConfigFile.str() + ":1:1"
                                                    : Tax.Pos.str()) +
                                  ": error: ";
    std::string Msg;
    for (const auto &[Purpose, F] : Unmapped)
      Msg += (Msg.empty() ? "" : "\n") + Where + "purpose '" + Purpose +
             "' has no fideslang data use (it is reached by '" + F->OriginName +
             "' at " + inventoryPosition(F->SinkPos, Inv.SourceRoot) +
             "); map it, or a parent, under \"taxonomy\": {\"data_uses\": "
             "{...}}" +
             (ConfigFile.empty() ? " in .purpose-check.json" : "");
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
  }
  return M;
}

void writeFidesSystem(const FidesMap &M, llvm::raw_ostream &OS) {
  llvm::StringRef Root = M.Inv->SourceRoot;
  YAML::Emitter E;
  E << YAML::BeginMap << YAML::Key << "system" << YAML::Value << YAML::BeginSeq
    << YAML::BeginMap;
  E << YAML::Key << "fides_key" << YAML::Value << M.SystemKey;
  E << YAML::Key << "name" << YAML::Value << M.SystemKey;
  E << YAML::Key << "description" << YAML::Value
    << "Data flows that purpose-check found in the code: one privacy "
       "declaration per data category and data use reached.";
  E << YAML::Key << "system_type" << YAML::Value << "Service";
  E << YAML::Key << "privacy_declarations" << YAML::Value << YAML::BeginSeq;
  for (const auto &[P, Flows] : M.Pairs) {
    E << YAML::BeginMap;
    E << YAML::Key << "name" << YAML::Value << declarationName(P);
    E << YAML::Key << "data_categories" << YAML::Value << YAML::BeginSeq
      << P.first << YAML::EndSeq;
    E << YAML::Key << "data_use" << YAML::Value << P.second;
    E << YAML::Key << "data_subjects" << YAML::Value << YAML::Flow
      << YAML::BeginSeq << YAML::EndSeq;
    E << YAML::EndMap;
  }
  E << YAML::EndSeq;
  // meta is fideslang's one free-form field: the evidence, keyed by
  // declaration name.
  E << YAML::Key << "meta" << YAML::Value << YAML::BeginMap;
  E << YAML::Key << "generator" << YAML::Value
    << "purpose-check " PURPOSE_CHECK_VERSION;
  E << YAML::Key << "complete" << YAML::Value << M.Inv->Complete;
  E << YAML::Key << "evidence" << YAML::Value << YAML::BeginMap;
  for (const auto &[P, Flows] : M.Pairs) {
    E << YAML::Key << declarationName(P) << YAML::Value << YAML::BeginSeq;
    for (const FidesMap::Evidence &Ev : Flows) {
      E << YAML::BeginMap;
      E << YAML::Key << "origin" << YAML::Value << Ev.Origin->Name;
      E << YAML::Key << "declaration" << YAML::Value
        << inventoryPosition(Ev.Origin->Pos, Root);
      E << YAML::Key << "purpose" << YAML::Value << Ev.Flow->SinkPurpose;
      E << YAML::Key << "status" << YAML::Value
        << inventoryStatus(Ev.Flow->Kind);
      E << YAML::Key << "sink" << YAML::Value << Ev.Flow->SinkName;
      E << YAML::Key << "call" << YAML::Value
        << inventoryPosition(Ev.Flow->SinkPos, Root);
      E << YAML::EndMap;
    }
    E << YAML::EndSeq;
  }
  E << YAML::EndMap;
  E << YAML::Key << "uncategorised" << YAML::Value;
  if (M.Uncategorised.empty())
    E << YAML::Flow;
  E << YAML::BeginSeq;
  for (const Inventory::Origin *O : M.Uncategorised) {
    E << YAML::BeginMap;
    E << YAML::Key << "origin" << YAML::Value << O->Name;
    E << YAML::Key << "declaration" << YAML::Value
      << inventoryPosition(O->Pos, Root);
    E << YAML::EndMap;
  }
  E << YAML::EndSeq;
  E << YAML::EndMap; // meta
  E << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
  OS << E.c_str() << "\n";
}

bool DeclaredMap::covers(const FidesPair &P) const {
  for (const FidesPair &D : Pairs)
    if (within(P.first, D.first) && within(P.second, D.second))
      return true;
  return false;
}

llvm::Expected<DeclaredMap> loadDeclaredMap(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return llvm::createStringError(Buf.getError(),
                                   Path.str() +
                                       ": error: cannot read the declared data "
                                       "map: " +
                                       Buf.getError().message());
  DeclaredMap D;
  D.File = Path.str();
  YAML::Node Root;
  try {
    Root = YAML::Load((*Buf)->getBuffer().str());
  } catch (const YAML::Exception &Ex) {
    return yamlError(Path, Ex.mark, Ex.msg);
  }
  DeclaredReader Reader(Path, D);
  try {
    Reader.document(Root);
  } catch (const YAML::Exception &Ex) {
    return llvm::joinErrors(Reader.takeErrors(),
                            yamlError(Path, Ex.mark, Ex.msg));
  }
  if (llvm::Error E = Reader.takeErrors())
    return std::move(E);
  return D;
}

size_t writeUndeclared(const FidesMap &M, const DeclaredMap &D,
                       llvm::raw_ostream &OS) {
  llvm::StringRef Root = M.Inv->SourceRoot;
  size_t Undeclared = 0;
  for (const auto &[P, Flows] : M.Pairs) {
    if (D.covers(P))
      continue;
    ++Undeclared;
    OS << "undeclared: " << declarationName(P) << "\n";
    for (const FidesMap::Evidence &Ev : Flows) {
      const Finding &F = *Ev.Flow;
      OS << "  " << Ev.Origin->Name << " ("
         << inventoryPosition(Ev.Origin->Pos, Root) << ") is used for "
         << F.SinkPurpose << " by " << F.SinkName << " at "
         << inventoryPosition(F.SinkPos, Root) << " ["
         << inventoryStatus(F.Kind) << "]\n";
      for (const TraceStep &S : F.Trace)
        OS << "    " << inventoryPosition(S.Pos, Root) << ": " << S.Message
           << "\n";
    }
  }
  for (const Inventory::Origin *O : M.Uncategorised)
    OS << "uncategorised: " << O->Name << " ("
       << inventoryPosition(O->Pos, Root)
       << ") reaches a use but has no data category; add "
          "PURPOSE_CATEGORY or a policy source's \"category\"\n";
  OS << M.Pairs.size() << " (data category, data use) pair"
     << (M.Pairs.size() == 1 ? "" : "s") << " reached, " << Undeclared
     << " not declared in " << D.File << " (" << D.Declarations
     << " declaration" << (D.Declarations == 1 ? "" : "s") << ")"
     << (M.Inv->Complete ? "" : "; the run is INCOMPLETE") << "\n";
  return Undeclared;
}

} // namespace purpose
