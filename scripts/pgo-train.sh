#!/usr/bin/env bash
# The training run of the profile-guided build (CMakeLists.txt, AKHBAR_PGO):
# runs an instrumented akhbar on the sample corpus in examples/corpus, the
# way `make demo` does (analyze, ingest, then the commands that read the
# store), so that its profiles land in PROFILE_DIR. Old profiles are removed
# first: the counts are those of this build's code only.
# Usage: scripts/pgo-train.sh INSTRUMENTED_AKHBAR PROFILE_DIR
set -euo pipefail
bin=$1
profile=$2
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/examples/corpus"
rm -rf "$profile"
mkdir -p "$profile"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Twice over the corpus: the second ingest finds every document stored.
for round in 1 2; do
  "$bin" analyze "$corpus" > "$work/analyze.jsonl" 2> /dev/null
  "$bin" ingest --db "$work/store.db" "$corpus" 2> /dev/null
done
"$bin" search --db "$work/store.db" --limit 5 "الكوليرا الحديدة" > /dev/null
"$bin" storylines --db "$work/store.db" > /dev/null
largest=$("$bin" storylines --db "$work/store.db" --json --limit 1 | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
if [[ -n $largest ]]; then "$bin" timeline --db "$work/store.db" "$largest" > /dev/null; fi
"$bin" export events --db "$work/store.db" > /dev/null
count=$(find "$profile" -name '*.gcda' | wc -l)
echo "pgo-train: $count profiles in $profile"
if [[ $count -eq 0 ]]; then
  echo "pgo-train: the training run wrote no profile" >&2
  exit 1
fi
