// bench_ner [CORPUS [MAX_DOCS]] (default: the dev corpus): tags the `content` of every document with
// the shipped model (ner::TagEntities, one thread) and prints articles/s,
// tokens/s and mentions per type. Checks its own results: every mention's
// span lies inside its text, mentions are ordered and non-overlapping, and
// the text at the span equals the mention's text (exit 1 otherwise).

#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "akhbar/ner.h"
#include "akhbar/text.h"
#include "akhbar/tokenize.h"

int main(int argc, char** argv) {
  const std::string path = akhbar::bench::CorpusPath(argc, argv, "bench_ner");
  if (path.empty()) return 1;
  size_t max_docs = argc > 2 ? std::stoul(argv[2]) : 0;
  std::vector<std::string> docs = akhbar::bench::LoadCorpusTexts(path, max_docs);
  size_t tokens = 0, bytes = 0;
  std::vector<akhbar::arabic::Token> toks;
  for (const auto& d : docs) {
    akhbar::arabic::Tokenize(d, &toks);
    tokens += toks.size();
    bytes += d.size();
  }
  (void)akhbar::ner::TagEntities("تحميل");  // loads the model and lexicon outside the timing
  size_t by_type[4] = {0, 0, 0, 0};
  auto t0 = std::chrono::steady_clock::now();
  std::clock_t c0 = std::clock();
  bool ok = true;
  for (const auto& d : docs) {
    uint32_t prev_end = 0;
    for (const auto& m : akhbar::ner::TagEntities(d)) {
      ++by_type[int(m.type)];
      ok = ok && m.begin >= prev_end && m.begin < m.end && m.end <= d.size() &&
           d.compare(m.begin, m.end - m.begin, m.text) == 0;
      prev_end = m.end;
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("ner: %zu articles, %zu tokens, %.1f MB; wall %.2f s: %.0f articles/s, %.0f tokens/s; "
              "cpu %.2f s: %.0f articles/s, %.0f tokens/s (1 thread)\n",
              docs.size(), tokens, double(bytes) / 1e6, secs, double(docs.size()) / secs, double(tokens) / secs, cpu,
              double(docs.size()) / cpu, double(tokens) / cpu);
  std::printf("mentions: PER %zu, LOC %zu, ORG %zu, MISC %zu\n", by_type[0], by_type[1], by_type[2], by_type[3]);
  if (!ok) std::printf("FAILED: a mention span is out of order or does not match its text\n");
  return ok ? 0 : 1;
}
