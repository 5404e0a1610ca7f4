// Word-cluster learning and averaged-perceptron training (see train.h).
#include "ner/train.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "akhbar/normalize.h"
#include "akhbar/tokenize.h"

namespace akhbar::ner {

namespace {

constexpr uint32_t kBoundary = 0xFFFFFFFFu;

// xorshift64*: a small deterministic generator (same stream on every
// platform, unlike std:: distributions).
struct Rng {
  uint64_t s;
  uint64_t Next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545F4914F6CDD1Dull;
  }
  double Uniform() { return double(Next() >> 11) * (1.0 / 9007199254740992.0); }
  size_t Below(size_t n) { return size_t(Next() % n); }
};

// Spherical k-means over unit rows of `x` (n x d), k-means++ seeding.
std::vector<uint16_t> KMeans(const std::vector<float>& x, size_t n, int d, int k, int iterations, uint64_t seed) {
  Rng rng{seed | 1};
  std::vector<float> c(size_t(k) * size_t(d));
  std::vector<double> dist(n, 2.0);
  size_t first = rng.Below(n);
  std::copy_n(&x[first * size_t(d)], d, &c[0]);
  auto dot = [d](const float* a, const float* b) {
    float s = 0;
    for (int j = 0; j < d; ++j) s += a[j] * b[j];
    return s;
  };
  for (int j = 1; j < k; ++j) {
    double total = 0;
    const float* prev = &c[size_t(j - 1) * size_t(d)];
    for (size_t i = 0; i < n; ++i) {
      double di = std::max(0.0, 1.0 - double(dot(&x[i * size_t(d)], prev)));
      dist[i] = std::min(dist[i], di * di);
      total += dist[i];
    }
    double r = rng.Uniform() * total;
    size_t pick = n - 1;
    for (size_t i = 0; i < n; ++i) {
      r -= dist[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    std::copy_n(&x[pick * size_t(d)], d, &c[size_t(j) * size_t(d)]);
  }
  std::vector<uint16_t> assign(n, 0);
  std::vector<float> sum(c.size());
  for (int it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < n; ++i) {
      const float* xi = &x[i * size_t(d)];
      float best = -2;
      int arg = 0;
      for (int j = 0; j < k; ++j) {
        float s = dot(xi, &c[size_t(j) * size_t(d)]);
        if (s > best) {
          best = s;
          arg = j;
        }
      }
      assign[i] = uint16_t(arg);
    }
    std::fill(sum.begin(), sum.end(), 0.0f);
    for (size_t i = 0; i < n; ++i)
      for (int j = 0; j < d; ++j) sum[size_t(assign[i]) * size_t(d) + size_t(j)] += x[i * size_t(d) + size_t(j)];
    for (int j = 0; j < k; ++j) {
      float* cj = &sum[size_t(j) * size_t(d)];
      float norm = std::sqrt(dot(cj, cj));
      if (norm == 0) continue;  // empty cluster keeps its centroid
      for (int q = 0; q < d; ++q) c[size_t(j) * size_t(d) + size_t(q)] = cj[q] / norm;
    }
  }
  return assign;
}

}  // namespace

uint32_t ClusterLearner::Id(std::string_view key) {
  auto it = ids_.find(std::string(key));
  if (it != ids_.end()) {
    ++counts_[it->second];
    return it->second;
  }
  uint32_t id = uint32_t(words_.size());
  ids_.emplace(std::string(key), id);
  words_.emplace_back(key);
  counts_.push_back(1);
  return id;
}

void ClusterLearner::AddText(std::string_view text) {
  std::vector<arabic::Token> tokens;
  arabic::Tokenize(text, &tokens);
  for (const auto& t : tokens) {
    std::string_view tok = text.substr(t.begin, t.end - t.begin);
    if (t.type == arabic::TokenType::kNumber) {
      corpus_.push_back(Id("<num>"));
      continue;
    }
    if (t.type == arabic::TokenType::kUrl || t.type == arabic::TokenType::kEmail || t.type == arabic::TokenType::kEmoji)
      continue;
    key_.clear();
    arabic::AppendMatchKey(tok, &key_);
    if (key_.empty() || key_.size() > 255) continue;
    corpus_.push_back(Id(key_));
  }
  corpus_.push_back(kBoundary);
}

ClusterTable ClusterLearner::Learn(const ClusterOptions& o) const {
  const size_t nw = words_.size();
  std::vector<uint32_t> order(nw);
  for (uint32_t i = 0; i < nw; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : words_[a] < words_[b];
  });
  std::vector<int32_t> row(nw, -1), col(nw, -1);
  size_t nv = 0;
  for (uint32_t id : order) {
    if (nv >= o.vocab || counts_[id] < o.min_count) break;
    row[id] = int32_t(nv++);
  }
  const size_t nc = std::min(o.contexts, nw);
  for (size_t i = 0; i < nc; ++i) col[order[i]] = int32_t(i);
  const size_t width = 2 * nc;
  std::vector<uint16_t> m(nv * width, 0);
  for (size_t i = 0; i < corpus_.size(); ++i) {
    uint32_t w = corpus_[i];
    if (w == kBoundary || row[w] < 0) continue;
    uint16_t* r = &m[size_t(row[w]) * width];
    if (i > 0 && corpus_[i - 1] != kBoundary && col[corpus_[i - 1]] >= 0) {
      uint16_t& v = r[col[corpus_[i - 1]]];
      if (v < 0xFFFF) ++v;
    }
    if (i + 1 < corpus_.size() && corpus_[i + 1] != kBoundary && col[corpus_[i + 1]] >= 0) {
      uint16_t& v = r[nc + size_t(col[corpus_[i + 1]])];
      if (v < 0xFFFF) ++v;
    }
  }
  // PPMI with smoothed context probabilities.
  std::vector<double> row_sum(nv, 0), ctx(width, 0);
  double total = 0;
  for (size_t r = 0; r < nv; ++r)
    for (size_t c = 0; c < width; ++c) {
      row_sum[r] += m[r * width + c];
      total += m[r * width + c];
    }
  double ctx_total = 0;
  for (size_t c = 0; c < width; ++c) {
    double s = 0;
    for (size_t r = 0; r < nv; ++r) s += m[r * width + c];
    ctx[c] = std::pow(s, 0.75);
    ctx_total += ctx[c];
  }
  // Random +-1 projection (seeded), width x dims.
  Rng rng{o.seed | 1};
  const int d = o.dims;
  std::vector<float> proj(width * size_t(d));
  for (float& p : proj) p = (rng.Next() >> 63) ? 1.0f : -1.0f;
  std::vector<float> x(nv * size_t(d), 0.0f);
  for (size_t r = 0; r < nv; ++r) {
    float* xr = &x[r * size_t(d)];
    if (row_sum[r] == 0) {
      xr[r % size_t(d)] = 1;  // no context seen: an arbitrary unit vector
      continue;
    }
    for (size_t c = 0; c < width; ++c) {
      uint16_t n = m[r * width + c];
      if (!n || ctx[c] == 0) continue;
      double pmi = std::log((double(n) / row_sum[r]) / (ctx[c] / ctx_total));
      if (pmi <= 0) continue;
      const float* pc = &proj[c * size_t(d)];
      for (int j = 0; j < d; ++j) xr[j] += float(pmi) * pc[j];
    }
    float norm = 0;
    for (int j = 0; j < d; ++j) norm += xr[j] * xr[j];
    norm = std::sqrt(norm);
    if (norm == 0) {
      xr[r % size_t(d)] = 1;
      continue;
    }
    for (int j = 0; j < d; ++j) xr[j] /= norm;
  }
  (void)total;
  std::vector<uint16_t> coarse = KMeans(x, nv, d, o.coarse, o.iterations, o.seed * 3 + 1);
  std::vector<uint16_t> fine = KMeans(x, nv, d, o.fine, o.iterations, o.seed * 5 + 2);
  ClusterTable table;
  for (uint32_t id : order) {
    if (row[id] < 0) break;
    table.Add(words_[id], coarse[size_t(row[id])], fine[size_t(row[id])]);
  }
  return table;
}

