// Feature extraction and Viterbi decoding for the tagger.
//
// Feature templates follow the usual set for Arabic NER with linear models
// (Benajiba, Rosso and Benedi, "ANERsys", 2007; Benajiba, Diab and Rosso,
// "Arabic Named Entity Recognition using Optimized Feature Sets", EMNLP
// 2008: lexical, clitic/morphological, gazetteer and context features) plus
// word clusters as in Ratinov and Roth, "Design Challenges and
// Misconceptions in Named Entity Recognition", CoNLL 2009. Each feature is
// a template id mixed with an atom hash, folded to 2^hash_bits buckets
// (the hashing trick, Weinberger et al., ICML 2009).
#include <algorithm>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "akhbar/normalize.h"
#include "akhbar/stem.h"
#include "ner/internal.h"

namespace akhbar::ner {

namespace {

// HashBytes (lexicon.cc: XXH3, seed 0) inlined into DescribeWord, which
// takes about sixteen of them a word.
inline uint64_t Hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

// Shape of the token as written: script classes present, Latin case, and
// a length bucket.
uint32_t Shape(std::string_view w) {
  uint32_t f = 0;
  size_t n = 0;  // code points
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    n += (c & 0xC0) != 0x80;
    if (c >= '0' && c <= '9') f |= 1;
    else if (c >= 'A' && c <= 'Z') f |= i == 0 ? 2 : 4;
    else if (c >= 'a' && c <= 'z') f |= 8;
    else if (c >= 0xD8 && c <= 0xDB) f |= 16;
    else if (c < 0x80) f |= 32;  // ASCII punctuation or symbol
    else if ((c & 0xC0) != 0x80) f |= 64;  // other scripts, Eastern digits, marks
  }
  uint32_t len = n <= 1 ? 0 : n <= 2 ? 1 : n <= 3 ? 2 : n <= 5 ? 3 : n <= 8 ? 4 : 5;
  return f | len << 8;
}

// out[k]: the byte length of the first k code points of s (or all of s), k = 0..4.
void PrefixBytes4(std::string_view s, size_t out[5]) {
  size_t i = 0;
  out[0] = 0;
  for (int k = 1; k <= 4; ++k) {
    if (i < s.size()) {
      ++i;
      while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    }
    out[k] = i;
  }
}

// out[k]: the byte offset where the last k code points of s start (0 if
// fewer), k = 0..4.
void SuffixStarts4(std::string_view s, size_t out[5]) {
  size_t i = s.size();
  out[0] = i;
  for (int k = 1; k <= 4; ++k) {
    if (i > 0) {
      --i;
      while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    }
    out[k] = i;
  }
}

}  // namespace

void DescribeWord(std::string_view token, std::string_view w, const Lexicon& lexicon, const ClusterTable& clusters,
                  WordInfo* a) {
  a->word = Hash(w);
  Segmentation seg = SegmentClitics(w);
  a->rest = seg.clitics.empty() ? a->word : Hash(seg.rest);
  a->clitic = Hash(seg.clitics);
  size_t rest_pre[5], pre[5], suf[5];  // prefix lengths and suffix starts of 0..4 letters
  PrefixBytes4(seg.rest, rest_pre);
  PrefixBytes4(w, pre);
  SuffixStarts4(w, suf);
  // A prefix or suffix that is the whole word (or rest) has its hash already.
  auto word_part = [&](size_t b, size_t e) { return e - b == w.size() ? a->word : Hash(w.substr(b, e - b)); };
  auto rest_prefix = [&](size_t e) { return e == seg.rest.size() ? a->rest : Hash(seg.rest.substr(0, e)); };
  a->rest_pre[0] = rest_prefix(rest_pre[2]);
  a->rest_pre[1] = rest_prefix(rest_pre[3]);
  a->stem = Hash(arabic::LightStem(w));
  for (int k = 0; k < 3; ++k) {
    a->pre[k] = word_part(0, pre[k + 1]);
    a->suf[k] = word_part(suf[k + 1], w.size());
  }
  a->shape = Shape(token);
  uint16_t c, f;
  if (clusters.FindHash(a->word, &c, &f) || (!seg.clitics.empty() && clusters.FindHash(a->rest, &c, &f)))
    a->cluster = uint32_t(c & kCoarseMask) << 16 | f, a->corpus_label = uint8_t(c >> kClusterLabelShift);
  else
    a->cluster = 0xFFFFFFFFu, a->corpus_label = 0;
  a->rest_cluster = 0xFFFFFFFFu;
  if (!seg.clitics.empty() && clusters.FindHash(a->rest, &c, &f))
    a->rest_cluster = uint32_t(c & kCoarseMask) << 16 | f;
  a->pre4 = word_part(0, pre[4]);
  a->suf4 = word_part(suf[4], w.size());
  a->rest_pre1 = rest_prefix(rest_pre[1]);
  a->rest_pre4 = rest_prefix(rest_pre[4]);
  a->num_lex_start = uint8_t(lexicon.Starts(w, a->lex_start));
}

