#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/fuzz for SECONDS each, seeded with
# the sample corpus. Exits non-zero if any target finds a crash.
set -euo pipefail
build=${1:-build-fuzz}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
status=0
for bin in "$build"/fuzz/*_fuzz; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  corpus="$root/build-fuzz/corpus-$name"
  mkdir -p "$corpus"
  # Seed with the sample corpus (small files only).
  find "$root/examples/corpus" -type f -size -64k -exec cp -n {} "$corpus/" \; 2>/dev/null || true
  echo "== $name: ${seconds}s"
  if ! "$bin" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$build/$name-" -print_final_stats=1 2>"$build/$name.log"; then
    echo "FAILED: $name (see $build/$name.log)"; tail -30 "$build/$name.log"; status=1
  else
    grep -E "stat::number_of_executed_units|Done" "$build/$name.log" | tail -2
  fi
done
exit $status
