//===- LibraryModels.cpp - The library model table ------------------------===//
#include "LibraryModels.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace purpose {
namespace {

/// Whether \p DC lies in namespace \p Outer::\p Inner (inline namespaces and
/// classes in between are skipped).
bool inNamespace(const DeclContext *DC, llvm::StringRef Outer,
                 llvm::StringRef Inner) {
  const NamespaceDecl *In = nullptr;
  for (; DC; DC = DC->getParent()) {
    const auto *NS = dyn_cast<NamespaceDecl>(DC);
    if (!NS || NS->isInline())
      continue;
    if (!In) {
      if (NS->getName() != Inner)
        return false;
      In = NS;
      continue;
    }
    return NS->getName() == Outer;
  }
  return false;
}

llvm::StringRef plainName(const FunctionDecl *FD) {
  return FD->getDeclName().isIdentifier() ? FD->getName() : llvm::StringRef();
}

/// A class whose name says it is a stream: std::basic_istream & co,
/// QDataStream, QTextStream.
bool isStreamClass(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  llvm::StringRef N = RD->getName();
  return N.ends_with("stream") || N.ends_with("Stream") ||
         N.ends_with("streambuf");
}

QualType bare(QualType T) {
  return T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
}

/// `S& operatorOP(S&, ...)` or `S& S::operatorOP(...)`: a stream operator,
/// which hands back its left operand. The left operand is a non-const lvalue
/// reference to a class, and the result is a reference to the same class.
bool isStreamOperator(const FunctionDecl *FD, OverloadedOperatorKind Op) {
  if (FD->getOverloadedOperator() != Op)
    return false;
  QualType R = FD->getReturnType();
  if (!R->isLValueReferenceType() || R.getNonReferenceType().isConstQualified())
    return false;
  QualType Left;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    if (MD->isStatic() || MD->isConst())
      return false;
    Left = MD->getFunctionObjectParameterType();
  } else {
    if (FD->getNumParams() < 2)
      return false;
    QualType P = FD->getParamDecl(0)->getType();
    if (!P->isLValueReferenceType() ||
        P.getNonReferenceType().isConstQualified())
      return false;
    Left = P;
  }
  if (!bare(Left)->isRecordType())
    return false;
  const CXXRecordDecl *LR = bare(Left)->getAsCXXRecordDecl();
  const CXXRecordDecl *RR = bare(R)->getAsCXXRecordDecl();
  if (!LR || !RR)
    return false;
  return LR->getCanonicalDecl() == RR->getCanonicalDecl() ||
         (LR->hasDefinition() && LR->isDerivedFrom(RR));
}

bool isIndirectCall(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD || MD->getOverloadedOperator() != OO_Call)
    return false;
  llvm::StringRef N = MD->getParent()->getName();
  return N == "function" || N == "move_only_function" || N == "function_ref" ||
         N == "copyable_function";
}

bool isArenaHandle(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (MD && inNamespace(MD->getParent(), "google", "protobuf")) {
    llvm::StringRef N = plainName(FD);
    return N == "GetArena" || N == "GetArenaForAllocation" ||
           N == "GetOwningArena" || N == "GetArenaNoVirtual" ||
           N == "GetMaybeArenaPointer";
  }
  return MD && MD->getParent()->isInStdNamespace() &&
         plainName(FD) == "get_allocator";
}

bool isStreamExtract(const FunctionDecl *FD) {
  if (isStreamOperator(FD, OO_GreaterGreater))
    return true;
  llvm::StringRef N = plainName(FD);
  if (!isa<CXXMethodDecl>(FD))
    return FD->isInStdNamespace() && N == "getline";
  const auto *MD = cast<CXXMethodDecl>(FD);
  if (MD->isStatic() || MD->isConst() || !isStreamClass(MD->getParent()))
    return false;
  // Unformatted input: what is read goes to the buffer argument.
  return N == "read" || N == "readsome" || N == "get" || N == "getline" ||
         N == "readRawData" || N == "readBytes";
}

bool isStreamInsert(const FunctionDecl *FD) {
  return isStreamOperator(FD, OO_LessLess);
}

bool isRefTuple(const FunctionDecl *FD) {
  llvm::StringRef N = plainName(FD);
  return FD->isInStdNamespace() && (N == "tie" || N == "forward_as_tuple");
}

bool isOutputAlgorithm(const FunctionDecl *FD) {
  if (!FD->isInStdNamespace() || isa<CXXMethodDecl>(FD))
    return false;
  llvm::StringRef N = plainName(FD);
  return N.contains("copy") || N == "move" || N == "transform" ||
         N == "merge" || N.starts_with("set_") || N == "partial_sum" ||
         N == "adjacent_difference" || N.ends_with("_scan") ||
         N == "swap_ranges";
}

