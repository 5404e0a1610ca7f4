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

#include "akhbar/flat_map.h"
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
// Stable mix of two 64-bit values (splitmix64 finalizer). Inline: the
// tagger calls it once per feature.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t z = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Hash -> 32-bit value (akhbar/flat_map.h).
using FlatMap = FlatU64Map;

// Lexicon kinds; a token gets bit 2*kind when a lexicon entry of that kind
// starts at it and bit 2*kind+1 when it is inside one.
enum LexKind : uint8_t {
  kLexPer,      // full person names (gazetteer.tsv PER variants, ner-lexicon PER)
  kLexPerPart,  // single words of those names (a surname alone)
  kLexLoc,      // gazetteer LOC, ICU countries and cities, ner-lexicon LOC
  kLexOrg,      // gazetteer ORG, agencies, ner-lexicon ORG
  kLexTitle,    // titles and roles before a name
  kLexFirst,    // given names
  kLexOrgCue,   // heads of organisation names
  kLexLocCue,   // heads of place names
  kLexNisba,    // nationality adjectives
  kLexMisc,     // currencies, religions, events, products (ner-lexicon MISC)
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

// What the features need to know about one token, independent of its
// neighbours (so the tagger can cache it per distinct token).
struct WordInfo {
  uint64_t word = 0;    // HashBytes of the kMatch form
  uint64_t rest = 0;    // of the form without proclitics (== word when none)
  uint64_t clitic = 0;  // of the removed proclitics
  uint64_t stem = 0;    // of arabic::LightStem
  uint64_t rest_pre[2] = {0, 0};  // first 2 and 3 letters of the rest
  uint64_t pre[3] = {0, 0, 0};    // first 1..3 letters of the kMatch form
  uint64_t suf[3] = {0, 0, 0};    // last 1..3 letters
  uint64_t lex_start[4] = {0, 0, 0, 0};  // lexicon sequence-start hashes (see Lexicon::Starts)
  uint32_t shape = 0;
  uint32_t cluster = 0xFFFFFFFFu;  // coarse << 16 | fine, or all ones when unknown
  uint8_t num_lex_start = 0;
  // Added in model version 2 without a format change (older files simply
  // have no weights for them): the cluster of the rest when the word has
  // proclitics (all ones otherwise or when unknown), the first and last 4
  // letters of the kMatch form and the first letter and 4 letters of the rest.
  uint32_t rest_cluster = 0xFFFFFFFFu;
  uint64_t pre4 = 0, suf4 = 0;
  uint64_t rest_pre1 = 0, rest_pre4 = 0;
  // The word's corpus label (see kClusterLabelShift), 0 when none.
  uint8_t corpus_label = 0;
};

// Gazetteers and cue words, from the embedded data files and ICU. Built once
// (thread-safe), immutable.
class Lexicon {
 public:
  static const Lexicon& Default();
  // Makes Default() return `lexicon` (nullptr: the shipped one again). For
  // the trainer's held-out measurement only (akhbar_train_ner); not
  // thread-safe against concurrent Default() calls.
  static void OverrideDefault(const Lexicon* lexicon);
  // Builds from the given data texts (formats in each file's header) plus
  // ICU's Arabic country and exemplar-city names when `with_icu`.
  Lexicon(std::string_view gazetteer, std::string_view agencies, std::string_view lexicon, bool with_icu);

