//===- FileUtil.h - Writing output files safely -----------------*- C++ -*-===//
#ifndef PURPOSE_IO_FILEUTIL_H
#define PURPOSE_IO_FILEUTIL_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace purpose {

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
