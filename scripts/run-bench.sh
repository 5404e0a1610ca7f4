#!/usr/bin/env bash
# Runs every benchmark program in BUILD_DIR/bench (they read ../shared).
set -euo pipefail
build=${1:-build}
status=0
for bin in "$build"/bench/bench_*; do
  [ -x "$bin" ] || continue
  echo "== $(basename "$bin")"
  "$bin" || status=1
done
exit $status
