//===- LibraryModels.h - What library calls do with data --------*- C++ -*-===//
//
// The one table of library knowledge. Library code (a function declared in a
// system header, or with no body anywhere) is never analyzed; each call of it
// is treated by the first entry of this table whose predicate matches the
// callee, and the last entry is the default rule. The function analyzer takes
// every library behaviour from here, and writes the chosen effect's flags
// into the CallSite (OutArg, ObjectMutable, ReturnsTruth), which is all the
// solver's default rule reads.
//
// Policy entries and annotations are consulted before this table (a library
// function with a role is a call site, never modelled), builtins included.
//
// To add a model: one entry in Models (LibraryModels.cpp), with its predicate,
// effect and reason, one row in docs/analysis.md's model table, and one
// corpus case. docs/analysis.md shows an example.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_LIBRARYMODELS_H
#define PURPOSE_CORE_LIBRARYMODELS_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace purpose {

/// What a library call does with the data it is given.
enum class LibraryEffect {
  /// The default rule: the result carries the object and every argument; a
  /// non-const member call's object receives every argument; an argument
  /// bound to a non-const, non-template T& or T* receives the others.
  Default,
  /// clear(), reset(), assign(...), operator=: the object now holds the
  /// arguments only (a strong update when the object is a whole local).
  Replace,
  /// `os << x`: the stream (the object, or the first argument) receives the
  /// other arguments; the result is the stream.
  StreamInsert,
  /// `is >> x`, getline(is, x): the other arguments receive what the stream
  /// holds; the stream receives nothing; the result is the stream.
  StreamExtract,
  /// Returns a handle that carries no data (an arena, an allocator): the
  /// result carries nothing and nothing flows into the object.
  Handle,
  /// std::tie, std::forward_as_tuple: the result refers to the arguments.
  RefTuple,
  /// std::copy and the other algorithms with an output iterator: what the
  /// input range holds is written through the third argument.
  OutputAlgorithm,
  /// std::function::operator() and its kin: an indirect call of what is
  /// stored in the object.
  IndirectCall,
  /// A fact about the data, not the data: size(), length(), count(),
  /// strlen, `*_length`, a library's result code, the name of the charset
  /// that suits a text. The result carries nothing.
  Count,
  /// A parser that takes and returns a cursor into its input (protobuf's
  /// wire-format readers): the result carries only the arguments of its own
  /// type (the cursor), never the field it parsed into.
  Cursor,
  /// std::thread and std::jthread constructors: the callable (a function, a
  /// member function with its object, a lambda) is called with the other
  /// arguments, and the new object carries its arguments.
  RunsCallable,
  /// GObject's named data (g_object_get_data and its kin): the result carries
  /// the object and the arguments, as a lookup does, but it is a pointer to
  /// another object that was attached to this one, not into this one:
  /// writing through it does not write into the object it was looked up on.
  AttachedData,
  /// A charset conversion (GLib's g_convert and its kin): the result carries
  /// the text; what it writes through its pointer arguments (byte counts,
  /// an error that names the charsets) carries nothing.
  Convert,
  /// Hands its data to a store outside the program (libsecret's keyring):
  /// what it writes through its pointer arguments (an error about the
  /// store) carries nothing of what it stored.
  StoresAway,
};

/// One entry of the table: when it applies, what it does, and why.
struct LibraryModel {
  /// The callees it covers, as docs/analysis.md names them.
  llvm::StringRef Callee;
  LibraryEffect Effect;
  /// Why the effect is right (shown in docs/analysis.md).
  llvm::StringRef Why;
  /// Whether it applies to \p FD, a library function.
  bool (*Matches)(const clang::FunctionDecl *FD);
};

/// The table, in the order it is consulted; the last entry is the default.
llvm::ArrayRef<LibraryModel> libraryModels();

/// The first entry of the table that matches \p Callee (a library function).
const LibraryModel &libraryModelFor(const clang::FunctionDecl *Callee);

/// The effect for \p Callee; Default for null (an unknown callee).
LibraryEffect libraryEffectFor(const clang::FunctionDecl *Callee);

/// For a stream model: the index among the call's operands (0 is the
/// object of a member call, else the first argument) that is the stream.
/// Stream operators always have the stream first.
constexpr unsigned StreamOperand = 0;

} // namespace purpose

#endif
