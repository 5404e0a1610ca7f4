// Evaluation: near-duplicate pairs found by MinHash LSH + exact Jaccard
// against a gold list of pairs.
//
//   eval_neardup [--corpus PATH] [--gold PATH] [--hashes N] [--bands B]
//                [--rows R] [--threshold T] [--sweep] [--show N]
//
// Reads the corpus (default ../shared/corpus/saudinewsnet-dev.jsonl.gz; the
// `content` of each record, as given, which is what the gold was computed
// on), adds every document to a NearDupIndex in input order, and compares
// the verified pairs with the gold (default
// ../shared/corpus/neardup-dev-gold.tsv: `id_a TAB id_b TAB jaccard`, every
// pair with word 5-gram Jaccard >= 0.8). Prints the candidate pairs (LSH),
// exact checks, verified pairs, precision, recall, F1 and times, and the
// first N missed and extra pairs with both Jaccard values. --sweep also
// measures a table of (hashes, bands, rows) settings on the same shingles.
// Exits 1 when precision or recall is below 0.98 (the target).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "akhbar/decode.h"
#include "akhbar/ingest.h"
#include "akhbar/neardup.h"
#include "akhbar/signature.h"

namespace {

using Clock = std::chrono::steady_clock;
using Pair = std::pair<std::string, std::string>;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

Pair Ordered(const std::string& a, const std::string& b) { return a < b ? Pair{a, b} : Pair{b, a}; }

struct Doc {
  std::string id;
  akhbar::Signature sig;
};

struct RunFigures {
  size_t candidates = 0, checked = 0, copies = 0;
  std::map<Pair, double> found;
  double seconds = 0;
  size_t groups = 0;
  akhbar::NearDupMemory memory;
};

RunFigures Run(const std::vector<Doc>& docs, const akhbar::NearDupOptions& options) {
  RunFigures f;
  akhbar::NearDupIndex index(options);
  const auto t0 = Clock::now();
  for (const Doc& d : docs) {
    auto r = index.Add(akhbar::DocId(d.id), d.sig);
    if (!r.ok()) {
      std::fprintf(stderr, "eval_neardup: %s: %s\n", d.id.c_str(), r.status().ToString().c_str());
      continue;
    }
    f.candidates += r->candidates;
    f.checked += r->checked;
    f.copies += r->exact_copy;
    for (const auto& m : r->matches) f.found.emplace(Ordered(d.id, m.id.str()), m.jaccard);
  }
  f.seconds = Seconds(t0);
  f.groups = index.group_count();
  f.memory = index.MemoryUse();
  return f;
}

struct Score {
  size_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1.0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 1.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

Score Compare(const std::map<Pair, double>& found, const std::map<Pair, double>& gold) {
  Score s;
  for (const auto& [p, j] : found) (gold.count(p) ? s.tp : s.fp)++;
  for (const auto& [p, j] : gold) s.fn += found.count(p) == 0;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  std::string gold_path = AKHBAR_SHARED_DIR "/corpus/neardup-dev-gold.tsv";
  akhbar::SignatureOptions sopt;
  akhbar::NearDupOptions nopt;
  bool sweep = false;
  size_t show = 10;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has = i + 1 < argc;
    if (a == "--corpus" && has) {
      corpus = argv[++i];
    } else if (a == "--gold" && has) {
      gold_path = argv[++i];
    } else if (a == "--hashes" && has) {
      sopt.num_hashes = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (a == "--bands" && has) {
      nopt.bands = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (a == "--rows" && has) {
      nopt.rows = static_cast<uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    } else if (a == "--threshold" && has) {
      nopt.threshold = std::strtod(argv[++i], nullptr);
    } else if (a == "--show" && has) {
      show = std::strtoul(argv[++i], nullptr, 10);
    } else if (a == "--sweep") {
      sweep = true;
    } else {
      std::fprintf(stderr, "usage: eval_neardup [--corpus PATH] [--gold PATH] [--hashes N] [--bands B] [--rows R]\n"
                           "                    [--threshold T] [--sweep] [--show N]\n");
      return 2;
    }
  }
  for (const std::string& p : {corpus, gold_path}) {
    if (!std::filesystem::exists(p)) {
      std::fprintf(stderr, "eval_neardup: %s not found (../shared is needed)\n", p.c_str());
      return 1;
    }
  }

  // Gold pairs.
  std::map<Pair, double> gold;
  {
    std::ifstream in(gold_path);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string a, b;
      double j = 0;
      if (ls >> a >> b >> j) gold.emplace(Ordered(a, b), j);
    }
  }

  // Signatures, with enough hashes for the sweep's settings (prefixes of one
  // family, so a setting with fewer hashes sees the same values).
  const uint32_t max_hashes = sweep ? std::max<uint32_t>(sopt.num_hashes, 128) : sopt.num_hashes;
  akhbar::SignatureOptions sig_opt = sopt;
  sig_opt.num_hashes = max_hashes;
  std::vector<Doc> docs;
  size_t failed = 0, empty = 0, shingles = 0;
  double read_seconds = 0, sig_seconds = 0;
  auto t_read = Clock::now();
  akhbar::ReadInputs({corpus}, {}, [&](akhbar::IngestItem&& item) {
    if (!item.doc.ok()) {
      ++failed;
      return;
    }
    auto decoded = akhbar::DecodeToUtf8(item.doc->content.data, item.doc->charset_hint);
    if (!decoded.ok()) {
      ++failed;
      return;
    }
    read_seconds += Seconds(t_read);
    const auto t = Clock::now();
    Doc d{item.doc->id.str(), {}};
    akhbar::ComputeSignature(decoded->text.view(), sig_opt, &d.sig);
    sig_seconds += Seconds(t);
    empty += d.sig.shingles.empty();
    shingles += d.sig.shingles.size();
    docs.push_back(std::move(d));
    t_read = Clock::now();
  });
  std::printf("documents %zu (failed to read %zu; %zu with fewer than %u words: never near-duplicates)\n",
              docs.size(), failed, empty, sopt.shingle_words);
  std::printf("shingles per document %.1f; gold pairs %zu\n",
              docs.empty() ? 0.0 : static_cast<double>(shingles) / static_cast<double>(docs.size()), gold.size());
  std::printf("signatures (%u words per shingle, %u hashes): %.2f s, %.0f documents/s\n", sopt.shingle_words,
              max_hashes, sig_seconds, sig_seconds > 0 ? static_cast<double>(docs.size()) / sig_seconds : 0.0);

  if (sweep) {
    std::printf("\n%7s %5s %4s %9s %9s %11s %10s %9s %9s %9s %8s %8s\n", "hashes", "bands", "rows", "S-thresh",
                "P[J=0.8]", "candidates", "checked", "verified", "precision", "recall", "F1", "index s");
    const std::vector<std::pair<uint32_t, uint32_t>> settings = {{16, 8}, {32, 4}, {16, 4}, {20, 5}, {25, 4},
                                                                 {24, 5}, {10, 8}, {20, 6}, {14, 9}, {42, 3}};
    for (const auto& [b, r] : settings) {
      if (b * r > max_hashes) continue;
      akhbar::NearDupOptions o = nopt;
      o.bands = b;
      o.rows = r;
      const RunFigures f = Run(docs, o);
      const Score s = Compare(f.found, gold);
      std::printf("%7u %5u %4u %9.3f %9.5f %11zu %10zu %9zu %9.4f %9.4f %8.4f %8.3f\n", b * r, b, r,
                  std::pow(1.0 / b, 1.0 / r), 1 - std::pow(1 - std::pow(0.8, r), b), f.candidates, f.checked,
                  f.found.size(), s.precision(), s.recall(), s.f1(), f.seconds);
    }
    std::printf("\n");
  }

  const RunFigures f = Run(docs, nopt);
  const Score s = Compare(f.found, gold);
  std::printf("setting: %u bands x %u rows (S-curve threshold %.3f), Jaccard >= %.2f\n", nopt.bands, nopt.rows,
              std::pow(1.0 / nopt.bands, 1.0 / nopt.rows), nopt.threshold);
  std::printf("candidate pairs %zu, exact checks %zu, exact copies %zu\n", f.candidates, f.checked, f.copies);
  std::printf("verified pairs %zu (gold %zu): true %zu, extra %zu, missed %zu\n", f.found.size(), gold.size(), s.tp,
              s.fp, s.fn);
  std::printf("precision %.4f recall %.4f F1 %.4f\n", s.precision(), s.recall(), s.f1());
  std::printf("groups %zu for %zu documents\n", f.groups, docs.size());
  std::printf("time: read %.2f s, signatures %.2f s, index %.3f s (%.0f documents/s)\n", read_seconds, sig_seconds,
              f.seconds, f.seconds > 0 ? static_cast<double>(docs.size()) / f.seconds : 0.0);
  std::printf("index memory %.0f bytes/document (shingles %.0f, lsh %.0f, groups %.0f, ids %.0f)\n",
              static_cast<double>(f.memory.total()) / static_cast<double>(std::max<size_t>(docs.size(), 1)),
              static_cast<double>(f.memory.shingles) / static_cast<double>(std::max<size_t>(docs.size(), 1)),
              static_cast<double>(f.memory.lsh) / static_cast<double>(std::max<size_t>(docs.size(), 1)),
              static_cast<double>(f.memory.groups) / static_cast<double>(std::max<size_t>(docs.size(), 1)),
              static_cast<double>(f.memory.ids) / static_cast<double>(std::max<size_t>(docs.size(), 1)));

  if (show > 0) {
    // Exact Jaccard of our shingles for the missed pairs, to tell a banding
    // miss (ours >= threshold) from a definition difference (ours below).
    std::map<std::string, const Doc*> by_id;
    for (const Doc& d : docs) by_id[d.id] = &d;
    size_t n = 0;
    for (const auto& [p, j] : gold) {
      if (f.found.count(p) || n++ >= show) continue;
      const Doc* a = by_id.count(p.first) ? by_id[p.first] : nullptr;
      const Doc* b = by_id.count(p.second) ? by_id[p.second] : nullptr;
      const double ours = a && b ? akhbar::ExactJaccard(a->sig.shingles, b->sig.shingles) : -1;
      std::printf("  missed %s %s gold %.4f ours %.4f\n", p.first.c_str(), p.second.c_str(), j, ours);
    }
    n = 0;
    for (const auto& [p, j] : f.found) {
      if (gold.count(p) || n++ >= show) continue;
      std::printf("  extra  %s %s ours %.4f\n", p.first.c_str(), p.second.c_str(), j);
    }
  }
  const bool ok = s.precision() >= 0.98 && s.recall() >= 0.98;
  std::printf("%s: precision and recall %s 0.98\n", ok ? "PASS" : "FAIL", ok ? ">=" : "not both >=");
  return ok ? 0 : 1;
}
