// akhbar_train_ner: trains the named-entity tagger and writes data/ner.model.
//
//   akhbar_train_ner --train ../shared/anercorp/train.txt
//       --corpus ../shared/corpus/saudinewsnet-dev.jsonl.gz --out data/ner.model
//
// Steps: (1) word clusters from the unlabelled corpus (JSON Lines, gzip or
// plain, the `content` field), cached in --clusters-cache when given;
// (2) train on nine tenths of the labelled file (with --augment, plus
// mention-replaced copies drawn from those nine tenths only; with
// --corpus-labels, first-pass models tag the corpus to give cluster words
// corpus labels, see TrainWithLabels) and print the
// held-out scores (conlleval-style, entity level); (3) unless --final
// heldout, retrain on the whole file; write the model. Deterministic for the same
// inputs and options. Prints progress and figures on stderr/stdout.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "akhbar/normalize.h"
#include "ner/internal.h"
#include "ner/train.h"

namespace {

using namespace akhbar::ner;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Calls f(line) for each line of a gzip or plain file.
template <typename F>
bool ForEachLine(const std::string& path, F&& f) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) return false;
  gzbuffer(gz, 1 << 20);
  std::string pending;
  std::vector<char> buf(1 << 20);
  int n;
  while ((n = gzread(gz, buf.data(), unsigned(buf.size()))) > 0) {
    pending.append(buf.data(), size_t(n));
    size_t start = 0, nl;
    while ((nl = pending.find('\n', start)) != std::string::npos) {
      f(std::string_view(pending).substr(start, nl - start));
      start = nl + 1;
    }
    pending.erase(0, start);
  }
  if (!pending.empty()) f(std::string_view(pending));
  bool ok = n == 0;
  gzclose(gz);
  return ok;
}

bool LoadClusters(const std::string& path, ClusterTable* t) {
  std::string text;
  if (!ReadFile(path, &text)) return false;
  std::istringstream in(text);
  std::string word;
  unsigned c, f;
  while (in >> word >> c >> f) t->Add(word, uint16_t(c), uint16_t(f));
  return t->size() > 0;
}

void SaveClusters(const std::string& path, const ClusterTable& t) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& e : t.entries()) out << e.word << '\t' << e.coarse << '\t' << e.fine << '\n';
}

// Mention replacement (Dai and Adel, "An Analysis of Simple Data
// Augmentation for Named Entity Recognition", COLING 2020): `copies` extra
// copies of every sentence that has entities, each entity replaced (with
// probability 1/2) by a random mention of the same type taken from the same
// sentences, so that context features learn more than the names seen.
// Deterministic (fixed xorshift seed).
std::vector<ConllSentence> Augment(const std::vector<ConllSentence>& sentences, int copies) {
  std::vector<ConllSentence> out = sentences;
  if (copies <= 0) return out;
  std::vector<std::vector<std::string>> pool[4];
  auto tags_of = [](const ConllSentence& s) {
    std::vector<Tag> tags;
    for (const auto& t : s) tags.push_back(t.has_gold ? t.gold : Tag::kO);
    return tags;
  };
  for (const auto& s : sentences)
    for (const Chunk& c : ChunksOf(tags_of(s))) {
      std::vector<std::string> words;
      for (uint32_t i = c.begin; i < c.end; ++i) words.push_back(s[i].word);
      pool[int(c.type)].push_back(std::move(words));
    }
  uint64_t rng = 0x2545F4914F6CDD1Dull;
  auto next = [&rng] {
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545F4914F6CDD1Dull;
  };
  const Tag kBegin[4] = {Tag::kBPers, Tag::kBLoc, Tag::kBOrg, Tag::kBMisc};
  const Tag kInside[4] = {Tag::kIPers, Tag::kILoc, Tag::kIOrg, Tag::kIMisc};
  for (int copy = 0; copy < copies; ++copy)
    for (const auto& s : sentences) {
      std::vector<Chunk> chunks = ChunksOf(tags_of(s));
      if (chunks.empty()) continue;
      ConllSentence aug;
      uint32_t pos = 0;
      for (const Chunk& c : chunks) {
        for (; pos < c.begin; ++pos) aug.push_back(s[pos]);
        const auto& p = pool[int(c.type)];
        if (next() & 1 && !p.empty()) {
          const auto& words = p[next() % p.size()];
          for (size_t k = 0; k < words.size(); ++k) {
            ConllToken t;
            t.word = words[k];
            t.has_gold = true;
            t.gold = k == 0 ? kBegin[int(c.type)] : kInside[int(c.type)];
            aug.push_back(std::move(t));
          }
        } else {
          for (; pos < c.end; ++pos) aug.push_back(s[pos]);
        }
        pos = c.end;
      }
      for (; pos < s.size(); ++pos) aug.push_back(s[pos]);
      out.push_back(std::move(aug));
    }
  return out;
}

