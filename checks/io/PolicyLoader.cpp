//===- PolicyLoader.cpp - Policy JSON to Policy, with positions -----------===//
#include "PolicyLoader.h"
#include "JsonTree.h"
#include "Purpose.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <climits>
#include <optional>

namespace purpose {
namespace {

constexpr unsigned MaxErrors = 50;

/// Validates a parsed policy file, collecting every problem. An entry with a
/// problem is left out of the result; the caller discards the result when
/// any problem was found.
class PolicyReader {
public:
  explicit PolicyReader(const JsonDocument &Doc) : Doc(Doc) {}

  Policy read();
  /// Every problem found, in file order; success if none.
  llvm::Error takeErrors();

private:
  const JsonDocument &Doc;
  std::vector<std::pair<size_t, std::string>> Problems; ///< Offset, message.
  unsigned NumErrors = 0;

  void report(size_t Offset, const llvm::Twine &Msg);
  void checkKeys(const JsonNode &Obj, llvm::ArrayRef<llvm::StringRef> Allowed,
                 llvm::StringRef Where);
  bool expectKind(const JsonNode &N, JsonNode::KindTy K,
                  const llvm::Twine &For);
  std::optional<std::string> readName(const JsonNode &Obj, llvm::StringRef Key);
  std::optional<std::string> readPurpose(const JsonNode &N,
                                         llvm::StringRef Key);
  std::optional<int> readIndex(const JsonNode &N, llvm::StringRef Key);
  const JsonNode *require(const JsonNode &Obj, llvm::StringRef Key,
                          llvm::StringRef Where);

