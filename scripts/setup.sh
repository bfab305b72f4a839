#!/usr/bin/env bash
# Installs the Debian packages tiaoli needs to build and test, when they are missing.
# Safe to rerun: it installs nothing when everything is there.
set -euo pipefail

packages=(g++ clang cmake ninja-build pkg-config libyaml-cpp-dev libboost-date-time-dev
  nlohmann-json3-dev libsimdjson-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3-yaml python3-jsonschema
  clang-format clang-tidy
  libclang-rt-14-dev)  # libFuzzer and the ASan/UBSan/TSan runtimes for clang (scripts/fuzz.sh, test.sh)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=sudo
  else
    echo "tiaoli needs these packages: ${missing[*]}" >&2
    echo "Run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
else
  sudo=
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
