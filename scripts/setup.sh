#!/usr/bin/env bash
# Installs what edurules needs from Debian 12's packages, idempotently:
# packages already present are not touched; apt-get update runs only when
# something is missing. Run as root (or with sudo available).
set -euo pipefail

pkgs=(
  g++ cmake make pkg-config ninja-build
  libboost-date-time-dev nlohmann-json3-dev libsimdjson-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev
  pybind11-dev python3-pybind11 python3-dev python3-numpy python3-pandas python3-pytest python3-jsonschema
  python3-matplotlib python3-dask python3-distributed
  abigail-tools valgrind clang clang-format libclang-rt-14-dev
  chromium
)

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
