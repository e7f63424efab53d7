//===- ProjectSetup.cpp ---------------------------------------------------===//
#include "ProjectSetup.h"
#include "Baseline.h"
#include "PolicyLoader.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace purpose {

std::string absoluteFrom(llvm::StringRef Base, llvm::StringRef Path) {
  llvm::SmallString<256> S(Path);
  if (!llvm::sys::path::is_absolute(S)) {
    if (Base.empty())
      llvm::sys::fs::make_absolute(S);
    else
      llvm::sys::fs::make_absolute(Base, S);
  }
  llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/true);
  return std::string(S.str());
}

static std::string currentDir() {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return std::string(Cwd.str());
}

/// Appends every problem held in \p E to \p Out.
static void collect(llvm::Error E, std::vector<std::string> &Out) {
  llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &Info) {
    Out.push_back(Info.message());
  });
}

ProjectSetup loadProjectSetup(llvm::StringRef MainFile,
                              llvm::StringRef CacheDirOption,
                              llvm::StringRef PoliciesOption) {
  ProjectSetup S;
  if (std::optional<std::string> Path =
          findConfig(llvm::sys::path::parent_path(MainFile))) {
    llvm::Expected<Config> C = loadConfig(*Path);
    if (C)
      S.Cfg = std::move(*C);
    else
      collect(C.takeError(), S.Problems);
  }
  std::string Base = S.Cfg ? S.Cfg->Dir : currentDir();
  S.SourceRoot = Base;

  std::vector<std::string> PolicyFiles;
  if (S.Cfg)
    PolicyFiles = S.Cfg->Policies;
  llvm::SmallVector<llvm::StringRef, 4> Extra;
  PoliciesOption.split(Extra, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Extra)
    if (!P.trim().empty())
      PolicyFiles.push_back(absoluteFrom(Base, P.trim()));
  for (const std::string &F : PolicyFiles) {
    llvm::Expected<Policy> P = loadPolicyFile(F);
    if (!P) {
      collect(P.takeError(), S.Problems);
      continue;
    }
    if (llvm::Error E = mergePolicy(S.Pol, *P))
      collect(std::move(E), S.Problems);
  }

  if (S.Cfg && !S.Cfg->Baseline.empty()) {
    auto B = readBaseline(S.Cfg->Baseline);
    if (B)
      S.BaselineFPs = std::move(*B);
    else
      collect(B.takeError(), S.Problems);
  }

  if (!CacheDirOption.trim().empty())
    S.CacheDir = absoluteFrom(Base, CacheDirOption.trim());
  else if (S.Cfg && !S.Cfg->CacheDir.empty())
    S.CacheDir = S.Cfg->CacheDir;
  else if (S.Cfg && !S.Cfg->BuildDir.empty())
    S.CacheDir = S.Cfg->BuildDir + "/.purpose-check-cache";
  return S;
}

} // namespace purpose
