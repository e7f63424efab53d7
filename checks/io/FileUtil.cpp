//===- FileUtil.cpp -------------------------------------------------------===//
#include "FileUtil.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"

namespace purpose {

static llvm::Error cannotWrite(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError("cannot write '" + Path + "': " + Why);
}

llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  llvm::SmallString<256> Model(Dir.empty() ? "." : Dir);
  llvm::sys::path::append(Model, "." + llvm::sys::path::filename(Path) +
                                     ".tmp-%%%%%%%%");
  // Register the temporary name for removal on Ctrl-C *before* the file
  // exists: registering after creating it leaves a window in which a signal
  // (delivered to any thread) would leave the file behind. Removing a name
  // that does not exist yet is harmless.
  int FD = -1;
  llvm::SmallString<256> TempPath;
  std::error_code CreateEC;
  for (int Attempt = 0; Attempt < 64; ++Attempt) {
    llvm::sys::fs::createUniquePath(Model, TempPath, /*MakeAbsolute=*/false);
    llvm::sys::RemoveFileOnSignal(TempPath);
    CreateEC = llvm::sys::fs::openFileForWrite(
        TempPath, FD, llvm::sys::fs::CD_CreateNew, llvm::sys::fs::OF_None);
    if (!CreateEC)
      break;
    llvm::sys::DontRemoveFileOnSignal(TempPath);
    if (CreateEC != std::errc::file_exists)
      break;
  }
  if (CreateEC)
    return cannotWrite(Path, CreateEC.message());
  auto Forget = llvm::make_scope_exit(
      [&] { llvm::sys::DontRemoveFileOnSignal(TempPath); });

  std::error_code WriteEC;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.close();
    if (OS.has_error()) {
      WriteEC = OS.error();
      OS.clear_error(); // Otherwise the destructor aborts.
    }
  }
  if (WriteEC) {
    llvm::sys::fs::remove(TempPath);
    return cannotWrite(Path, WriteEC.message());
  }
  if (std::error_code EC = llvm::sys::fs::rename(TempPath, Path)) {
    llvm::sys::fs::remove(TempPath);
    return cannotWrite(Path, EC.message());
  }
  return llvm::Error::success();
}

} // namespace purpose
