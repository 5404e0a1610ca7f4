// bench_numbers [CORPUS]: runs FindNumbers over the texts of the corpus
// (default: the dev corpus), checks every span, prints MB/s and mentions.
#include <chrono>
#include <cstdio>
#include <string>

#include "bench/corpus.h"
#include "akhbar/numbers.h"
#include "akhbar/text.h"

int main(int argc, char** argv) {
  const std::string path = akhbar::bench::CorpusPath(argc, argv, "bench_numbers");
  if (path.empty()) return 1;
  const std::vector<std::string> docs = akhbar::bench::LoadCorpusTexts(path);
  const std::vector<std::string_view> texts(docs.begin(), docs.end());
  size_t total_bytes = 0;
  for (const auto& t : docs) total_bytes += t.size();
  size_t mentions = 0, vague = 0, bad = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (std::string_view t : texts) {
    uint32_t last = 0;
    for (const auto& m : akhbar::FindNumbers(t)) {
      ++mentions;
      vague += !m.value.has_value();
      if (m.begin >= m.end || m.end > t.size() || m.begin < last) ++bad;
      last = m.end;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%zu texts, %.1f MB, %.3f s, %.1f MB/s, %zu mentions (%zu vague), %zu bad spans\n",
              texts.size(), static_cast<double>(total_bytes) / 1e6, secs, static_cast<double>(total_bytes) / 1e6 / secs, mentions,
              vague, bad);
  return bad == 0 ? 0 : 1;
}
