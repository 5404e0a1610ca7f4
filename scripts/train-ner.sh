#!/usr/bin/env bash
# Trains the named-entity tagger from ../shared and writes data/ner.model.
#   scripts/train-ner.sh [BUILD_DIR]      (default: build)
# Reads ../shared/anercorp/train.txt (labelled) and
# ../shared/corpus/saudinewsnet-dev.jsonl.gz (unlabelled, for word clusters).
# Prints the held-out figure (entity-level micro F1 on the last tenth of the
# sentences, model trained on the first nine tenths), then retrains on all of
# train.txt and writes the shipped model. The model averages five perceptrons
# (8 epochs each, different sentence orders) trained on the sentences plus one
# mention-replaced copy of those with entities, with corpus-label features
# (each cluster word's majority entity type when first-pass models tag the
# unlabelled corpus; training sentences see labels from a model trained on
# the other half of the sentences: --corpus-labels in src/ner/train_ner.cc).
# Deterministic (same bytes on every run); about six minutes on two cores.
# Rebuild afterwards to embed the new model.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SHARED=${AKHBAR_SHARED_DIR:-../shared}
for f in "$SHARED/anercorp/train.txt" "$SHARED/corpus/saudinewsnet-dev.jsonl.gz"; do
  [[ -f $f ]] || { echo "train-ner: $f is missing" >&2; exit 1; }
done
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" --target akhbar_train_ner -j"$(nproc)"
"$BUILD/akhbar_train_ner" \
  --train "$SHARED/anercorp/train.txt" \
  --corpus "$SHARED/corpus/saudinewsnet-dev.jsonl.gz" \
  --models 5 --epochs 8 --augment 1 --corpus-labels \
  --heldout last --final all --out data/ner.model
