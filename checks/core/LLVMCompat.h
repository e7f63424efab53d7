//===- LLVMCompat.h - What differs between the LLVMs we build on ----------===//
//
// purpose-check builds against LLVM/Clang 19 and 22 (docs/install.md). Each
// API difference that the code meets is bridged here, and only here: the
// rest of the code calls these and never tests LLVM_VERSION_MAJOR. Built
// against LLVM 19, each of them is exactly the call the code made before.
//
//===----------------------------------------------------------------------===//
#ifndef PURPOSE_LLVMCOMPAT_H
#define PURPOSE_LLVMCOMPAT_H

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#if LLVM_VERSION_MAJOR >= 22
#include "clang/Options/Options.h"
#else
#include "clang/Driver/Options.h"
#endif

#define PURPOSE_COMPAT_STR2(X) #X
#define PURPOSE_COMPAT_STR(X) PURPOSE_COMPAT_STR2(X)

namespace purpose::compat {

/// The LLVM whose builds keep the unsuffixed names: installed binaries
/// (CMakeLists.txt, PURPOSE_NAME_SUFFIX) and the cache's version directory.
constexpr unsigned DefaultLLVMMajor = 19;

/// What the summary cache appends to its version directory `vN`: nothing
/// for LLVM 19, `-llvmMAJOR` for another (docs/cache-format.md). Clang
/// versions may parse the same code differently, so builds against two
/// LLVMs that share a cache_dir neither read nor overwrite each other's
/// summaries; the command hash alone would keep the CLI from reading them,
/// but not clang-tidy and clangd, which read every entry of the directory.
constexpr const char *CacheDirSuffix =
    LLVM_VERSION_MAJOR == DefaultLLVMMajor
        ? ""
        : "-llvm" PURPOSE_COMPAT_STR(LLVM_VERSION_MAJOR);

/// Makes \p Path absolute against \p CurrentDirectory (LLVM 22 moved the
/// two-argument make_absolute from sys::fs to sys::path).
inline void makeAbsolute(const llvm::Twine &CurrentDirectory,
                         llvm::SmallVectorImpl<char> &Path) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::sys::path::make_absolute(CurrentDirectory, Path);
#else
  llvm::sys::fs::make_absolute(CurrentDirectory, Path);
#endif
}

/// The record that \p RT names: its definition when the TU has one, else
/// the declaration. Clang 19's RecordType::getDecl() returns that; Clang
/// 22's returns the declaration the type was written with, which may be a
/// forward declaration without fields.
inline clang::RecordDecl *recordDeclOf(const clang::RecordType *RT) {
#if LLVM_VERSION_MAJOR >= 22
  return RT->getDecl()->getDefinitionOrSelf();
#else
  return RT->getDecl();
#endif
}

/// Clang's driver options: the table and the option IDs (OPT_UNKNOWN, ...)
/// and visibilities (ClangOption). LLVM 22 moved them from clang::driver to
/// clang, in clang/Options/Options.h.
#if LLVM_VERSION_MAJOR >= 22
namespace driver_options = clang::options;
inline const llvm::opt::OptTable &driverOptTable() {
  return clang::getDriverOptTable();
}
#else
namespace driver_options = clang::driver::options;
inline const llvm::opt::OptTable &driverOptTable() {
  return clang::driver::getDriverOptTable();
}
#endif

/// The DiagnosticOptions of a TextDiagnosticPrinter, which keeps them by
/// IntrusiveRefCntPtr in Clang 19 and by reference in Clang 22 (where they
/// are not reference-counted): declare this before the printer, so that it
/// outlives it, and construct the printer with forPrinter().
class PrinterDiagnosticOptions {
public:
#if LLVM_VERSION_MAJOR >= 22
  clang::DiagnosticOptions &forPrinter() { return Opts; }

private:
  clang::DiagnosticOptions Opts;
#else
  clang::DiagnosticOptions *forPrinter() { return Opts.get(); }

private:
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Opts =
      llvm::makeIntrusiveRefCnt<clang::DiagnosticOptions>();
#endif
};

} // namespace purpose::compat

#undef PURPOSE_COMPAT_STR
#undef PURPOSE_COMPAT_STR2

#endif // PURPOSE_LLVMCOMPAT_H