Model Train(const std::vector<ConllSentence>& sentences, const ClusterTable& clusters, const TrainOptions& o,
            const std::function<void(int, size_t)>& progress,
            const std::vector<const ClusterTable*>* sentence_tables) {
  Model model;
  Model::Impl& im = model.mutable_impl();
  im.hash_bits = o.hash_bits;
  for (const auto& e : clusters.entries()) im.clusters.Add(e.word, e.coarse, e.fine);
  FeatureExtractor fx(Lexicon::Default(), im.clusters, o.hash_bits);
  std::unordered_map<const ClusterTable*, std::unique_ptr<FeatureExtractor>> table_fx;

  // Features of every token, computed once.
  std::vector<uint32_t> feats;             // all feature ids
  std::vector<uint32_t> tok_off{0};        // per token: start in feats
  std::vector<uint32_t> sent_off{0};       // per sentence: first token
  std::vector<Tag> gold;
  std::vector<std::string_view> words;
  for (size_t sno = 0; sno < sentences.size(); ++sno) {
    const auto& s = sentences[sno];
    FeatureExtractor* sfx = &fx;
    if (sentence_tables && sno < sentence_tables->size() && (*sentence_tables)[sno]) {
      auto& p = table_fx[(*sentence_tables)[sno]];
      if (!p) p = std::make_unique<FeatureExtractor>(Lexicon::Default(), *(*sentence_tables)[sno], o.hash_bits);
      sfx = p.get();
    }
    words.clear();
    for (const auto& t : s) {
      words.push_back(t.word);
      gold.push_back(t.has_gold ? t.gold : Tag::kO);
    }
    sfx->Extract(words);
    const auto& f = sfx->feats();
    const auto& off = sfx->offsets();
    for (size_t i = 0; i < s.size(); ++i) {
      feats.insert(feats.end(), f.begin() + off[i], f.begin() + off[i + 1]);
      tok_off.push_back(uint32_t(feats.size()));
    }
    sent_off.push_back(uint32_t(gold.size()));
  }

  const size_t nb = size_t(1) << o.hash_bits;
  constexpr size_t kTrans = (kNumTags + 1) * kNumTags;
  // Several perceptrons that differ only in the sentence order, averaged
  // (bagging-style variance reduction; each is itself averaged).
  std::vector<float> sum_w(nb * kNumTags, 0.0f), sum_t(kTrans, 0.0f);
  for (int model_no = 0; model_no < std::max(1, o.models); ++model_no) {
  std::vector<float> w(nb * kNumTags, 0.0f);
  std::vector<double> u(nb * kNumTags, 0.0);
  std::vector<float> tw(kTrans, 0.0f);
  std::vector<double> tu(kTrans, 0.0);
  std::vector<float> scores, delta;
  std::vector<Tag> pred;
  const size_t ns = sentences.size();
  std::vector<size_t> order(ns);
  for (size_t i = 0; i < ns; ++i) order[i] = i;
  Rng rng{(o.seed + 0x9E3779B97F4A7C15ull * uint64_t(model_no)) | 1};
  double c = 1;
  auto upd = [&](std::vector<float>& W, std::vector<double>& U, size_t idx, float v) {
    W[idx] += v;
    U[idx] += c * v;
  };
  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    for (size_t i = ns; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
    size_t mistakes = 0;
    for (size_t si : order) {
      size_t b = sent_off[si], e = sent_off[si + 1], n = e - b;
      if (n == 0) continue;
      scores.assign(n * kNumTags, 0.0f);
      for (size_t i = 0; i < n; ++i)
        for (uint32_t k = tok_off[b + i]; k < tok_off[b + i + 1]; ++k) {
          const float* wr = &w[size_t(feats[k]) * kNumTags];
          for (int t = 0; t < kNumTags; ++t) scores[i * kNumTags + size_t(t)] += wr[t];
        }
      Viterbi(scores.data(), n, tw.data(), &delta, &pred);
      bool wrong = false;
      for (size_t i = 0; i < n; ++i) {
        Tag g = gold[b + i], p = pred[i];
        size_t gp = i == 0 ? kNumTags : size_t(gold[b + i - 1]);
        size_t pp = i == 0 ? kNumTags : size_t(pred[i - 1]);
        if (g != p) {
          wrong = true;
          ++mistakes;
          for (uint32_t k = tok_off[b + i]; k < tok_off[b + i + 1]; ++k) {
            upd(w, u, size_t(feats[k]) * kNumTags + size_t(g), 1.0f);
            upd(w, u, size_t(feats[k]) * kNumTags + size_t(p), -1.0f);
          }
        }
        if (g != p || gp != pp) {
          upd(tw, tu, gp * kNumTags + size_t(g), 1.0f);
          upd(tw, tu, pp * kNumTags + size_t(p), -1.0f);
        }
      }
      (void)wrong;
      c += 1;
    }
    if (progress) progress(epoch, mistakes);
  }
  // Averaged weights: w - u / c (Daume III's trick for the averaged perceptron).
  for (size_t i = 0; i < w.size(); ++i) sum_w[i] += float(double(w[i]) - u[i] / c);
  for (size_t i = 0; i < kTrans; ++i) sum_t[i] += float(double(tw[i]) - tu[i] / c);
  }
  const float inv = 1.0f / float(std::max(1, o.models));
  for (float& v : sum_w) v *= inv;
  for (size_t i = 0; i < kTrans; ++i) im.trans[i] = sum_t[i] * inv;
  im.SetDense(sum_w);
  return model;
}

