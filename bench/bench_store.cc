// Store benchmark: ingest of the dev corpus into a new database (search
// index included), database size per article, and search latency (median
// and p99 over 1,000 queries drawn from the stored titles). Checks its own
// results; exits 1 when a check fails, 0 (with a note) when ../shared is
// absent.
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "akhbar/store.h"

namespace {

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  fs::path corpus = fs::path(AKHBAR_SHARED_DIR) / "corpus" / "saudinewsnet-dev.jsonl.gz";
  if (argc > 1) corpus = argv[1];
  if (!fs::exists(corpus)) {
    std::printf("bench_store: %s is absent: skipped\n", corpus.c_str());
    return 0;
  }
  std::string tmpl = (fs::temp_directory_path() / "akhbar-bench-XXXXXX").string();
  fs::path dir = mkdtemp(tmpl.data());
  std::string db = (dir / "bench.db").string();
  int failures = 0;
  auto check = [&](bool ok, const char* what) {
    if (!ok) {
      std::printf("CHECK FAILED: %s\n", what);
      ++failures;
    }
  };

  // 1. Ingest.
  auto store = akhbar::OpenSqliteStore(db);
  if (!store.ok()) {
    std::printf("%s\n", store.status().message().c_str());
    return 1;
  }
  akhbar::StoreIngestOptions options;
  akhbar::IngestCounts counts;
  double cpu0 = CpuSeconds(), tcpu0 = ThreadCpuSeconds();
  auto t0 = std::chrono::steady_clock::now();
  akhbar::Status st = akhbar::IngestIntoStore(**store, {corpus.string()}, options, &counts);
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double cpu = CpuSeconds() - cpu0, writer_cpu = ThreadCpuSeconds() - tcpu0;
  check(st.ok(), "ingest succeeded");
  check(counts.read == 20329 || argc > 1, "20,329 records read");
  check(counts.added + counts.failed == counts.read, "every record new or failed");
  std::printf("ingest: %zu read, %zu new, %zu failed, %zu teasers in %.2f s wall: %.0f documents/s "
              "(process CPU %.2f s; writer thread CPU %.2f s, reader+analysis thread CPU %.2f s; load %s)\n",
              counts.read, counts.added, counts.failed, counts.teasers, wall, counts.read / wall, cpu, writer_cpu,
              cpu - writer_cpu, [] {
                double l[1] = {0};
                static char buf[16];
                std::snprintf(buf, sizeof buf, "%.1f", getloadavg(l, 1) == 1 ? l[0] : -1.0);
                return buf;
              }());

  // 2. Size.
  uintmax_t bytes = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    auto n = fs::file_size(db + suffix, ec);
    if (!ec) bytes += n;
  }
  size_t rows = counts.added + counts.teasers;
  std::printf("size: %.1f MB for %zu articles: %.0f bytes per article\n", bytes / 1e6, rows,
              rows ? static_cast<double>(bytes) / rows : 0.0);

  // 3. Search latency: two consecutive words of random titles.
  std::vector<std::string> titles;
  (void)(*store)->ForEach([&](const akhbar::StoredArticle& a) {
    if (a.kind == "page" && !a.title.empty()) titles.push_back(a.title);
    return true;
  });
  std::mt19937 rng(42);
  std::vector<double> ms;
  size_t with_hits = 0, attempts = 0;
  while (ms.size() < 1000 && attempts < 100000 && !titles.empty()) {
    ++attempts;
    const std::string& t = titles[rng() % titles.size()];
    std::vector<std::string> words;
    size_t pos = 0;
    while (pos < t.size()) {
      size_t sp = t.find(' ', pos);
      if (sp == std::string::npos) sp = t.size();
      if (sp > pos) words.push_back(t.substr(pos, sp - pos));
      pos = sp + 1;
    }
    if (words.size() < 2) continue;
    size_t i = rng() % (words.size() - 1);
    akhbar::SearchQuery q;
    q.text = words[i] + " " + words[i + 1];
    auto s0 = std::chrono::steady_clock::now();
    auto hits = (*store)->Search(q);
    double e = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s0).count();
    if (!hits.ok()) continue;  // stop words or punctuation only
    ms.push_back(e);
    with_hits += !hits->empty();
  }
  std::sort(ms.begin(), ms.end());
  check(ms.size() == 1000, "1,000 queries ran");
  check(with_hits == ms.size(), "every query drawn from a title finds something");
  if (!ms.empty()) {
    std::printf("search: %zu queries (two consecutive title words, limit 20): median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                ms.size(), ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back());
  }
  store->reset();
  fs::remove_all(dir);
  return failures ? 1 : 0;
}
