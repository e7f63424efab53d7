//===- JsonTree.h - JSON values that know their positions -------*- C++ -*-===//
//
// The I/O layer reads every user-written JSON file (policies, baselines, the
// config) through this tree so that semantic errors can name FILE:LINE:COL.
// nlohmann/json does the lexing (through its SAX interface, fed by an
// iterator that counts bytes); this header does not expose it, so it can be
// included by code compiled without exceptions.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_JSONTREE_H
#define PURPOSE_IO_JSONTREE_H

#include "Policy.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <string>
#include <vector>

namespace purpose {

/// One JSON value and the byte offset of its first character.
struct JsonNode {
  enum KindTy { Null, Bool, Integer, Unsigned, Float, String, Array, Object };
  KindTy Kind = Null;
  size_t Offset = 0;

  bool BoolValue = false;
  int64_t IntValue = 0;   ///< Kind == Integer: a negative integer.
  uint64_t UIntValue = 0; ///< Kind == Unsigned: a non-negative integer.
  double FloatValue = 0;  ///< Kind == Float.
  std::string Str;        ///< Kind == String.

  /// Array elements; for an object, the member values in file order, where
  /// Elements[I] is the value of Keys[I] written at KeyOffsets[I].
  std::vector<JsonNode> Elements;
  std::vector<std::string> Keys;
  std::vector<size_t> KeyOffsets;

  bool isInteger() const { return Kind == Integer || Kind == Unsigned; }
  /// "an object", "a string", ...: for "expected X, found Y" messages.
  static const char *describe(KindTy K);
  const char *describe() const { return describe(Kind); }
  /// The value of member \p Key, or null when absent or not an object.
  const JsonNode *get(llvm::StringRef Key) const;
};

/// A parsed file: the tree plus what is needed to turn offsets into
/// positions. Objects never hold duplicate keys (that is a parse error).
class JsonDocument {
public:
  /// Parses \p Contents, named \p Name in positions and errors. Errors read
  /// "NAME:LINE:COL: error: MESSAGE". Nesting is limited to MaxDepth levels.
  static llvm::Expected<JsonDocument> parse(llvm::StringRef Contents,
                                            llvm::StringRef Name);
  /// Reads and parses \p Path; a file that cannot be read is an error naming
  /// \p Path and \p What ("policy file", "baseline").
  static llvm::Expected<JsonDocument> parseFile(llvm::StringRef Path,
                                                llvm::StringRef What);

  static constexpr unsigned MaxDepth = 64;

  const JsonNode &root() const { return Root; }
  llvm::StringRef name() const { return Name; }

  /// 1-based line and byte column of \p Offset (clamped to the text's end).
  PolicyPos position(size_t Offset) const;
  /// "NAME:LINE:COL: error: MSG" as an llvm::Error.
  llvm::Error error(size_t Offset, const llvm::Twine &Msg) const;

private:
  std::string Name;
  std::string Text;
  JsonNode Root;
};

/// Line and column of \p Offset in \p Text, 1-based, columns in bytes.
PolicyPos offsetToPosition(llvm::StringRef Name, llvm::StringRef Text,
                           size_t Offset);

/// "FILE:LINE:COL: error: MSG" with no position when Line is 0.
llvm::Error makePositionedError(const PolicyPos &Pos, const llvm::Twine &Msg);

} // namespace purpose

#endif
