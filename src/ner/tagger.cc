// Tagging: features -> emission scores -> Viterbi; mentions from BIO tags.
#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "akhbar/normalize.h"
#include "akhbar/tokenize.h"
#include "ner/internal.h"

namespace akhbar::ner {

// The tagger caches, per distinct token, the summed weights of its unary
// features at each of the five window offsets (and its lexicon keys), so a
// token's emission scores are five vector additions plus the features of
// lexicon matches, when there are any, instead of ~40 hashed lookups.
struct CachedWord {
  // v[d + kWindow]: its unary features at distance d; int16 holds them
  // exactly (kQuantMax * kMaxUnary <= 32767) at half the cache footprint.
  int16_t v[kOffsets][kNumTags];
};

struct Tagger::Scratch {
  explicit Scratch(const Model& model)
      : m(model.impl()), lexicon(Lexicon::Default()), mask((1u << m.hash_bits) - 1), viterbi(m.trans.data()) {
    for (uint64_t k = 0; k < kLexTemplates; ++k)
      for (uint64_t b = 0; b < kLexBits; ++b) lex_rows[k][b] = m.QRow(uint32_t(Mix(feat::kLex + k, b)) & mask);
    for (int k = 0; k < kOffsets; ++k) {
      int32_t sum[kNumTags] = {};
      if (k != kWindow) UnaryFeatures(k - kWindow, nullptr, Adder{this, sum});
      for (int t = 0; t < kNumTags; ++t) padding.v[k][t] = int16_t(sum[t]);
    }
    for (int c = 0; c < kConstantCases; ++c) {
      std::fill_n(constant[c], kNumTags, 0);
      ConstantFeatures(c, Adder{this, constant[c]});
    }
  }
  struct Adder {
    const Scratch* s;
    int32_t* acc;
    void operator()(uint64_t tmpl, uint64_t value) const {
      // The lexicon-bit features (a template of five, a bit index) have
      // their rows looked up once, in lex_rows.
      const int16_t* w = tmpl >= feat::kLex && tmpl <= feat::kLexP2 && value < kLexBits
                             ? s->lex_rows[tmpl - feat::kLex][value]
                             : s->m.QRow(uint32_t(Mix(tmpl, value)) & s->mask);
      if (!w) return;
#pragma GCC unroll 9
      for (int t = 0; t < kNumTags; ++t) acc[t] += w[t];
    }
  };
  // Index of the cache entry of `token`, whose XXH3 is `h`, computed on a miss.
  uint32_t Lookup(std::string_view token, uint64_t h) {
    if (words.capacity() == 0) {  // address space only until used
      words.reserve(kMaxCached);
      lex_words.reserve(kMaxCached);
    }
    Recent& r = recent[h & (kRecent - 1)];
    if (r.hash == h && h != 0) return r.id;
    uint32_t& slot = index[h];
    if (slot) {
      r = {h, slot - 1};
      return slot - 1;
    }
    CachedWord& c = words.emplace_back();
    key.clear();
    arabic::AppendMatchKey(token, &key);
    WordInfo info;
    DescribeWord(token, key, lexicon, m.clusters, &info);
    lex_words.push_back({info.word, uint32_t(lex_starts.size()), info.num_lex_start});
    lex_starts.insert(lex_starts.end(), info.lex_start, info.lex_start + info.num_lex_start);
    SumUnary(info, &c);
    slot = uint32_t(words.size());
    r = {h, slot - 1};
    return slot - 1;
  }
  // c->v[k]: the summed weights of the unary features of `info` at offset
  // k - kWindow. The ~45 look-ups of a word are independent, so they run in
  // three passes (buckets, then rows, then sums), each prefetching what the
  // next one reads: the cache misses overlap instead of queueing one after
  // another. Integer sums: the same result in any order.
  // Flattened: UnaryFeatures inlined at each of the five constant offsets
  // (its switch and null tests fold away).
  [[gnu::flatten]] void SumUnary(const WordInfo& info, CachedWord* c) {
    static constexpr int kMaxFeats = kOffsets * kMaxUnary;
    uint32_t bucket[kMaxFeats];
    uint8_t offset[kMaxFeats];
    const int16_t* row[kMaxFeats];
    int nf = 0;
    auto at = [&](int k) {
      return [&, k](uint64_t tmpl, uint64_t value) {
        const uint32_t b = uint32_t(Mix(tmpl, value)) & mask;
        __builtin_prefetch(&m.present[b >> 6]);
        __builtin_prefetch(&m.rank[b >> 6]);
        bucket[nf] = b;
        offset[nf++] = uint8_t(k);
      };
    };
    static_assert(kOffsets == 5 && kWindow == 2);
    UnaryFeatures(-2, &info, at(0));
    UnaryFeatures(-1, &info, at(1));
    UnaryFeatures(0, &info, at(2));
    UnaryFeatures(1, &info, at(3));
    UnaryFeatures(2, &info, at(4));
    for (int f = 0; f < nf; ++f) {
      row[f] = m.QRow(bucket[f]);
      if (row[f]) {
        __builtin_prefetch(row[f]);
        __builtin_prefetch(row[f] + kNumTags - 1);
      }
    }
#if defined(__SSE2__)
    // Summed in int16 lanes (tags 0..7 in a vector, tag 8 apart): addition
    // wraps modulo 2^16 like the int16 the sums are stored in, so the
    // result is that of int32 sums cast to int16.
    __m128i sum[kOffsets];
    uint16_t last[kOffsets];
    for (int k = 0; k < kOffsets; ++k) {
      sum[k] = _mm_setzero_si128();
      last[k] = 0;
    }
    for (int f = 0; f < nf; ++f) {
      if (!row[f]) continue;
      const int k = offset[f];
      sum[k] = _mm_add_epi16(sum[k], _mm_loadu_si128(reinterpret_cast<const __m128i*>(row[f])));
      last[k] = uint16_t(last[k] + uint16_t(row[f][8]));
    }
    for (int k = 0; k < kOffsets; ++k) {
      _mm_storeu_si128(reinterpret_cast<__m128i*>(c->v[k]), sum[k]);
      c->v[k][8] = int16_t(last[k]);
    }
#else
    int32_t sum[kOffsets][kNumTags] = {};
    for (int f = 0; f < nf; ++f) {
      if (!row[f]) continue;
      int32_t* acc = sum[offset[f]];
#pragma GCC unroll 9
      for (int t = 0; t < kNumTags; ++t) acc[t] += row[f][t];
    }
    for (int k = 0; k < kOffsets; ++k)
      for (int t = 0; t < kNumTags; ++t) c->v[k][t] = int16_t(sum[k][t]);
#endif
  }
  static constexpr size_t kMaxCached = size_t(1) << 18;
  uint32_t generation = 0;  // bumped when the cache is emptied
  void Empty() {
    words.clear();
    lex_words.clear();
    lex_starts.clear();
    index = FlatMap();
    std::fill(recent.begin(), recent.end(), Recent{});
    ++generation;
  }