  // For each kMatch word, OR the kind bits (see LexKind) into (*bits)[i];
  // bits is resized to words.size(). Entries match longest-first from each
  // start; the first word may carry a proclitic. Cost: O(n * max entry length).
  void Mark(const std::vector<std::string_view>& match_words, std::vector<uint32_t>* bits) const;
  // The two halves of Mark: the sequence-start hashes of the candidate forms
  // of one kMatch word that begin some entry (at most 4, written to out),
  // and the marking from those and each word's HashBytes.
  int Starts(std::string_view match_word, uint64_t out[4]) const;
  void MarkInfos(const WordInfo* const* words, size_t n, uint32_t* bits) const;
  // The same with the words given by get(i) -> LexWord.
  struct LexWord {
    uint64_t word;             // HashBytes of the kMatch form
    const uint64_t* starts;    // Starts() of it
    int num_starts;
  };
  template <typename Get>
  void MarkWith(size_t n, Get&& get, uint32_t* bits) const {
    for (size_t i = 0; i < n; ++i) {
      const LexWord wi = get(i);
      for (int c = 0; c < wi.num_starts; ++c) {
        uint64_t h = wi.starts[c];
        for (size_t j = i; j < n;) {
          const uint32_t* v = table_.find(h);
          if (!v) break;
          uint32_t kinds = *v & ~kPrefixFlag;
          for (int k = 0; kinds && k < kNumLexKinds; ++k) {
            if (!(kinds & (1u << k))) continue;
            bits[i] |= 1u << (2 * k);
            for (size_t t = i + 1; t <= j; ++t) bits[t] |= 1u << (2 * k + 1);
          }
          if (!(*v & kPrefixFlag) || ++j >= n || j - i >= 8) break;
          h = SeqNext(h, get(j).word);
        }
      }
    }
  }
  static uint64_t SeqNext(uint64_t seq, uint64_t token_hash) { return Mix(seq, token_hash); }

  size_t size() const { return entries_; }

 private:
  void Add(LexKind kind, std::string_view phrase);
  static constexpr uint32_t kPrefixFlag = 1u << 31;
  FlatMap table_;  // sequence hash -> kind mask | kPrefixFlag
  size_t entries_ = 0;
};

// A cluster entry's coarse id carries in its top 4 bits the word's corpus
// label and in the rest (kCoarseMask) the coarse cluster. The label is 0
// (none, as in every model written before the labels: same file format) or
// 1 + 3 * type + confidence: type (PER, LOC, ORG, MISC = 0..3) the entity
// type first-pass taggers gave the word most often over the unlabelled
// corpus, confidence 0..2 the share of its occurrences tagged so, bucketed
// (LabelClusters in train.h).
inline constexpr int kClusterLabelShift = 12;
inline constexpr uint16_t kCoarseMask = (1u << kClusterLabelShift) - 1;

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

// Weights are stored and summed as integers in [-kQuantMax, kQuantMax]
// (times the model's scale): about 11.5 bits, so that the sum of one word's unary
// features at one offset (at most kMaxUnary) fits the tagger's int16 cache.
inline constexpr int kQuantMax = 1489;
inline constexpr int kMaxUnary = 22;
static_assert(kQuantMax * kMaxUnary <= 32767);

// Bits set in x (SWAR; the builtin becomes a library call without -mpopcnt).
inline size_t PopCount(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return size_t((x * 0x0101010101010101ull) >> 56);
}

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
  // The tagger's view of row_of: a bit per bucket that has a row, and the
  // number of rows before each 64-bucket word (rows are stored in bucket
  // order), 3 bytes a 64 buckets instead of 256: the lookups stay in L2.
  std::vector<uint64_t> present;
  std::vector<uint32_t> rank;
  // The quantized row of `bucket`, or null when it has none.
  const int16_t* QRow(uint32_t bucket) const {
    uint64_t word = present[bucket >> 6];
    uint64_t bit = uint64_t(1) << (bucket & 63);
    if (!(word & bit)) return nullptr;
    size_t row = rank[bucket >> 6] + PopCount(word & (bit - 1));
    return &qrows[row * kNumTags];
  }
  float scale = 1.0f;
  void Quantize();

  // Serializes with weights below `prune` (absolute, after averaging)
  // dropped and the rest quantized to int16.
  std::string Serialize(float prune) const;
  // Sets the weights from a dense table (2^hash_bits * kNumTags).
  void SetDense(const std::vector<float>& dense);
};

// Fills `info` for one token as written and its kMatch form.
void DescribeWord(std::string_view token, std::string_view match_word, const Lexicon& lexicon,
                  const ClusterTable& clusters, WordInfo* info);

// The feature templates. A feature is Mix(template, value) folded to
// 2^hash_bits buckets. Features split in two kinds so that the tagger can
// precompute them per distinct word:
//   unary: depend on one word only, the token itself or its neighbour at a
//     fixed offset d in -2..2 (UnaryFeatures);
//   context: depend on the position or on lexicon matches, which span words
//     (ContextFeatures).
inline constexpr int kWindow = 2;                 // offsets -2..2
inline constexpr int kOffsets = 2 * kWindow + 1;  // 5

