//===- FileUtil.h - Output files written safely; file stamps ----*- C++ -*-===//
#ifndef PURPOSE_IO_FILEUTIL_H
#define PURPOSE_IO_FILEUTIL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>

namespace purpose {

/// What a file's status says of it without reading it: whether it exists,
/// its size and its modification time. Front ends that stay up (the editor)
/// keep what they read from a file while its stamp is equal.
struct FileStamp {
  bool Exists = false;
  uint64_t Size = 0;
  llvm::sys::TimePoint<> MTime;

  static FileStamp of(const llvm::sys::fs::file_status &St) {
    FileStamp S;
    S.Exists = llvm::sys::fs::exists(St);
    if (S.Exists) {
      S.Size = St.getSize();
      S.MTime = St.getLastModificationTime();
    }
    return S;
  }
  /// The stamp of \p Path; one that does not exist (or cannot be looked at)
  /// has Exists false.
  static FileStamp of(llvm::StringRef Path) {
    llvm::sys::fs::file_status St;
    if (llvm::sys::fs::status(Path, St))
      return FileStamp();
    return of(St);
  }
  bool operator==(const FileStamp &O) const {
    return Exists == O.Exists && Size == O.Size && MTime == O.MTime;
  }
};

/// Writes \p Path through \p Write so that readers see either the old file
/// or the complete new one, never a part: the bytes go to a temporary file in
/// the same directory, which is then renamed over \p Path. On failure (the
/// directory is missing, a write fails, the rename fails) \p Path is left as
/// it was, the temporary file is removed, and the error reads
/// "cannot write 'PATH': REASON".
llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    llvm::function_ref<void(llvm::raw_ostream &)> Write);

/// Makes Ctrl-C (SIGINT, SIGTERM, SIGHUP) leave no temporary file behind,
/// even one that another thread is creating at that moment: the handler
/// stops new temporary files, waits (at most a second) for those being
/// created, removes every one, and ends the process by the signal that came.
/// Call once,
/// early, in a program that writes with writeFileAtomically from several
/// threads. Without it, LLVM's own handler removes the temporary files that
/// exist when the signal arrives.
void installInterruptCleanup();

} // namespace purpose

#endif
