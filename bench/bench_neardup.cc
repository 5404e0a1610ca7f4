// Benchmark: near-duplicate signatures and index over a whole corpus.
//
//   bench_neardup [CORPUS]   (default ../shared/corpus/saudinewsnet-dev.jsonl.gz)
//
// Single-threaded (figures are per core), texts in memory. Phases: match
// normalization alone, shingle sets (normalization + words + shingles),
// MinHash, index Add of precomputed signatures, and the whole path
// (ComputeSignature + Add per article). Then the index state per article:
// MemoryUse() by part, and the growth of the resident set while the index
// was built, as a cross-check. Checks its own results (every document added,
// the whole path finds the same pairs as the phases, at least one pair);
// exits 1 if a check fails.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "akhbar/decode.h"
#include "akhbar/ingest.h"
#include "akhbar/neardup.h"
#include "akhbar/normalize.h"
#include "akhbar/signature.h"

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of this process: the machine is shared, so wall time measures
// the neighbours too. (Single-threaded: CPU time <= wall time.)
double CpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
struct Mark {
  Clock::time_point wall;
  double cpu;
};
Mark Now() { return {Clock::now(), CpuNow()}; }
double wall_seconds = 0;
double Since(Mark t) {
  wall_seconds = std::chrono::duration<double>(Clock::now() - t.wall).count();
  return CpuNow() - t.cpu;
}

void Print(const char* phase, size_t docs, size_t bytes, double secs) {
  std::printf("%-30s %6zu docs %6.1f MB %6.3f s CPU (%6.3f s wall) %8.0f docs/s %6.1f MB/s\n", phase, docs,
              bytes / 1e6, secs, wall_seconds, docs / secs, bytes / 1e6 / secs);
}

size_t ResidentBytes() {
  std::ifstream in("/proc/self/statm");
  size_t pages = 0, resident = 0;
  in >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string corpus = argc > 1 ? argv[1] : AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  if (!std::filesystem::exists(corpus)) {
    std::fprintf(stderr, "bench_neardup: %s not found (../shared is needed)\n", corpus.c_str());
    return 1;
  }
  std::vector<std::string> ids, texts;
  size_t bytes = 0;
  akhbar::ReadInputs({corpus}, {}, [&](akhbar::IngestItem&& item) {
    if (!item.doc.ok()) return;
    auto decoded = akhbar::DecodeToUtf8(item.doc->content.data, item.doc->charset_hint);
    if (!decoded.ok()) return;
    ids.push_back(item.doc->id.str());
    texts.push_back(std::move(decoded->text).release());
    bytes += texts.back().size();
  });
  const size_t n = texts.size();
  if (n == 0) {
    std::fprintf(stderr, "bench_neardup: no documents read\n");
    return 1;
  }
  const akhbar::SignatureOptions sopt;
  const akhbar::NearDupOptions nopt;
  std::printf("%zu documents, %u-word shingles, %u hashes, %u bands x %u rows\n", n, sopt.shingle_words,
              sopt.num_hashes, nopt.bands, nopt.rows);

  Mark t = Now();
  size_t key_bytes = 0;
  for (const auto& text : texts) key_bytes += akhbar::arabic::MatchKey(text).size();
  Print("match normalization", n, bytes, Since(t));

  std::vector<akhbar::Signature> sigs(n);
  t = Now();
  for (size_t i = 0; i < n; ++i) akhbar::ShingleSet(texts[i], sopt, &sigs[i].shingles);
  Print("shingle sets", n, bytes, Since(t));

  t = Now();
  for (size_t i = 0; i < n; ++i) akhbar::MinHash(sigs[i].shingles, sopt, &sigs[i].minhash);
  Print("minhash", n, bytes, Since(t));
  for (size_t i = 0; i < n; ++i) akhbar::ComputeSignature(texts[i], sopt, &sigs[i]);  // content hashes

  size_t pairs = 0;
  const size_t rss0 = ResidentBytes();
  akhbar::NearDupMemory memory;
  size_t groups = 0;
  {
    akhbar::NearDupIndex index(nopt);
    t = Now();
    for (size_t i = 0; i < n; ++i) {
      auto r = index.Add(akhbar::DocId(ids[i]), sigs[i]);
      if (!r.ok()) {
        std::fprintf(stderr, "bench_neardup: %s\n", r.status().ToString().c_str());
        return 1;
      }
      pairs += r->matches.size();
    }
    Print("index add (signatures given)", n, bytes, Since(t));
    memory = index.MemoryUse();
    groups = index.group_count();
  }
  const size_t rss1 = ResidentBytes();
  (void)rss1;

  // The whole path, as ingest runs it: one article at a time.
  size_t pairs2 = 0;
  size_t rss_grow = 0;
  {
    sigs.clear();
    sigs.shrink_to_fit();
    const size_t before = ResidentBytes();
    akhbar::NearDupIndex index(nopt);
    akhbar::Signature sig;
    t = Now();
    for (size_t i = 0; i < n; ++i) {
      akhbar::ComputeSignature(texts[i], sopt, &sig);
      auto r = index.Add(akhbar::DocId(ids[i]), sig);
      if (!r.ok()) return 1;
      pairs2 += r->matches.size();
    }
    Print("signature + index add", n, bytes, Since(t));
    const size_t after = ResidentBytes();
    rss_grow = after > before ? after - before : 0;
    if (index.size() != n) {
      std::fprintf(stderr, "bench_neardup: index holds %zu of %zu documents\n", index.size(), n);
      return 1;
    }
  }
  (void)rss0;
  (void)key_bytes;
  const double per = 1.0 / static_cast<double>(n);
  std::printf("verified pairs %zu, groups %zu\n", pairs, groups);
  std::printf("index state %.0f bytes/article: shingles %.0f, lsh %.0f, groups %.0f, ids %.0f "
              "(resident set grew %.0f bytes/article)\n",
              memory.total() * per, memory.shingles * per, memory.lsh * per, memory.groups * per, memory.ids * per,
              rss_grow * per);
  if (pairs != pairs2 || pairs == 0) {
    std::fprintf(stderr, "bench_neardup: check failed: %zu pairs vs %zu on the whole path\n", pairs, pairs2);
    return 1;
  }
  return 0;
}