namespace feat {
enum Template : uint64_t {
  kBias = 1,
  kWord,
  kRest,
  kClitic,
  kStem,
  kPre1, kPre2, kPre3,
  kSuf1, kSuf2, kSuf3,
  kRestPre2, kRestPre3,
  kShape,
  kWordM1, kWordM2, kWordP1, kWordP2,
  kStemM1, kStemM2, kStemP1, kStemP2,
  kBigramM1, kBigramP1,  // unused since model version 2 (no held-out gain, 3 lookups a token)
  kClusterC, kClusterF, kClusterCM1, kClusterFM1, kClusterCP1, kClusterFP1, kClusterCM2, kClusterCP2,
  kStemM1Cluster,  // unused since model version 2
  kLex, kLexM1, kLexP1, kLexM2, kLexP2,
  kShapeM1, kShapeP1,
  kFirst,
  kLexPair,
  kRestM1, kRestP1,
  // Added later in version 2 (richer affix and cluster features, Benajiba
  // et al. 2008; corpus labels, see kClusterLabelShift).
  kRestClusterC, kRestClusterF,
  kPre4, kSuf4, kRestPre1, kRestPre4,
  kSuf2M1, kSuf2P1, kCliticM1, kCliticP1,
  kCorpusLabel, kCorpusLabelM1, kCorpusLabelP1,
};
inline constexpr uint64_t kPadHash = 0x5A5A5A5A5A5A5A5Aull;
inline constexpr uint32_t kPadCluster = 0x10000;
inline constexpr uint32_t kPadShape = 0xFFFF;
}  // namespace feat

// Calls add(template, value) for every unary feature that word `w` (or the
// padding beyond the sequence when w is null) gives the token at distance
// d from it: w sits at position i + d of token i. At most kMaxUnary calls.
template <typename Add>
inline void UnaryFeatures(int d, const WordInfo* w, Add&& add) {
  using namespace feat;
  const uint64_t word = w ? w->word : kPadHash, rest = w ? w->rest : kPadHash, stem = w ? w->stem : kPadHash;
  const uint32_t cc = w ? w->cluster >> 16 : kPadCluster, cf = w ? w->cluster & 0xFFFF : kPadCluster;
  const uint32_t shape = w ? w->shape : kPadShape;
  switch (d) {
    case 0:  // never padding
      add(kWord, word);
      if (rest != word) {
        add(kRest, rest);
        add(kClitic, w->clitic);
        add(kRestPre2, w->rest_pre[0]);
        add(kRestPre3, w->rest_pre[1]);
      }
      add(kStem, stem);
      add(kPre1, w->pre[0]);
      add(kPre2, w->pre[1]);
      add(kPre3, w->pre[2]);
      add(kSuf1, w->suf[0]);
      add(kSuf2, w->suf[1]);
      add(kSuf3, w->suf[2]);
      add(kShape, shape);
      add(kClusterC, cc);
      add(kClusterF, cf);
      if (w->corpus_label) add(kCorpusLabel, w->corpus_label);
      add(kPre4, w->pre4);
      add(kSuf4, w->suf4);
      if (rest != word) {
        add(kRestPre1, w->rest_pre1);
        add(kRestPre4, w->rest_pre4);
        if (w->rest_cluster != 0xFFFFFFFFu) {
          add(kRestClusterC, w->rest_cluster >> 16);
          add(kRestClusterF, w->rest_cluster & 0xFFFF);
        }
      }
      break;
    case -1:
      add(kWordM1, word);
      add(kRestM1, rest);
      add(kStemM1, stem);
      add(kClusterCM1, cc);
      add(kClusterFM1, cf);
      add(kShapeM1, shape);
      add(kSuf2M1, w ? w->suf[1] : kPadHash);
      add(kCliticM1, w ? w->clitic : kPadHash);
      if (w && w->corpus_label) add(kCorpusLabelM1, w->corpus_label);
      break;
    case 1:
      add(kWordP1, word);
      add(kRestP1, rest);
      add(kStemP1, stem);
      add(kClusterCP1, cc);
      add(kClusterFP1, cf);
      add(kShapeP1, shape);
      add(kSuf2P1, w ? w->suf[1] : kPadHash);
      add(kCliticP1, w ? w->clitic : kPadHash);
      if (w && w->corpus_label) add(kCorpusLabelP1, w->corpus_label);
      break;
    case -2:
      add(kWordM2, word);
      add(kStemM2, stem);
      add(kClusterCM2, cc);
      break;
    case 2:
      add(kWordP2, word);
      add(kStemP2, stem);
      add(kClusterCP2, cc);
      break;
    default:
      break;
  }
}

