//===- PurposeAnnotationCheck.cpp -----------------------------------------===//
#include "PurposeAnnotationCheck.h"
#include "AnnotationChecks.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace purpose {

void PurposeAnnotationCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      decl(hasAttr(attr::Annotate), unless(isExpansionInSystemHeader()))
          .bind("decl"),
      this);
}

void PurposeAnnotationCheck::registerPPCallbacks(const SourceManager &SM,
                                                 Preprocessor *,
                                                 Preprocessor *) {
  this->SM = &SM;
}

void PurposeAnnotationCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *D = Result.Nodes.getNodeAs<Decl>("decl");
  llvm::SmallVector<AnnotationMistake, 2> Mistakes;
  findAnnotationMistakes(D, Mistakes);
  for (const AnnotationMistake &M : Mistakes) {
    // Template instantiations and redeclarations repeat an attribute.
    if (!Seen.insert({M.Loc, M.Message}).second)
      continue;
    diag(M.Loc, "%0", M.IsError ? DiagnosticIDs::Error : DiagnosticIDs::Warning)
        << M.Message;
    if (M.NoteLoc.isValid())
      diag(M.NoteLoc, "%0", DiagnosticIDs::Note) << M.Note;
  }
}

void PurposeAnnotationCheck::onEndOfTranslationUnit() {
  if (!SM)
    return;
  FileID Main = SM->getMainFileID();
  if (std::optional<llvm::StringRef> Text = SM->getBufferDataOrNone(Main))
    for (const Suppression &S : unjustifiedSuppressions(
             "", *Text, UnjustifiedKind::NamingPurposeCheck))
      diag(SM->translateLineCol(Main, S.Pos.Line, S.Pos.Column),
           UnjustifiedSuppressionMessage);
  SM = nullptr;
}

} // namespace purpose
