//===- SummaryWriter.cpp - TUSummary to a cache entry ---------------------===//
//
// serializeSummary, for the format of docs/cache-format.md: the schema's
// tables (SummarySchema.h) written in order, compactly, with strings escaped
// as nlohmann's dump escapes them, so that the bytes are those of the
// nlohmann-based writer that made the entries of format version 4, and depend
// on nothing but the summary and the source root.
//
//===----------------------------------------------------------------------===//
#include "SummarySchema.h"
#include "llvm/ADT/STLExtras.h"
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace purpose {
namespace schema {

using llvm::StringRef;

void Writer::str(StringRef S) {
  if (llvm::any_of(
          S, [](char C) { return static_cast<unsigned char>(C) >= 0x80; })) {
    // UTF-8, and what is not: nlohmann keeps the one and replaces the other
    // with U+FFFD. Such a string reads back, and if it was a path, its
    // inputs then look changed, so the TU is re-analyzed.
    std::string Dumped =
        nlohmann::json(S.str()).dump(-1, ' ', /*ensure_ascii=*/false,
                                     nlohmann::json::error_handler_t::replace);
    // A replaced byte sequence is one U+FFFD more than the string had.
    StringRef Replacement = "\xEF\xBF\xBD";
    Lossy |= StringRef(Dumped).count(Replacement) != S.count(Replacement);
    Out += Dumped;
    return;
  }
  static constexpr char Hex[] = "0123456789abcdef";
  Out += '"';
  for (char C : S) {
    switch (C) {
    case '"':
      Out += "\\\"";
      break;
    case '\\':
      Out += "\\\\";
      break;
    case '\b':
      Out += "\\b";
      break;
    case '\f':
      Out += "\\f";
      break;
    case '\n':
      Out += "\\n";
      break;
    case '\r':
      Out += "\\r";
      break;
    case '\t':
      Out += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(C) < 0x20) {
        Out += "\\u00";
        Out += Hex[C >> 4];
        Out += Hex[C & 0xf];
      } else {
        Out += C;
      }
    }
  }
  Out += '"';
}

void Bools::write(Writer &W, const std::vector<bool> &V) {
  W.raw('[');
  for (size_t I = 0; I < V.size(); ++I) {
    if (I)
      W.raw(',');
    W.boolean(V[I]);
  }
  W.raw(']');
}

void Fits::write(Writer &W, const std::map<std::string, bool> &V) {
  // Sorted by the stored key, so that every checkout writes the same bytes.
  std::map<std::string, bool> Stored;
  for (const auto &[Rule, Fit] : V)
    Stored[W.Paths.keyToStored(Rule)] = Fit;
  ByKey<Bool>::write(W, Stored);
}

void ParamUses::write(Writer &W, const std::map<int, std::string> &V) {
  W.raw('[');
  for (auto It = V.begin(); It != V.end(); ++It) {
    if (It != V.begin())
      W.raw(',');
    W.raw('[');
    W.integer(It->first);
    W.raw(',');
    W.str(It->second);
    W.raw(']');
  }
  W.raw(']');
}

template <bool Outside>
void Files<Outside>::write(Writer &W, const std::vector<FilePair> &V) {
  Array<Object<InputFileSchema<Outside>>>::write(W, V);
}
template struct Files<false>;
template struct Files<true>;

void Shadows::write(Writer &W, const std::vector<std::string> &V) {
  // Sorted as stored, so that every checkout writes the same bytes.
  std::set<std::string> Stored;
  for (const std::string &P : V)
    Stored.insert(W.Paths.toStored(P));
  W.raw('[');
  for (auto It = Stored.begin(); It != Stored.end(); ++It) {
    if (It != Stored.begin())
      W.raw(',');
    W.str(*It);
  }
  W.raw(']');
}

/// The input files of \p In (its own and its shared set's) that lie under
/// the root (\p UnderRoot) or outside it, sorted and without duplicates, so
/// that the same inputs give the same bytes however they were split when
/// read.
static std::vector<FilePair> inputFiles(const CachePaths &Paths,
                                        const TUInputs &In, bool UnderRoot) {
  std::map<std::string, std::string> Out;
  auto Add = [&](const auto &FileList) {
    for (const auto &[Path, Digest] : FileList)
      if (CachePaths::isVerbatim(Paths.toStored(Path)) != UnderRoot)
        Out.emplace(Path, Digest);
  };
  Add(In.Files);
  if (In.Shared)
    Add(In.Shared->Files);
  return {Out.begin(), Out.end()};
}

/// The TU's own inputs: the files under the source root. The rest go to
/// the shared set (sharedSet), which the entry names by its id.
void Inputs::write(Writer &W, const TUInputs &V) {
  const auto &[CommandHash, FileList, AbsentShadows, Shared] = V;
  StoredInputs S{CommandHash, inputFiles(W.Paths, V, /*UnderRoot=*/true),
                 W.SharedId};
  Object<>::write(W, S);
}

/// The shared set of \p In: the files outside the source root and every
/// absent shadow (the include path's directories, the same for every TU
/// built with the same flags); std::nullopt when there are none.
static std::optional<StoredSet> sharedSet(const CachePaths &Paths,
                                          const TUInputs &In) {
  StoredSet S;
  S.Files = inputFiles(Paths, In, /*UnderRoot=*/false);
  S.AbsentShadows = In.AbsentShadows;
  if (In.Shared)
    llvm::append_range(S.AbsentShadows, In.Shared->absentShadows());
  if (S.Files.empty() && S.AbsentShadows.empty())
    return std::nullopt;
  return S;
}

/// The envelope of docs/cache-format.md around a payload's text.
static std::string envelope(StringRef Format, StringRef Checksum,
                            StringRef Payload) {
  std::string Out;
  Out.reserve(Payload.size() + 128);
  Out += "{\"format\":\"";
  Out += Format;
  Out += "\",\"version\":" + std::to_string(CacheFormatVersion);
  Out += ",\"checksum\":\"";
  Out += Checksum;
  Out += "\",\"payload\":";
  Out += Payload;
  Out += "}\n";
  return Out;
}

} // namespace schema

SerializedSummary serializeSummary(const TUSummary &S,
                                   llvm::StringRef SourceRoot) {
  using namespace schema;
  CachePaths Paths(SourceRoot);
  SerializedSummary Out;
  if (std::optional<StoredSet> Set = sharedSet(Paths, S.Inputs)) {
    Writer W(Paths, "");
    Object<>::write(W, *Set);
    // Content-addressed: the id is the checksum, so every TU (and every
    // checkout) with the same outside inputs names the same file.
    Out.SharedId = contentDigest(W.Out);
    Out.SharedText = envelope(SharedInputsFormatName, Out.SharedId, W.Out);
  }
  Writer W(Paths, Out.SharedId);
  W.Out.reserve(16384);
  Object<>::write(W, S);
  Out.Entry = envelope(SummaryFormatName, contentDigest(W.Out), W.Out);
  Out.Lossy = W.Lossy;
  return Out;
}

std::optional<std::string> summaryShape(const TUSummary &S,
                                        std::vector<SourcePos> &Positions) {
  CachePaths Paths("");
  schema::Writer W(Paths, "");
  W.Positions = &Positions;
  W.Out.reserve(16384);
  schema::Object<>::write(W, S);
  if (W.Lossy)
    return std::nullopt;
  return std::move(W.Out);
}

} // namespace purpose
