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
# Environment: PURPOSE_LLVM_VERSION, the LLVM to install and build against:
# 19 (the default) or 22 (Debian 12's security archive); BUILD_DIR (default
# "build" for LLVM 19, "build-22" for 22, relative to the repository root);
# PURPOSE_TOOLS_DIR (default "$BUILD_DIR/.tools"; the build's tests look
# there); PURPOSE_SKIP_TEST_TOOLS=1 skips the test tools.
# Stage timings go to standard error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
LLVM_VERSION="${PURPOSE_LLVM_VERSION:-19}"
case "$LLVM_VERSION" in
  19) default_build_dir=build ;;
  22) default_build_dir=build-22 ;;
  *)
    echo "setup: PURPOSE_LLVM_VERSION=$LLVM_VERSION: supported are 19 and 22" >&2
    exit 2
    ;;
esac
BUILD_DIR="${BUILD_DIR:-$default_build_dir}"
PURPOSE_TOOLS_DIR="${PURPOSE_TOOLS_DIR:-$BUILD_DIR/.tools}"

V="$LLVM_VERSION"
PACKAGES=(
  "clang-$V" "clang-tidy-$V" "clangd-$V" "llvm-$V-dev" "libclang-$V-dev"
  "libclang-cpp$V-dev" "libclang-rt-$V-dev"
  nlohmann-json3-dev libyaml-cpp-dev catch2 cmake ninja-build
  libgrpc++-dev libprotobuf-dev protobuf-compiler
  python3 git g++
)

# For the report tests only: headless Chromium renders the HTML report; the
# SARIF multitool is a .NET program that needs ICU (or invariant globalization);
# the fides test reads YAML with Debian's Python when the test Python cannot;
# scripts/bench/scale_bench.py draws its plot with matplotlib.
TEST_PACKAGES=(chromium libicu72 python3-yaml python3-matplotlib clang-format-19)

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
    echo "setup: warning: without ${TEST_PACKAGES[*]}, the report and style tests fail" >&2
  install_sarif_multitool
  stage_done
fi

stage "configure"
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" || ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja --no-warn-unused-cli \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPURPOSE_LLVM_VERSION="$V" \
    -DCMAKE_CXX_COMPILER="clang++-$V" \
    -DCMAKE_C_COMPILER="clang-$V"
else
  # A build directory keeps the LLVM it was configured with; an old one
  # without the setting was configured for 19.
  configured="$(sed -n 's/^PURPOSE_LLVM_VERSION:STRING=//p' "$BUILD_DIR/CMakeCache.txt")"
  if [[ "${configured:-19}" != "$V" ]]; then
    echo "setup: $BUILD_DIR is configured for LLVM ${configured:-19}, not $V;" \
      "use another BUILD_DIR or remove $BUILD_DIR" >&2
    exit 2
  fi
  echo "setup: $BUILD_DIR already configured (LLVM $V)" >&2
fi
stage_done

stage "build"
cmake --build "$BUILD_DIR" -j2
stage_done
