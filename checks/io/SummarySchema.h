//===- SummarySchema.h - The one schema of cache entries --------*- C++ -*-===//
//
// Internal to checks/io: the layout of a cache entry's payload and of a
// shared input set (docs/cache-format.md), spelled once. Each struct has a
// table of its members in the order they are written, each member with its
// key and a codec; the writer (SummaryWriter.cpp) and the one reader
// (SummaryReader.cpp) both walk these tables, so they cannot disagree.
//
// The reader takes exactly the bytes the writer writes (the canonical form)
// in one pass, straight into the structs, and names the first byte where an
// entry differs from that form. A codec's read accepts only what its write
// can produce, so that whatever reads serializes to the same bytes (with an
// empty source root, which maps no path); the entry fuzzer checks both ways.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_IO_SUMMARYSCHEMA_H
#define PURPOSE_IO_SUMMARYSCHEMA_H

#include "SummaryCache.h"
#include "SummaryFormat.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include <set>
#include <tuple>
#include <utility>

namespace purpose {
namespace schema {

/// The writer's primitives: JSON as nlohmann's compact dump spells it.
class Writer {
public:
  Writer(const CachePaths &Paths, std::string SharedId)
      : Paths(Paths), SharedId(std::move(SharedId)) {}

  const CachePaths &Paths;
  /// The id of the shared input set that the entry's inputs name.
  const std::string SharedId;
  std::string Out;
  /// If set, every position is appended here and written as line 0,
  /// column 0 (summaryShape).
  std::vector<SourcePos> *Positions = nullptr;
  /// Set when a string was not valid UTF-8 and had bytes replaced: what was
  /// written does not read back as it was.
  bool Lossy = false;

  void raw(llvm::StringRef S) { Out.append(S.data(), S.size()); }
  void raw(char C) { Out += C; }
  /// A string, escaped as nlohmann escapes it (UTF-8 kept, control
  /// characters escaped, invalid UTF-8 replaced by U+FFFD).
  void str(llvm::StringRef S);
  void path(llvm::StringRef P) { str(Paths.toStored(P)); }
  void unsignedInt(uint64_t V) { raw(std::to_string(V)); }
  void integer(int64_t V) { raw(std::to_string(V)); }
  void boolean(bool B) { raw(B ? "true" : "false"); }
};

/// The reader's primitives over canonical text. Each returns false at the
/// first difference from the canonical form, which fail() records with its
/// byte offset in the file.
class Reader {
public:
  /// \p Text starts at byte \p Base of the file (for the offsets named).
  Reader(llvm::StringRef Text, size_t Base, const CachePaths &Paths,
         SharedInputsResolver Resolve)
      : P(Text.begin()), Begin(Text.begin()), End(Text.end()), Base(Base),
        Paths(Paths), Resolve(Resolve), Mapper(Paths) {}

  const char *P;
  const char *const Begin, *const End;
  const size_t Base;
  const CachePaths &Paths;
  SharedInputsResolver Resolve;
  StoredPathMapper Mapper;
  /// The key of the member being read, for messages.
  llvm::StringRef Field = "payload";
  /// The first difference: "expected ... at offset N".
  std::string Failure;

  size_t offset(const char *At) const { return Base + (At - Begin); }
  bool failAt(const char *At, const llvm::Twine &What);
  bool fail(const llvm::Twine &What) { return failAt(P, What); }

