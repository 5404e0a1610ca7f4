// Internal to src/extract: the tokenized body shared by the entity, quote and
// claim passes. Not a public header.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

#include <xxhash.h>

#include "akhbar/extract.h"
#include "akhbar/flat_map.h"
#include "akhbar/tokenize.h"

namespace akhbar::extract_internal {

// A fast 64-bit hash of a short key (word forms are 2..30 bytes): 8 bytes a
// step, multiply-xorshift mixing. Only for in-process filters, never stored.
inline uint64_t KeyHash(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  auto mix = [&h](uint64_t w) {
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
  };
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    mix(w);
    p += 8;
    n -= 8;
  }
  if (n > 0) {  // the last 1..7 bytes, read without a byte loop
    uint64_t w;
    if (s.size() >= 8) {
      std::memcpy(&w, s.data() + s.size() - 8, 8);
      w >>= 8 * (8 - n);
    } else if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      w = a | uint64_t(b) << 32;
    } else {
      w = uint64_t(static_cast<unsigned char>(p[0])) | uint64_t(static_cast<unsigned char>(p[n / 2])) << 8 |
          uint64_t(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    mix(w);
  }
  h ^= h >> 32;
  h *= 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 29);
}

// A one-hash bit filter over a set of keys: false means "surely absent", so
// a look-up of a word that is in no table costs a hash and a bit test.
class KeyFilter {
 public:
  void Add(std::string_view key) { Set(KeyHash(key)); }
  bool MayContain(std::string_view key) const { return Test(KeyHash(key)); }
  void Set(uint64_t h) { bits_[(h >> 6) & kMask] |= uint64_t(1) << (h & 63); }
  bool Test(uint64_t h) const { return bits_[(h >> 6) & kMask] >> (h & 63) & 1; }

 private:
  static constexpr size_t kWords = size_t(1) << 12;  // 2^18 bits, 32 KiB
  static constexpr uint64_t kMask = kWords - 1;
  std::vector<uint64_t> bits_ = std::vector<uint64_t>(kWords);
};

// Transparent hashing for sets and maps of std::string looked up by
// std::string_view without a copy.
struct StrHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

// A bounded memo of a pure function of a string, for one thread: at most
// `max` entries, all dropped at once when it is full. An entry is found
// through the XXH3 hash of its key in a flat table and checked against the
// key (a different key with the same hash is computed, not kept); entries
// are reused in place, so their strings keep their capacity. For the
// names and phrases that recur from article to article (their display
// forms, their phonetic keys). The node-based std::unordered_map it
// replaces took 3.9% of bench_extract's samples; this 2.1%.
class StringMemo {
 public:
  explicit StringMemo(size_t max) : max_(max == 0 ? 1 : max) {}
  // compute(key, &value) fills the value of a key not held. The reference
  // is valid until the next call.
  template <typename F>
  const std::string& Get(std::string_view key, F&& compute) {
    const uint64_t h = XXH3_64bits(key.data(), key.size());
    if (const uint32_t* i = index_.find(h)) {
      Entry& e = entries_[*i];
      if (e.key == key) return e.value;
      compute(key, &scratch_);
      return scratch_;
    }
    if (count_ == max_) {
      index_.clear();
      count_ = 0;
    }
    if (count_ == entries_.size()) entries_.emplace_back();
    Entry& e = entries_[count_];
    e.key.assign(key);
    compute(key, &e.value);
    index_[h] = static_cast<uint32_t>(count_++);
    return e.value;
  }

 private:
  struct Entry {
    std::string key, value;
  };
  size_t max_;
  FlatU64Map index_;
  std::vector<Entry> entries_;
  size_t count_ = 0;
  std::string scratch_;
};

// A set of word forms with a KeyFilter in front (most words of a text are
// in none of the small word lists).
class WordSet {
 public:
  void insert(std::string s) {
    filter_.Add(s);
    set_.insert(std::move(s));
  }
  size_t count(std::string_view s) const { return filter_.MayContain(s) && set_.find(s) != set_.end() ? 1 : 0; }
  // With h == KeyHash(s) already computed.
  size_t count(std::string_view s, uint64_t h) const { return filter_.Test(h) && set_.find(s) != set_.end() ? 1 : 0; }
  auto begin() const { return set_.begin(); }
  auto end() const { return set_.end(); }
  size_t size() const { return set_.size(); }

 private:
  KeyFilter filter_;
  std::unordered_set<std::string, StrHash, std::equal_to<>> set_;
};

// Letter folding used by every key (see PhoneticKey in akhbar/extract.h).
// LightWord: diacritics/tatweel/ZWNJ dropped, hamza carriers, ى, ة and
// Persian letters folded, ASCII lower-cased, the article ال dropped when
// `drop_al` and at least two letters remain. PhoneticWord: LightWord plus the
// consonant and long-vowel folding. Both append to *out.
void LightWord(std::string_view word, bool drop_al, std::string* out);
void PhoneticFromLight(std::string_view light, std::string* out);
size_t CodePoints(std::string_view s);

// One reading of a token with its one-letter proclitics (و ف, then ب ل ك)
// removed: `strip` bytes skipped at the token's start.
struct Reading {
  uint32_t strip = 0;
  std::string light;     // LightWord(rest, drop_al = true)
  std::string phonetic;  // PhoneticFromLight(light)
  uint64_t light_hash = 0, phonetic_hash = 0;  // KeyHash of each, for the table filters
};

