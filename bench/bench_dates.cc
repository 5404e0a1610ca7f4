// bench_dates [CORPUS [REPEAT]]: runs FindDates over every text of the corpus
// (default: the dev corpus), checks every span is in range, ordered and
// non-overlapping, and prints MB/s and mention counts. Exit 1 on a bad span.
// Reference date: 2015-08-01 (the SaudiNewsNet dev corpus was fetched then).
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "bench/corpus.h"
#include "akhbar/dates.h"

int main(int argc, char** argv) {
  const std::string path = akhbar::bench::CorpusPath(argc, argv, "bench_dates");
  if (path.empty()) return 1;
  const std::vector<std::string> docs = akhbar::bench::LoadCorpusTexts(path);
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
  const std::vector<std::string_view> texts(docs.begin(), docs.end());
  size_t total_bytes = 0;
  for (const auto& t : docs) total_bytes += t.size();
  akhbar::DateContext ctx;
  ctx.reference = akhbar::CivilDate{2015, 8, 1};
  size_t mentions = 0, resolved = 0, kinds[4] = {0, 0, 0, 0};
  double best = 1e30;
  for (int r = 0; r < repeat; ++r) {
    mentions = resolved = 0;
    kinds[0] = kinds[1] = kinds[2] = kinds[3] = 0;
    auto t0 = std::chrono::steady_clock::now();
    for (std::string_view t : texts) {
      auto ms = akhbar::FindDates(t, ctx);
      uint32_t last = 0;
      for (const auto& m : ms) {
        if (m.begin >= m.end || m.end > t.size() || m.begin < last) {
          std::fprintf(stderr, "bad span [%u,%u) in a text of %zu bytes\n", m.begin, m.end,
                       t.size());
          return 1;
        }
        last = m.end;
        ++mentions;
        resolved += m.date.has_value();
        ++kinds[static_cast<int>(m.kind)];
      }
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (s < best) best = s;
  }
  std::printf("texts=%zu bytes=%zu best=%.3fs throughput=%.1f MB/s mentions=%zu resolved=%zu "
              "absolute=%zu relative=%zu weekday=%zu\n",
              texts.size(), total_bytes, best, total_bytes / best / 1e6, mentions, resolved,
              kinds[0], kinds[1], kinds[2]);
  return 0;
}