  bool lit(char C) {
    if (P == End || *P != C)
      return false;
    ++P;
    return true;
  }
  bool expect(char C);
  /// A JSON array ('[', ']') or object ('{', '}'): \p Open, then \p Each
  /// for every element (which reads it, and fails the read by returning
  /// false), separated by ',', then \p Close.
  template <typename EachFn> bool list(char Open, char Close, EachFn Each) {
    if (!expect(Open))
      return false;
    if (lit(Close))
      return true;
    do {
      if (!Each())
        return false;
    } while (lit(','));
    return expect(Close);
  }
  /// \p Sep ('{' or ',') and then \p Key ("\"name\":").
  bool key(char Sep, llvm::StringRef Key);
  bool str(std::string &Out);
  bool path(std::string &Out);
  bool unsignedInt(unsigned &Out);
  bool integer(int &Out);
  bool boolean(bool &Out);
  /// A string that kindName gives for an enumerator of \p EnumT.
  template <typename EnumT> bool kind(EnumT &Out) {
    for (int I = 0; I < 256; ++I) {
      const char *N = kindName(static_cast<EnumT>(I));
      size_t Size = N ? std::char_traits<char>::length(N) : 0;
      if (N && static_cast<size_t>(End - P) > Size + 1 && P[0] == '"' &&
          P[Size + 1] == '"' && llvm::StringRef(P + 1, Size) == N) {
        P += Size + 2;
        Out = static_cast<EnumT>(I);
        return true;
      }
    }
    return fail("expected a known " + Field);
  }

private:
  bool escape(std::string &Out);
  bool digits(uint64_t Max, uint64_t &Out, const char *What);
};

// Codecs: how one member is written and read. Each has
//   static void write(Writer &, const T &);
//   static bool read(Reader &, T &);

struct Str {
  static void write(Writer &W, const std::string &V) { W.str(V); }
  static bool read(Reader &R, std::string &V) { return R.str(V); }
};

/// A path, stored relative to the source root where it lies under it.
struct Path {
  static void write(Writer &W, const std::string &V) { W.path(V); }
  static bool read(Reader &R, std::string &V) { return R.path(V); }
};

struct UInt {
  static void write(Writer &W, unsigned V) { W.unsignedInt(V); }
  static bool read(Reader &R, unsigned &V) { return R.unsignedInt(V); }
};

struct Int {
  static void write(Writer &W, int V) { W.integer(V); }
  static bool read(Reader &R, int &V) { return R.integer(V); }
};

struct Bool {
  static void write(Writer &W, bool V) { W.boolean(V); }
  static bool read(Reader &R, bool &V) { return R.boolean(V); }
};

/// An enumerator, by the name kindName gives it.
struct Kind {
  template <typename EnumT> static void write(Writer &W, EnumT V) {
    W.raw('"');
    W.raw(kindName(V)); // Names are plain ASCII: no escapes.
    W.raw('"');
  }
  template <typename EnumT> static bool read(Reader &R, EnumT &V) {
    return R.kind(V);
  }
};

/// A SourcePos: [path, line, column].
struct Pos {
  static void write(Writer &W, const SourcePos &V) {
    const auto &[File, Line, Column] = V;
    W.raw('[');
    W.path(File);
    if (W.Positions) {
      W.Positions->push_back(V);
      W.raw(",0,0]");
      return;
    }
    W.raw(',');
    W.unsignedInt(Line);
    W.raw(',');
    W.unsignedInt(Column);
    W.raw(']');
  }
  static bool read(Reader &R, SourcePos &V) {
    return R.expect('[') && R.path(V.File) && R.expect(',') &&
           R.unsignedInt(V.Line) && R.expect(',') && R.unsignedInt(V.Column) &&
           R.expect(']');
  }
};

/// A std::optional<std::string>: the string, or null.
struct OptStr {
  static void write(Writer &W, const std::optional<std::string> &V) {
    if (V)
      W.str(*V);
    else
      W.raw("null");
  }
  static bool read(Reader &R, std::optional<std::string> &V) {
    if (R.End - R.P >= 4 && llvm::StringRef(R.P, 4) == "null") {
      R.P += 4;
      V.reset();
      return true;
    }
    return R.str(V.emplace());
  }
};

/// Elements in order: "[E,E,...]".
template <typename C> struct Array {
  template <typename T> static void write(Writer &W, const std::vector<T> &V) {
    W.raw('[');
    for (size_t I = 0; I < V.size(); ++I) {
      if (I)
        W.raw(',');
      C::write(W, V[I]);
    }
    W.raw(']');
  }
  template <typename T> static bool read(Reader &R, std::vector<T> &V) {
    V.clear();
    return R.list('[', ']', [&] { return C::read(R, V.emplace_back()); });
  }
};

/// std::vector<bool>, which has no element references to read into.
struct Bools {
  static void write(Writer &W, const std::vector<bool> &V);
  static bool read(Reader &R, std::vector<bool> &V);
};

/// A map by string key: {"KEY":V,...}, keys in ascending order.
template <typename C> struct ByKey {
  template <typename T>
  static void write(Writer &W, const std::map<std::string, T> &V) {
    char Sep = '{';
    for (const auto &[Key, Value] : V) {
      W.raw(Sep);
      Sep = ',';
      W.str(Key);
      W.raw(':');
      C::write(W, Value);
    }
    if (Sep == '{')
      W.raw('{');
    W.raw('}');
  }
  template <typename T>
  static bool read(Reader &R, std::map<std::string, T> &V) {
    V.clear();
    llvm::StringRef Field = R.Field;
    std::string Key;
    return R.list('{', '}', [&] {
      const char *At = R.P;
      if (!R.str(Key))
        return false;
      if (!V.empty() && !(V.rbegin()->first < Key))
        return R.failAt(At, "expected the keys of " + Field +
                                " in ascending order, each once");
      return R.expect(':') &&
             C::read(R, V.emplace_hint(V.end(), Key, T())->second);
    });
  }
};

/// TUSummary::PolicyParamFits: keys "FILE:LINE:COL", FILE mapped as a path,
/// in ascending order as stored.
struct Fits {
  static void write(Writer &W, const std::map<std::string, bool> &V);
  static bool read(Reader &R, std::map<std::string, bool> &V);
};

/// DeclInfo::ParamUses: [[index, purpose],...], by ascending index.
struct ParamUses {
  static void write(Writer &W, const std::map<int, std::string> &V);
  static bool read(Reader &R, std::map<int, std::string> &V);
};

/// An input file's path: relative to the source root in an entry, verbatim
/// (outside it) in a shared set, as the writer splits them.
template <bool Outside> struct FilePath {
  static void write(Writer &W, const std::string &V) { W.path(V); }
  static bool read(Reader &R, std::string &V);
};

/// The absent shadows of a shared set: paths in ascending order as stored.
struct Shadows {
  static void write(Writer &W, const std::vector<std::string> &V);
  static bool read(Reader &R, std::vector<std::string> &V);
};

/// One member of a struct: its key as written ("\"usr\":"), where it is,
/// and its codec.
template <typename CodecT, typename MemberPtr> struct Field {
  using Codec = CodecT;
  llvm::StringLiteral Key;
  MemberPtr Member;
};

#define PURPOSE_FIELD(CODEC, NAME, MEMBER)                                     \
  ::purpose::schema::Field<CODEC, decltype(MEMBER)> { "\"" NAME "\":", MEMBER }

/// Every struct's schema: Fields (in the order written) and check
/// (what must hold of a struct read, beyond its members' codecs).
template <typename T> struct Schema;

/// A struct with a schema: {"key":V,...}, its members in the table's order.
/// The schema is \p S, or by default Schema<T> of the struct T.
template <typename S = void> struct Object {
  template <typename T>
  using SchemaOf = std::conditional_t<std::is_void_v<S>, Schema<T>, S>;

  template <typename T> static void write(Writer &W, const T &V) {
    char Sep = '{';
    std::apply(
        [&](const auto &...F) {
          ((W.raw(Sep), Sep = ',', W.raw(F.Key),
            std::decay_t<decltype(F)>::Codec::write(W, V.*F.Member)),
           ...);
        },
        SchemaOf<T>::Fields);
    W.raw('}');
  }

  /// The first \p N members of \p V, from its opening brace.
  template <size_t N, typename T> static bool readFirst(Reader &R, T &V) {
    return readFields(R, V, std::make_index_sequence<N>());
  }

  template <typename T> static bool read(Reader &R, T &V) {
    constexpr size_t N = std::tuple_size_v<decltype(SchemaOf<T>::Fields)>;
    const char *Start = R.P;
    return readFirst<N>(R, V) &&
           (R.lit('}') ||
            R.fail("expected '}' after field \"" + R.Field + "\"")) &&
           SchemaOf<T>::check(R, Start, V);
  }

private:
  template <typename T, size_t... I>
  static bool readFields(Reader &R, T &V, std::index_sequence<I...>) {
    return (
        readField(R, std::get<I>(SchemaOf<T>::Fields), V, I == 0 ? '{' : ',') &&
        ...);
  }
  template <typename F, typename T>
  static bool readField(Reader &R, const F &Fd, T &V, char Sep) {
    return R.key(Sep, Fd.Key) && F::Codec::read(R, V.*Fd.Member);
  }
};

/// What every struct must hold beyond its members: nothing, by default.
struct NoCheck {
  template <typename T> static bool check(Reader &, const char *, const T &) {
    return true;
  }
};

template <typename T>
constexpr size_t FieldCount = std::tuple_size_v<decltype(Schema<T>::Fields)>;

// The tables. The order of each is the order of the JSON members, which is
// the format (docs/cache-format.md); the order of the C++ members does not
// matter. Each is next to a structured binding of its struct, so that a
// member added to Summary.h or Finding.h breaks the build here until it is
// in the table (and documented in docs/cache-format.md).

template <> struct Schema<TraceStep> : NoCheck {
  static constexpr auto Fields =
      std::make_tuple(PURPOSE_FIELD(Pos, "pos", &TraceStep::Pos),
                      PURPOSE_FIELD(Str, "message", &TraceStep::Message));
  static void members(const TraceStep &V) {
    [[maybe_unused]] const auto &[A, B] = V;
    static_assert(FieldCount<TraceStep> == 2);
  }
};

/// Label and Output: {"kind", "a", "b", "key"}.
template <typename T> struct LabelSchema : NoCheck {
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(Kind, "kind", &T::Kind), PURPOSE_FIELD(Int, "a", &T::A),
      PURPOSE_FIELD(Int, "b", &T::B), PURPOSE_FIELD(Str, "key", &T::Key));
};
template <> struct Schema<Label> : LabelSchema<Label> {
  static void members(const Label &V) {
    [[maybe_unused]] const auto &[Kind, A, B, Key] = V;
    static_assert(FieldCount<Label> == 4);
  }
};
template <> struct Schema<Output> : LabelSchema<Output> {
  static void members(const Output &V) {
    [[maybe_unused]] const auto &[Kind, A, B, Key] = V;
    static_assert(FieldCount<Output> == 4);
  }
};

template <> struct Schema<FlowEdge> : NoCheck {
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(Object<>, "src", &FlowEdge::Src),
      PURPOSE_FIELD(Object<>, "dst", &FlowEdge::Dst),
      PURPOSE_FIELD(Array<Object<>>, "steps", &FlowEdge::Steps));
  static void members(const FlowEdge &V) {
    [[maybe_unused]] const auto &[A, B, C] = V;
    static_assert(FieldCount<FlowEdge> == 3);
  }
};

