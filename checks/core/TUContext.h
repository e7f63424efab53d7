//===- TUContext.h - Per-TU naming and annotations --------------*- C++ -*-===//
//
// Everything the function analysis asks about declarations of one TU: their
// USRs and printed names, their annotations and policy entries (DeclInfo),
// whether they are library code, and the layout of user record types. It
// records what it learns into the TUSummary being built.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_CORE_TUCONTEXT_H
#define PURPOSE_CORE_TUCONTEXT_H

#include "AnalyzerOptions.h"
#include "Policy.h"
#include "Summary.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace purpose {

class TUContext {
public:
  TUContext(clang::ASTContext &Ctx, const Policy &Pol, TUSummary &Out,
            const AnalyzerOptions &Opts = AnalyzerOptions());

  clang::ASTContext &ast() { return Ctx; }
  TUSummary &summary() { return Out; }
  /// The budgets of the function analysis.
  const AnalyzerOptions &options() const { return Opts; }

  /// A USR unique per template instantiation. Empty if none can be made.
  std::string usrOf(const clang::Decl *D);
  /// Fully qualified, without inline namespaces, template arguments or
  /// parameter lists; anonymous namespaces as "(anonymous namespace)".
  std::string qualifiedName(const clang::NamedDecl *D);

  /// Library code: declared in a system header (or builtin).
  bool isLibrary(const clang::Decl *D);
  /// A record type that the program defines (not in a system header).
  bool isUserRecord(const clang::RecordDecl *RD);

  SourcePos posOf(clang::SourceLocation Loc);

  /// The annotations and policy entries of \p D, registered in the summary
  /// under its USR if it has any. Null if it has none.
  const DeclInfo *declInfo(const clang::NamedDecl *D);

  /// The origin key of parameter \p I of \p FD if it is PURPOSE_LIMITED,
  /// registering its DeclInfo; empty otherwise.
  std::string paramOrigin(const clang::FunctionDecl *FD, unsigned I);

  /// Adds to \p Out the USRs of the user records that a value of type \p T
  /// holds as a whole (itself, library containers' elements, owning smart
  /// pointers' targets; not through raw pointers or references unless
  /// \p ThroughIndirection). Registers their layouts in the summary.
  /// Library templates nested deeper than the held-type-depth budget are
  /// not looked into: takeHeldTypeCut() then names the first such type.
  void heldRecords(clang::QualType T, llvm::SmallVectorImpl<std::string> &Out,
                   bool ThroughIndirection = true);
  /// The first type that heldRecords (or a record layout it registered) did
  /// not look into for lack of budget since the last call; empty if none.
  /// The function analysis asks after each function, so that running out
  /// is reported for the function whose types needed it.
  std::string takeHeldTypeCut();

private:
  void registerRecord(const clang::CXXRecordDecl *RD);
  struct HeldWalk;
  void collectHeld(clang::QualType T, HeldWalk &W, unsigned Depth);
  void endWalk(const HeldWalk &W);
  void parseAnnotations(const clang::Decl *D, DeclInfo &Info, bool &Any);
  void applyPolicy(const clang::NamedDecl *D, DeclInfo &Info, bool &Any);

  clang::ASTContext &Ctx;
  const Policy &Pol;
  TUSummary &Out;
  AnalyzerOptions Opts;
  std::string HeldTypeCut; ///< See takeHeldTypeCut().
  llvm::DenseMap<const clang::Decl *, std::string> USRs;
  llvm::DenseMap<const clang::Decl *, std::string> Names;
  llvm::DenseMap<const clang::Decl *, const DeclInfo *> Infos;
  llvm::DenseMap<const clang::Decl *, bool> Registered;
  llvm::DenseMap<clang::FileID, std::string> FileNames;
};

} // namespace purpose

#endif
