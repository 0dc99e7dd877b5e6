#!/usr/bin/env bash
# Installs toksim's build and test dependencies from Debian 12 packages (apt-get only).
# Idempotent: when every package is present it checks and returns in about a second.
# Usage: scripts/setup.sh            (as root, or with sudo available)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache clang-tidy clang-format
  libtbb-dev libhdf5-dev hdf5-tools libyaml-cpp-dev catch2
  libeigen3-dev libboost-dev librandom123-dev libcli11-dev libfmt-dev
  libopenmpi-dev openmpi-bin
  pybind11-dev python3-pybind11 python3-dev python3-numpy python3-h5py python3-pandas
  python3-matplotlib python3-pytest python3-xarray python3-yaml
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2; exit 2; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q "${missing[@]}"
echo "setup: done"
