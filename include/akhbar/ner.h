// akhbar/ner.h: named-entity recognition for Arabic news text.
//
// A statistical tagger the project trains itself (src/ner/train_ner.cc,
// scripts/train-ner.sh) on ANERcorp: a first-order structured averaged
// perceptron (Collins, "Discriminative Training Methods for Hidden Markov
// Models", EMNLP 2002) over ANERcorp's BIO tags, decoded by Viterbi with the
// BIO constraint (I-X only after B-X or I-X). Features (src/ner/internal.h):
// the word's kMatch form, clitic segmentation, light stem, affixes, shape,
// a +-2 word window, gazetteer membership (data/gazetteer.tsv,
// data/agencies.tsv, data/ner-lexicon.tsv and ICU's Arabic country and city
// names) and word clusters learned from an unlabelled news corpus. The
// shipped weights average five perceptrons trained with different sentence
// orders on ANERcorp plus one mention-replaced copy of it. The trained model
// ships inside the binary (data/ner.model); tagging reads nothing from disk.
//
// Output is mentions, not canonical entities: variant merging, roles and
// quotations build on top of the byte spans returned here.
//
// Thread-safety: a Model is immutable after Parse and may be shared by any
// number of threads; a Tagger holds scratch buffers and belongs to one
// thread at a time. The free functions use the embedded model and a
// thread-local Tagger.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/status.h"
#include "akhbar/tokenize.h"

namespace akhbar::ner {

enum class EntityType : uint8_t { kPerson, kLocation, kOrganization, kMisc };

// "PER", "LOC", "ORG", "MISC".
const char* EntityTypeName(EntityType type);

// The BIO tag set of ANERcorp, in this order (the model's tag ids).
enum class Tag : uint8_t { kO, kBPers, kIPers, kBLoc, kILoc, kBOrg, kIOrg, kBMisc, kIMisc };
inline constexpr int kNumTags = 9;

// ANERcorp's label: "O", "B-PERS", "I-PERS", "B-LOC", ... "I-MISC".
const char* TagName(Tag tag);
// Inverse of TagName; false if `name` is not one of the nine labels.
bool ParseTag(std::string_view name, Tag* out);

struct EntityMention {
  uint32_t begin = 0;  // byte offset of the first byte in the tagged text
  uint32_t end = 0;    // one past the last byte
  EntityType type = EntityType::kMisc;
  std::string text;    // the text's bytes [begin, end)
};

// The persisted model. File layout (little-endian), see src/ner/model.cc:
//   "AKHNER\r\n" magic, u32 version (kModelVersion), sections (clusters,
//   transitions, sparse quantized feature weights), xxh64 of all before it.
// Version 2: no bigram features, MISC and PER lexicon kinds (new bits).
inline constexpr uint32_t kModelVersion = 2;

class Model {
 public:
  Model();
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;

  // Parses and validates a model file's bytes (magic, version, bounds,
  // checksum). Linear in the size. Never crashes on bad bytes.
  static Result<Model> Parse(std::string_view bytes);
  // The model compiled into the binary (data/ner.model), parsed once on
  // first use (thread-safe). An embedded model that fails to parse is a
  // build error, caught by the tests: it aborts.
  static const Model& Default();

  uint32_t hash_bits() const;       // feature hash table size is 2^hash_bits
  size_t weight_rows() const;       // feature buckets with a non-zero weight
  size_t cluster_words() const;     // words with a cluster id
  // The cluster ids of a kMatch-normalized word, or false if unknown.
  bool Cluster(std::string_view match_word, uint16_t* coarse, uint16_t* fine) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }
  Impl& mutable_impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Tags token sequences with one model. Reuses its buffers across calls
// (no allocation in steady state). One thread at a time. Keeps a cache of
// up to 2^18 distinct tokens (their features' summed weights and lexicon
// keys, about 110 bytes each, so at most ~30 MB), emptied when full.
class Tagger {
 public:
  explicit Tagger(const Model& model);
  ~Tagger();
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // One tag per token; tokens are words as written (any normalization).
  // A sequence is decoded as one unit; pass sentences for CoNLL input.
  // Cost: O(n) cached look-ups (O(features) for a token not seen before)
  // plus O(n * 45) for Viterbi.
  void TagTokens(const std::vector<std::string_view>& tokens, std::vector<Tag>* tags);

