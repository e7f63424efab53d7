//===- FileUtilTest.cpp - Atomic writes -----------------------------------===//
#include "FileUtil.h"
#include "TestUtil.h"
#include <catch2/catch.hpp>

using namespace purpose;
using purpose::test::errorText;
using purpose::test::readFile;
using purpose::test::TempDir;

TEST_CASE("writeFileAtomically creates and replaces files", "[fileutil]") {
  TempDir D;
  std::string Path = D.file("out.txt");
  REQUIRE(errorText(writeFileAtomically(
              Path, [](llvm::raw_ostream &OS) { OS << "first\n"; })) == "");
  CHECK(readFile(Path) == "first\n");
  REQUIRE(errorText(writeFileAtomically(
              Path, [](llvm::raw_ostream &OS) { OS << "second\n"; })) == "");
  CHECK(readFile(Path) == "second\n");
  // Only the file itself: no temporary file is left behind.
  CHECK(D.entries() == std::vector<std::string>{"out.txt"});
}

TEST_CASE("writeFileAtomically into a missing directory fails cleanly",
          "[fileutil]") {
  TempDir D;
  std::string Path = D.file("missing/out.txt");
  bool Called = false;
  std::string Msg = errorText(
      writeFileAtomically(Path, [&](llvm::raw_ostream &OS) { Called = true; }));
  CHECK(Msg == "cannot write '" + Path + "': No such file or directory");
  CHECK_FALSE(Called);
  CHECK(D.entries().empty());
}

TEST_CASE("writeFileAtomically leaves no file when the rename fails",
          "[fileutil]") {
  TempDir D;
  // A non-empty directory where the file should go: rename must fail.
  std::string Path = D.file("report.json");
  REQUIRE_FALSE(llvm::sys::fs::create_directory(Path));
  D.write("report.json/keep", "x");
  std::string Msg = errorText(
      writeFileAtomically(Path, [](llvm::raw_ostream &OS) { OS << "{}\n"; }));
  CHECK(llvm::StringRef(Msg).starts_with("cannot write '" + Path + "': "));
  CHECK(D.entries() == std::vector<std::string>{"report.json"});
  CHECK(llvm::sys::fs::is_directory(Path));
}
