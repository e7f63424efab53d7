//===- Config.cpp - The project config file .purpose-check.json -----------===//
#include "Config.h"
#include "JsonTree.h"
#include "Purpose.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <vector>

namespace purpose {
namespace {

using llvm::StringRef;

constexpr StringRef ConfigKeys[] = {"policies", "build_dir", "cache_dir",
                                    "baseline", "exclude",   "taxonomy"};

/// \p Path made absolute against \p Base, with "." and ".." removed.
std::string resolve(StringRef Base, StringRef Path) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    P = Base;
    llvm::sys::path::append(P, Path);
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

/// Reads a parsed config, collecting every problem.
class ConfigReader {
public:
  ConfigReader(const JsonDocument &Doc, Config &Out) : Doc(Doc), Out(Out) {}

  void read() {
    const JsonNode &Root = Doc.root();
    if (Root.Kind != JsonNode::Object) {
      report(Root.Offset, llvm::Twine("expected an object for a config file, "
                                      "found ") +
                              Root.describe());
      return;
    }
    for (size_t I = 0; I < Root.Keys.size(); ++I) {
      const std::string &Key = Root.Keys[I];
      const JsonNode &V = Root.Elements[I];
      if (Key == "policies") {
        std::vector<std::string> Files;
        if (strings(V, Key, Files))
          for (const std::string &F : Files)
            Out.Policies.push_back(resolve(Out.Dir, F));
      } else if (Key == "build_dir") {
        if (auto S = string(V, Key))
          Out.BuildDir = resolve(Out.Dir, *S);
      } else if (Key == "cache_dir") {
        if (auto S = string(V, Key))
          Out.CacheDir = resolve(Out.Dir, *S);
      } else if (Key == "baseline") {
        if (auto S = string(V, Key))
          Out.Baseline = resolve(Out.Dir, *S);
      } else if (Key == "exclude") {
        strings(V, Key, Out.Exclude);
      } else if (Key == "taxonomy") {
        taxonomy(V);
      } else {
        unknownKey(Key, Root.KeyOffsets[I]);
      }
    }
  }

  llvm::Error takeErrors() { return std::move(Errors); }

private:
  const JsonDocument &Doc;
  Config &Out;
  llvm::Error Errors = llvm::Error::success();

  void report(size_t Offset, const llvm::Twine &Msg) {
    Errors = llvm::joinErrors(std::move(Errors), Doc.error(Offset, Msg));
  }

  void unknownKey(StringRef Key, size_t Offset) {
    std::string Hint;
    for (StringRef K : ConfigKeys)
      if (Key.edit_distance(K) <= 3) {
        Hint = "; did you mean '" + K.str() + "'?";
        break;
      }
    if (Hint.empty())
      Hint = "; expected 'policies', 'build_dir', 'cache_dir', 'baseline', "
             "'exclude' or 'taxonomy'";
    report(Offset, "unknown key '" + Key + "' in config file" + Hint);
  }

  /// A fideslang key: the grammar of purposes ("user.contact.email").
  std::optional<std::string> fidesKey(const JsonNode &N, StringRef What) {
    std::optional<std::string> S = string(N, What);
    if (S && !isValidPurpose(*S)) {
      report(N.Offset, "malformed " + What + " '" + *S +
                           "'; expected a fideslang key such as "
                           "'essential.service.authentication'");
      return std::nullopt;
    }
    return S;
  }

