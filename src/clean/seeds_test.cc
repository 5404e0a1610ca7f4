// The seed pages against ../shared/corpus/seeds/expected.json: title, flags,
// outlet, keywords, published date and kind, body fragments, teasers, and
// cited agencies. Skips when ../shared is absent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

#include "akhbar/article.h"
#include "clean/agencies.h"
#include "testing.h"

namespace akhbar {
namespace {

std::string Fold(std::string_view s) { return testing::NfcFold(s); }

TEST(Seeds, CleanedAsExpected) {
  AKHBAR_REQUIRE_SHARED(shared);
  auto seeds = shared / "corpus/seeds";
  auto expected = nlohmann::json::parse(testing::ReadFile(seeds / "expected.json"));
  int checked = 0;
  for (const auto& [name, exp] : expected["documents"].items()) {
    SCOPED_TRACE(name);
    Article a = CleanText(testing::ReadFile(seeds / name), PageMeta{}, CleanOptions{});
    std::string body = Fold(a.BodyText());
    EXPECT_EQ(a.title, exp["title"].get<std::string>());
    if (name.rfind("003", 0) == 0) {
      EXPECT_EQ(a.flags, std::vector<std::string>{"breaking"});
    }
    if (exp["outlet"].is_null()) {
      EXPECT_EQ(a.outlet, "");
    } else {
      EXPECT_EQ(a.outlet, exp["outlet"].get<std::string>());
    }
    EXPECT_EQ(a.keywords, exp["keywords"].get<std::vector<std::string>>());
    EXPECT_EQ(DateKindName(a.published.kind), exp["published_kind"].get<std::string>());
    if (exp["published"].is_null()) {
      EXPECT_FALSE(a.published.date.has_value());
    } else {
      ASSERT_TRUE(a.published.date.has_value());
      EXPECT_EQ(a.published.date->ToIso(), exp["published"].get<std::string>());
    }
    if (exp.contains("published_relative")) {
      EXPECT_EQ(a.published.text, exp["published_relative"].get<std::string>());
    }
    for (const auto& f : exp["body_must_contain"])
      EXPECT_NE(body.find(Fold(f.get<std::string>())), std::string::npos) << "missing: " << f;
    for (const auto& f : exp["body_must_not_contain"])
      EXPECT_EQ(body.find(Fold(f.get<std::string>())), std::string::npos) << "present: " << f;
    for (const auto& f : exp["body_must_not_have_paragraph"])
      for (const auto& p : a.body) EXPECT_NE(Fold(p), Fold(f.get<std::string>()));
    ASSERT_EQ(a.teasers.size(), exp["teasers"].size());
    for (size_t i = 0; i < a.teasers.size(); ++i) {
      std::string starts = Fold(exp["teasers"][i]["title_starts"].get<std::string>());
      EXPECT_EQ(Fold(a.teasers[i].title).rfind(starts, 0), 0u) << a.teasers[i].title;
    }
    // Every expected agency is found (compared by canonical name).
    for (const auto& ag : exp["cited_agencies"]) {
      const AgencyCitation* want = clean::AgencyIndex::Get().Lookup(ag.get<std::string>());
      ASSERT_NE(want, nullptr) << ag;
      bool found = false;
      for (const auto& got : a.agencies) found = found || got.name == want->name;
      EXPECT_TRUE(found) << "agency not found: " << ag;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 5);
}

}  // namespace
}  // namespace akhbar
