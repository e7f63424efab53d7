#!/usr/bin/env bash
# Installs what purpose-check needs on Debian 12, configures and builds it.
#
# Idempotent: runs apt-get only for packages that are missing, configures only
# when the build directory is not configured yet, and lets ninja decide what to
# rebuild. Run as root (or with the packages already installed).
#
# Environment: BUILD_DIR (default "build", relative to the repository root).
# Stage timings go to standard error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD_DIR="${BUILD_DIR:-build}"

PACKAGES=(
  clang-19 clang-tidy-19 clangd-19 llvm-19-dev libclang-19-dev
  libclang-cpp19-dev libclang-rt-19-dev
  nlohmann-json3-dev catch2 cmake ninja-build
  libgrpc++-dev libprotobuf-dev
  python3 git g++
)

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

stage "packages"
missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing packages and not root; run as root or install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
stage_done

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