bool isReplace(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD || MD->isStatic() || MD->isConst())
    return false;
  llvm::StringRef N = plainName(FD);
  return N == "clear" || N == "reset" || N == "assign" ||
         MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator() ||
         MD->getOverloadedOperator() == OO_Equal;
}

bool isThreadConstructor(const FunctionDecl *FD) {
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD);
  if (!Ctor || !Ctor->getParent()->isInStdNamespace())
    return false;
  llvm::StringRef N = Ctor->getParent()->getName();
  return N == "thread" || N == "jthread";
}

bool isCount(const FunctionDecl *FD) {
  QualType R = FD->getReturnType();
  if (!R->isIntegerType() || R->isBooleanType() || R->isAnyCharacterType())
    return false;
  llvm::StringRef N = plainName(FD);
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    return MD->isConst() &&
           (N == "size" || N == "length" || N == "count" || N == "capacity" ||
            N == "max_size" || N == "ssize" || N == "size_bytes" ||
            N == "bucket_count");
  if (FD->isInStdNamespace())
    return N == "size" || N == "ssize" || N == "count" || N == "count_if" ||
           N == "distance";
  return N == "strlen" || N == "wcslen" || N == "strnlen" ||
         N.ends_with("_length") || N.ends_with("_count");
}

/// A C library's result code or a name it picks for the data: OpenLDAP's
/// synchronous operations (`ldap_*_s`, returning int) and charset guessers.
bool isStatusOrPick(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD))
    return false;
  llvm::StringRef N = plainName(FD);
  if (N.starts_with("ldap_") && N.ends_with("_s") &&
      FD->getReturnType()->isIntegerType())
    return true;
  return N.ends_with("charset_best");
}

/// KDE's KConfigBase::group and KConfigGroup::group: a view of the
/// configuration selected by name.
bool isConfigGroup(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD || plainName(FD) != "group")
    return false;
  llvm::StringRef C = MD->getParent()->getName();
  return C == "KConfigBase" || C == "KConfigGroup" || C == "KConfig" ||
         C == "KSharedConfig";
}

bool isProtobufCursor(const FunctionDecl *FD) {
  QualType R = FD->getReturnType();
  return R->isPointerType() && R->getPointeeType().isConstQualified() &&
         R->getPointeeType()->isCharType() &&
         inNamespace(FD->getDeclContext(), "protobuf", "internal");
}

/// GObject's named data: g_object_get_data, g_object_get_qdata,
/// g_object_dup_data, g_object_dup_qdata, g_object_steal_data,
/// g_object_steal_qdata (and GLib's g_datalist and g_dataset tables).
bool isAttachedData(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD) || !FD->getReturnType()->isPointerType())
    return false;
  llvm::StringRef N = plainName(FD);
  return N == "g_object_get_data" || N == "g_object_get_qdata" ||
         N == "g_object_dup_data" || N == "g_object_dup_qdata" ||
         N == "g_object_steal_data" || N == "g_object_steal_qdata" ||
         N == "g_dataset_id_get_data" || N == "g_datalist_get_data" ||
         N == "g_datalist_id_get_data";
}

/// GLib's charset conversions, which report through out-parameters only
/// byte counts and a GError whose message names the charsets, never the
/// text.
bool isCharsetConversion(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD) || !FD->getReturnType()->isPointerType())
    return false;
  llvm::StringRef N = plainName(FD);
  return N == "g_convert" || N == "g_convert_with_fallback" ||
         N == "g_convert_with_iconv" || N == "g_locale_to_utf8" ||
         N == "g_locale_from_utf8" || N == "g_filename_to_utf8" ||
         N == "g_filename_from_utf8" || N == "g_utf8_to_utf16" ||
         N == "g_utf16_to_utf8" || N == "g_utf8_to_ucs4" ||
         N == "g_ucs4_to_utf8" || N == "g_utf16_to_ucs4" ||
         N == "g_ucs4_to_utf16";
}

bool isSecretStore(const FunctionDecl *FD) {
  if (isa<CXXMethodDecl>(FD))
    return false;
  llvm::StringRef N = plainName(FD);
  return N == "secret_password_store_sync" ||
         N == "secret_password_storev_sync" ||
         N == "secret_password_store_binary_sync" ||
         N == "secret_password_storev_binary_sync" ||
         N == "secret_password_store_finish" ||
         N == "secret_password_clear_sync" ||
         N == "secret_password_clearv_sync";
}

bool always(const FunctionDecl *) { return true; }