// The readings of a word token: a view into BuildDoc's per-thread cache of
// word forms, valid until the next BuildDoc on the thread.
struct Readings {
  const Reading* first = nullptr;
  const Reading* last = nullptr;
  size_t size() const { return static_cast<size_t>(last - first); }
  bool empty() const { return first == last; }
  const Reading& operator[](size_t i) const { return first[i]; }
  const Reading& back() const { return last[-1]; }
  const Reading* begin() const { return first; }
  const Reading* end() const { return last; }
};

// The entry of the numbers' word table (numbers.cc) a word matches: opaque
// outside numbers.cc. NumberWordOf(word) is null when the word is no number
// word; BuildDoc keeps it per word form, so that FindNumbersInTokens need
// not fold every word of the text again.
struct NumberWord;
const NumberWord* NumberWordOf(std::string_view word);

// A word form's id in the calling thread's NER tagger (ner::Tagger::WordId),
// kept with the form in BuildDoc's cache of word forms: valid while the
// tagger's generation() is `gen`.
struct NerId {
  uint32_t gen = UINT32_MAX;
  uint32_t id = 0;
};

struct Tok {
  uint32_t begin = 0, end = 0;
  arabic::TokenType type = arabic::TokenType::kOther;
  bool word = false;        // an Arabic or Latin word
  bool newline_before = false;
  uint32_t sentence = 0;    // sentences end at . ! ? ؟ … and line breaks
  // LightWord(token, drop_al = false), proclitics kept; for a token that is
  // no word, the token as written. A view into BuildDoc's cache of word
  // forms or into the text, valid until the next BuildDoc on the thread.
  std::string_view bare;
  Readings readings;        // [0] is the whole token; then proclitic-stripped ones (none if not a word)
  int mention = -1;         // index into Doc::mentions covering this token, or -1
  const NumberWord* number_word = nullptr;  // NumberWordOf(token) for a word, else null
  // Facts of the word form alone, kept with its forms in BuildDoc's cache
  // (false / -1 for a token that is no word):
  bool role_head = false;   // IsRoleHead
  bool gaz_first = false;   // a reading's phonetic key starts a multi-word gazetteer variant
  int gaz_single = -1;      // the gazetteer row a reading matches alone, or -1
  uint32_t gaz_single_strip = 0;  // that reading's strip
  uint8_t speech_verbs = 0;  // SpeechVerbsOf(bare)
  NerId* ner = nullptr;      // the word form's tagger id (in BuildDoc's cache); null for a token that is no word
};

// Which verbs of speech a word is, by its bare form, whole or with a و/ف
// proclitic removed: kSpeechQuote a verb of saying (quotes use only those),
// kSpeechReport a reporting or announcing verb. BuildDoc keeps it per word
// form (Tok::speech_verbs).
inline constexpr uint8_t kSpeechQuote = 1, kSpeechReport = 2;
uint8_t SpeechVerbsOf(std::string_view bare);

struct DocMention {
  uint32_t tok_begin = 0, tok_end = 0;  // token range [tok_begin, tok_end)
  uint32_t begin = 0, end = 0;          // byte span in the body
  int entity = -1;
};

struct DocEntity {
  std::string type;  // "PER", ...
  std::string canonical, latin, gaz_role;
  int gaz = -1;      // gazetteer row, or -1
  std::string key;   // PhoneticKey of the grouping form
  std::vector<int> mentions;  // indices into Doc::mentions
  std::vector<std::string> roles;
};

// A reporting or announcing verb with its resolved subject.
struct Speech {
  uint32_t tok = 0;       // the verb's token
  std::string verb;       // as written, proclitics removed
  int entity = -1;        // resolved speaker entity, or -1
  std::string phrase;     // unresolved speaker phrase (`مصدر في الوزارة`), or ""
  bool quote_verb = false;  // a verb of saying (quotes use only these)
};

struct Doc {
  std::string_view text;
  std::vector<arabic::Token> raw;  // arabic::Tokenize(text), shared with the tagger and FindNumbers
  std::vector<Tok> toks;
  std::vector<DocMention> mentions;  // sorted by begin, non-overlapping
  std::vector<DocEntity> entities;
  std::vector<Speech> speeches;      // in text order
  // Index of the first token with begin >= byte, or toks.size().
  uint32_t TokenAt(uint32_t byte) const;
};

// Tokenizes `text` into *doc and clears the rest of it; a Doc reused across
// texts keeps its buffers (ExtractText reuses one per thread).
void BuildDoc(std::string_view text, Doc* doc);
void FindEntities(const ExtractOptions& options, Doc* doc);
void FindSpeeches(const ExtractOptions& options, Doc* doc);
std::vector<Quote> FindQuotes(const ExtractOptions& options, const Doc& doc);
std::vector<Claim> FindClaims(const ExtractOptions& options, const Doc& doc,
                              const std::vector<NumberMention>& numbers);

// Role-phrase helpers shared by entities and quotes.
bool IsRoleHead(const Tok& t);
// A word of a role phrase after its head; `t` must be an element of doc.toks.
bool IsRoleModifier(const Doc& doc, const Tok& t);
// A title or rank written before a name (`المقدم`, `السيدة`, `الدكتور`).
bool IsTitle(const Tok& t);
// Entity whose role matches the role phrase in tokens [b, e), most recently
// mentioned before token `before`; -1 if none.
int ResolveRole(const Doc& doc, uint32_t b, uint32_t e, uint32_t before);

std::string Hex64(uint64_t v);

// FindNumbers on valid UTF-8 `text` already tokenized: `tokens` must be
// arabic::Tokenize(text). With `toks` (BuildDoc's tokens of the same text,
// one per token) the words' NumberWord are read from them.
std::vector<NumberMention> FindNumbersInTokens(std::string_view text, const std::vector<arabic::Token>& tokens,
                                               const std::vector<Tok>* toks = nullptr);

}  // namespace akhbar::extract_internal
