// Training for the named-entity tagger: word clusters from unlabelled text
// and the averaged structured perceptron. Used by src/ner/train_ner.cc and
// the tests; not part of the public API.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/ner.h"
#include "ner/internal.h"

namespace akhbar::ner {

struct ClusterOptions {
  size_t vocab = 40000;      // words that get a cluster (most frequent first)
  size_t contexts = 500;     // most frequent tokens used as left/right contexts
  uint32_t min_count = 5;    // words rarer than this get no cluster
  int dims = 64;             // random-projection dimensions
  int coarse = 128;          // k-means clusters, coarse level
  int fine = 512;            // k-means clusters, fine level
  int iterations = 10;       // k-means iterations per level
  uint64_t seed = 20240611;  // projection and k-means++ seeding
};

// Word clusters from co-occurrence: each word's left and right neighbour
// counts over the `contexts` most frequent tokens are weighted by positive
// PMI with context-distribution smoothing 0.75 (Levy, Goldberg and Dagan,
// "Improving Distributional Similarity with Lessons Learned from Word
// Embeddings", TACL 2015), reduced by a sparse random projection with +-1
// entries (Achlioptas, "Database-friendly random projections", 2003),
// L2-normalized, then grouped by spherical k-means with k-means++ seeding
// (Arthur and Vassilvitskii, 2007) at two granularities. Clusters stand in
// for Brown clusters as NER features (Turian, Ratinov and Bengio, "Word
// representations", ACL 2010). Memory: vocab * 2 * contexts * 2 bytes.
class ClusterLearner {
 public:
  // Adds one document (valid UTF-8).
  void AddText(std::string_view text);
  size_t tokens() const { return corpus_.size(); }
  // Deterministic for the same input and options.
  ClusterTable Learn(const ClusterOptions& options) const;

 private:
  uint32_t Id(std::string_view key);
  std::vector<uint32_t> corpus_;  // token ids; kBoundary between documents
  std::vector<std::string> words_;
  std::vector<uint32_t> counts_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::string key_;
};

struct TrainOptions {
  int epochs = 12;          // passes over the training sentences
  uint32_t hash_bits = 20;  // 2^20 feature buckets
  uint64_t seed = 7;        // sentence order shuffling
  int models = 1;           // perceptrons averaged, each with its own sentence order
};

// Trains the averaged perceptron on sentences with gold tags (tokens
// without a gold tag count as O). `progress` (may be empty) is called after
// each epoch with the epoch number and the training mistakes.
// With `sentence_tables`, sentence i's features are extracted with
// (*sentence_tables)[i] (its corpus labels) instead of `clusters` (which the
// model keeps); see LabelClusters.
Model Train(const std::vector<ConllSentence>& sentences, const ClusterTable& clusters, const TrainOptions& options,
            const std::function<void(int, size_t)>& progress = {},
            const std::vector<const ClusterTable*>* sentence_tables = nullptr);

// Corpus labels, a non-local feature in the spirit of Ratinov and Roth
// (CoNLL 2009) aggregated over a whole unlabelled corpus instead of one
// document: `tagger_model` tags every document of `docs` (split into
// pieces as Tagger::TagEntities does), and each word of `base` seen at
// least `min_count` times gets as label the entity type it was tagged with
// most often and the share of its occurrences tagged so (bucketed), packed
// into its coarse id (kClusterLabelShift). Returns `base` with the labels.
// To keep the training features honest, the labels of a training
// sentence's words must come from a model that did not see that sentence
// (see akhbar_train_ner --corpus-labels).
ClusterTable LabelClusters(const Model& tagger_model, const std::vector<std::string>& docs, const ClusterTable& base,
                           uint32_t min_count = 3);

// Tags every sentence with `model` and scores it against the gold tags.
Evaluation Evaluate(const Model& model, const std::vector<ConllSentence>& sentences);

}  // namespace akhbar::ner