template <> struct Schema<CallSite> : NoCheck {
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(Str, "callee_usr", &CallSite::CalleeUSR),
      PURPOSE_FIELD(Str, "callee_name", &CallSite::CalleeName),
      PURPOSE_FIELD(Pos, "pos", &CallSite::Pos),
      PURPOSE_FIELD(Bool, "virtual", &CallSite::Virtual),
      PURPOSE_FIELD(Bool, "indirect", &CallSite::Indirect),
      PURPOSE_FIELD(Bool, "has_object", &CallSite::HasObject),
      PURPOSE_FIELD(Bool, "object_mutable", &CallSite::ObjectMutable),
      PURPOSE_FIELD(Bool, "returns_truth", &CallSite::ReturnsTruth),
      PURPOSE_FIELD(UInt, "num_args", &CallSite::NumArgs),
      PURPOSE_FIELD(Bools, "out_args", &CallSite::OutArg),
      PURPOSE_FIELD(UInt, "ordinal", &CallSite::Ordinal));
  static void members(const CallSite &V) {
    [[maybe_unused]] const auto &[A, B, C, D, E, F, G, H, I, J, K] = V;
    static_assert(FieldCount<CallSite> == 11);
  }
};

template <> struct Schema<FunctionSummary> {
  using F = FunctionSummary;
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(Str, "usr", &F::USR), PURPOSE_FIELD(Str, "name", &F::Name),
      PURPOSE_FIELD(Pos, "pos", &F::Pos),
      PURPOSE_FIELD(UInt, "num_params", &F::NumParams),
      PURPOSE_FIELD(Bool, "is_method", &F::IsMethod),
      PURPOSE_FIELD(Array<Str>, "param_names", &F::ParamNames),
      PURPOSE_FIELD(Array<Str>, "overrides", &F::Overrides),
      PURPOSE_FIELD(Array<Object<>>, "calls", &F::Calls),
      PURPOSE_FIELD(Array<Object<>>, "edges", &F::Edges),
      PURPOSE_FIELD(Array<Str>, "fields_read", &F::FieldsRead),
      PURPOSE_FIELD(Array<Object<>>, "returns_ref_to", &F::ReturnsRefTo));
  static void members(const F &V) {
    [[maybe_unused]] const auto &[A, B, C, D, E, G, H, I, J, K, L] = V;
    static_assert(FieldCount<F> == 11);
  }
  /// Call-site indexes of labels and outputs must name a call of the
  /// function: the solver keys its nodes by them.
  static bool check(Reader &R, const char *Start, const F &V);
};

