// Tests of the `akhbar extract` command's code (src/cli/extract_cmd.cc) on
// string streams: JSON shape, code point offsets, --what, --ref-date,
// numbers inside dates dropped, bad lines.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

#include "cli/extract_cmd.h"

namespace akhbar::cli {
namespace {

struct RunResult {
  int rc;
  std::string out, err;
};

RunResult Extract(const std::string& input, const std::string& what = "numbers,dates", const std::string& ref = "") {
  ExtractArgs args;
  args.what = what;
  args.ref_date = ref;
  std::istringstream in(input);
  std::ostringstream out, err;
  const int rc = RunExtract(args, in, out, err);
  return {rc, out.str(), err.str()};
}

nlohmann::json Line(const std::string& text, const std::string& what = "numbers,dates",
                    const std::string& ref = "") {
  const RunResult r = Extract(text + "\n", what, ref);
  EXPECT_EQ(r.rc, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

TEST(Extract, NumbersWithCodePointOffsets) {
  const auto j = Line("قتل أكثر من 10 آلاف جندي");
  ASSERT_EQ(j["numbers"].size(), 1u);
  const auto& n = j["numbers"][0];
  EXPECT_EQ(n["text"], "10 آلاف");
  EXPECT_EQ(n["start"], 12);
  EXPECT_EQ(n["end"], 19);
  EXPECT_EQ(n["value"], 10000);
  EXPECT_EQ(n["qualifier"], "more than");
  EXPECT_TRUE(j["dates"].empty());
}

TEST(Extract, VagueIsNullAndFractionsAreDecimals) {
  const auto j = Line("آلاف الجنود ونصف مليون نازح و2.5 مليار");
  ASSERT_EQ(j["numbers"].size(), 3u);
  EXPECT_TRUE(j["numbers"][0]["value"].is_null());
  EXPECT_EQ(j["numbers"][0]["qualifier"], "thousands");
  EXPECT_EQ(j["numbers"][1]["value"], 500000);
  EXPECT_EQ(j["numbers"][2]["value"], 2500000000.0);
}

TEST(Extract, NumbersInsideDatesAreDropped) {
  const auto j = Line("في 19 يونيو 2024 قتل 5 أشخاص", "numbers,dates", "2024-07-01");
  ASSERT_EQ(j["numbers"].size(), 1u);
  EXPECT_EQ(j["numbers"][0]["value"], 5);
  ASSERT_EQ(j["dates"].size(), 1u);
  EXPECT_EQ(j["dates"][0]["date"], "2024-06-19");
  EXPECT_EQ(j["dates"][0]["text"], "19 يونيو 2024");
  EXPECT_EQ(j["dates"][0]["start"], 3);
}

TEST(Extract, RelativeDatesNeedRefDate) {
  EXPECT_TRUE(Line("وصل الوفد أمس")["dates"][0]["date"].is_null());
  EXPECT_EQ(Line("وصل الوفد أمس", "dates", "2025-03-14")["dates"][0]["date"], "2025-03-13");
}

TEST(Extract, WhatSelectsArrays) {
  const auto n = Line("قتل 5 أمس", "numbers");
  EXPECT_TRUE(n.contains("numbers"));
  EXPECT_FALSE(n.contains("dates"));
  const auto d = Line("قتل 5 أمس", "dates");
  EXPECT_FALSE(d.contains("numbers"));
  EXPECT_TRUE(d.contains("dates"));
  EXPECT_EQ(Extract("x\n", "numbers,people").rc, 1);
  EXPECT_EQ(Extract("x\n", "numbers", "2025-13-40").rc, 1);
}

TEST(Extract, OneObjectPerLineAndBadLines) {
  const RunResult r = Extract("قتل 3\r\n\n\xff\xfe 5\nنحو 20%\n");
  EXPECT_EQ(r.rc, 2);
  std::istringstream lines(r.out);
  std::string l;
  std::vector<nlohmann::json> objs;
  while (std::getline(lines, l)) objs.push_back(nlohmann::json::parse(l));
  ASSERT_EQ(objs.size(), 4u);
  EXPECT_EQ(objs[0]["numbers"][0]["value"], 3);
  EXPECT_TRUE(objs[1]["numbers"].empty());
  EXPECT_TRUE(objs[2].contains("error"));
  EXPECT_EQ(objs[3]["numbers"][0]["value"], 20);
  EXPECT_EQ(objs[3]["numbers"][0]["qualifier"], "about");
  EXPECT_EQ(objs[3]["numbers"][0]["percent"], true);
}

TEST(Extract, JsonEscapes) {
  const auto j = Line("قال \"نحو 5\" \\ ثم");
  EXPECT_EQ(j["numbers"][0]["text"], "5");
}

}  // namespace
}  // namespace akhbar::cli
