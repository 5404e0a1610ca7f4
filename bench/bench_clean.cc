// Benchmark: scraped-text cleaning (CleanText) on the dev corpus, one core.
//
//   build/bench/bench_clean [CORPUS]   (default ../shared/corpus/saudinewsnet-dev.jsonl.gz)
//
// Decodes every record first (not timed), then times CleanText over all of
// them. Checks its own results (every record with text gives a body) and
// prints articles/s and MB/s. Target (cleaning issue): 20,000 articles/s;
// exits 1 when a check fails or the target is missed.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "akhbar/article.h"
#include "akhbar/decode.h"
#include "akhbar/ingest.h"

int main(int argc, char** argv) {
  std::string corpus = argc > 1 ? argv[1] : AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  if (!std::filesystem::exists(corpus)) {
    std::fprintf(stderr, "bench_clean: %s not found (../shared is needed)\n", corpus.c_str());
    return 1;
  }
  struct Doc {
    std::string text;
    akhbar::PageMeta meta;
  };
  std::vector<Doc> docs;
  akhbar::ReadInputs({corpus}, {}, [&](akhbar::IngestItem&& item) {
    if (!item.doc.ok()) return;
    auto decoded = akhbar::DecodeToUtf8(item.doc->content.data, item.doc->charset_hint);
    if (!decoded.ok()) return;
    docs.push_back({std::move(decoded->text).release(),
                    {item.doc->title, item.doc->outlet, item.doc->url, item.doc->published, item.doc->fetched_at}});
  });
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.text.size();
  size_t with_text = 0, with_body = 0, paragraphs = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (const auto& d : docs) {
    akhbar::Article a = akhbar::CleanText(d.text, d.meta, {});
    bool has_text = d.text.find_first_not_of(" \t\r\n") != std::string::npos;
    with_text += has_text;
    with_body += has_text && (!a.body.empty() || !a.title.empty());
    paragraphs += a.body.size();
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("clean (scraped text)  %zu articles  %.1f MB  %.3f s  %.0f articles/s  %.1f MB/s  (%zu paragraphs)\n",
              docs.size(), bytes / 1e6, secs, docs.size() / secs, bytes / 1e6 / secs, paragraphs);
  if (with_body != with_text) {
    std::fprintf(stderr, "bench_clean: check failed: %zu of %zu records with text gave no article\n",
                 with_text - with_body, with_text);
    return 1;
  }
  const double rate = docs.size() / secs;
  if (!akhbar::bench::IsDevCorpus(corpus)) return 0;
  return akhbar::bench::ReportTarget("cleaning, articles/s:", rate, 0, ">= 20,000", rate >= 20000) ? 0 : 1;
}
