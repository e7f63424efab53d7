//===- JsonTree.cpp - SAX-built JSON trees with byte offsets
//---------------===//
//
// nlohmann's SAX callbacks carry no position. The parser pulls one byte at a
// time from its input iterator, and calls back right after it has read the
// token concerned, so an iterator that publishes how many bytes it has handed
// out tells the handler where each token ends. A token starts at the first
// byte after the previous token that is not whitespace, ',' or ':'. Numbers
// are the exception to "ends where the count stands": the lexer reads one byte
// past a number and pushes it back, so a number's end is found by scanning it.
//
//===----------------------------------------------------------------------===//
#include "JsonTree.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>

namespace purpose {

const char *JsonNode::describe(KindTy K) {
  switch (K) {
  case Null:
    return "null";
  case Bool:
    return "a boolean";
  case Integer:
  case Unsigned:
    return "an integer";
  case Float:
    return "a number";
  case String:
    return "a string";
  case Array:
    return "an array";
  case Object:
    return "an object";
  }
  return "a value";
}

const JsonNode *JsonNode::get(llvm::StringRef Key) const {
  if (Kind != Object)
    return nullptr;
  for (size_t I = 0; I < Keys.size(); ++I)
    if (Keys[I] == Key)
      return &Elements[I];
  return nullptr;
}

PolicyPos offsetToPosition(llvm::StringRef Name, llvm::StringRef Text,
                           size_t Offset) {
  Offset = std::min(Offset, Text.size());
  llvm::StringRef Before = Text.take_front(Offset);
  PolicyPos P;
  P.File = Name.str();
  P.Line = 1 + Before.count('\n');
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  P.Column = static_cast<unsigned>(Offset - LineStart + 1);
  return P;
}

llvm::Error makePositionedError(const PolicyPos &Pos, const llvm::Twine &Msg) {
  std::string Where = Pos.Line ? Pos.str() : Pos.File;
  return llvm::createStringError(llvm::Twine(Where) + ": error: " + Msg);
}

PolicyPos JsonDocument::position(size_t Offset) const {
  return offsetToPosition(Name, Text, Offset);
}

llvm::Error JsonDocument::error(size_t Offset, const llvm::Twine &Msg) const {
  return makePositionedError(position(Offset), Msg);
}

namespace {

/// An input iterator over a byte buffer that records, in *Consumed, how many
/// bytes have been stepped over. Only the parser's running copy advances.
class CountingIterator {
public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char *;
  using reference = const char &;

  CountingIterator(const char *P, const char *Begin, size_t *Consumed)
      : P(P), Begin(Begin), Consumed(Consumed) {}
  reference operator*() const { return *P; }
  CountingIterator &operator++() {
    ++P;
    *Consumed = static_cast<size_t>(P - Begin);
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator Old = *this;
    ++*this;
    return Old;
  }
  bool operator==(const CountingIterator &O) const { return P == O.P; }
  bool operator!=(const CountingIterator &O) const { return P != O.P; }

private:
  const char *P;
  const char *Begin;
  size_t *Consumed;
};

/// Strips nlohmann's "[json.exception.parse_error.101] parse error at line
/// 1, column 2: " prefix: we print our own position, clang style.
std::string cleanMessage(llvm::StringRef What) {
  if (What.starts_with("[json.exception.")) {
    size_t Close = What.find("] ");
    if (Close != llvm::StringRef::npos)
      What = What.drop_front(Close + 2);
  }
  if (What.consume_front("parse error")) {
    size_t Colon = What.find(": ");
    if (Colon != llvm::StringRef::npos)
      What = What.drop_front(Colon + 2);
  }
  return What.str();
}

class TreeBuilder {
public:
  using json = nlohmann::json;

  TreeBuilder(llvm::StringRef Text, const size_t *Consumed)
      : Text(Text), Consumed(Consumed) {
    // The lexer skips a UTF-8 byte order mark silently.
    if (Text.starts_with("\xEF\xBB\xBF"))
      LastEnd = 3;
  }

  std::optional<JsonNode> Result;
  std::optional<std::pair<size_t, std::string>> Failure;

