// The store commands end to end (the test build of ingest/search/export/
// stats, wired as in src/cli/main.cc): exit codes, outputs, and injection
// attempts through every parameter.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "store_test_util.h"

namespace akhbar {
namespace {

using testing::TempDir;

struct CliRun {
  int code = -1;
  std::string out;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

CliRun Cli(const std::vector<std::string>& args) {
  std::string cmd = STORE_CLI;
  for (const auto& a : args) cmd += " " + Quote(a);
  cmd += " 2>/dev/null";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class StoreCli : public ::testing::Test {
 protected:
  void SetUp() override {
    input_ = dir_.File("in.jsonl");
    std::ofstream(input_)
        << R"({"id":"n1","title":"كيم جونغ أون يستقبل وزير الدفاع الروسي","source":"الجزيرة","date_extracted":"2024-11-02 09:00:00","content":"استقبل الزعيم كيم جونغ أون وزير الدفاع الروسي في بيونغ يانغ.\n\nوبحث الجانبان التعاون بين کوریا الشمالیة وروسيا."})"
        << "\n"
        << R"({"id":"n2","title":"أسعار النفط ترتفع","source":"سبق","date_extracted":"2025-01-21 10:00:00","content":"ارتفعت أسعار النفط في الأسواق بعد قرار أوبك."})"
        << "\n"
        << R"({"id":"n3","title":"","content":""})"
        << "\n";
    db_ = dir_.File("a.db");
  }
  TempDir dir_;
  std::string input_, db_;
};

TEST_F(StoreCli, IngestSearchExportStats) {
  CliRun r = Cli({"ingest", "--db", db_, input_});
  EXPECT_EQ(r.code, 2);  // n3 has no text
  r = Cli({"ingest", "--db", db_, input_});
  EXPECT_EQ(r.code, 2);

  r = Cli({"search", "--db", db_, "كوريا"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("n1"), std::string::npos);
  EXPECT_NE(r.out.find("[کوریا]"), std::string::npos) << r.out;

  r = Cli({"search", "--db", db_, "--json", "\"كيم جونغ أون\""});
  EXPECT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  EXPECT_EQ(j["id"], "n1");
  EXPECT_EQ(j["title"], "كيم جونغ أون يستقبل وزير الدفاع الروسي");
  EXPECT_NE(j["title_html"].get<std::string>().find("<mark>كيم جونغ أون</mark>"), std::string::npos);
  EXPECT_NE(j["snippet_html"].get<std::string>().find("<mark>كيم جونغ أون</mark>"), std::string::npos);

  r = Cli({"search", "--db", db_, "--outlet", "سبق", "--from", "2025-01-01", "النفط"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("n2"), std::string::npos);

  r = Cli({"export", "articles", "--db", db_});
  EXPECT_EQ(r.code, 0);
  size_t lines = 0;
  for (char c : r.out) lines += c == '\n';
  EXPECT_EQ(lines, 2u);
  r = Cli({"export", "articles", "--db", db_, "--format", "tsv"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("id\tkind\tparent_id", 0), 0u);

  r = Cli({"stats", "--db", db_});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("pages\t2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2025-01-21\t1"), std::string::npos) << r.out;

  // Errors: clean, exit 1.
  EXPECT_EQ(Cli({"search", "--db", dir_.File("missing.db"), "كوريا"}).code, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("missing.db")));
  EXPECT_EQ(Cli({"search", "--db", db_, "\" * ( ) : ^"}).code, 1);
  EXPECT_EQ(Cli({"search", "--db", db_, "--from", "yesterday", "كوريا"}).code, 1);
  EXPECT_EQ(Cli({"export", "everything", "--db", db_}).code, 1);
}

TEST_F(StoreCli, InjectionThroughEveryParameterChangesNothing) {
  ASSERT_EQ(Cli({"ingest", "--db", db_, input_}).code, 2);
  const std::string before = Cli({"export", "articles", "--db", db_}).out;
  ASSERT_FALSE(before.empty());
  const std::vector<std::string> kAttacks = {
      "'; DROP TABLE articles; --",
      "x' OR '1'='1",
      "\"); DELETE FROM articles; --",
      "كوريا'; UPDATE articles SET title='x'; --",
      "* OR NOT ^ NEAR( :",
  };
  for (const auto& a : kAttacks) {
    Cli({"search", "--db", db_, a});
    Cli({"search", "--db", db_, "--json", a});
    Cli({"search", "--db", db_, "--outlet", a, "كوريا"});
    Cli({"search", "--db", db_, "--from", a, "كوريا"});
    Cli({"search", "--db", db_, "--to", a, "كوريا"});
    Cli({"search", "--db", db_, "--limit", a, "كوريا"});
    Cli({"search", "--db", db_ + a, "كوريا"});
    Cli({"export", a, "--db", db_});
    Cli({"export", "articles", "--db", db_, "--format", a});
    Cli({"stats", "--db", db_ + a});
    Cli({"ingest", "--db", db_, "--ref-date", a, input_});
    Cli({"ingest", "--db", db_, "--field", "id=" + a, input_});
    Cli({"ingest", "--db", db_, "--batch", a, input_});
    Cli({"ingest", "--db", db_, dir_.File(a)});
  }
  EXPECT_EQ(Cli({"export", "articles", "--db", db_}).out, before);
}

}  // namespace
}  // namespace akhbar