template <> struct Schema<DeclInfo> : NoCheck {
  using D = DeclInfo;
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(Kind, "kind", &D::Kind),
      PURPOSE_FIELD(Str, "name", &D::Name), PURPOSE_FIELD(Pos, "pos", &D::Pos),
      PURPOSE_FIELD(Array<Str>, "limited", &D::Limited),
      PURPOSE_FIELD(Str, "use", &D::Use),
      PURPOSE_FIELD(ParamUses, "param_uses", &D::ParamUses),
      PURPOSE_FIELD(Array<Int>, "out_param_sources", &D::OutParamSources),
      PURPOSE_FIELD(OptStr, "declassify", &D::Declassify),
      PURPOSE_FIELD(Bool, "from_policy", &D::FromPolicy),
      PURPOSE_FIELD(Str, "category", &D::Category));
  static void members(const D &V) {
    [[maybe_unused]] const auto &[A, B, C, E, F, G, H, I, J, K] = V;
    static_assert(FieldCount<D> == 10);
  }
};

template <> struct Schema<TypeInfo> : NoCheck {
  static constexpr auto Fields =
      std::make_tuple(PURPOSE_FIELD(Str, "name", &TypeInfo::Name),
                      PURPOSE_FIELD(Array<Str>, "fields", &TypeInfo::Fields),
                      PURPOSE_FIELD(Array<Str>, "nested", &TypeInfo::Nested));
  static void members(const TypeInfo &V) {
    [[maybe_unused]] const auto &[A, B, C] = V;
    static_assert(FieldCount<TypeInfo> == 3);
  }
};

