// Benchmark: online event clustering of the whole dev corpus, one core.
//
//   bench_events [CORPUS]   (default ../shared/corpus/saudinewsnet-dev.jsonl.gz)
//
// Analyses every record and extracts its features first (timed apart, not
// part of the clustering figure), orders them in time, then times
// EventClusterer::Add over all of them with the default options and no idf
// prior. Prints articles/s for feature extraction and for clustering, and
// the clustering state's bytes per article (text excluded). Checks its own
// results: every article is assigned, a resumed clusterer (FromState after
// the first half) gives the same assignments (and final labels, after the
// second-chance merges) as one run, and the state is
// at most 2 KB per article (the target); exits 1 otherwise.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "akhbar/analyze.h"
#include "akhbar/events.h"
#include "akhbar/ingest.h"

namespace ev = akhbar::events;

int main(int argc, char** argv) {
  std::string corpus = argc > 1 ? argv[1] : AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  if (!std::filesystem::exists(corpus)) {
    std::fprintf(stderr, "bench_events: %s not found (../shared is needed)\n", corpus.c_str());
    return 1;
  }
  struct Doc {
    std::string id, title, body, fetched;
    std::optional<akhbar::CivilDate> date;
  };
  std::vector<Doc> docs;
  akhbar::ReadInputs({corpus}, {}, [&](akhbar::IngestItem&& item) {
    if (!item.doc.ok()) return;
    std::string fetched = item.doc->fetched_at;
    auto a = akhbar::AnalyzeDocument(std::move(*item.doc), {});
    if (!a.ok()) return;
    auto date = a->article.published.date;
    if (!date) date = akhbar::ParseIsoDate(fetched);
    docs.push_back({a->id.str(), a->article.title, a->text.str(), fetched, date});
  });
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::pair<ev::OrderKey, ev::ArticleFeatures>> items;
  items.reserve(docs.size());
  for (const auto& d : docs)
    items.push_back({ev::MakeOrderKey(d.date, d.fetched, d.id), ev::ExtractFeatures(d.id, d.title, d.body, d.date)});
  double feat_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const size_t n = items.size();

  ev::EventClusterer c;
  std::vector<uint32_t> assigned(n);
  size_t candidates = 0;
  t0 = std::chrono::steady_clock::now();
  std::clock_t cpu0 = std::clock();
  for (size_t i = 0; i < n; ++i) {
    auto a = c.Add(items[i].second);
    assigned[i] = a.event;
    candidates += a.candidates;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu_secs = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  size_t bytes = c.MemoryBytes();
  std::printf("features    %zu articles  %.3f s  %.0f articles/s\n", n, feat_secs, n / feat_secs);
  std::printf("clustering  %zu articles  %.3f s wall  %.0f articles/s  (%.3f s CPU: %.0f articles/s)  %zu events (%zu active at the end)  %.1f candidates/article\n",
              n, secs, n / secs, cpu_secs, n / cpu_secs, c.state().events.size(), c.active_events(), static_cast<double>(candidates) / n);
  std::printf("state       %.2f MB  %.0f bytes/article (target <= 2048)\n", bytes / 1e6,
              static_cast<double>(bytes) / n);

  // Self-checks: resume after the first half from the state.
  bool ok = c.state().article_ids.size() == n;
  ev::EventClusterer first;
  for (size_t i = 0; i < n / 2; ++i) first.Add(items[i].second);
  ev::EventClusterer second = ev::EventClusterer::FromState(first.state());
  size_t differ = 0;
  for (size_t i = n / 2; i < n; ++i) differ += second.Add(items[i].second).event != assigned[i];
  // Second-chance merges relabel earlier articles: the final labels agree too.
  for (size_t i = 0; i < n; ++i) differ += second.state().article_event[i] != c.state().article_event[i];
  if (differ != 0) {
    std::fprintf(stderr, "bench_events: check failed: resumed clustering differs on %zu articles\n", differ);
    ok = false;
  }
  if (static_cast<double>(bytes) / n > 2048) {
    std::fprintf(stderr, "bench_events: check failed: state over 2 KB per article\n");
    ok = false;
  }
  return ok ? 0 : 1;
}
