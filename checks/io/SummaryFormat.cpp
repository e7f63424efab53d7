//===- SummaryFormat.cpp - Shared vocabulary of cache entries -------------===//
#include "SummaryFormat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

namespace purpose {

using llvm::StringRef;

// No default cases: -Wswitch flags an enumerator that has no name yet.

const char *kindName(LabelKind K) {
  switch (K) {
  case LabelKind::Param:
    return "param";
  case LabelKind::Origin:
    return "origin";
  case LabelKind::Field:
    return "field";
  case LabelKind::Global:
    return "global";
  case LabelKind::Object:
    return "object";
  case LabelKind::CallRet:
    return "call_ret";
  case LabelKind::CallOut:
    return "call_out";
  case LabelKind::FuncRef:
    return "func_ref";
  case LabelKind::PointsTo:
    break; // Never in a summary.
  }
  return nullptr;
}

const char *kindName(OutputKind K) {
  switch (K) {
  case OutputKind::Return:
    return "return";
  case OutputKind::OutParam:
    return "out_param";
  case OutputKind::FieldStore:
    return "field_store";
  case OutputKind::GlobalStore:
    return "global_store";
  case OutputKind::CallArg:
    return "call_arg";
  case OutputKind::StoreViaCall:
    return "store_via_call";
  }
  return nullptr;
}

const char *kindName(DeclInfo::KindTy K) {
  switch (K) {
  case DeclInfo::Function:
    return "function";
  case DeclInfo::Field:
    return "field";
  case DeclInfo::Global:
    return "global";
  case DeclInfo::Param:
    return "param";
  }
  return nullptr;
}

namespace {

/// \p Key with its FILE mapped by \p Map if it reads "FILE:LINE:COL".
template <typename MapFn> std::string mapPositionKey(StringRef Key, MapFn Map) {
  auto [Rest, Col] = Key.rsplit(':');
  auto [File, Line] = Rest.rsplit(':');
  auto IsNumber = [](StringRef N) {
    return !N.empty() && llvm::all_of(N, llvm::isDigit);
  };
  if (File.empty() || !IsNumber(Line) || !IsNumber(Col))
    return Key.str();
  return Map(File) + Key.drop_front(File.size()).str();
}

} // namespace

int firstEdgeWithBadCallIndex(const FunctionSummary &F) {
  auto OutOfRange = [&](int A) {
    return A < 0 || static_cast<size_t>(A) >= F.Calls.size();
  };
  for (size_t I = 0; I < F.Edges.size(); ++I) {
    const FlowEdge &E = F.Edges[I];
    bool SrcIsCall =
        E.Src.Kind == LabelKind::CallRet || E.Src.Kind == LabelKind::CallOut;
    bool DstIsCall = E.Dst.Kind == OutputKind::CallArg ||
                     E.Dst.Kind == OutputKind::StoreViaCall;
    if ((SrcIsCall && OutOfRange(E.Src.A)) ||
        (DstIsCall && OutOfRange(E.Dst.A)))
      return static_cast<int>(I);
  }
  return -1;
}

CachePaths::CachePaths(StringRef SourceRoot) {
  if (SourceRoot.empty())
    return;
  llvm::SmallString<256> R(SourceRoot);
  llvm::sys::path::remove_dots(R, /*remove_dot_dot=*/true);
  Root = std::string(R);
  while (Root.size() > 1 && llvm::sys::path::is_separator(Root.back()))
    Root.pop_back();
}

/// No empty, "." or ".." segment: reading such a path back through toMemory
/// gives exactly the path that was stored, so that a summary read from an
/// entry serializes to the same entry.
static bool isNormalRelative(StringRef Rel) {
  while (true) {
    auto [Segment, Rest] = Rel.split('/');
    if (Segment.empty() || Segment == "." || Segment == "..")
      return false;
    if (Segment.size() == Rel.size())
      return true;
    Rel = Rest;
  }
}

bool CachePaths::isVerbatim(StringRef P) {
  if (P.empty() || P.front() == '/' || P.front() == '<' ||
      llvm::sys::path::is_absolute(P))
    return true;
  // What toStored never writes reads back as it is: "a//b" or "../a" would
  // otherwise be normalised on reading and not write back the same.
  return P != "." && !isNormalRelative(P);
}

std::string CachePaths::toStored(StringRef Path) const {
  if (Root.empty() || !llvm::sys::path::is_absolute(Path))
    return Path.str();
  if (Path == Root)
    return ".";
  StringRef Rest = Path;
  if (!Rest.consume_front(Root))
    return Path.str();
  // A root other than "/" must be followed by a separator: "/src" is not the
  // parent of "/src2/a.cc".
  if (!llvm::sys::path::is_separator(Root.back())) {
    if (Rest.empty() || !llvm::sys::path::is_separator(Rest.front()))
      return Path.str();
    Rest = Rest.drop_front();
  }
  std::string Rel = llvm::sys::path::convert_to_slash(Rest);
  // "." is the root's own spelling: "/src/." is stored as it is.
  if (Rel == "." || isVerbatim(Rel))
    return Path.str();
  return Rel;
}

std::string CachePaths::toMemory(StringRef Stored) const {
  if (Root.empty() || isVerbatim(Stored))
    return Stored.str();
  llvm::SmallString<256> P(Root);
  llvm::sys::path::append(P, llvm::sys::path::Style::posix, Stored);
  // Only where the separator is not '/': on POSIX, native() would also
  // turn a backslash, which a file name may hold, into a separator, and the
  // path would not read back as the one written.
  if (llvm::sys::path::is_style_windows(llvm::sys::path::Style::native))
    llvm::sys::path::native(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string CachePaths::keyToStored(StringRef Key) const {
  return mapPositionKey(Key, [&](StringRef F) { return toStored(F); });
}

std::string CachePaths::keyToMemory(StringRef Key) const {
  return mapPositionKey(Key, [&](StringRef F) { return toMemory(F); });
}

} // namespace purpose
