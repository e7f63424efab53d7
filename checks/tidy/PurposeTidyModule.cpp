//===- PurposeTidyModule.cpp - The purpose-* clang-tidy module ------------===//
//
// Registers the checks with clang-tidy's module registry. Loaded into the
// stock clang-tidy with --load=libPurposeCheckTidy.so, or linked into
// purpose-clangd, which references PurposeCheckModuleAnchorSource so that a
// static link keeps this file (and with it the registration).
//
//===----------------------------------------------------------------------===//
#include "PurposeAnnotationCheck.h"
#include "PurposeLimitationCheck.h"
#include "PurposeUnannotatedContactCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace purpose {
namespace {

class PurposeTidyModule : public clang::tidy::ClangTidyModule {
public:
  void
  addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<PurposeLimitationCheck>("purpose-limitation");
    Factories.registerCheck<PurposeAnnotationCheck>("purpose-annotation");
    Factories.registerCheck<PurposeUnannotatedContactCheck>(
        "purpose-unannotated-contact");
  }
};

} // namespace

static clang::tidy::ClangTidyModuleRegistry::Add<PurposeTidyModule>
    X("purpose-module", "Adds the purpose-limitation checks of purpose-check.");

// Referenced from purpose-clangd (and the plugin) so that the linker keeps
// this object file.
volatile int PurposeCheckModuleAnchorSource = 0;

} // namespace purpose