  void taxonomy(const JsonNode &N) {
    Taxonomy &T = Out.Tax;
    T.Pos = Doc.position(N.Offset);
    if (N.Kind != JsonNode::Object) {
      report(N.Offset,
             llvm::Twine("expected an object for 'taxonomy', found ") +
                 N.describe());
      return;
    }
    const JsonNode *Uses = nullptr, *Same = nullptr;
    for (size_t I = 0; I < N.Keys.size(); ++I) {
      const std::string &Key = N.Keys[I];
      const JsonNode &V = N.Elements[I];
      if (Key == "system") {
        if (auto S = fidesKey(V, "system"))
          T.System = *S;
      } else if (Key == "data_uses") {
        Uses = &V;
        if (V.Kind != JsonNode::Object) {
          report(V.Offset, llvm::Twine("expected an object for 'data_uses' "
                                       "(purpose to fideslang data use), "
                                       "found ") +
                               V.describe());
          continue;
        }
        for (size_t J = 0; J < V.Keys.size(); ++J) {
          if (!isValidPurpose(V.Keys[J])) {
            report(V.KeyOffsets[J], "malformed purpose '" + V.Keys[J] +
                                        "'; expected [a-z0-9_]+(.[a-z0-9_]+)*");
            continue;
          }
          if (auto U = fidesKey(V.Elements[J], "data use"))
            T.DataUses[V.Keys[J]] = *U;
        }
      } else if (Key == "purposes_are_data_uses") {
        Same = &V;
        if (V.Kind != JsonNode::Bool)
          report(V.Offset, llvm::Twine("expected true or false for "
                                       "'purposes_are_data_uses', found ") +
                               V.describe());
        else
          T.PurposesAreDataUses = V.BoolValue;
      } else {
        report(N.KeyOffsets[I], "unknown key '" + Key +
                                    "' in 'taxonomy'; expected 'system', "
                                    "'data_uses' or 'purposes_are_data_uses'");
      }
    }
    if (Uses && Same && T.PurposesAreDataUses)
      report(Same->Offset, "'purposes_are_data_uses' and 'data_uses' together; "
                           "keep one");
  }

  std::optional<std::string> string(const JsonNode &N, StringRef What) {
    if (N.Kind != JsonNode::String) {
      report(N.Offset, llvm::Twine("expected a string for '") + What +
                           "', found " + N.describe());
      return std::nullopt;
    }
    if (N.Str.empty()) {
      report(N.Offset, "'" + What + "' must not be empty");
      return std::nullopt;
    }
    return N.Str;
  }

  bool strings(const JsonNode &N, StringRef What,
               std::vector<std::string> &Into) {
    if (N.Kind != JsonNode::Array) {
      report(N.Offset, llvm::Twine("expected an array of strings for '") +
                           What + "', found " + N.describe());
      return false;
    }
    bool OK = true;
    for (const JsonNode &E : N.Elements) {
      if (auto S = string(E, What))
        Into.push_back(std::move(*S));
      else
        OK = false;
    }
    return OK;
  }
};

/// Matches \p Text against \p Pat ('*', '**', '?'; see Config.h) by dynamic
/// programming over (pattern position, text position), so that no pattern
/// takes exponential time.
class GlobMatcher {
public:
  GlobMatcher(StringRef Pat, StringRef Text)
      : Pat(Pat), Text(Text),
        Memo((Pat.size() + 1) * (Text.size() + 1), Unknown) {}

  bool match() { return at(0, 0); }

private:
  enum : char { Unknown, No, Yes };
  StringRef Pat, Text;
  std::vector<char> Memo;

  bool at(size_t P, size_t T) {
    char &M = Memo[P * (Text.size() + 1) + T];
    if (M == Unknown)
      M = compute(P, T) ? Yes : No;
    return M == Yes;
  }