  // Word ids, for a caller that keeps its own cache of word forms: the id
  // of a token is its entry in this tagger's cache, found once and then
  // passed back (TagTokens and TagEntities with `ids`) instead of being
  // looked up again by the token's bytes at every occurrence. An id is
  // valid while generation() is unchanged: the cache is emptied (and the
  // generation changes) only by Reserve, or by a call without `ids`.
  static constexpr uint32_t kNoId = UINT32_MAX;
  uint32_t generation() const;
  // Makes room for the words of `n` more tokens: the calls with `ids` that
  // follow, for at most n tokens in all, do not empty the cache. Empties it
  // now when it could not hold them. False (nothing done) when n is more
  // than the cache ever holds: tag such a text without ids, so that the
  // cache stays bounded.
  bool Reserve(size_t n);
  // The id of `token` (as written), its features scored now if it is new.
  uint32_t WordId(std::string_view token);
  // TagTokens with ids[i] the id of tokens[i], or kNoId to look it up.
  // Reserve must have made room for the tokens without an id.
  void TagTokens(const std::vector<std::string_view>& tokens, const uint32_t* ids, std::vector<Tag>* tags);

  // Tokenizes valid UTF-8 text with arabic::Tokenize and returns the entity
  // mentions in text order, spans as byte offsets into `utf8_text`. Texts
  // are decoded in pieces that end at . ! ? ؟ (or every 256 tokens).
  std::vector<EntityMention> TagEntities(std::string_view utf8_text);
  // The same on tokens the caller already has: `tokens` must be
  // arabic::Tokenize(utf8_text). Each mention's `text` is left empty when
  // `with_text` is false (callers that only need the spans).
  std::vector<EntityMention> TagEntities(std::string_view utf8_text, const std::vector<arabic::Token>& tokens,
                                         bool with_text = true);
  // The same with ids[i] the id of tokens[i] or kNoId (see WordId; after a
  // Reserve for tokens.size()).
  std::vector<EntityMention> TagEntities(std::string_view utf8_text, const std::vector<arabic::Token>& tokens,
                                         bool with_text, const uint32_t* ids);

  struct Scratch;

 private:
  const Model& model_;
  std::unique_ptr<Scratch> scratch_;
};

// The calling thread's Tagger of the embedded model (the one TagEntities uses).
Tagger& ThreadTagger();
// TagEntities with the embedded model and a thread-local Tagger.
std::vector<EntityMention> TagEntities(std::string_view utf8_text);
// The same on tokens the caller already has (see Tagger::TagEntities).
std::vector<EntityMention> TagEntities(std::string_view utf8_text, const std::vector<arabic::Token>& tokens,
                                       bool with_text = true);

// ---- CoNLL input and conlleval-style scoring --------------------------

struct ConllToken {
  std::string word;
  bool has_gold = false;
  Tag gold = Tag::kO;
  uint32_t blank_lines_after = 0;  // empty lines that followed this token in the input
};
using ConllSentence = std::vector<ConllToken>;

struct ConllOptions {
  bool period_ends_sentence = true;  // a line whose word is "." ends a sentence (ANERcorp)
  bool strict_tags = false;          // an unknown second column is an error (else: word only)
};

// Reads one token per line: WORD, or WORD<whitespace>TAG (split at the last
// run of spaces/tabs). Empty lines and (by default) "." lines end sentences;
// the "." token stays in its sentence. \r\n accepted. A line "  O" (blank
// word, a tag) is a token with an empty word. Linear time. Errors name the
// line (a bad tag with strict_tags; invalid UTF-8).
Result<std::vector<ConllSentence>> ReadConll(std::string_view text, const ConllOptions& options = {});

struct Chunk {
  uint32_t begin = 0, end = 0;  // token indices [begin, end)
  EntityType type = EntityType::kMisc;
  bool operator==(const Chunk&) const = default;
};

// Entity chunks of a BIO sequence as conlleval reads them: a chunk starts
// at B-X, or at I-X that follows O or another type; it ends before O, B-*,
// or I-Y of another type.
std::vector<Chunk> ChunksOf(const std::vector<Tag>& tags);

struct TypeScore {
  size_t gold = 0, predicted = 0, correct = 0;
  double Precision() const { return predicted ? double(correct) / predicted : 0.0; }
  double Recall() const { return gold ? double(correct) / gold : 0.0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

// Entity-level micro scores (exact span and type), as conlleval.
struct Evaluation {
  TypeScore by_type[4];  // indexed by EntityType
  size_t tokens = 0, tokens_correct = 0;
  void Add(const std::vector<Tag>& gold, const std::vector<Tag>& predicted);
  TypeScore Micro(bool with_misc = true) const;
  std::string Report() const;  // a readable multi-line table
};

}  // namespace akhbar::ner
