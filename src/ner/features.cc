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

#include "akhbar/normalize.h"
#include "akhbar/stem.h"
#include "ner/internal.h"

namespace akhbar::ner {

namespace {

// Byte length of the first n code points of s (or all of s).
size_t PrefixBytes(std::string_view s, int n) {
  size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

// Byte offset where the last n code points of s start (0 if fewer).
size_t SuffixStart(std::string_view s, int n) {
  size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  }
  return i;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Shape of the token as written: script classes present, Latin case, and
// a length bucket.
uint32_t Shape(std::string_view w) {
  uint32_t f = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c >= '0' && c <= '9') f |= 1;
    else if (c >= 'A' && c <= 'Z') f |= i == 0 ? 2 : 4;
    else if (c >= 'a' && c <= 'z') f |= 8;
    else if (c >= 0xD8 && c <= 0xDB) f |= 16;
    else if (c < 0x80) f |= 32;  // ASCII punctuation or symbol
    else if ((c & 0xC0) != 0x80) f |= 64;  // other scripts, Eastern digits, marks
  }
  size_t n = CodePoints(w);
  uint32_t len = n <= 1 ? 0 : n <= 2 ? 1 : n <= 3 ? 2 : n <= 5 ? 3 : n <= 8 ? 4 : 5;
  return f | len << 8;
}

}  // namespace

void DescribeWord(std::string_view token, std::string_view w, const Lexicon& lexicon, const ClusterTable& clusters,
                  WordInfo* a) {
  a->word = HashBytes(w);
  Segmentation seg = SegmentClitics(w);
  a->rest = seg.clitics.empty() ? a->word : HashBytes(seg.rest);
  a->clitic = HashBytes(seg.clitics);
  a->rest_pre[0] = HashBytes(seg.rest.substr(0, PrefixBytes(seg.rest, 2)));
  a->rest_pre[1] = HashBytes(seg.rest.substr(0, PrefixBytes(seg.rest, 3)));
  a->stem = HashBytes(arabic::LightStem(w));
  for (int k = 0; k < 3; ++k) {
    a->pre[k] = HashBytes(w.substr(0, PrefixBytes(w, k + 1)));
    a->suf[k] = HashBytes(w.substr(SuffixStart(w, k + 1)));
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
  a->pre4 = HashBytes(w.substr(0, PrefixBytes(w, 4)));
  a->suf4 = HashBytes(w.substr(SuffixStart(w, 4)));
  a->rest_pre1 = HashBytes(seg.rest.substr(0, PrefixBytes(seg.rest, 1)));
  a->rest_pre4 = HashBytes(seg.rest.substr(0, PrefixBytes(seg.rest, 4)));
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

void Viterbi(const float* scores, size_t n, const float* trans, std::vector<float>* delta, std::vector<Tag>* out) {
  out->resize(n);
  if (n == 0) return;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  // pt[p][t]: the score of tag t after tag p with the BIO constraint folded
  // in (-inf where Allowed is false), rows padded to kLanes so the loops over
  // t are whole SIMD vectors; tt is the same transposed.
  constexpr int kLanes = 12;
  alignas(16) float pt[kNumTags][kLanes];
  float tt[kNumTags][kNumTags];
  for (int p = 0; p < kNumTags; ++p)
    for (int t = 0; t < kLanes; ++t)
      pt[p][t] = t < kNumTags && Allowed(p, t) ? trans[p * kNumTags + t] : kNeg;
  for (int t = 0; t < kNumTags; ++t)
    for (int p = 0; p < kNumTags; ++p) tt[t][p] = pt[p][t];
  delta->resize(n * kNumTags);
  float* d = delta->data();
  for (int t = 0; t < kNumTags; ++t)
    d[t] = Allowed(kNumTags, t) ? trans[kNumTags * kNumTags + t] + scores[t] : kNeg;
  // Forward pass: the best score of each tag only. For each t it is the
  // running maximum of prev[p] + pt[p][t] over p = 0..8 taken with `s >
  // best`, the very sums and comparisons of the arg-max below, so the
  // values are exactly those of a pass that also kept back-pointers.
  for (size_t i = 1; i < n; ++i) {
    const float* prev = d + (i - 1) * kNumTags;
    float* cur = d + i * kNumTags;
    const float* sc = scores + i * kNumTags;
#if defined(__SSE2__)
    // Three vectors of four tags; _mm_max_ps(s, best) is `s > best ? s : best`.
    __m128 q = _mm_set1_ps(prev[0]);
    __m128 b0 = _mm_add_ps(q, _mm_load_ps(&pt[0][0]));
    __m128 b1 = _mm_add_ps(q, _mm_load_ps(&pt[0][4]));
    __m128 b2 = _mm_add_ps(q, _mm_load_ps(&pt[0][8]));
#pragma GCC unroll 8
    for (int p = 1; p < kNumTags; ++p) {
      q = _mm_set1_ps(prev[p]);
      b0 = _mm_max_ps(_mm_add_ps(q, _mm_load_ps(&pt[p][0])), b0);
      b1 = _mm_max_ps(_mm_add_ps(q, _mm_load_ps(&pt[p][4])), b1);
      b2 = _mm_max_ps(_mm_add_ps(q, _mm_load_ps(&pt[p][8])), b2);
    }
    _mm_storeu_ps(cur, _mm_add_ps(b0, _mm_loadu_ps(sc)));
    _mm_storeu_ps(cur + 4, _mm_add_ps(b1, _mm_loadu_ps(sc + 4)));
    cur[8] = _mm_cvtss_f32(b2) + sc[8];
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
      float b = prev[0] + r[0];
      arg = 0;
      for (int p = 1; p < kNumTags; ++p) {
        const float s = prev[p] + r[p];
        if (s > b) {
          b = s;
          arg = p;
        }
      }
    }
    best = arg;
  }
  (*out)[0] = Tag(best);
}

}  // namespace akhbar::ner