  const Model::Impl& m;
  const Lexicon& lexicon;
  const uint32_t mask;
  const ViterbiTables viterbi;  // of m.trans, once
  // lex_rows[t - kLex][b]: the row of lexicon template t (kLex..kLexP2) with bit b.
  static constexpr uint64_t kLexTemplates = feat::kLexP2 - feat::kLex + 1;
  static constexpr uint64_t kLexBits = 2 * kNumLexKinds;
  const int16_t* lex_rows[kLexTemplates][kLexBits];
  CachedWord padding;  // v[k]: the padding's unary features at offset k (k != kWindow)
  int32_t constant[kConstantCases][kNumTags];
  FlatMap index;  // XXH3 of the token as written -> 1 + index into words
  // A direct-mapped front to `index` for the frequent words (fits in L1/L2).
  struct Recent {
    uint64_t hash = 0;
    uint32_t id = 0;
  };
  static constexpr size_t kRecent = 16384;
  std::vector<Recent> recent = std::vector<Recent>(kRecent);
  std::vector<CachedWord> words;
  // What the lexicon matcher needs of each cached word (apart from the
  // weights: the hot loop reads only those).
  struct LexEntry {
    uint64_t word;       // HashBytes of the kMatch form
    uint32_t start_off;  // its Lexicon::Starts in lex_starts
    uint32_t num_starts;
  };
  std::vector<LexEntry> lex_words;
  std::vector<uint64_t> lex_starts;
  WordInfo present_word;  // ContextFeatures<true> only tests its neighbours for null
  std::string key;
  std::vector<uint32_t> ids;
  std::vector<uint64_t> hashes;  // XXH3 of each token of the sequence
  std::vector<const CachedWord*> vp;
  std::vector<uint32_t> lex;
  std::vector<float> scores, delta;
  std::vector<arabic::Token> tokens;
  std::vector<std::string_view> piece;
  std::vector<uint32_t> word_token;  // index into tokens of each word
  std::vector<Tag> tags;
};

Tagger::Tagger(const Model& model) : model_(model), scratch_(std::make_unique<Scratch>(model)) {}
Tagger::~Tagger() = default;

void Tagger::TagTokens(const std::vector<std::string_view>& tokens, std::vector<Tag>* tags) {
  // Bound the cache; entries stay valid within one call. A sequence longer
  // than the cache holds starts from an empty one.
  if (!Reserve(tokens.size())) scratch_->Empty();
  TagTokens(tokens, nullptr, tags);
}

uint32_t Tagger::generation() const { return scratch_->generation; }

bool Tagger::Reserve(size_t n) {
  Scratch& s = *scratch_;
  if (n > Scratch::kMaxCached) return false;
  if (s.words.size() + n > Scratch::kMaxCached) s.Empty();
  return true;
}

uint32_t Tagger::WordId(std::string_view token) {
  return scratch_->Lookup(token, XXH3_64bits(token.data(), token.size()));
}

void Tagger::TagTokens(const std::vector<std::string_view>& tokens, const uint32_t* ids, std::vector<Tag>* tags) {
  Scratch& s = *scratch_;
  const Model::Impl& m = model_.impl();
  const size_t n = tokens.size();
  auto given = [ids](size_t i) { return ids != nullptr && ids[i] != kNoId; };
  // The look-ups in two passes so that the memory they touch is requested
  // ahead of use: the hashes first (prefetching the direct-mapped front),
  // then the look-ups, prefetching the index slot a few tokens ahead when
  // the front misses and the cache entry of each token (read by the marking
  // and scoring loops below). A token whose id is given is not looked up.
  s.ids.resize(n);
  s.hashes.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (given(i)) continue;
    const uint64_t h = XXH3_64bits(tokens[i].data(), tokens[i].size());
    s.hashes[i] = h;
    __builtin_prefetch(&s.recent[h & (Scratch::kRecent - 1)]);
  }
  constexpr size_t kAhead = 4;
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n && !given(i + kAhead)) {
      const uint64_t ha = s.hashes[i + kAhead];
      if (s.recent[ha & (Scratch::kRecent - 1)].hash != ha) s.index.Prefetch(ha);
    }
    const uint32_t id = given(i) ? ids[i] : s.Lookup(tokens[i], s.hashes[i]);
    s.ids[i] = id;
    const char* p = reinterpret_cast<const char*>(&s.words[id]);
    __builtin_prefetch(p);  // 90 bytes: up to three cache lines
    __builtin_prefetch(p + 64);
    __builtin_prefetch(p + sizeof(CachedWord) - 1);
    __builtin_prefetch(&s.lex_words[id]);
  }
  // s.lex[i + kWindow] is token i's lexicon bits, with kWindow zeros
  // (no word) on each side: the window below reads it without bounds tests.
  s.lex.assign(n + 2 * kWindow, 0);
  s.lexicon.MarkWith(
      n,
      [&s](size_t i) {
        const Scratch::LexEntry& e = s.lex_words[s.ids[i]];
        return Lexicon::LexWord{e.word, s.lex_starts.data() + e.start_off, int(e.num_starts)};
      },
      s.lex.data() + kWindow);
  s.scores.resize(n * kNumTags);
  // vp[i + kWindow] is token i's cache entry; the padding entry beyond the ends.
  s.vp.resize(n + 2 * kWindow);
  for (int k = 0; k < kWindow; ++k) s.vp[size_t(k)] = s.vp[n + kWindow + size_t(k)] = &s.padding;
  for (size_t i = 0; i < n; ++i) s.vp[i + kWindow] = &s.words[s.ids[i]];
  const WordInfo* win[kOffsets] = {};
  uint32_t lex[kOffsets];
  for (size_t i = 0; i < n; ++i) {
    const CachedWord* const* w = &s.vp[i];
    bool marked = false;
#pragma GCC unroll 5
    for (int k = 0; k < kOffsets; ++k) {
      lex[k] = s.lex[i + size_t(k)];
      marked |= lex[k] != 0;
    }
    const int32_t* c = s.constant[ConstantCase(i, lex)];
    int32_t acc[kNumTags];
#if defined(__SSE2__)
    {
      // Tags 0..7 as two vectors of int32 (each offset's eight int16
      // widened by sign), tag 8 apart: the same integer sums.
      __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c));
      __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c + 4));
      int32_t last = c[8];
