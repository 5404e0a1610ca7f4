#!/usr/bin/env bash
# Runs every benchmark program in BUILD_DIR/bench, then every evaluation
# program in BUILD_DIR/eval, then the HTTP load benchmark (they read
# ../shared). Exits 1 if any of them
# failed its own checks or missed its target.
set -uo pipefail
build=${1:-build}
status=0
for bin in "$build"/bench/bench_* "$build"/eval/eval_*; do
  [ -x "$bin" ] || continue
  echo "== $(basename "$bin")"
  "$bin" || { echo "   (exit $?: a check failed or a target was missed)"; status=1; }
done
echo "== bench/serve/load.sh (wrk, 60 s at 64 connections per endpoint)"
bash "$(dirname "$0")/../bench/serve/load.sh" "$build" || { echo "   (exit $?: a check failed or a target was missed)"; status=1; }
exit $status
