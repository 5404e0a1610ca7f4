// Internals of the named-entity tagger shared by the library, its tests and
// the training program: hashing, the lexicon (gazetteers and cue words),
// the word-cluster table, feature extraction and the model's tables.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "akhbar/ner.h"

namespace akhbar::data {
std::string_view NerModel();     // data/ner.model
std::string_view NerGazetteer(); // data/gazetteer.tsv
std::string_view NerAgencies();  // data/agencies.tsv
std::string_view NerLexicon();   // data/ner-lexicon.tsv
}  // namespace akhbar::data

namespace akhbar::ner {

// Stable 64-bit hash of bytes (XXH3, seed 0): feature hashes and cluster
// keys depend on it, so it must not change without a model version bump.
uint64_t HashBytes(std::string_view s);
// Stable mix of two 64-bit values (splitmix64 finalizer).
uint64_t Mix(uint64_t a, uint64_t b);

// Open-addressing map from a 64-bit hash to a 32-bit value (linear
// probing, load <= 1/2). Faster than std::unordered_map for the tagger's
// lookups (one cache line per probe, no nodes).
class FlatMap {
 public:
  // Returns the value slot for `key`, inserting 0 when absent.
  uint32_t& operator[](uint64_t key);
  // Inserts only when absent; returns true if inserted.
  bool Emplace(uint64_t key, uint32_t value);
  const uint32_t* Find(uint64_t key) const {
    if (size_ == 0) return nullptr;
    key = key ? key : 1;
    for (size_t i = key & mask_;; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }
  size_t size() const { return size_; }

 private:
  void Grow();
  std::vector<uint64_t> keys_;  // 0 = empty (key 0 is stored as 1)
  std::vector<uint32_t> values_;
  size_t mask_ = 0, size_ = 0;
};

// Lexicon kinds; a token gets bit 2*kind when a lexicon entry of that kind
// starts at it and bit 2*kind+1 when it is inside one.
enum LexKind : uint8_t {
  kLexPer,      // full person names (gazetteer.tsv PER variants)
  kLexPerPart,  // single words of those names (a surname alone)
  kLexLoc,      // gazetteer LOC, ICU countries and cities, ner-lexicon LOC
  kLexOrg,      // gazetteer ORG, agencies, ner-lexicon ORG
  kLexTitle,    // titles and roles before a name
  kLexFirst,    // given names
  kLexOrgCue,   // heads of organisation names
  kLexLocCue,   // heads of place names
  kLexNisba,    // nationality adjectives
  kNumLexKinds,
};

// The proclitic segmentation used for features and lexicon lookup:
// optional و/ف (when three letters remain), then optional ب/ك/ل before ال
// (لل = ل + ال), else ال, else ب/ك/ل (when three letters remain); ال
// is removed when at least two letters remain. `clitics` is the removed
// prefix, `rest` the remainder (both views into the kMatch word).
struct Segmentation {
  std::string_view clitics;
  std::string_view rest;
};
Segmentation SegmentClitics(std::string_view match_word);

// Gazetteers and cue words, from the embedded data files and ICU. Built once
// (thread-safe), immutable.
class Lexicon {
 public:
  static const Lexicon& Default();
  // Builds from the given data texts (formats in each file's header) plus
  // ICU's Arabic country and exemplar-city names when `with_icu`.
  Lexicon(std::string_view gazetteer, std::string_view agencies, std::string_view lexicon, bool with_icu);

  // For each kMatch word, OR the kind bits (see LexKind) into (*bits)[i];
  // bits is resized to words.size(). Entries match longest-first from each
  // start; the first word may carry a proclitic. Cost: O(n * max entry length).
  void Mark(const std::vector<std::string_view>& match_words, std::vector<uint32_t>* bits) const;

  size_t size() const { return entries_; }

 private:
  void Add(LexKind kind, std::string_view phrase);
  static constexpr uint32_t kPrefixFlag = 1u << 31;
  FlatMap table_;  // sequence hash -> kind mask | kPrefixFlag
  size_t entries_ = 0;
};

// Word -> (coarse, fine) cluster ids, keyed by HashBytes of the kMatch word.
class ClusterTable {
 public:
  void Add(std::string_view match_word, uint16_t coarse, uint16_t fine);
  bool Find(std::string_view match_word, uint16_t* coarse, uint16_t* fine) const;
  bool FindHash(uint64_t h, uint16_t* coarse, uint16_t* fine) const;
  size_t size() const { return words_.size(); }
  // Insertion order, for serialization.
  struct Entry {
    std::string word;
    uint16_t coarse, fine;
  };
  const std::vector<Entry>& entries() const { return words_; }

 private:
  std::vector<Entry> words_;
  FlatMap index_;  // hash -> coarse << 16 | fine
};

struct Model::Impl {
  uint32_t hash_bits = 20;
  ClusterTable clusters;
  // trans[p][t]: score of tag t after tag p; p == kNumTags is the start.
  std::array<float, (kNumTags + 1) * kNumTags> trans{};
  // Sparse weights: row_of[bucket] is 1 + the row index, 0 if absent.
  std::vector<uint32_t> row_of;
  std::vector<float> rows;  // kNumTags per row
  size_t num_rows = 0;
  // The same rows quantized (rows[i] ~= qrows[i] * scale), which the tagger
  // reads: half the memory traffic. Set by Parse and SetDense.
  std::vector<int16_t> qrows;
  float scale = 1.0f;
  void Quantize();

  // Serializes with weights below `prune` (absolute, after averaging)
  // dropped and the rest quantized to int16.
  std::string Serialize(float prune) const;
  // Sets the weights from a dense table (2^hash_bits * kNumTags).
  void SetDense(const std::vector<float>& dense);
};

// Feature extraction: the hashed feature buckets of each token of one
// sequence. Reuses its buffers.
class FeatureExtractor {
 public:
  FeatureExtractor(const Lexicon& lexicon, const ClusterTable& clusters, uint32_t hash_bits)
      : lexicon_(lexicon), clusters_(clusters), mask_((1u << hash_bits) - 1) {}

  // After the call, the features of token i are
  // feats()[offsets()[i] .. offsets()[i+1]).
  void Extract(const std::vector<std::string_view>& tokens);
  const std::vector<uint32_t>& feats() const { return feats_; }
  const std::vector<uint32_t>& offsets() const { return offsets_; }

 private:
  struct Atoms {
    uint64_t word, rest, clitic, stem, pre[3], suf[3];
    uint32_t shape;
    uint32_t cluster;  // coarse << 16 | fine, or 0xFFFFFFFF when unknown
    uint32_t lex;
  };
  const Lexicon& lexicon_;
  const ClusterTable& clusters_;
  uint32_t mask_;
  std::string keys_;
  std::vector<uint32_t> key_off_;
  std::vector<std::string_view> words_;
  std::vector<uint32_t> lex_;
  std::vector<Atoms> atoms_;
  std::vector<uint32_t> feats_, offsets_;
};

// Viterbi over BIO with the I-X constraint. scores[i*kNumTags + t] are the
// emission scores; trans as in Model::Impl. Writes the best path to *out.
void Viterbi(const float* scores, size_t n, const float* trans, std::vector<float>* delta,
             std::vector<uint8_t>* back, std::vector<Tag>* out);

// True if tag `t` may follow `prev` (kNumTags = start of sequence).
bool Allowed(int prev, int t);

}  // namespace akhbar::ner
