// numbers_throughput FILE: runs FindNumbers over the texts in FILE (separated
// by NUL bytes or newlines), checks every span, prints MB/s and mentions.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "akhbar/numbers.h"
#include "akhbar/text.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: numbers_throughput FILE\n");
    return 1;
  }
  std::ifstream f(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string all = ss.str();
  std::vector<std::string_view> texts;
  size_t start = 0;
  for (size_t i = 0; i <= all.size(); ++i) {
    if (i == all.size() || all[i] == '\0' || all[i] == '\n') {
      if (i > start) texts.push_back(std::string_view(all).substr(start, i - start));
      start = i + 1;
    }
  }
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
              texts.size(), double(all.size()) / 1e6, secs, double(all.size()) / 1e6 / secs, mentions,
              vague, bad);
  return bad == 0 ? 0 : 1;
}