void FeatureExtractor::Extract(const std::vector<std::string_view>& tokens) {
  const size_t n = tokens.size();
  infos_.resize(n);
  ptrs_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    key_.clear();
    arabic::AppendMatchKey(tokens[i], &key_);
    DescribeWord(tokens[i], key_, lexicon_, clusters_, &infos_[i]);
    ptrs_[i] = &infos_[i];
  }
  lex_.assign(n, 0);
  lexicon_.MarkInfos(ptrs_.data(), n, lex_.data());

  feats_.clear();
  offsets_.assign(1, 0);
  auto add = [&](uint64_t tmpl, uint64_t value) { feats_.push_back(uint32_t(Mix(tmpl, value)) & mask_); };
  const WordInfo* win[kOffsets];
  uint32_t lex[kOffsets];
  for (size_t i = 0; i < n; ++i) {
    for (int k = 0; k < kOffsets; ++k) {
      long j = long(i) + k - kWindow;
      bool in = j >= 0 && j < long(n);
      win[k] = in ? ptrs_[size_t(j)] : nullptr;
      lex[k] = in ? lex_[size_t(j)] : 0;
    }
    ContextFeatures(i, win, lex, add);
    for (int k = 0; k < kOffsets; ++k) UnaryFeatures(k - kWindow, win[k], add);
    offsets_.push_back(uint32_t(feats_.size()));
  }
}

bool Allowed(int prev, int t) {
  // I-X (even ids 2, 4, 6, 8) only after B-X (t - 1) or I-X (t).
  if (t == 0 || (t & 1)) return true;
  return prev == t || prev == t - 1;
}

ViterbiTables::ViterbiTables(const float* trans) {
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  for (int p = 0; p < kNumTags; ++p)
    for (int t = 0; t < kLanes; ++t)
      pt[p][t] = t < kNumTags && Allowed(p, t) ? trans[p * kNumTags + t] : kNeg;
  for (int t = 0; t < kNumTags; ++t)
    for (int p = 0; p < kNumTags; ++p) tt[t][p] = pt[p][t];
  for (int t = 0; t < kNumTags; ++t) {
    start_allowed[t] = Allowed(kNumTags, t);
    start[t] = trans[kNumTags * kNumTags + t];
  }
}

void Viterbi(const float* scores, size_t n, const float* trans, std::vector<float>* delta, std::vector<Tag>* out) {
  Viterbi(scores, n, ViterbiTables(trans), delta, out);
}

