#!/usr/bin/env bash
# Builds data/idf-prior.bin, the document frequencies the event clusterer of
# a new store starts from, from the unlabelled development corpus in
# ../shared (title and lead terms as the clusterer sees them; terms in at
# least 2 documents). Deterministic. Rebuild afterwards to embed it.
#   scripts/build-idf-prior.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SHARED=${AKHBAR_SHARED_DIR:-../shared}
corpus="$SHARED/corpus/saudinewsnet-dev.jsonl.gz"
[[ -f $corpus ]] || { echo "build-idf-prior: $corpus is missing" >&2; exit 1; }
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target akhbar_build_idf_prior -j"$(nproc)"
"$BUILD/akhbar_build_idf_prior" --corpus "$corpus" --min-df 2 --out data/idf-prior.bin
