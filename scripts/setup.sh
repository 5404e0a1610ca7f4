#!/usr/bin/env bash
# Installs the Debian packages akhbar needs (only the missing ones) on Debian 12.
# Run as root (or with sudo available). Idempotent: does nothing when all are present.
set -euo pipefail
PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config clang libclang-rt-14-dev
  libicu-dev libuchardet-dev zlib1g-dev libsqlite3-dev libstemmer-dev libxxhash-dev
  libre2-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev libcpp-httplib-dev
  libxml2-dev libtbb-dev libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} Debian packages present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