void Viterbi(const float* scores, size_t n, const ViterbiTables& tables, std::vector<float>* delta,
             std::vector<Tag>* out) {
  out->resize(n);
  if (n == 0) return;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  [[maybe_unused]] constexpr int kLanes = ViterbiTables::kLanes;
  const auto& pt = tables.pt;
  const auto& tt = tables.tt;
  delta->resize(n * kNumTags);
  float* d = delta->data();
  for (int t = 0; t < kNumTags; ++t) d[t] = tables.start_allowed[t] ? tables.start[t] + scores[t] : kNeg;
  // Forward pass: the best score of each tag only. For each t it is the
  // running maximum of prev[p] + pt[p][t] over p = 0..8 taken with `s >
  // best`, the very sums and comparisons of the arg-max below, so the
  // values are exactly those of a pass that also kept back-pointers.
  for (size_t i = 1; i < n; ++i) {
    const float* prev = d + (i - 1) * kNumTags;
    float* cur = d + i * kNumTags;
    const float* sc = scores + i * kNumTags;
#if defined(__SSE2__)
    // Tags 0..7 as two vectors of four; _mm_max_ps(s, best) is `s > best ?
    // s : best`. Tag 8 (I-MISC) may follow only 7 (B-MISC) and itself:
    // every other p gives -inf, which that running maximum passes over, so
    // the scalar steps of p = 7 and 8 give the very same value.
    static_assert(kNumTags == 9);
    __m128 q = _mm_set1_ps(prev[0]);
    __m128 b0 = _mm_add_ps(q, _mm_load_ps(&pt[0][0]));
    __m128 b1 = _mm_add_ps(q, _mm_load_ps(&pt[0][4]));
#pragma GCC unroll 8
    for (int p = 1; p < kNumTags; ++p) {
      q = _mm_set1_ps(prev[p]);
      b0 = _mm_max_ps(_mm_add_ps(q, _mm_load_ps(&pt[p][0])), b0);
      b1 = _mm_max_ps(_mm_add_ps(q, _mm_load_ps(&pt[p][4])), b1);
    }
    _mm_storeu_ps(cur, _mm_add_ps(b0, _mm_loadu_ps(sc)));
    _mm_storeu_ps(cur + 4, _mm_add_ps(b1, _mm_loadu_ps(sc + 4)));
    const float s7 = prev[7] + pt[7][8], s8 = prev[8] + pt[8][8];
    cur[8] = (s8 > s7 ? s8 : s7) + sc[8];
#else
    float best[kLanes];
    for (int t = 0; t < kLanes; ++t) best[t] = prev[0] + pt[0][t];
    for (int p = 1; p < kNumTags; ++p) {
      const float q = prev[p];
      for (int t = 0; t < kLanes; ++t) {
        const float s = q + pt[p][t];
        best[t] = s > best[t] ? s : best[t];
      }
    }
    for (int t = 0; t < kNumTags; ++t) cur[t] = best[t] + sc[t];
#endif
  }
  // Backward: the best last tag, then at each position the first previous
  // tag reaching the maximum (strict `>` over p in order; for I-X, which
  // only B-X and I-X may precede, B-X unless I-X is strictly better).
  const float* last = d + (n - 1) * kNumTags;
  int best = int(std::max_element(last, last + kNumTags) - last);
  for (size_t i = n - 1; i > 0; --i) {
    (*out)[i] = Tag(best);
    const float* prev = d + (i - 1) * kNumTags;
    const float* r = tt[best];
    int arg;
    if (best != 0 && !(best & 1)) {
      const float sb = prev[best - 1] + r[best - 1], si = prev[best] + r[best];
      arg = si > sb ? best : best - 1;
    } else {
#if defined(__SSE2__)
      static_assert(kNumTags == 9);
      // The scan below keeps the first p reaching the maximum: the sums as
      // vectors, their maximum, then the first lane equal to it (no sum is
      // NaN: the weights are finite and the forbidden moves -inf).
      const __m128 s0 = _mm_add_ps(_mm_loadu_ps(prev), _mm_loadu_ps(r));
      const __m128 s1 = _mm_add_ps(_mm_loadu_ps(prev + 4), _mm_loadu_ps(r + 4));
      const float s8 = prev[8] + r[8];
      __m128 mx = _mm_max_ps(s0, s1);
      mx = _mm_max_ps(mx, _mm_shuffle_ps(mx, mx, _MM_SHUFFLE(1, 0, 3, 2)));
      mx = _mm_max_ps(mx, _mm_shuffle_ps(mx, mx, _MM_SHUFFLE(2, 3, 0, 1)));
      float m = _mm_cvtss_f32(mx);
      if (s8 > m) m = s8;
      const __m128 vm = _mm_set1_ps(m);
      const unsigned eq = unsigned(_mm_movemask_ps(_mm_cmpeq_ps(s0, vm))) |
                          unsigned(_mm_movemask_ps(_mm_cmpeq_ps(s1, vm))) << 4 | unsigned(s8 == m) << 8;
      arg = __builtin_ctz(eq);
#else
      float b = prev[0] + r[0];
      arg = 0;
      for (int p = 1; p < kNumTags; ++p) {
        const float s = prev[p] + r[p];
        if (s > b) {
          b = s;
          arg = p;
        }
      }
#endif
    }
    best = arg;
  }
  (*out)[0] = Tag(best);
}

}  // namespace akhbar::ner
