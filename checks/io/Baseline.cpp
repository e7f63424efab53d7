//===- Baseline.cpp -------------------------------------------------------===//
#include "Baseline.h"
#include "FileUtil.h"
#include "JsonTree.h"
#include "llvm/ADT/STLExtras.h"
#include <nlohmann/json.hpp>

namespace purpose {

static llvm::Expected<std::set<std::string>>
readBaselineDocument(const JsonDocument &Doc) {
  const JsonNode &Root = Doc.root();
  if (Root.Kind != JsonNode::Object)
    return Doc.error(Root.Offset, llvm::Twine("expected an object for a "
                                              "baseline, found ") +
                                      Root.describe());
  for (size_t I = 0; I < Root.Keys.size(); ++I)
    if (Root.Keys[I] != "version" && Root.Keys[I] != "fingerprints")
      return Doc.error(Root.KeyOffsets[I],
                       "unknown key '" + Root.Keys[I] +
                           "' in baseline; expected 'version' or "
                           "'fingerprints'");

  const JsonNode *Version = Root.get("version");
  if (!Version)
    return Doc.error(Root.Offset, "missing required key 'version' in baseline");
  if (Version->Kind != JsonNode::Unsigned || Version->UIntValue != 1)
    return Doc.error(Version->Offset,
                     "unsupported baseline version; expected 1");

  std::set<std::string> Out;
  const JsonNode *List = Root.get("fingerprints");
  if (!List)
    return Doc.error(Root.Offset,
                     "missing required key 'fingerprints' in baseline");
  if (List->Kind != JsonNode::Array)
    return Doc.error(List->Offset,
                     llvm::Twine("expected an array for 'fingerprints', "
                                 "found ") +
                         List->describe());
  for (const JsonNode &E : List->Elements) {
    if (E.Kind != JsonNode::String)
      return Doc.error(E.Offset,
                       llvm::Twine("expected a string in 'fingerprints', "
                                   "found ") +
                           E.describe());
    if (E.Str.empty())
      return Doc.error(E.Offset, "empty fingerprint");
    Out.insert(E.Str);
  }
  return Out;
}

llvm::Expected<std::set<std::string>> parseBaseline(llvm::StringRef Contents,
                                                    llvm::StringRef Name) {
  auto Doc = JsonDocument::parse(Contents, Name);
  if (!Doc)
    return Doc.takeError();
  return readBaselineDocument(*Doc);
}

llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path) {
  auto Doc = JsonDocument::parseFile(Path, "baseline");
  if (!Doc)
    return Doc.takeError();
  return readBaselineDocument(*Doc);
}

llvm::Error writeBaseline(llvm::StringRef Path, const Report &R) {
  std::set<std::string> Fingerprints;
  for (const Finding &F : R.Violations)
    Fingerprints.insert(F.Fingerprint);
  nlohmann::ordered_json Doc = nlohmann::ordered_json::object();
  Doc["version"] = 1;
  Doc["fingerprints"] = Fingerprints;
  std::string Text =
      Doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return writeFileAtomically(
      Path, [&](llvm::raw_ostream &OS) { OS << Text << '\n'; });
}

bool inBaseline(const Finding &F, const std::set<std::string> &Fingerprints) {
  return Fingerprints.count(F.Fingerprint) != 0 ||
         (!F.FormerFingerprint.empty() &&
          Fingerprints.count(F.FormerFingerprint) != 0);
}

size_t applyBaseline(Report &R, const std::set<std::string> &Fingerprints) {
  size_t Before = R.Violations.size();
  llvm::erase_if(R.Violations,
                 [&](const Finding &F) { return inBaseline(F, Fingerprints); });
  return Before - R.Violations.size();
}

} // namespace purpose
