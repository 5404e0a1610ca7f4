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

void Viterbi(const float* scores, size_t n, const float* trans, std::vector<float>* delta,
             std::vector<uint8_t>* back, std::vector<Tag>* out) {
  out->resize(n);
  if (n == 0) return;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  // The transition table with the BIO constraint folded in (-inf where
  // Allowed is false), transposed so the inner loop runs over previous tags.
  float tt[kNumTags][kNumTags];
  for (int t = 0; t < kNumTags; ++t)
    for (int p = 0; p < kNumTags; ++p) tt[t][p] = Allowed(p, t) ? trans[p * kNumTags + t] : kNeg;
  delta->resize(n * kNumTags);
  back->resize(n * kNumTags);
  float* d = delta->data();
  for (int t = 0; t < kNumTags; ++t)
    d[t] = Allowed(kNumTags, t) ? trans[kNumTags * kNumTags + t] + scores[t] : kNeg;
  for (size_t i = 1; i < n; ++i) {
    const float* prev = d + (i - 1) * kNumTags;
    float* cur = d + i * kNumTags;
    uint8_t* bk = back->data() + i * kNumTags;
    // O and B-X (odd ids) may follow any tag. The loop over the previous
    // tag is written out (kNumTags is 9): the same sums and comparisons in
    // the same order, without the loop overhead.
    static_assert(kNumTags == 9);
    const float q0 = prev[0], q1 = prev[1], q2 = prev[2], q3 = prev[3], q4 = prev[4], q5 = prev[5], q6 = prev[6],
                q7 = prev[7], q8 = prev[8];
    auto ob = [&](int t) __attribute__((always_inline)) {
      const float* r = tt[t];
      float best = q0 + r[0];
      int arg = 0;
      auto step = [&best, &arg](float s, int p) __attribute__((always_inline)) {
        if (s > best) {
          best = s;
          arg = p;
        }
      };
      step(q1 + r[1], 1);
      step(q2 + r[2], 2);
      step(q3 + r[3], 3);
      step(q4 + r[4], 4);
      step(q5 + r[5], 5);
      step(q6 + r[6], 6);
      step(q7 + r[7], 7);
      step(q8 + r[8], 8);
      cur[t] = best + scores[i * kNumTags + t];
      bk[t] = uint8_t(arg);
    };
    ob(0);
    ob(1);
    ob(3);
    ob(5);
    ob(7);
    // I-X (even ids) only after B-X (t - 1) or I-X (t).
    auto in = [&](int t) __attribute__((always_inline)) {
      float sb = prev[t - 1] + tt[t][t - 1], si = prev[t] + tt[t][t];
      bool from_i = si > sb;
      cur[t] = (from_i ? si : sb) + scores[i * kNumTags + t];
      bk[t] = uint8_t(from_i ? t : t - 1);
    };
    in(2);
    in(4);
    in(6);
    in(8);
  }
  const float* last = d + (n - 1) * kNumTags;
  int best = int(std::max_element(last, last + kNumTags) - last);
  for (size_t i = n; i-- > 0;) {
    (*out)[i] = Tag(best);
    best = (*back)[i * kNumTags + size_t(best)];
  }
}

}  // namespace akhbar::ner
