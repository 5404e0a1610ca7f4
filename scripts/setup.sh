#!/usr/bin/env bash
# Installs the Debian packages akhbar needs (only the missing ones) on Debian 12,
# then the web page's npm packages (web/package-lock.json, `npm ci`: the time
# axis and chart libraries and the Arabic font built into the binary, and
# playwright-core for the browser tests, which drive Debian's chromium).
# Run as root (or with sudo available). Idempotent: does nothing when all are present.
set -euo pipefail
PACKAGES=(
  build-essential g++ cmake ninja-build pkg-config clang libclang-rt-14-dev
  libicu-dev libuchardet-dev zlib1g-dev libsqlite3-dev libstemmer-dev libxxhash-dev
  libre2-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev libcpp-httplib-dev
  libxml2-dev libtbb-dev libgoogle-perftools-dev libgtest-dev libgmock-dev libbenchmark-dev
  chromium wrk
)
# Node.js and npm: the machine's own when present, else Debian's.
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(nodejs npm); fi
missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} Debian packages present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm packages, exactly as web/package-lock.json pins them; again only when
# the lock file changed since the last install.
web="$(cd "$(dirname "$0")/.." && pwd)/web"
stamp="$web/node_modules/.akhbar-lock"
if [ -f "$stamp" ] && cmp -s "$stamp" "$web/package-lock.json"; then
  echo "setup: web/node_modules matches web/package-lock.json"
else
  echo "setup: npm ci in web/"
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$web/package-lock.json" "$stamp"
fi