using FilePair = std::pair<std::string, std::string>;

/// An input file: {"path": path, "digest": str}. Outside: in a shared set.
template <bool Outside> struct InputFileSchema : NoCheck {
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(FilePath<Outside>, "path", &FilePair::first),
      PURPOSE_FIELD(Str, "digest", &FilePair::second));
};

/// A list of input files, by ascending path (as in memory: the writer sorts
/// them so), each once.
template <bool Outside> struct Files {
  using T = std::vector<std::pair<std::string, std::string>>;
  static void write(Writer &W, const T &V);
  static bool read(Reader &R, T &V);
};

/// An entry's "inputs": TUInputs as stored (TUSummary's codec Inputs maps
/// between the two).
struct StoredInputs {
  std::string CommandHash;
  std::vector<std::pair<std::string, std::string>> Files;
  std::string Shared;
};
template <> struct Schema<StoredInputs> : NoCheck {
  using I = StoredInputs;
  static constexpr auto Fields =
      std::make_tuple(PURPOSE_FIELD(Str, "command_hash", &I::CommandHash),
                      PURPOSE_FIELD(Files<false>, "files", &I::Files),
                      PURPOSE_FIELD(Str, "shared", &I::Shared));
};

/// A shared input set's payload.
struct StoredSet {
  std::vector<std::pair<std::string, std::string>> Files;
  std::vector<std::string> AbsentShadows;
};
template <> struct Schema<StoredSet> {
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(Files<true>, "files", &StoredSet::Files),
      PURPOSE_FIELD(Shadows, "absent_shadows", &StoredSet::AbsentShadows));
  /// The writer writes no set rather than an empty one.
  static bool check(Reader &R, const char *Start, const StoredSet &V);
};

/// TUInputs as an entry stores it: its files under the source root, and the
/// id of the shared set that holds the rest (Writer::SharedId), which the
/// reader resolves.
struct Inputs {
  static void write(Writer &W, const TUInputs &V);
  static bool read(Reader &R, TUInputs &V);
};

template <> struct Schema<TUSummary> : NoCheck {
  using S = TUSummary;
  static constexpr auto Fields = std::make_tuple(
      PURPOSE_FIELD(Path, "main_file", &S::MainFile),
      PURPOSE_FIELD(Inputs, "inputs", &S::Inputs),
      PURPOSE_FIELD(Array<Object<>>, "functions", &S::Functions),
      PURPOSE_FIELD(ByKey<Object<>>, "decls", &S::Decls),
      PURPOSE_FIELD(ByKey<Object<>>, "types", &S::Types),
      PURPOSE_FIELD(Fits, "policy_param_fits", &S::PolicyParamFits),
      PURPOSE_FIELD(Array<Object<>>, "annotation_findings",
                    &S::AnnotationFindings));
  static void members(const S &V) {
    [[maybe_unused]] const auto &[A, B, C, D, E, F, G] = V;
    static_assert(FieldCount<S> == 7);
  }
  /// The members that decide whether an entry is current (EntryHead).
  static constexpr size_t HeadFields = 2;
};

} // namespace schema
} // namespace purpose

#endif