#pragma GCC unroll 5
      for (int k = 0; k < kOffsets; ++k) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w[k]->v[k]));
        lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
        hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
        last += w[k]->v[k][8];
      }
      _mm_storeu_si128(reinterpret_cast<__m128i*>(acc), lo);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(acc + 4), hi);
      acc[8] = last;
    }
#else
#pragma GCC unroll 9
    for (int t = 0; t < kNumTags; ++t)
      acc[t] = c[t] + w[0]->v[0][t] + w[1]->v[1][t] + w[2]->v[2][t] + w[3]->v[3][t] + w[4]->v[4][t];
#endif
    if (marked) {  // lexicon features; none when no word of the window is marked
      // ContextFeatures<true> reads only win[1] (is there a previous word).
      win[1] = i >= 1 ? &s.present_word : nullptr;
      ContextFeatures<true>(i, win, lex, Scratch::Adder{&s, acc});
    }
    float* sc = &s.scores[i * kNumTags];
    const float scale = m.scale;
#if defined(__SSE2__)
    const __m128 vscale = _mm_set1_ps(scale);  // cvtdq2ps and mulps round as the scalar code
    _mm_storeu_ps(sc, _mm_mul_ps(_mm_cvtepi32_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(acc))), vscale));
    _mm_storeu_ps(sc + 4,
                  _mm_mul_ps(_mm_cvtepi32_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(acc + 4))), vscale));
    sc[8] = float(acc[8]) * scale;