  bool compute(size_t P, size_t T) {
    if (P == Pat.size())
      return T == Text.size();
    if (Pat.substr(P).starts_with("**")) {
      size_t After = P + 2;
      // "**/" at a segment start stands for zero or more whole segments.
      bool AtSegmentStart = P == 0 || Pat[P - 1] == '/';
      if (AtSegmentStart && Pat.substr(After).starts_with("/")) {
        if (at(After + 1, T))
          return true;
        for (size_t I = T; I < Text.size(); ++I)
          if (Text[I] == '/' && at(After + 1, I + 1))
            return true;
        return false;
      }
      for (size_t I = T; I <= Text.size(); ++I)
        if (at(After, I))
          return true;
      return false;
    }
    if (Pat[P] == '*') {
      for (size_t I = T; I <= Text.size(); ++I) {
        if (at(P + 1, I))
          return true;
        if (I < Text.size() && Text[I] == '/')
          return false;
      }
      return false;
    }
    if (T == Text.size())
      return false;
    if (Pat[P] == '?')
      return Text[T] != '/' && at(P + 1, T + 1);
    return Pat[P] == Text[T] && at(P + 1, T + 1);
  }
};

bool globMatches(StringRef Pat, StringRef Text) {
  return GlobMatcher(Pat, Text).match();
}

/// \p Path relative to \p Dir with '/' separators, or std::nullopt when it
/// does not lie under \p Dir.
std::optional<std::string> relativeTo(StringRef Dir, StringRef Path) {
  llvm::SmallString<256> P(Path), D(Dir);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  llvm::sys::path::remove_dots(D, /*remove_dot_dot=*/true);
  if (D.empty())
    return std::nullopt;
  StringRef Rest = P;
  if (!Rest.consume_front(D))
    return std::nullopt;
  if (!llvm::sys::path::is_separator(D.back())) {
    if (Rest.empty() || !llvm::sys::path::is_separator(Rest.front()))
      return std::nullopt;
    Rest = Rest.drop_front();
  }
  return llvm::sys::path::convert_to_slash(Rest);
}

} // namespace

std::optional<std::string> Taxonomy::dataUse(StringRef Purpose) const {
  if (PurposesAreDataUses)
    return Purpose.str();
  // The purpose, else its nearest mapped parent.
  for (StringRef P = Purpose; !P.empty(); P = P.rsplit('.').first) {
    auto It = DataUses.find(P.str());
    if (It != DataUses.end())
      return It->second;
    if (!P.contains('.'))
      break;
  }
  return std::nullopt;
}

bool Config::excludes(StringRef AbsPath) const {
  if (Exclude.empty())
    return false;
  llvm::SmallString<256> Abs(AbsPath);
  if (!llvm::sys::path::is_absolute(Abs))
    Abs = resolve(Dir, AbsPath);
  std::optional<std::string> Rel = relativeTo(Dir, Abs);
  // Outside the root, only unanchored patterns apply, to the whole path.
  std::string Subject =
      Rel ? *Rel : llvm::sys::path::convert_to_slash(StringRef(Abs).ltrim('/'));
  if (Subject.empty())
    return false;

  for (StringRef Pat : Exclude) {
    bool DirOnly = Pat.size() > 1 && Pat.ends_with("/");
    if (DirOnly)
      Pat = Pat.drop_back();
    bool Anchored = Pat.contains('/');
    if (Pat.consume_front("./") || Pat.consume_front("/"))
      Anchored = true;
    if (Pat.empty() || (Anchored && !Rel))
      continue;
    std::string Full = (Anchored ? "" : "**/") + Pat.str();
    // A pattern that names a directory covers everything under it.
    if ((!DirOnly && globMatches(Full, Subject)) ||
        globMatches(Full + "/**", Subject))
      return true;
  }
  return false;
}

llvm::Expected<Config> loadConfig(StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  if (std::error_code EC = llvm::sys::fs::make_absolute(Abs))
    return makePositionedError(PolicyPos{Path.str(), 0, 0},
                               "cannot read config file: " + EC.message());
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);

  auto Doc = JsonDocument::parseFile(Path, "config file");
  if (!Doc)
    return Doc.takeError();
  Config C;
  C.File = std::string(Abs);
  C.Dir = llvm::sys::path::parent_path(Abs).str();
  ConfigReader Reader(*Doc, C);
  Reader.read();
  if (llvm::Error E = Reader.takeErrors())
    return std::move(E);
  return std::move(C);
}

std::optional<std::string> findConfig(StringRef StartDir) {
  llvm::SmallString<256> Dir(StartDir);
  if (llvm::sys::fs::make_absolute(Dir))
    return std::nullopt;
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  for (StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Candidate(D);
    llvm::sys::path::append(Candidate, ConfigFileName);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
  }
  return std::nullopt;
}

} // namespace purpose