  void readSource(const JsonNode &N, Policy &P);
  void readSink(const JsonNode &N, Policy &P);
  void readDeclassifier(const JsonNode &N, Policy &P);
  template <typename ReadFn>
  void readEntries(const JsonNode &Root, llvm::StringRef Key,
                   llvm::StringRef EntryName, ReadFn Read);
};

size_t keyOffset(const JsonNode &Obj, llvm::StringRef Key) {
  for (size_t I = 0; I < Obj.Keys.size(); ++I)
    if (Obj.Keys[I] == Key)
      return Obj.KeyOffsets[I];
  return Obj.Offset;
}

void PolicyReader::report(size_t Offset, const llvm::Twine &Msg) {
  if (++NumErrors <= MaxErrors)
    Problems.emplace_back(Offset, Msg.str());
}

llvm::Error PolicyReader::takeErrors() {
  // Problems were found in validation order; report them in file order.
  // Problems[I] sorts by offset, then by I, so the order is total.
  std::vector<size_t> Order(Problems.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  llvm::sort(Order, [&](size_t A, size_t B) {
    return std::make_pair(Problems[A].first, A) <
           std::make_pair(Problems[B].first, B);
  });
  llvm::Error Errors = llvm::Error::success();
  for (size_t I : Order)
    Errors = llvm::joinErrors(std::move(Errors),
                              Doc.error(Problems[I].first, Problems[I].second));
  if (NumErrors > MaxErrors)
    Errors = llvm::joinErrors(
        std::move(Errors),
        makePositionedError(PolicyPos{Doc.name().str(), 0, 0},
                            "too many errors emitted, stopping now"));
  Problems.clear();
  return Errors;
}

void PolicyReader::checkKeys(const JsonNode &Obj,
                             llvm::ArrayRef<llvm::StringRef> Allowed,
                             llvm::StringRef Where) {
  for (size_t I = 0; I < Obj.Keys.size(); ++I) {
    llvm::StringRef Key = Obj.Keys[I];
    if (llvm::is_contained(Allowed, Key))
      continue;
    std::string Hint;
    for (llvm::StringRef A : Allowed)
      if (Key.edit_distance(A) <= 2) {
        Hint = "; did you mean '" + A.str() + "'?";
        break;
      }
    if (Hint.empty()) {
      Hint = "; expected ";
      for (size_t J = 0; J < Allowed.size(); ++J)
        Hint += (J ? (J + 1 == Allowed.size() ? " or '" : ", '") : "'") +
                Allowed[J].str() + "'";
    }
    report(Obj.KeyOffsets[I], "unknown key '" + Key + "' in " + Where + Hint);
  }
}

bool PolicyReader::expectKind(const JsonNode &N, JsonNode::KindTy K,
                              const llvm::Twine &For) {
  if (N.Kind == K)
    return true;
  report(N.Offset, llvm::Twine("expected ") + JsonNode::describe(K) + " for " +
                       For + ", found " + N.describe());
  return false;
}

const JsonNode *PolicyReader::require(const JsonNode &Obj, llvm::StringRef Key,
                                      llvm::StringRef Where) {
  const JsonNode *V = Obj.get(Key);
  if (!V)
    report(Obj.Offset, "missing required key '" + Key + "' in " + Where);
  return V;
}

std::optional<std::string> PolicyReader::readName(const JsonNode &Obj,
                                                  llvm::StringRef Key) {
  const JsonNode *V = Obj.get(Key);
  if (!V || !expectKind(*V, JsonNode::String, "'" + Key + "'"))
    return std::nullopt;
  if (llvm::StringRef(V->Str).trim().empty()) {
    report(V->Offset, "'" + Key + "' must not be empty");
    return std::nullopt;
  }
  return V->Str;
}

std::optional<std::string> PolicyReader::readPurpose(const JsonNode &N,
                                                     llvm::StringRef Key) {
  if (!expectKind(N, JsonNode::String, "'" + Key + "'"))
    return std::nullopt;
  if (!isValidPurpose(N.Str)) {
    report(N.Offset, "malformed purpose '" + N.Str +
                         "'; expected [a-z0-9_]+(.[a-z0-9_]+)*");
    return std::nullopt;
  }
  return N.Str;
}

std::optional<int> PolicyReader::readIndex(const JsonNode &N,
                                           llvm::StringRef Key) {
  if (N.Kind == JsonNode::Integer) {
    report(N.Offset, "expected a non-negative integer for '" + Key +
                         "', found " + std::to_string(N.IntValue));
    return std::nullopt;
  }
  if (N.Kind != JsonNode::Unsigned) {
    report(N.Offset, llvm::Twine("expected a non-negative integer for '") +
                         Key + "', found " + N.describe());
    return std::nullopt;
  }
  if (N.UIntValue > static_cast<uint64_t>(INT_MAX)) {
    report(N.Offset,
           "'" + Key + "' " + std::to_string(N.UIntValue) + " is out of range");
    return std::nullopt;
  }
  return static_cast<int>(N.UIntValue);
}

void PolicyReader::readSource(const JsonNode &N, Policy &P) {
  unsigned Before = NumErrors;
  checkKeys(N, {"field", "function", "purposes", "out_params", "category"},
            "source entry");
  SourceRule R;
  R.Pos = Doc.position(N.Offset);
  const JsonNode *Field = N.get("field");
  const JsonNode *Function = N.get("function");
  if (Field && Function)
    report(N.Offset,
           "source entry must have either 'field' or 'function', not both");
  else if (!Field && !Function)
    report(N.Offset, "source entry must have 'field' or 'function'");
  else if (auto Name = readName(N, Field ? "field" : "function")) {
    R.Kind = Field ? SourceRule::Field : SourceRule::Function;
    R.Pattern = std::move(*Name);
  }

  if (const JsonNode *Ps = require(N, "purposes", "source entry")) {
    if (expectKind(*Ps, JsonNode::Array, "'purposes'")) {
      if (Ps->Elements.empty())
        report(Ps->Offset, "'purposes' must not be empty");
      for (const JsonNode &E : Ps->Elements)
        if (auto Purpose = readPurpose(E, "purposes"))
          R.Purposes.push_back(std::move(*Purpose));
    }
  }
  llvm::sort(R.Purposes);
  R.Purposes.erase(std::unique(R.Purposes.begin(), R.Purposes.end()),
                   R.Purposes.end());

  if (const JsonNode *Outs = N.get("out_params")) {
    if (Field)
      report(keyOffset(N, "out_params"),
             "'out_params' is only allowed with 'function'");
    else if (expectKind(*Outs, JsonNode::Array, "'out_params'"))
      for (const JsonNode &E : Outs->Elements)
        if (auto I = readIndex(E, "out_params"))
          R.OutParams.push_back(*I);
  }
  llvm::sort(R.OutParams);
  R.OutParams.erase(std::unique(R.OutParams.begin(), R.OutParams.end()),
                    R.OutParams.end());

  if (const JsonNode *C = N.get("category")) {
    if (expectKind(*C, JsonNode::String, "'category'")) {
      if (isValidPurpose(C->Str))
        R.Category = C->Str;
      else
        report(C->Offset, "malformed data category '" + C->Str +
                              "'; expected a fideslang key such as "
                              "'user.contact.phone_number'");
    }
  }

  if (NumErrors == Before)
    P.Sources.push_back(std::move(R));
}

void PolicyReader::readSink(const JsonNode &N, Policy &P) {
  unsigned Before = NumErrors;
  checkKeys(N, {"function", "param", "purpose"}, "sink entry");
  SinkRule R;
  R.Pos = Doc.position(N.Offset);
  if (require(N, "function", "sink entry"))
    if (auto Name = readName(N, "function"))
      R.Pattern = std::move(*Name);
  if (const JsonNode *Purpose = require(N, "purpose", "sink entry"))
    if (auto S = readPurpose(*Purpose, "purpose"))
      R.Purpose = std::move(*S);
  if (const JsonNode *Param = N.get("param"))
    R.Param = readIndex(*Param, "param");
  if (NumErrors == Before)
    P.Sinks.push_back(std::move(R));
}

void PolicyReader::readDeclassifier(const JsonNode &N, Policy &P) {
  unsigned Before = NumErrors;
  checkKeys(N, {"function", "reason"}, "declassifier entry");
  DeclassifierRule R;
  R.Pos = Doc.position(N.Offset);
  if (require(N, "function", "declassifier entry"))
    if (auto Name = readName(N, "function"))
      R.Pattern = std::move(*Name);
  if (require(N, "reason", "declassifier entry"))
    if (auto Reason = readName(N, "reason"))
      R.Reason = std::move(*Reason);
  if (NumErrors == Before)
    P.Declassifiers.push_back(std::move(R));
}

template <typename ReadFn>
void PolicyReader::readEntries(const JsonNode &Root, llvm::StringRef Key,
                               llvm::StringRef EntryName, ReadFn Read) {
  const JsonNode *List = Root.get(Key);
  if (!List || !expectKind(*List, JsonNode::Array, "'" + Key + "'"))
    return;
  for (const JsonNode &E : List->Elements)
    if (expectKind(E, JsonNode::Object, "a " + EntryName + " entry"))
      Read(E);
}

Policy PolicyReader::read() {
  Policy P;
  const JsonNode &Root = Doc.root();
  if (!expectKind(Root, JsonNode::Object, "a policy file"))
    return P;
  checkKeys(Root, {"version", "sources", "sinks", "declassifiers"},
            "policy file");
  if (const JsonNode *V = require(Root, "version", "policy file")) {
    if (V->Kind == JsonNode::Integer)
      report(V->Offset, "unsupported policy version " +
                            std::to_string(V->IntValue) + "; expected 1");
    else if (V->Kind != JsonNode::Unsigned)
      expectKind(*V, JsonNode::Unsigned, "'version'");
    else if (V->UIntValue != 1)
      report(V->Offset, "unsupported policy version " +
                            std::to_string(V->UIntValue) + "; expected 1");
  }
  readEntries(Root, "sources", "source",
              [&](const JsonNode &E) { readSource(E, P); });
  readEntries(Root, "sinks", "sink",
              [&](const JsonNode &E) { readSink(E, P); });
  readEntries(Root, "declassifiers", "declassifier",
              [&](const JsonNode &E) { readDeclassifier(E, P); });
  return P;
}

llvm::Error conflict(const PolicyPos &First, const PolicyPos &Second,
                     llvm::StringRef Pattern) {
  return makePositionedError(Second, "conflicting entries for '" + Pattern +
                                         "': " + First.str() + " and " +
                                         Second.str());
}

/// Adds \p R to \p Into unless an entry with the same key is there; the
/// existing entry must then equal \p R.
template <typename RuleT, typename SameKeyFn, typename SameValueFn>
void mergeRules(std::vector<RuleT> &Into, const std::vector<RuleT> &From,
                SameKeyFn SameKey, SameValueFn SameValue, llvm::Error &Errs) {
  for (const RuleT &R : From) {
    auto It =
        llvm::find_if(Into, [&](const RuleT &O) { return SameKey(O, R); });
    if (It == Into.end())
      Into.push_back(R);
    else if (!SameValue(*It, R))
      Errs = llvm::joinErrors(std::move(Errs),
                              conflict(It->Pos, R.Pos, R.Pattern));
  }
}

} // namespace

llvm::Error mergePolicy(Policy &Into, const Policy &From) {
  if (&Into == &From)
    return llvm::Error::success();
  llvm::Error Errs = llvm::Error::success();
  mergeRules(
      Into.Sources, From.Sources,
      [](const SourceRule &A, const SourceRule &B) {
        return A.Kind == B.Kind && A.Pattern == B.Pattern;
      },
      [](const SourceRule &A, const SourceRule &B) {
        return A.Purposes == B.Purposes && A.OutParams == B.OutParams &&
               A.Category == B.Category;
      },
      Errs);
  mergeRules(
      Into.Sinks, From.Sinks,
      [](const SinkRule &A, const SinkRule &B) {
        return A.Pattern == B.Pattern && A.Param == B.Param;
      },
      [](const SinkRule &A, const SinkRule &B) {
        return A.Purpose == B.Purpose;
      },
      Errs);
  mergeRules(
      Into.Declassifiers, From.Declassifiers,
      [](const DeclassifierRule &A, const DeclassifierRule &B) {
        return A.Pattern == B.Pattern;
      },
      [](const DeclassifierRule &A, const DeclassifierRule &B) {
        return A.Reason == B.Reason;
      },
      Errs);
  return Errs;
}

namespace {
llvm::Expected<Policy> readPolicy(const JsonDocument &Doc) {
  PolicyReader Reader(Doc);
  Policy Parsed = Reader.read();
  if (llvm::Error E = Reader.takeErrors())
    return std::move(E);
  // Duplicates within one file follow the same rule as across files.
  Policy Out;
  if (llvm::Error E = mergePolicy(Out, Parsed))
    return std::move(E);
  return Out;
}
} // namespace

llvm::Expected<Policy> loadPolicyBuffer(llvm::StringRef Contents,
                                        llvm::StringRef Name) {
  auto Doc = JsonDocument::parse(Contents, Name);
  if (!Doc)
    return Doc.takeError();
  return readPolicy(*Doc);
}

llvm::Expected<Policy> loadPolicyFile(llvm::StringRef Path) {
  auto Doc = JsonDocument::parseFile(Path, "policy file");
  if (!Doc)
    return Doc.takeError();
  return readPolicy(*Doc);
}

} // namespace purpose