ClusterTable LabelClusters(const Model& tagger_model, const std::vector<std::string>& docs, const ClusterTable& base,
                           uint32_t min_count) {
  // counts[h]: occurrences tagged O, PER, LOC, ORG, MISC.
  std::unordered_map<uint64_t, std::array<uint32_t, 5>> counts;
  counts.reserve(base.size() * 2);
  for (const auto& e : base.entries()) counts[HashBytes(e.word)] = {};
  Tagger tagger(tagger_model);
  std::vector<arabic::Token> tokens;
  std::vector<std::string_view> piece;
  std::vector<Tag> tags;
  std::string key;
  for (const std::string& text : docs) {
    arabic::Tokenize(text, &tokens);
    size_t i = 0;
    while (i < tokens.size()) {
      piece.clear();
      size_t j = i;
      for (; j < tokens.size() && piece.size() < 256; ++j) {
        std::string_view w = std::string_view(text).substr(tokens[j].begin, tokens[j].end - tokens[j].begin);
        piece.push_back(w);
        if (tokens[j].type == arabic::TokenType::kPunct && (w == "." || w == "!" || w == "?" || w == "\xD8\x9F")) {
          ++j;
          break;
        }
      }
      tagger.TagTokens(piece, &tags);
      for (size_t k = 0; k < piece.size(); ++k) {
        key.clear();
        arabic::AppendMatchKey(piece[k], &key);
        auto it = counts.find(HashBytes(key));
        if (it == counts.end()) continue;
        ++it->second[tags[k] == Tag::kO ? 0 : 1 + (int(tags[k]) - 1) / 2];
      }
      i = j;
    }
  }
  ClusterTable out;
  for (const auto& e : base.entries()) {
    const auto& c = counts[HashBytes(e.word)];
    uint32_t total = c[0] + c[1] + c[2] + c[3] + c[4];
    int best = 1;
    for (int t = 2; t < 5; ++t)
      if (c[size_t(t)] > c[size_t(best)]) best = t;
    uint16_t label = 0;
    if (total >= min_count && c[size_t(best)] > 0) {
      double share = double(c[size_t(best)]) / total;
      int conf = share >= 0.6 ? 2 : share >= 0.25 ? 1 : share >= 0.05 ? 0 : -1;
      if (conf >= 0) label = uint16_t(1 + 3 * (best - 1) + conf);
    }
    out.Add(e.word, uint16_t((e.coarse & kCoarseMask) | label << kClusterLabelShift), e.fine);
  }
  return out;
}

Evaluation Evaluate(const Model& model, const std::vector<ConllSentence>& sentences) {
  Tagger tagger(model);
  Evaluation ev;
  std::vector<std::string_view> words;
  std::vector<Tag> gold, pred;
  for (const auto& s : sentences) {
    words.clear();
    gold.clear();
    for (const auto& t : s) {
      words.push_back(t.word);
      gold.push_back(t.has_gold ? t.gold : Tag::kO);
    }
    tagger.TagTokens(words, &pred);
    ev.Add(gold, pred);
  }
  return ev;
}

}  // namespace akhbar::ner