// Calls add(template, value) for the context features of token i: win[k]
// is the word at i + k - kWindow (null beyond the sequence; win[kWindow]
// is the token), lex[k] its lexicon bits (0 beyond the sequence).
// With kCached, the features that take one of a few fixed values (bias,
// first token, the lexicon pair of two unmarked words) are left out: the
// tagger adds their precomputed sums (ConstantFeatures). Of win, only
// win[1] is read (the tagger sets no other).
template <bool kCached = false, typename Add>
inline void ContextFeatures(size_t i, const WordInfo* const* win, const uint32_t* lex, Add&& add) {
  using namespace feat;
  const WordInfo* m1 = win[1];
  if (!kCached) add(kBias, 0);
  if (!kCached && i == 0) add(kFirst, 0);
  static constexpr Template kLexAt[kOffsets] = {kLexM2, kLexM1, kLex, kLexP1, kLexP2};
  for (int k = 0; k < kOffsets; ++k)
    for (uint32_t b = lex[k]; b; b &= b - 1) add(kLexAt[k], uint64_t(__builtin_ctz(b)));
  if (!kCached || lex[1] || lex[2]) add(kLexPair, Mix(m1 ? lex[1] : 0xFFFFFFFFu, lex[2]));
}

// The sums ContextFeatures<true> leaves out, by ConstantCase: bias, plus
// the first-token feature, plus the lexicon pair when neither word is marked.
inline int ConstantCase(size_t i, const uint32_t* lex) { return (i == 0 ? 2 : 0) + (lex[1] || lex[2] ? 1 : 0); }
inline constexpr int kConstantCases = 4;
template <typename Add>
inline void ConstantFeatures(int which, Add&& add) {
  using namespace feat;
  const bool first = which >= 2, marked = which & 1;
  add(kBias, 0);
  if (first) add(kFirst, 0);
  if (!marked) add(kLexPair, Mix(first ? 0xFFFFFFFFu : 0, 0));
}

// Feature extraction for training: the hashed feature buckets of each
// token of one sequence. Reuses its buffers.
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
  const Lexicon& lexicon_;
  const ClusterTable& clusters_;
  uint32_t mask_;
  std::string key_;
  std::vector<WordInfo> infos_;
  std::vector<const WordInfo*> ptrs_;
  std::vector<uint32_t> lex_;
  std::vector<uint32_t> feats_, offsets_;
};

// Viterbi over BIO with the I-X constraint. scores[i*kNumTags + t] are the
// emission scores; trans as in Model::Impl. Writes the best path to *out.
// delta is scratch (the forward pass keeps only the best scores; the
// back-pointers of the best path are recomputed from them).
void Viterbi(const float* scores, size_t n, const float* trans, std::vector<float>* delta, std::vector<Tag>* out);

// What Viterbi derives from `trans` alone, for a caller that decodes many
// sequences with one model: pt[p][t] the score of tag t after tag p with
// the BIO constraint folded in (-inf where Allowed is false), rows padded
// to kLanes so the loops over t are whole SIMD vectors; tt the same
// transposed; the start scores and whether each tag may start.
struct ViterbiTables {
  static constexpr int kLanes = 12;
  explicit ViterbiTables(const float* trans);
  alignas(16) float pt[kNumTags][kLanes];
  float tt[kNumTags][kNumTags];
  float start[kNumTags];
  bool start_allowed[kNumTags];
};
void Viterbi(const float* scores, size_t n, const ViterbiTables& tables, std::vector<float>* delta,
             std::vector<Tag>* out);

// True if tag `t` may follow `prev` (kNumTags = start of sequence).
bool Allowed(int prev, int t);

}  // namespace akhbar::ner
