//===- Project.cpp --------------------------------------------------------===//
#include "Project.h"
#include "Baseline.h"
#include "FileUtil.h"
#include "LLVMCompat.h"
#include "PolicyLoader.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <map>
#include <mutex>

namespace purpose {

std::string absoluteFrom(llvm::StringRef Base, llvm::StringRef Path) {
  llvm::SmallString<256> S(Path);
  if (!llvm::sys::path::is_absolute(S)) {
    if (Base.empty())
      llvm::sys::fs::make_absolute(S);
    else
      compat::makeAbsolute(Base, S);
  }
  llvm::sys::path::remove_dots(S, /*remove_dot_dot=*/true);
  return std::string(S.str());
}

std::string findBuildDirUpward(llvm::StringRef Dir) {
  llvm::SmallString<256> D(Dir);
  while (!D.empty()) {
    llvm::SmallString<256> Candidate(D);
    llvm::sys::path::append(Candidate, "compile_commands.json");
    if (llvm::sys::fs::exists(Candidate))
      return std::string(D.str());
    llvm::StringRef Parent = llvm::sys::path::parent_path(D);
    if (Parent == D)
      break;
    D = Parent;
  }
  return "";
}

std::string findBuildDirFor(llvm::StringRef CommandDir, llvm::StringRef File) {
  if (!CommandDir.empty())
    if (std::string D = findBuildDirUpward(CommandDir); !D.empty())
      return D;
  for (llvm::StringRef D = llvm::sys::path::parent_path(File); !D.empty();
       D = llvm::sys::path::parent_path(D)) {
    for (const char *Sub : {"", "build"}) {
      llvm::SmallString<256> Candidate(D);
      llvm::sys::path::append(Candidate, Sub, "compile_commands.json");
      if (llvm::sys::fs::exists(Candidate))
        return std::string(llvm::sys::path::parent_path(Candidate));
    }
    if (D == llvm::sys::path::parent_path(D))
      break;
  }
  return "";
}

namespace {

void collect(llvm::Error E, std::vector<std::string> &Out) {
  llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &Info) {
    Out.push_back(Info.message());
  });
}

std::string currentDir() {
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return std::string(Cwd.str());
}

} // namespace

Project loadProject(const ProjectOptions &O) {
  Project P;
  std::optional<std::string> CfgPath;
  if (!O.ConfigFile.empty())
    CfgPath = O.ConfigFile;
  else
    CfgPath = findConfig(O.SearchFrom.empty() ? currentDir() : O.SearchFrom);
  if (CfgPath) {
    P.Inputs.push_back(*CfgPath);
    llvm::Expected<Config> C = loadConfig(*CfgPath);
    if (C)
      P.Cfg = std::move(*C);
    else
      collect(C.takeError(), P.Problems);
  }

  if (!O.SourceRoot.empty())
    P.SourceRoot = O.SourceRoot;
  else if (P.Cfg)
    P.SourceRoot = P.Cfg->Dir;
  else if (CfgPath)
    P.SourceRoot = absoluteFrom("", llvm::sys::path::parent_path(*CfgPath));
  else
    P.SourceRoot = currentDir();

  std::vector<std::string> PolicyFiles;
  if (P.Cfg)
    PolicyFiles = P.Cfg->Policies;
  llvm::append_range(PolicyFiles, O.ExtraPolicies);
  for (const std::string &F : PolicyFiles) {
    P.Inputs.push_back(F);
    llvm::Expected<Policy> Loaded = loadPolicyFile(F);
    if (!Loaded) {
      collect(Loaded.takeError(), P.Problems);
      continue;
    }
    if (llvm::Error E = mergePolicy(P.Pol, *Loaded))
      collect(std::move(E), P.Problems);
  }

  P.BaselineFile = !O.Baseline.empty() ? O.Baseline
                   : P.Cfg             ? P.Cfg->Baseline
                                       : std::string();
  if (O.BaselineMayBeMissing && !P.BaselineFile.empty() &&
      !llvm::sys::fs::exists(P.BaselineFile))
    P.BaselineFile.clear();
  if (!P.BaselineFile.empty()) {
    P.Inputs.push_back(P.BaselineFile);
    llvm::Expected<std::set<std::string>> B = readBaseline(P.BaselineFile);
    if (B)
      P.BaselineFPs = std::move(*B);
    else
      collect(B.takeError(), P.Problems);
  }

  P.CacheDir =
      !O.CacheDir.empty() ? O.CacheDir : defaultCacheDir(P, O.BuildDir);
  return P;
}

std::string defaultCacheDir(const Project &P, llvm::StringRef BuildDir) {
  if (P.Cfg && !P.Cfg->CacheDir.empty())
    return P.Cfg->CacheDir;
  if (!BuildDir.empty())
    return BuildDir.str() + "/.purpose-check-cache";
  if (P.Cfg && !P.Cfg->BuildDir.empty())
    return P.Cfg->BuildDir + "/.purpose-check-cache";
  return "";
}

namespace {

struct CachedProject {
  std::shared_ptr<const Project> P;
  std::vector<std::pair<std::string, FileStamp>> Stamps;
  /// The config that a search found, or none: a config created or removed
  /// later changes the answer.
  std::optional<std::string> Found;
};

std::string keyOf(const ProjectOptions &O) {
  std::string K;
  for (const std::string *S : {&O.ConfigFile, &O.SearchFrom, &O.Baseline,
                               &O.SourceRoot, &O.CacheDir, &O.BuildDir})
    K += *S + '\x1f';
  K += O.BaselineMayBeMissing ? "1" : "0";
  for (const std::string &F : O.ExtraPolicies)
    K += F + '\x1e';
  return K;
}

} // namespace

std::shared_ptr<const Project> loadProjectCached(const ProjectOptions &O) {
  static std::mutex M;
  // Never destroyed: clangd's workers may still run during static
  // destruction.
  static auto *Memo = new std::map<std::string, CachedProject>();
  std::optional<std::string> Found;
  if (O.ConfigFile.empty())
    Found = findConfig(O.SearchFrom.empty() ? currentDir() : O.SearchFrom);
  std::string Key = keyOf(O);
  std::lock_guard<std::mutex> L(M);
  auto It = Memo->find(Key);
  if (It != Memo->end() && It->second.Found == Found &&
      llvm::all_of(It->second.Stamps, [](const auto &S) {
        return FileStamp::of(S.first) == S.second;
      }))
    return It->second.P;
  CachedProject C;
  C.Found = Found;
  auto P = std::make_shared<Project>(loadProject(O));
  for (const std::string &In : P->Inputs)
    C.Stamps.emplace_back(In, FileStamp::of(In));
  C.P = std::move(P);
  return ((*Memo)[Key] = std::move(C)).P;
}

} // namespace purpose