  // Nodes are built in place, in their parent's Elements: a cache entry has
  // tens of thousands of them, and moving each through temporaries cost a
  // third of reading it.
  bool null() {
    node(JsonNode::Null);
    LastEnd = *Consumed;
    return true;
  }
  bool boolean(bool V) {
    node(JsonNode::Bool).BoolValue = V;
    LastEnd = *Consumed;
    return true;
  }
  bool number_integer(json::number_integer_t V) {
    JsonNode &N = node(JsonNode::Integer);
    N.IntValue = V;
    if (V >= 0) {
      N.Kind = JsonNode::Unsigned;
      N.UIntValue = static_cast<uint64_t>(V);
    }
    return finishNumber(N);
  }
  bool number_unsigned(json::number_unsigned_t V) {
    JsonNode &N = node(JsonNode::Unsigned);
    N.UIntValue = V;
    return finishNumber(N);
  }
  bool number_float(json::number_float_t V, const json::string_t &) {
    JsonNode &N = node(JsonNode::Float);
    N.FloatValue = V;
    return finishNumber(N);
  }
  bool string(json::string_t &V) {
    node(JsonNode::String).Str = std::move(V);
    LastEnd = *Consumed;
    return true;
  }
  bool binary(json::binary_t &) {
    return fail(tokenStart(), "binary values are not JSON");
  }
  bool start_object(std::size_t) { return open(JsonNode::Object); }
  bool start_array(std::size_t) { return open(JsonNode::Array); }
  bool key(json::string_t &K) {
    size_t Offset = tokenStart();
    LastEnd = *Consumed;
    JsonNode &Obj = *Open.back();
    if (llvm::is_contained(Obj.Keys, K))
      return fail(Offset, "duplicate key '" + K + "'");
    Obj.Keys.push_back(std::move(K));
    Obj.KeyOffsets.push_back(Offset);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t Position, const std::string &,
                   const nlohmann::detail::exception &Ex) {
    // Position counts the bytes read, the offending one included. A number
    // too large is reported once the number is read: point at its start.
    size_t Offset = Ex.id == 406 ? tokenStart() : (Position ? Position - 1 : 0);
    return fail(Offset, "malformed JSON: " + cleanMessage(Ex.what()));
  }

private:
  llvm::StringRef Text;
  const size_t *Consumed;
  size_t LastEnd = 0; ///< End of the previous token.
  /// The containers being filled, outermost first. Each lives in its
  /// parent's Elements (or is Result), which do not grow while it is open.
  std::vector<JsonNode *> Open;

  size_t tokenStart() const {
    size_t I = LastEnd;
    while (I < Text.size() && llvm::StringRef(" \t\r\n,:").contains(Text[I]))
      ++I;
    return I;
  }
  /// A new value of kind \p K at the current token, in the open container.
  JsonNode &node(JsonNode::KindTy K) {
    JsonNode &N =
        Open.empty() ? Result.emplace() : Open.back()->Elements.emplace_back();
    N.Kind = K;
    N.Offset = tokenStart();
    return N;
  }
  bool finishNumber(const JsonNode &N) {
    size_t I = N.Offset;
    while (I < Text.size() &&
           llvm::StringRef("+-.eE0123456789").contains(Text[I]))
      ++I;
    LastEnd = I;
    return true;
  }
  bool open(JsonNode::KindTy K) {
    if (Open.size() >= JsonDocument::MaxDepth)
      return fail(tokenStart(), "nesting deeper than " +
                                    std::to_string(JsonDocument::MaxDepth) +
                                    " levels");
    JsonNode &N = node(K);
    LastEnd = *Consumed;
    Open.push_back(&N);
    return true;
  }
  bool close() {
    LastEnd = *Consumed;
    Open.pop_back();
    return true;
  }
  bool fail(size_t Offset, std::string Msg) {
    if (!Failure)
      Failure.emplace(Offset, std::move(Msg));
    return false;
  }
};

} // namespace

llvm::Expected<JsonDocument> JsonDocument::parse(llvm::StringRef Contents,
                                                 llvm::StringRef Name) {
  JsonDocument Doc;
  Doc.Name = Name.str();
  Doc.Text = Contents.str();
  size_t Consumed = 0;
  TreeBuilder Builder(Doc.Text, &Consumed);
  const char *Begin = Doc.Text.data();
  CountingIterator First(Begin, Begin, &Consumed);
  CountingIterator Last(Begin + Doc.Text.size(), Begin, &Consumed);
  try {
    nlohmann::json::sax_parse(First, Last, &Builder,
                              nlohmann::json::input_format_t::json,
                              /*strict=*/true, /*ignore_comments=*/false);
  } catch (const std::exception &E) {
    return Doc.error(Consumed, llvm::Twine("cannot parse JSON: ") + E.what());
  }
  if (Builder.Failure)
    return Doc.error(Builder.Failure->first, Builder.Failure->second);
  if (!Builder.Result)
    return Doc.error(0, "malformed JSON: no value");
  Doc.Root = std::move(*Builder.Result);
  return Doc;
}

llvm::Expected<JsonDocument> JsonDocument::parseFile(llvm::StringRef Path,
                                                     llvm::StringRef What) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return makePositionedError(PolicyPos{Path.str(), 0, 0},
                               "cannot read " + What + ": " +
                                   Buf.getError().message());
  return parse((*Buf)->getBuffer(), Path);
}

} // namespace purpose
