#!/usr/bin/env bash
# Installs what purpose-check needs on Debian 12, configures and builds it.
#
# Idempotent: runs apt-get only for packages that are missing, configures only
# when the build directory is not configured yet, and lets ninja decide what to
# rebuild. Run as root (or with the packages already installed).
#
# Also installs the tools that the report tests use: Debian's chromium (the
# HTML report is checked in headless Chromium) and Microsoft's SARIF
# multitool from npm (SARIF validation), the latter into PURPOSE_TOOLS_DIR.
#
# Environment: BUILD_DIR (default "build", relative to the repository root);
# PURPOSE_TOOLS_DIR (default "$BUILD_DIR/.tools"; the build's tests look
# there); PURPOSE_SKIP_TEST_TOOLS=1 skips the test tools.
# Stage timings go to standard error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${BUILD_DIR:-build}"
PURPOSE_TOOLS_DIR="${PURPOSE_TOOLS_DIR:-$BUILD_DIR/.tools}"

PACKAGES=(
  clang-19 clang-tidy-19 clangd-19 llvm-19-dev libclang-19-dev
  libclang-cpp19-dev libclang-rt-19-dev
  nlohmann-json3-dev catch2 cmake ninja-build
  libgrpc++-dev libprotobuf-dev protobuf-compiler
  python3 git g++
)

# For the report tests only: headless Chromium renders the HTML report; the
# SARIF multitool is a .NET program that needs ICU (or invariant globalization).
TEST_PACKAGES=(chromium libicu72)

stage_start=0
stage() {
  stage_name="$1"
  stage_start=$(date +%s.%N)
  echo "setup: ${stage_name}..." >&2
}
stage_done() {
  local end
  end=$(date +%s.%N)
  awk -v n="$stage_name" -v s="$stage_start" -v e="$end" \
    'BEGIN { printf "setup: %s took %.1fs\n", n, e - s }' >&2
}

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

apt_updated=0
# Installs those of the given Debian packages that are missing (as root).
install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  echo "setup: installing ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing packages and not root; run as root or install: ${missing[*]}" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ((!apt_updated)); then
    apt-get update
    apt_updated=1
  fi
  apt-get install -y --no-install-recommends "${missing[@]}"
}

# Installs @microsoft/sarif-multitool into $PURPOSE_TOOLS_DIR, unless it is
# there already. Uses the npm that comes with the installed Node.js; installs
# Debian's nodejs and npm only when there is no Node.js at all (Debian's npm
# conflicts with a Node.js installed from elsewhere).
install_sarif_multitool() {
  local bin="$PURPOSE_TOOLS_DIR/node_modules/.bin/sarif-multitool"
  local native="$PURPOSE_TOOLS_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  if [[ -x "$bin" && -f "$native" ]]; then
    chmod u+x "$native"
    echo "setup: sarif-multitool already in $PURPOSE_TOOLS_DIR" >&2
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    if command -v node >/dev/null 2>&1; then
      echo "setup: warning: Node.js without npm; install the npm that matches it," \
        "then rerun (SARIF validation tests will fail until then)" >&2
      return 0
    fi
    install_packages nodejs npm
  fi
  mkdir -p "$PURPOSE_TOOLS_DIR"
  npm install --prefix "$PURPOSE_TOOLS_DIR" --no-audit --no-fund \
    @microsoft/sarif-multitool >&2
  # npm may skip the package's postinstall script (which only sets this bit).
  [[ -f "$native" ]] && chmod u+x "$native"
  [[ -x "$bin" ]] || {
    echo "setup: sarif-multitool did not install into $PURPOSE_TOOLS_DIR" >&2
    return 1
  }
}

stage "packages"
install_packages "${PACKAGES[@]}"
stage_done

if [[ "${PURPOSE_SKIP_TEST_TOOLS:-0}" != 1 ]]; then
  stage "test tools"
  install_packages "${TEST_PACKAGES[@]}" ||
    echo "setup: warning: without ${TEST_PACKAGES[*]}, the report tests fail" >&2
  install_sarif_multitool
  stage_done
fi

stage "configure"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" || ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja --no-warn-unused-cli \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_C_COMPILER=clang-19
else
  echo "setup: $BUILD_DIR already configured" >&2
fi
stage_done

stage "build"
cmake --build "$BUILD_DIR" -j2
stage_done