const LibraryModel Models[] = {
    {"size(), length(), count(), capacity() (const members returning an "
     "integer); std::size, std::count, std::distance; strlen, wcslen, "
     "C functions named *_length or *_count",
     LibraryEffect::Count,
     "a count or a length is not the data it counts: logging how many "
     "contacts a list holds does not log the contacts",
     isCount},
    {"OpenLDAP's synchronous operations (ldap_*_s, returning int); charset "
     "guessers (*charset_best)",
     LibraryEffect::Count,
     "a result code, or the name of the charset that suits a text, is a fact "
     "about the data, not the data",
     isStatusOrPick},
    {"protobuf's wire-format parsers (google::protobuf::internal functions "
     "returning the const char* parse cursor)",
     LibraryEffect::Cursor,
     "the cursor they return points into the input, not into the field they "
     "parsed: generated parsing code reads the next field through it",
     isProtobufCursor},
    {"std::function::operator() (and move_only_function, function_ref)",
     LibraryEffect::IndirectCall,
     "calls what was stored in it: the functions and lambdas whose values "
     "reach the object",
     isIndirectCall},
    {"std::thread and std::jthread constructors", LibraryEffect::RunsCallable,
     "the new thread calls the callable (a function, a member function with "
     "its object, a lambda) with the other arguments",
     isThreadConstructor},
    {"protobuf GetArena, GetArenaForAllocation, GetOwningArena; "
     "std::*::get_allocator",
     LibraryEffect::Handle,
     "an arena or allocator is where memory comes from, not data: passing it "
     "to Mutable(arena) must not carry the whole message into one field",
     isArenaHandle},
    {"KDE's KConfigBase::group, KConfigGroup::group", LibraryEffect::Handle,
     "a configuration group is a view of the configuration file selected by "
     "its name: what is read from it is configuration, not the name (an "
     "address format looked up by a contact's country)",
     isConfigGroup},
    {"operator>> on a stream (std::istream, QDataStream, QTextStream, any "
     "`S& >>(S&, T&)`), std::getline, a stream's read/get/getline",
     LibraryEffect::StreamExtract,
     "reads out of the stream into the other operand: deserializing into a "
     "limited field must not make the stream, and everything read from it "
     "later, limited",
     isStreamExtract},
    {"operator<< on a stream (std::ostream, QDataStream, QTextStream, "
     "QDebug, any `S& <<(S&, T)`)",
     LibraryEffect::StreamInsert,
     "writes into the stream; the stream it returns is its left operand, "
     "never the right one, so `os << a.id << a.phone` does not store the "
     "phone number in `id`",
     isStreamInsert},
    {"GObject's named data: g_object_get_data, g_object_get_qdata, "
     "g_object_dup_data, g_object_steal_data (and _qdata), g_datalist_get_data",
     LibraryEffect::AttachedData,
     "what it returns was attached to the object, it is not the object: a "
     "widget looked up on its dialog by name is another object, so text set "
     "into it is not stored in the dialog (nor in every other widget looked "
     "up on it); the result still carries what was attached",
     isAttachedData},
    {"GLib's charset conversions: g_convert, g_convert_with_fallback, "
     "g_locale_to_utf8, g_filename_to_utf8, g_utf8_to_utf16 and their kin",
     LibraryEffect::Convert,
     "the converted text is the text, but what they write through their "
     "pointer arguments is not: byte counts, and an error whose message "
     "names the charsets (\"Invalid byte sequence in conversion input\")",
     isCharsetConversion},
    {"libsecret's stores: secret_password_store_sync, "
     "secret_password_storev_sync, their _binary_ forms, "
     "secret_password_store_finish, secret_password_clear_sync",
     LibraryEffect::StoresAway,
     "the password goes into the desktop keyring, outside the program; the "
     "error they may write describes the keyring's failure (\"The name is "
     "not activatable\"), never the secret",
     isSecretStore},
    {"std::tie, std::forward_as_tuple", LibraryEffect::RefTuple,
     "a tuple of references: assigning to it assigns to the arguments",
     isRefTuple},
    {"std::copy, std::move (algorithm), std::transform, std::merge, "
     "std::set_*, *_copy, partial_sum, *_scan, swap_ranges",
     LibraryEffect::OutputAlgorithm,
     "writes what the input range holds through the output iterator, the "
     "third argument",
     isOutputAlgorithm},
    {"clear(), reset(), assign(...), operator= (members)",
     LibraryEffect::Replace,
     "the object holds the new value only: a strong update when the object "
     "is a whole local",
     isReplace},
    {"any other library function (the default rule)", LibraryEffect::Default,
     "library bodies are not analyzed: the result carries the object and "
     "every argument; a non-const member call's object receives them; an "
     "argument bound to a non-const T& or T* receives the others",
     always},
};

} // namespace

llvm::ArrayRef<LibraryModel> libraryModels() { return Models; }

const LibraryModel &libraryModelFor(const FunctionDecl *Callee) {
  for (const LibraryModel &M : Models)
    if (M.Matches(Callee))
      return M;
  return Models[std::size(Models) - 1];
}

LibraryEffect libraryEffectFor(const FunctionDecl *Callee) {
  return Callee ? libraryModelFor(Callee).Effect : LibraryEffect::Default;
}

} // namespace purpose
