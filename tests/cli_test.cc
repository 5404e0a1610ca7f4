// End-to-end tests of the akhbar binary: exit codes, stdout/stderr split,
// one record per document, the bad-input table at the command level.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "testing.h"

namespace fs = std::filesystem;

namespace {

struct RunResult {
  int exit_code;
  std::string out, err;
};

RunResult RunAkhbar(const std::string& args, const std::string& stdin_data = "") {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("akhbar_cli_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string n = std::to_string(counter++);
  fs::path in = dir / ("in" + n), out = dir / ("out" + n), err = dir / ("err" + n);
  std::ofstream(in, std::ios::binary) << stdin_data;
  std::string cmd = std::string(AKHBAR_BINARY_DIR) + "/akhbar " + args + " < " + in.string() + " > " +
                    out.string() + " 2> " + err.string();
  int status = std::system(cmd.c_str());
  RunResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, akhbar::testing::ReadFile(out),
        akhbar::testing::ReadFile(err)};
  std::error_code ec;
  for (const fs::path& p : {in, out, err}) fs::remove(p, ec);
  fs::remove(dir, ec);  // when empty (no other call running)
  return r;
}

size_t CountLines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("akhbar_cli_inputs_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  fs::path dir_;
};

const char kArticle[] =
    "وزير الزراعة يفتتح سوق التمور في الواحة\n"
    "افتتح وزير الزراعة سامي العتيبي صباح اليوم سوق التمور السنوي بمشاركة ١٢٠ مزارعا.\n";

TEST_F(CliTest, HelpAndVersion) {
  RunResult help = RunAkhbar("--help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("analyze"), std::string::npos);
  RunResult version = RunAkhbar("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("akhbar"), std::string::npos);
  RunResult sub = RunAkhbar("analyze --help");
  EXPECT_EQ(sub.exit_code, 0);
  EXPECT_NE(sub.out.find("--field"), std::string::npos);
}

TEST_F(CliTest, UsageErrorExitsOne) {
  EXPECT_EQ(RunAkhbar("").exit_code, 1);
  EXPECT_EQ(RunAkhbar("analyze").exit_code, 1);
  EXPECT_EQ(RunAkhbar("analyze --no-such-option x").exit_code, 1);
  EXPECT_EQ(RunAkhbar("analyze --field bogus x").exit_code, 1);
}

TEST_F(CliTest, StdinAndOptionsAfterInputs) {
  RunResult r = RunAkhbar("analyze - --field title=headline", kArticle);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CountLines(r.out), 1u);
  EXPECT_NE(r.out.find("\"language\":\"ar\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("وزير الزراعة يفتتح سوق التمور في الواحة"), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;  // quiet when not on a terminal
}

TEST_F(CliTest, OneBadFileDoesNotStopTheBatch) {
  Write("a.txt", kArticle);
  Write("b.jsonl", std::string("{\"id\":\"x1\",\"content\":\"نص الخبر الأول\"}\nnot json\n") +
                       "{\"id\":\"x2\",\"content\":\"نص الخبر الثاني\"}\n");
  static const char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0";
  Write("c.png", std::string(kPng, sizeof(kPng) - 1));
  RunResult r = RunAkhbar("analyze " + dir_.string() + " " + (dir_ / "missing.txt").string());
  EXPECT_EQ(r.exit_code, 2);
  // 4 good documents + 3 failures, one JSON line each.
  EXPECT_EQ(CountLines(r.out), 6u) << r.out;
  EXPECT_NE(r.err.find("b.jsonl"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("c.png"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
  EXPECT_EQ(CountLines(r.err), 3u) << r.err;
}

TEST_F(CliTest, GzipDetectedByMagicNotName) {
  std::string gz;
  {
    fs::path p = dir_ / "plain.tmp";
    gzFile f = gzopen(p.string().c_str(), "wb");
    gzwrite(f, kArticle, sizeof(kArticle) - 1);
    gzclose(f);
    gz = akhbar::testing::ReadFile(p);
    fs::remove(p);
  }
  fs::path p = Write("article.txt", gz);
  RunResult r = RunAkhbar("analyze " + p.string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("سوق التمور"), std::string::npos) << r.out;
}

TEST(CliShared, SeedsGiveFiveRecords) {
  AKHBAR_REQUIRE_SHARED(shared);
  std::string args = "analyze";
  for (const auto& e : fs::directory_iterator(shared / "corpus/seeds"))
    if (e.path().extension() == ".txt") args += " " + e.path().string();
  RunResult r = RunAkhbar(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(CountLines(r.out), 5u);
}

TEST(CliExamples, EveryExampleIsRead) {
  RunResult r = RunAkhbar("analyze " + (akhbar::testing::SourceDir() / "examples/corpus").string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(CountLines(r.out), 30u);
  EXPECT_EQ(r.out.find("\"errors\":[\""), std::string::npos) << r.out;
}

}  // namespace
