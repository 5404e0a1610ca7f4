#!/usr/bin/env bash
# The main job on the sample corpus in examples/: analyze every document,
# keep the JSON Lines in build/demo/analyze.jsonl and print what was found.
set -uo pipefail
bin=${1:-build/akhbar}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/demo"
mkdir -p "$out"
echo "== akhbar analyze examples/corpus/   (full JSON Lines: build/demo/analyze.jsonl)"
"$bin" analyze "$root/examples/corpus" > "$out/analyze.jsonl" 2> "$out/analyze.stderr"
rc=$?
"$bin" analyze --summary "$root/examples/corpus"
exit $rc
