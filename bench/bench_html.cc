// bench_html: CleanHtml throughput on one core over the HTML fixtures
// (src/clean/testdata/html) and the example pages (examples/corpus/html, decoded to
// UTF-8). Runs for --seconds (default 2), prints pages/s and MB/s, and exits 1
// if any page gives an empty body, no page was found or the target (300
// pages/s) is missed.
//
// Usage: bench_html [SOURCE_DIR] [SECONDS]   (SOURCE_DIR defaults to ".")
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "akhbar/article.h"
#include "akhbar/decode.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  fs::path root = argc > 1 ? argv[1] : ".";
  double seconds = argc > 2 ? std::atof(argv[2]) : 2.0;
  std::vector<std::pair<std::string, std::string>> pages;  // name, UTF-8 html
  for (const char* dir : {"src/clean/testdata/html", "examples/corpus/html", "examples/html"}) {
    std::error_code ec;
    if (!fs::is_directory(root / dir, ec)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".html") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      auto text = akhbar::DecodeToUtf8(ss.str(), akhbar::PrescanHtmlCharset(ss.str()));
      if (!text.ok()) {
        std::fprintf(stderr, "bench_html: cannot decode %s\n", e.path().c_str());
        return 1;
      }
      pages.emplace_back(e.path().string(), std::string(text->text.view()));
    }
  }
  if (pages.empty()) {
    std::fprintf(stderr, "bench_html: no pages under %s (run from the source dir or pass it)\n", root.c_str());
    return 1;
  }
  size_t bytes_per_round = 0;
  for (const auto& p : pages) bytes_per_round += p.second.size();
  // Check once, then time.
  for (const auto& [name, html] : pages) {
    akhbar::Article a = akhbar::CleanHtml(html, akhbar::PageMeta{}, akhbar::CleanOptions{});
    if (a.body.empty() || a.title.empty()) {
      std::fprintf(stderr, "bench_html: empty body or title for %s\n", name.c_str());
      return 1;
    }
  }
  size_t done = 0, bytes = 0, words = 0;
  auto t0 = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& [name, html] : pages) {
      akhbar::Article a = akhbar::CleanHtml(html, akhbar::PageMeta{}, akhbar::CleanOptions{});
      if (a.body.empty()) {
        std::fprintf(stderr, "bench_html: empty body for %s\n", name.c_str());
        return 1;
      }
      words += a.body.size();
      ++done;
      bytes += html.size();
    }
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  std::printf("bench_html: %zu pages (%zu distinct, %.1f KB/round), %.2f s: %.0f pages/s, %.2f MB/s (1 core)\n", done,
              pages.size(), bytes_per_round / 1024.0, elapsed, done / elapsed, bytes / elapsed / 1e6);
  const double rate = done / elapsed;
  const bool met = akhbar::bench::ReportTarget("HTML extraction, pages/s:", rate, 0, ">= 300", rate >= 300);
  return words > 0 && met ? 0 : 1;
}
