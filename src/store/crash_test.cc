// kill -9 at random moments of an ingest: the store opens, passes
// PRAGMA integrity_check and the FTS5 integrity check, holds every document
// of every batch the writer reported committed, and a re-run completes the
// rest with nothing doubled.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <thread>

#include "akhbar/store.h"
#include "store/fts_tokenizer.h"
#include "store_test_util.h"

namespace akhbar {
namespace {

using testing::TempDir;

constexpr size_t kDocs = 6000;

// Input in input order: doc-00000 .. ; synthetic Arabic news paragraphs.
void WriteInput(const std::string& path) {
  static const char* const kSentences[] = {
      "أعلنت وزارة الدفاع الروسية وصول دفعة جديدة من الجنود الكوريين الشماليين إلى منطقة كورسك.",
      "وقال المتحدث باسم الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
      "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار تحالف أوبك بلس خفض الإنتاج.",
      "وأكد رئيس الوزراء أن الحكومة ماضية في تنفيذ خطة الإصلاح الاقتصادي.",
      "فاز المنتخب الوطني على نظيره بهدفين نظيفين في المباراة التي أقيمت مساء أمس.",
      "وأشارت الوكالة إلى أن الأمطار الغزيرة تسببت في إغلاق عدد من الطرق الرئيسية.",
  };
  std::ofstream out(path);
  std::mt19937 rng(7);
  for (size_t i = 0; i < kDocs; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "doc-%05zu", i);
    std::string body;
    for (int p = 0; p < 4; ++p) {
      body += kSentences[rng() % 6];
      body += " ";
      body += kSentences[rng() % 6];
      body += " رقم " + std::to_string(i) + "\\n\\n";
    }
    out << "{\"id\":\"" << id << "\",\"title\":\"خبر رقم " << i << " عن " << kSentences[i % 6]
        << "\",\"source\":\"outlet" << i % 7 << "\",\"date_extracted\":\"2025-01-" << 10 + i % 20
        << " 10:00:00\",\"content\":\"" << body << "\"}\n";
  }
}

struct RunResult {
  size_t committed = 0;  // documents the helper reported durable
  bool finished = false;
  std::string last_line;
};

// Runs the helper; kills it with SIGKILL after `kill_after` (unless zero).
RunResult RunHelper(const std::string& db, const std::string& input, std::chrono::microseconds kill_after) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl(STORE_CRASH_HELPER, STORE_CRASH_HELPER, db.c_str(), "200", input.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  if (kill_after.count() > 0) {
    std::this_thread::sleep_for(kill_after);
    kill(pid, SIGKILL);
  }
  // Everything written before the kill is in the pipe.
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) break;  // a torn last line: ignore
    std::string line = text.substr(pos, nl - pos);
    pos = nl + 1;
    r.last_line = line;
    if (line.rfind("committed ", 0) == 0) r.committed = std::stoul(line.substr(10));
    if (line.rfind("done ", 0) == 0) r.finished = true;
  }
  if (kill_after.count() == 0) {
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << text;
  }
  return r;
}

std::string QueryOne(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return std::string("error: ") + sqlite3_errmsg(db);
  if (sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  }
  sqlite3_finalize(st);
  return out;
}

// Checks the file as left by a killed writer; returns the page count.
size_t Check(const std::string& path, size_t committed) {
  // Opening through the store (recovers the WAL, checks the schema).
  {
    auto s = OpenSqliteStore(path);
    EXPECT_TRUE(s.ok()) << s.status().message();
  }
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_TRUE(store::RegisterArabicTokenizer(db).ok());
  EXPECT_EQ(QueryOne(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(sqlite3_exec(db, "INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 1)", nullptr,
                         nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  // Every reported batch is there: the first `committed` ids, in order.
  char bound[32];
  std::snprintf(bound, sizeof bound, "doc-%05zu", committed);
  std::string sql = std::string("SELECT count(*) FROM articles WHERE id < '") + bound + "'";
  EXPECT_EQ(QueryOne(db, sql.c_str()), std::to_string(committed));
  size_t pages = std::stoul(QueryOne(db, "SELECT count(*) FROM articles"));
  EXPECT_EQ(QueryOne(db, "SELECT count(DISTINCT id) FROM articles"), std::to_string(pages));
  sqlite3_close(db);
  return pages;
}

TEST(StoreCrash, KillNineAtRandomMoments) {
  TempDir dir;
  std::string input = dir.File("input.jsonl"), db = dir.File("crash.db");
  WriteInput(input);
  // One full run on another file, to scale the random kill moments.
  auto t0 = std::chrono::steady_clock::now();
  RunResult full = RunHelper(dir.File("full.db"), input, {});
  ASSERT_TRUE(full.finished);
  auto full_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  std::mt19937 rng(12345);
  constexpr int kKills = 24;
  size_t pages_before = 0;
  int kills_with_progress = 0;
  for (int k = 0; k < kKills; ++k) {
    // Every 8 kills, start from an empty file again so that kills also land
    // in the early batches and in the schema creation.
    if (k % 8 == 0) {
      std::filesystem::remove(db);
      std::filesystem::remove(db + "-wal");
      std::filesystem::remove(db + "-shm");
      pages_before = 0;
    }
    std::uniform_int_distribution<long> when(1000, std::max<long>(2000, full_us.count() / 3));
    RunResult r = RunHelper(db, input, std::chrono::microseconds(when(rng)));
    if (r.finished) continue;  // finished before the kill: checked below
    size_t pages = Check(db, r.committed);
    EXPECT_GE(pages, pages_before);  // committed batches never disappear
    kills_with_progress += pages > pages_before;
    pages_before = pages;
  }
  EXPECT_GT(kills_with_progress, 0);
  // The re-run completes the rest; another changes nothing.
  RunResult rest = RunHelper(db, input, {});
  ASSERT_TRUE(rest.finished);
  EXPECT_EQ(Check(db, kDocs), kDocs);
  RunResult again = RunHelper(db, input, {});
  EXPECT_EQ(again.last_line, "done 0 0 " + std::to_string(kDocs) + " 0");
}

}  // namespace
}  // namespace akhbar
