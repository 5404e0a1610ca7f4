#!/usr/bin/env bash
# The main job on the sample corpus in examples/corpus: analyze every document,
# ingest them into a store (extraction, near-duplicates, events, storylines),
# print the storylines and the timeline of the largest, search it and print
# its statistics.
set -uo pipefail
bin=${1:-build/akhbar}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/demo"
mkdir -p "$out"
status=0
echo "== akhbar analyze examples/corpus/   (full JSON Lines: build/demo/analyze.jsonl)"
"$bin" analyze "$root/examples/corpus" > "$out/analyze.jsonl" 2> "$out/analyze.stderr" || status=$?
"$bin" analyze --summary "$root/examples/corpus" || status=$?
echo
echo "== akhbar ingest --db build/demo/akhbar.db examples/corpus/   (run it again: everything is skipped)"
"$bin" ingest --db "$out/akhbar.db" "$root/examples/corpus" || status=$?
echo
echo "== akhbar search --db build/demo/akhbar.db --limit 3 'الكوليرا الحديدة'"
"$bin" search --db "$out/akhbar.db" --limit 3 "الكوليرا الحديدة" || status=$?
echo
echo "== akhbar storylines --db build/demo/akhbar.db"
"$bin" storylines --db "$out/akhbar.db" || status=$?
echo
largest=$("$bin" storylines --db "$out/akhbar.db" --json --limit 1 | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
if [[ -n $largest ]]; then
  echo "== akhbar timeline --db build/demo/akhbar.db $largest   (the largest storyline)"
  "$bin" timeline --db "$out/akhbar.db" "$largest" || status=$?
  echo
fi
echo "== akhbar stats --db build/demo/akhbar.db"
"$bin" stats --db "$out/akhbar.db" || status=$?
echo
echo "== To read this store in a browser:"
echo "     $bin serve --db build/demo/akhbar.db"
echo "   then open http://127.0.0.1:8080/ (storylines, timelines, events, search; Ctrl-C stops the server)."
echo "   The JSON API is under http://127.0.0.1:8080/api/ (OpenAPI at /api/openapi.json)."
exit $status