// Training with corpus labels (LabelClusters): the labels a training
// sentence's words see come from a first-pass model trained on the other
// half of the sentences (two folds, so that they are as noisy as at test
// time, the stacking of Wolpert 1992 / the two-stage training of Krishnan
// and Manning, ACL 2006); the model keeps the labels of a first-pass model
// trained on all the sentences, which the tagger uses.
Model TrainWithLabels(const std::vector<ConllSentence>& train, const ClusterTable& clusters,
                      const std::vector<std::string>& docs, const TrainOptions& topt, int augment,
                      uint32_t label_min_count, const std::function<void(int, size_t)>& progress) {
  std::vector<ConllSentence> fold[2];
  for (size_t i = 0; i < train.size(); ++i) fold[i & 1].push_back(train[i]);
  std::vector<ConllSentence> aug[2] = {Augment(fold[0], augment), Augment(fold[1], augment)};
  const TrainOptions& first = topt;
  ClusterTable tables[2];
  for (int f = 0; f < 2; ++f) {
    auto t = Clock::now();
    Model m = Train(aug[1 - f], clusters, first, {});
    tables[f] = LabelClusters(m, docs, clusters, label_min_count);
    std::printf("  corpus labels for fold %d: %.1f s\n", f, Since(t));
  }
  auto t = Clock::now();
  Model full = Train(Augment(train, augment), clusters, first, {});
  ClusterTable labelled = LabelClusters(full, docs, clusters, label_min_count);
  size_t with_label = 0;
  for (const auto& e : labelled.entries()) with_label += (e.coarse >> kClusterLabelShift) != 0;
  std::printf("  corpus labels (all): %zu of %zu words labelled, %.1f s\n", with_label, labelled.size(), Since(t));
  std::vector<ConllSentence> both = aug[0];
  both.insert(both.end(), aug[1].begin(), aug[1].end());
  std::vector<const ClusterTable*> per(aug[0].size(), &tables[0]);
  per.resize(both.size(), &tables[1]);
  return Train(both, labelled, topt, progress, &per);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"akhbar_train_ner: train the named-entity tagger (writes data/ner.model)"};
  std::string train_path, corpus_path, out_path, cache_path, heldout = "last", final_on = "all";
  TrainOptions topt;
  ClusterOptions copt;
  size_t max_docs = 0;
  int augment = 0;
  float prune = 1.0f;
  std::string dump_path;
  app.add_option("--train", train_path, "labelled file, one `token TAG` per line (ANERcorp)")->required();
  app.add_option("--corpus", corpus_path, "unlabelled JSON Lines (.gz) with a `content` field, for word clusters");
  app.add_option("--clusters-cache", cache_path, "read clusters from this TSV if present, else write it");
  app.add_option("--out", out_path, "model file to write (default: none)");
  app.add_option("--heldout", heldout,
                 "held-out tenth: last (default) | every10 (every 10th sentence) | dev (the last tenth of the first "
                 "nine tenths, trained on the rest of them: for choosing settings without the real held-out tenth)");
  bool mask_heldout = true;
  app.add_flag("--no-mask{false}", mask_heldout,
               "score the held-out tenth with the data files as they are (default: entries naming entities found "
               "only in the held-out tenth are masked)");
  app.add_option("--final", final_on, "shipped model trained on: all (default) | heldout (the nine tenths)");
  app.add_option("--epochs", topt.epochs, "perceptron epochs (default 12)");
  app.add_option("--augment", augment, "mention-replacement copies of each sentence with entities (default 0)");
  app.add_option("--models", topt.models, "perceptrons averaged, each with its own sentence order (default 1)");
  app.add_option("--hash-bits", topt.hash_bits, "feature hash bits (default 20)");
  app.add_option("--max-docs", max_docs, "read at most this many corpus documents (default: all)");
  app.add_option("--cluster-vocab", copt.vocab, "words that get a cluster (default 40000)");
  app.add_option("--cluster-fine", copt.fine, "fine k-means clusters (default 512)");
  app.add_option("--cluster-contexts", copt.contexts, "most frequent words used as contexts (default 500)");
  app.add_option("--cluster-dims", copt.dims, "random-projection dimensions (default 64)");
  app.add_option("--cluster-coarse", copt.coarse, "coarse k-means clusters (default 128)");
  app.add_option("--cluster-min-count", copt.min_count, "minimum corpus count for a cluster (default 5)");
  bool corpus_labels = false;
  size_t label_docs = 0;
  uint32_t label_min_count = 3;
  app.add_flag("--corpus-labels", corpus_labels,
               "add corpus-label features: words' majority entity type when a first-pass model tags --corpus");
  app.add_option("--label-docs", label_docs, "corpus documents tagged for corpus labels (default: all)");
  app.add_option("--label-min-count", label_min_count, "occurrences needed for a corpus label (default 3)");
  app.add_option("--prune", prune, "drop averaged weights below this magnitude (default 1.0)");
  app.add_option("--dump", dump_path, "write held-out `token gold predicted` lines to this file");
  CLI11_PARSE(app, argc, argv);
  if (heldout != "last" && heldout != "every10" && heldout != "dev") {
    std::fprintf(stderr, "akhbar_train_ner: --heldout must be last, every10 or dev\n");
    return 1;
  }
  auto t0 = Clock::now();

  std::string text;
  if (!ReadFile(train_path, &text)) {
    std::fprintf(stderr, "akhbar_train_ner: cannot read %s\n", train_path.c_str());
    return 1;
  }
  auto read = ReadConll(text);
  if (!read.ok()) {
    std::fprintf(stderr, "akhbar_train_ner: %s: %s\n", train_path.c_str(), read.status().message().c_str());
    return 1;
  }
  std::vector<ConllSentence> all = std::move(read).value();
  std::vector<ConllSentence> train, test;
  size_t cut = all.size() - all.size() / 10;
  // dev: the real held-out tenth is left out altogether (also from the
  // shipped model when --final heldout) and the last tenth of the rest is
  // scored instead.
  size_t dev_cut = cut - all.size() / 10;
  for (size_t i = 0; i < all.size(); ++i) {
    if (heldout == "dev") {
      if (i < cut) (i >= dev_cut ? test : train).push_back(all[i]);
      continue;
    }
    bool held = heldout == "last" ? i >= cut : i % 10 == 9;
    (held ? test : train).push_back(all[i]);
  }
  size_t test_tokens = 0;
  for (const auto& s : test) test_tokens += s.size();
  std::printf("sentences: %zu (train %zu, held-out %zu = %zu tokens, %s)\n", all.size(), train.size(), test.size(),
              test_tokens, heldout == "last"    ? "the last tenth of the sentences"
              : heldout == "dev" ? "dev: the last tenth of the first nine tenths"
                                 : "every 10th sentence");

  ClusterTable clusters;
  auto tc = Clock::now();
  if (!cache_path.empty() && LoadClusters(cache_path, &clusters)) {
    std::printf("clusters: %zu words from %s\n", clusters.size(), cache_path.c_str());
  } else if (!corpus_path.empty()) {
    ClusterLearner learner;
    size_t docs = 0, bad = 0;
    bool ok = ForEachLine(corpus_path, [&](std::string_view line) {
      if (max_docs && docs >= max_docs) return;
      auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.is_object() || !j.contains("content") || !j["content"].is_string()) {
        ++bad;
        return;
      }
      learner.AddText(j["content"].get_ref<const std::string&>());
      ++docs;
    });
    if (!ok) {
      std::fprintf(stderr, "akhbar_train_ner: cannot read %s\n", corpus_path.c_str());
      return 1;
    }
    std::printf("corpus: %zu documents (%zu skipped), %zu tokens, read in %.1f s\n", docs, bad, learner.tokens(),
                Since(tc));
    clusters = learner.Learn(copt);
    std::printf("clusters: %zu words, %d coarse / %d fine, learned in %.1f s\n", clusters.size(), copt.coarse,
                copt.fine, Since(tc));
    if (!cache_path.empty()) SaveClusters(cache_path, clusters);
  } else {
    std::printf("clusters: none (no --corpus)\n");
  }

  auto progress = [](int epoch, size_t mistakes) {
    std::fprintf(stderr, "  epoch %d: %zu token mistakes\n", epoch, mistakes);
  };
  // The held-out figure must not profit from names the data files happen to
  // list because they occur in the held-out tenth: every entry of the
  // gazetteer, agency and lexicon files that contains a word found in a
  // held-out entity but in no training entity (compared on match keys, a
  // proclitic allowed) is masked while the held-out model is trained and
  // scored. ICU's country and city names stay (general knowledge). The
  // shipped model (trained on all sentences) uses the files as they are.
  std::unique_ptr<Lexicon> masked;
  if (mask_heldout) {
    auto entity_words = [](const std::vector<ConllSentence>& ss) {
      std::set<std::string> out;
      for (const auto& s : ss)
        for (const auto& t : s)
          if (t.has_gold && t.gold != Tag::kO) out.insert(akhbar::arabic::MatchKey(t.word));
      return out;
    };
    std::set<std::string> in_train = entity_words(train), in_test = entity_words(test), held_only;
    for (const auto& w : in_test)
      if (!in_train.count(w)) held_only.insert(w);
    auto named = [&](std::string_view piece) {
      size_t pos = 0;
      while (pos < piece.size()) {
        size_t end = piece.find_first_of(" \t", pos);
        if (end == std::string_view::npos) end = piece.size();
        std::string w = akhbar::arabic::MatchKey(piece.substr(pos, end - pos));
        if (held_only.count(w)) return true;
        for (const char* p : {"\xd9\x88", "\xd9\x81", "\xd8\xa8", "\xd9\x84", "\xd9\x83"})  // و ف ب ل ك
          if (w.rfind(p, 0) == 0 && held_only.count(w.substr(2))) return true;
        pos = end + 1;
      }
      return false;
    };
    size_t removed = 0;
    // Lexicon lines: KIND<TAB>entry|entry...: drop the entries. Gazetteer
    // and agency lines: drop the whole line when any field names one.
    auto filter = [&](std::string_view src, bool per_entry) {
      std::string out;
      size_t pos = 0;
      while (pos <= src.size()) {
        size_t nl = src.find('\n', pos);
        if (nl == std::string_view::npos) nl = src.size();
        std::string_view line = src.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty() || line[0] == '#') {
          out.append(line).push_back('\n');
          continue;
        }
        size_t tab = line.find('\t');
        if (per_entry && tab != std::string_view::npos) {
          std::string kept(line.substr(0, tab + 1));
          bool first = true;
          std::string_view rest = line.substr(tab + 1);
          size_t p = 0;
          while (p <= rest.size()) {
            size_t bar = rest.find('|', p);
            if (bar == std::string_view::npos) bar = rest.size();
            std::string_view entry = rest.substr(p, bar - p);
            p = bar + 1;
            if (named(entry)) {
              ++removed;
              continue;
            }
            if (!first) kept += '|';
            kept.append(entry);
            first = false;
          }
          if (!first) out.append(kept).push_back('\n');
          continue;
        }
        std::string_view fields = line;
        bool hit = false;
        size_t p = 0;
        while (p <= fields.size() && !hit) {
          size_t stop = fields.find_first_of("\t|", p);
          if (stop == std::string_view::npos) stop = fields.size();
          hit = named(fields.substr(p, stop - p));
          p = stop + 1;
        }
        if (hit) {
          ++removed;
          continue;
        }
        out.append(line).push_back('\n');
      }
      return out;
    };
    std::string gaz = filter(akhbar::data::NerGazetteer(), false), ag = filter(akhbar::data::NerAgencies(), false),
                lex = filter(akhbar::data::NerLexicon(), true);
    masked = std::make_unique<Lexicon>(gaz, ag, lex, /*with_icu=*/true);
    Lexicon::OverrideDefault(masked.get());
    std::printf("held-out mask: %zu words name only held-out entities; %zu data-file entries masked\n",
                held_only.size(), removed);
  }
  auto tt = Clock::now();
  std::vector<std::string> docs;
  if (corpus_labels) {
    if (corpus_path.empty()) {
      std::fprintf(stderr, "akhbar_train_ner: --corpus-labels needs --corpus\n");
      return 1;
    }
    ForEachLine(corpus_path, [&](std::string_view line) {
      if (label_docs && docs.size() >= label_docs) return;
      auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.is_object() || !j.contains("content") || !j["content"].is_string()) return;
      docs.push_back(j["content"].get<std::string>());
    });
    std::printf("corpus labels: %zu documents\n", docs.size());
  }
  auto train_model = [&](const std::vector<ConllSentence>& ss) {
    return corpus_labels ? TrainWithLabels(ss, clusters, docs, topt, augment, label_min_count, progress)
                         : Train(Augment(ss, augment), clusters, topt, progress);
  };
  Model model = train_model(train);
  std::printf("trained on %zu sentences in %.1f s\n", train.size(), Since(tt));
  std::string bytes = model.impl().Serialize(prune);
  auto reparsed = Model::Parse(bytes);  // evaluate the quantized model that ships
  if (!reparsed.ok()) {
    std::fprintf(stderr, "akhbar_train_ner: model does not reparse: %s\n", reparsed.status().message().c_str());
    return 1;
  }
  Evaluation ev = Evaluate(reparsed.value(), test);
  if (!dump_path.empty()) {
    std::ofstream dump(dump_path, std::ios::binary);
    Tagger tagger(reparsed.value());
    std::vector<std::string_view> words;
    std::vector<Tag> pred;
    for (const auto& s : test) {
      words.clear();
      for (const auto& t : s) words.push_back(t.word);
      tagger.TagTokens(words, &pred);
      for (size_t i = 0; i < s.size(); ++i)
        dump << s[i].word << '\t' << TagName(s[i].gold) << '\t' << TagName(pred[i]) << '\n';
      dump << '\n';
    }
  }
  std::printf("held-out (%s):\n%s", heldout.c_str(), ev.Report().c_str());
  std::printf("HELDOUT_F1 %.4f HELDOUT_F1_NO_MISC %.4f\n", ev.Micro(true).F1(), ev.Micro(false).F1());

  Lexicon::OverrideDefault(nullptr);
  if (final_on == "all") {
    tt = Clock::now();
    model = train_model(all);
    std::printf("retrained on all %zu sentences in %.1f s\n", all.size(), Since(tt));
    bytes = model.impl().Serialize(prune);
  }
  if (!out_path.empty()) {
    std::ofstream out(out_path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out) {
      std::fprintf(stderr, "akhbar_train_ner: cannot write %s\n", out_path.c_str());
      return 1;
    }
    auto written = Model::Parse(bytes);
    std::printf("wrote %s: %zu bytes, %zu weight rows, %zu cluster words\n", out_path.c_str(), bytes.size(),
                written.ok() ? written->weight_rows() : 0, model.cluster_words());
  }
  std::printf("total %.1f s\n", Since(t0));
  return 0;
}
