#!/usr/bin/env bash
# Load benchmark of `akhbar serve` with wrk (Debian's package): ingests the
# dev corpus (../shared/corpus/saudinewsnet-dev.jsonl.gz) into a new store,
# serves it, and runs wrk for DURATION (default 60 s) at 64 connections on
#   1. /api/search?q=...       (queries from storyline titles and entities)
#   2. /api/storylines/{id}    (every storyline of the store, in turn)
# Prints each run's requests/s, latency percentiles and errors, then one JSON
# line per run. Exit 1 if a run had an error or its p99 is 50 ms or more.
#
#   bash bench/serve/load.sh [BUILD_DIR] [DURATION]
# With AKHBAR_DB=PATH, serves that store instead of ingesting a new one.
set -uo pipefail
build=${1:-build}
duration=${2:-60s}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus="$root/../shared/corpus/saudinewsnet-dev.jsonl.gz"
akhbar="$build/akhbar"
[ -x "$akhbar" ] || { echo "load.sh: no $akhbar (build first)" >&2; exit 1; }
[ -f "$corpus" ] || { echo "load.sh: $corpus not found (../shared is needed)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "load.sh: wrk not found (scripts/setup.sh installs it)" >&2; exit 1; }

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

db=${AKHBAR_DB:-}
if [ -z "$db" ]; then
db="$work/dev.db"
echo "== ingest of the dev corpus into a new store"
# A few dev documents are empty: ingest names them and exits 2 ("some
# documents failed"); anything else is a real failure.
"$akhbar" ingest --db "$db" "$corpus" >"$work/ingest.out" 2>&1
rc=$?
grep -v 'empty document' "$work/ingest.out" | tail -n 3
[ $rc -eq 0 ] || [ $rc -eq 2 ] || { echo "load.sh: ingest failed ($rc)"; exit 1; }
fi

"$akhbar" serve --db "$db" --port 0 2>"$work/serve.log" &
server=$!
base=
for _ in $(seq 100); do
  base=$(sed -n 's|.* on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$work/serve.log")
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "load.sh: akhbar serve did not start"; cat "$work/serve.log"; exit 1; }
node "$here/paths.mjs" "$base" "$work/storylines.txt" "$work/search.txt" || exit 1

status=0
summaries=()
for run in search storylines; do
  echo
  echo "== wrk -t2 -c64 -d$duration --latency: /api/$run ($(wc -l <"$work/$run.txt") distinct paths)"
  AKHBAR_PATHS="$work/$run.txt" wrk -t2 -c64 -d"$duration" --timeout 5s --latency -s "$here/paths.lua" "$base" \
    >"$work/wrk-$run.out" 2>&1
  cat "$work/wrk-$run.out"
  # wrk prints percentiles as e.g. "99%    3.21ms" (us, ms or s).
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' "$work/wrk-$run.out")
  p50=$(awk '$1 == "50%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' "$work/wrk-$run.out")
  rps=$(awk '$1 == "Requests/sec:" { print $2 }' "$work/wrk-$run.out")
  total=$(awk '/requests in/ { print $1 }' "$work/wrk-$run.out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk-$run.out")
  sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$work/wrk-$run.out")
  errors=$(( ${non2xx:-0} + ${sockerr:-0} ))
  summaries+=("{\"endpoint\":\"/api/$run\",\"duration\":\"$duration\",\"connections\":64,\"requests\":${total:-0},\"requests_per_s\":${rps:-0},\"p50_ms\":${p50:-null},\"p99_ms\":${p99:-null},\"errors\":$errors}")
  if [ -z "$p99" ] || [ "$errors" -ne 0 ] || awk -v p="$p99" 'BEGIN { exit !(p >= 50) }'; then
    echo "   MISSED: target is zero errors and p99 under 50 ms"
    status=1
  fi
done
echo
printf '%s\n' "${summaries[@]}"
exit $status