#else
#pragma GCC unroll 9
    for (int t = 0; t < kNumTags; ++t) sc[t] = float(acc[t]) * scale;
#endif
  }
  Viterbi(s.scores.data(), n, s.viterbi, &s.delta, tags);
}

namespace {

EntityType TypeOfTag(Tag t) { return EntityType((int(t) - 1) / 2); }

bool EndsPiece(std::string_view tok) {
  return tok == "." || tok == "!" || tok == "?" || tok == "\xD8\x9F";  // ؟
}

}  // namespace

std::vector<EntityMention> Tagger::TagEntities(std::string_view text) {
  Scratch& s = *scratch_;
  arabic::Tokenize(text, &s.tokens);
  return TagEntities(text, s.tokens, true);
}

std::vector<EntityMention> Tagger::TagEntities(std::string_view text, const std::vector<arabic::Token>& tokens,
                                               bool with_text) {
  return TagEntities(text, tokens, with_text, nullptr);
}

std::vector<EntityMention> Tagger::TagEntities(std::string_view text, const std::vector<arabic::Token>& tokens,
                                               bool with_text, const uint32_t* ids) {
  Scratch& s = *scratch_;
  std::vector<EntityMention> out;
  size_t i = 0;
  const size_t nt = tokens.size();
  while (i < nt) {
    s.piece.clear();
    s.word_token.clear();
    size_t j = i;
    for (; j < nt && s.piece.size() < 256; ++j) {
      const arabic::Token& t = tokens[j];
      std::string_view w = text.substr(t.begin, t.end - t.begin);
      s.piece.push_back(w);
      s.word_token.push_back(uint32_t(j));
      if (t.type == arabic::TokenType::kPunct && EndsPiece(w)) {
        ++j;
        break;
      }
    }
    if (ids) {
      TagTokens(s.piece, ids + i, &s.tags);
    } else {
      TagTokens(s.piece, &s.tags);
    }
    for (const Chunk& c : ChunksOf(s.tags)) {
      EntityMention e;
      e.begin = tokens[s.word_token[c.begin]].begin;
      e.end = tokens[s.word_token[c.end - 1]].end;
      e.type = c.type;
      if (with_text) e.text.assign(text.substr(e.begin, e.end - e.begin));
      out.push_back(std::move(e));
    }
    i = j;
  }
  return out;
}

Tagger& ThreadTagger() {
  thread_local Tagger tagger(Model::Default());
  return tagger;
}

std::vector<EntityMention> TagEntities(std::string_view utf8_text) { return ThreadTagger().TagEntities(utf8_text); }

std::vector<EntityMention> TagEntities(std::string_view utf8_text, const std::vector<arabic::Token>& tokens,
                                       bool with_text) {
  return ThreadTagger().TagEntities(utf8_text, tokens, with_text);
}

std::vector<Chunk> ChunksOf(const std::vector<Tag>& tags) {
  std::vector<Chunk> out;
  bool open = false;
  Chunk cur;
  for (size_t i = 0; i < tags.size(); ++i) {
    Tag t = tags[i];
    bool is_b = t != Tag::kO && (int(t) & 1);
    bool is_i = t != Tag::kO && !is_b;
    if (open && (t == Tag::kO || is_b || TypeOfTag(t) != cur.type)) {
      cur.end = uint32_t(i);
      out.push_back(cur);
      open = false;
    }
    if (!open && (is_b || is_i)) {
      cur.begin = uint32_t(i);
      cur.type = TypeOfTag(t);
      open = true;
    }
  }
  if (open) {
    cur.end = uint32_t(tags.size());
    out.push_back(cur);
  }
  return out;
}

}  // namespace akhbar::ner
