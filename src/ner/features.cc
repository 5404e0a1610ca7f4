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
  kBigramM1, kBigramP1,
  kClusterC, kClusterF, kClusterCM1, kClusterFM1, kClusterCP1, kClusterFP1, kClusterCM2, kClusterCP2,
  kStemM1Cluster,
  kLex, kLexM1, kLexP1, kLexM2, kLexP2,
  kShapeM1, kShapeP1,
  kFirst,
  kLexPair,
  kRestM1, kRestP1,
};

constexpr uint32_t kNoCluster = 0xFFFFFFFFu;
constexpr uint64_t kPadHash = 0x5A5A5A5A5A5A5A5Aull;

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

void FeatureExtractor::Extract(const std::vector<std::string_view>& tokens) {
  const size_t n = tokens.size();
  keys_.clear();
  key_off_.assign(1, 0);
  for (std::string_view t : tokens) {
    arabic::AppendMatchKey(t, &keys_);
    key_off_.push_back(uint32_t(keys_.size()));
  }
  words_.resize(n);
  for (size_t i = 0; i < n; ++i)
    words_[i] = std::string_view(keys_).substr(key_off_[i], key_off_[i + 1] - key_off_[i]);
  lexicon_.Mark(words_, &lex_);
  atoms_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    std::string_view w = words_[i];
    Atoms& a = atoms_[i];
    a.word = HashBytes(w);
    Segmentation seg = SegmentClitics(w);
    a.rest = seg.clitics.empty() ? a.word : HashBytes(seg.rest);
    a.clitic = HashBytes(seg.clitics);
    a.stem = HashBytes(arabic::LightStem(w));
    for (int k = 0; k < 3; ++k) {
      a.pre[k] = HashBytes(w.substr(0, PrefixBytes(w, k + 1)));
      a.suf[k] = HashBytes(w.substr(SuffixStart(w, k + 1)));
    }
    a.shape = Shape(tokens[i]);
    uint16_t c, f;
    if (clusters_.FindHash(a.word, &c, &f) || (!seg.clitics.empty() && clusters_.FindHash(a.rest, &c, &f)))
      a.cluster = uint32_t(c) << 16 | f;
    else
      a.cluster = kNoCluster;
    a.lex = lex_[i];
  }

  feats_.clear();
  offsets_.assign(1, 0);
  auto add = [&](uint64_t tmpl, uint64_t value) {
    feats_.push_back(uint32_t(Mix(tmpl, value)) & mask_);
  };
  auto at = [&](size_t i, int d) -> const Atoms* {
    long j = long(i) + d;
    return j < 0 || j >= long(n) ? nullptr : &atoms_[size_t(j)];
  };
  for (size_t i = 0; i < n; ++i) {
    const Atoms& a = atoms_[i];
    const Atoms* m1 = at(i, -1);
    const Atoms* m2 = at(i, -2);
    const Atoms* p1 = at(i, 1);
    const Atoms* p2 = at(i, 2);
    add(kBias, 0);
    add(kWord, a.word);
    if (a.rest != a.word) {
      add(kRest, a.rest);
      add(kClitic, a.clitic);
      std::string_view w = words_[i];
      std::string_view rest = w.substr(w.size() - SegmentClitics(w).rest.size());
      add(kRestPre2, HashBytes(rest.substr(0, PrefixBytes(rest, 2))));
      add(kRestPre3, HashBytes(rest.substr(0, PrefixBytes(rest, 3))));
    }
    add(kStem, a.stem);
    add(kPre1, a.pre[0]);
    add(kPre2, a.pre[1]);
    add(kPre3, a.pre[2]);
    add(kSuf1, a.suf[0]);
    add(kSuf2, a.suf[1]);
    add(kSuf3, a.suf[2]);
    add(kShape, a.shape);
    add(kWordM1, m1 ? m1->word : kPadHash);
    add(kWordM2, m2 ? m2->word : kPadHash);
    add(kWordP1, p1 ? p1->word : kPadHash);
    add(kWordP2, p2 ? p2->word : kPadHash);
    add(kRestM1, m1 ? m1->rest : kPadHash);
    add(kRestP1, p1 ? p1->rest : kPadHash);
    add(kStemM1, m1 ? m1->stem : kPadHash);
    add(kStemM2, m2 ? m2->stem : kPadHash);
    add(kStemP1, p1 ? p1->stem : kPadHash);
    add(kStemP2, p2 ? p2->stem : kPadHash);
    add(kBigramM1, Mix(m1 ? m1->word : kPadHash, a.word));
    add(kBigramP1, Mix(a.word, p1 ? p1->word : kPadHash));
    add(kClusterC, a.cluster >> 16);
    add(kClusterF, a.cluster & 0xFFFF);
    add(kClusterCM1, m1 ? m1->cluster >> 16 : 0x10000);
    add(kClusterFM1, m1 ? m1->cluster & 0xFFFF : 0x10000);
    add(kClusterCP1, p1 ? p1->cluster >> 16 : 0x10000);
    add(kClusterFP1, p1 ? p1->cluster & 0xFFFF : 0x10000);
    add(kClusterCM2, m2 ? m2->cluster >> 16 : 0x10000);
    add(kClusterCP2, p2 ? p2->cluster >> 16 : 0x10000);
    add(kStemM1Cluster, Mix(m1 ? m1->stem : kPadHash, a.cluster));
    add(kShapeM1, m1 ? m1->shape : 0xFFFF);
    add(kShapeP1, p1 ? p1->shape : 0xFFFF);
    if (i == 0) add(kFirst, 0);
    for (uint32_t b = a.lex; b; b &= b - 1) add(kLex, uint64_t(__builtin_ctz(b)));
    if (m1)
      for (uint32_t b = m1->lex; b; b &= b - 1) add(kLexM1, uint64_t(__builtin_ctz(b)));
    if (p1)
      for (uint32_t b = p1->lex; b; b &= b - 1) add(kLexP1, uint64_t(__builtin_ctz(b)));
    if (m2)
      for (uint32_t b = m2->lex; b; b &= b - 1) add(kLexM2, uint64_t(__builtin_ctz(b)));
    if (p2)
      for (uint32_t b = p2->lex; b; b &= b - 1) add(kLexP2, uint64_t(__builtin_ctz(b)));
    add(kLexPair, Mix(m1 ? m1->lex : 0xFFFFFFFFu, a.lex));
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
  delta->assign(n * kNumTags, kNeg);
  back->assign(n * kNumTags, 0);
  float* d = delta->data();
  for (int t = 0; t < kNumTags; ++t)
    if (Allowed(kNumTags, t)) d[t] = trans[kNumTags * kNumTags + t] + scores[t];
  for (size_t i = 1; i < n; ++i) {
    const float* prev = d + (i - 1) * kNumTags;
    float* cur = d + i * kNumTags;
    uint8_t* bk = back->data() + i * kNumTags;
    for (int t = 0; t < kNumTags; ++t) {
      float best = kNeg;
      int arg = 0;
      for (int p = 0; p < kNumTags; ++p) {
        if (!Allowed(p, t)) continue;
        float s = prev[p] + trans[p * kNumTags + t];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      cur[t] = best + scores[i * kNumTags + t];
      bk[t] = uint8_t(arg);
    }
  }
  const float* last = d + (n - 1) * kNumTags;
  int best = int(std::max_element(last, last + kNumTags) - last);
  for (size_t i = n; i-- > 0;) {
    (*out)[i] = Tag(best);
    best = (*back)[i * kNumTags + size_t(best)];
  }
}

}  // namespace akhbar::ner
