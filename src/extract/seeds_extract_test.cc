// The seed pages against ../shared/corpus/seeds/expected.json: every listed
// entity with its variants under one id, every claim (value, counted noun,
// qualifier, attribution), every quotation (speaker, start); nothing from a
// teaser. Skips when ../shared is absent. Set AKHBAR_DUMP=1 to print what
// was extracted.
#include <gtest/gtest.h>
#include <cstdlib>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "akhbar/article.h"
#include "akhbar/extract.h"
#include "testing.h"

namespace akhbar {
namespace {

std::string Fold(std::string_view s) { return testing::NfcFold(s); }

void Dump(const std::string& name, const Extraction& x) {
  std::cout << "=== " << name << "\n";
  for (const auto& e : x.entities) {
    std::cout << "E " << e.id << " " << e.type << " [" << e.canonical << "] " << e.latin << " roles:";
    for (const auto& r : e.roles) std::cout << " {" << r << "}";
    std::cout << " mentions:";
    for (const auto& m : e.mentions) std::cout << " <" << m.text << ">";
    std::cout << "\n";
  }
  for (const auto& q : x.quotes)
    std::cout << "Q [" << q.speaker << "] " << q.verb << ": " << q.text.substr(0, 80) << "\n";
  for (const auto& c : x.claims)
    std::cout << "C " << (c.value ? std::to_string(*c.value) : "null") << " " << c.counted << " q=" << c.qualifier
              << " by=" << c.attributed_name << " key=" << c.key << " :: " << c.text << "\n";
}

struct Seeds {
  std::map<std::string, Article> articles;
  std::map<std::string, Extraction> extractions;
  nlohmann::json expected;
};

Seeds LoadSeeds(const std::filesystem::path& shared) {
  Seeds s;
  auto dir = shared / "corpus/seeds";
  s.expected = nlohmann::json::parse(testing::ReadFile(dir / "expected.json"));
  bool dump = std::getenv("AKHBAR_DUMP") != nullptr;
  for (const auto& [name, exp] : s.expected["documents"].items()) {
    Article a = CleanText(testing::ReadFile(dir / name), PageMeta{}, CleanOptions{});
    Extraction x = Extract(a);
    if (dump) Dump(name, x);
    s.articles.emplace(name, std::move(a));
    s.extractions.emplace(name, std::move(x));
  }
  return s;
}

TEST(SeedsExtract, EntitiesWithVariantsUnderOneId) {
  AKHBAR_REQUIRE_SHARED(shared);
  Seeds s = LoadSeeds(shared);
  for (const auto& exp : s.expected["entities"]) {
    std::string canonical = exp["canonical"];
    SCOPED_TRACE(canonical);
    // Every article entity whose canonical or Latin name is this one.
    std::set<std::string> ids;
    std::set<std::string> surfaces;
    for (const auto& [name, x] : s.extractions) {
      for (const auto& e : x.entities) {
        if (e.canonical != canonical && (e.latin.empty() || e.latin != exp["latin"].get<std::string>())) continue;
        EXPECT_EQ(e.type, exp["type"].get<std::string>());
        ids.insert(e.id);
        for (const auto& m : e.mentions) surfaces.insert(Fold(m.text));
      }
    }
    ASSERT_EQ(ids.size(), 1u) << "found under " << ids.size() << " ids";
    for (const auto& v : exp["variants"]) {
      std::string variant = Fold(v.get<std::string>());
      bool in_body = false;
      for (const auto& [name, a] : s.articles) in_body = in_body || Fold(a.BodyText()).find(variant) != std::string::npos;
      if (in_body) {
        EXPECT_TRUE(surfaces.count(variant)) << "variant not a mention: " << variant;
      } else {
        // Only outside bodies (keywords lines): the name still resolves to the same id.
        EXPECT_EQ(GazetteerId(variant), *ids.begin()) << "variant: " << variant;
      }
    }
  }
}

TEST(SeedsExtract, Claims) {
  AKHBAR_REQUIRE_SHARED(shared);
  Seeds s = LoadSeeds(shared);
  for (const auto& exp : s.expected["claims"]) {
    std::string doc = exp["doc"], text = exp["text"];
    SCOPED_TRACE(doc + ": " + text);
    const Article& a = s.articles.at(doc);
    std::string body = a.BodyText();
    size_t at = body.find(text);
    ASSERT_NE(at, std::string::npos) << "claim text not in body";
    const Claim* found = nullptr;
    for (const auto& c : s.extractions.at(doc).claims)
      if (c.begin < at + text.size() && at < c.end) found = found ? found : &c;
    ASSERT_NE(found, nullptr) << "no claim over the text";
    if (exp["value"].is_null()) {
      EXPECT_FALSE(found->value.has_value());
    } else {
      ASSERT_TRUE(found->value.has_value());
      EXPECT_DOUBLE_EQ(*found->value, exp["value"].get<double>());
    }
    EXPECT_EQ(found->counted, exp["counted"].get<std::string>());
    EXPECT_EQ(found->qualifier, exp.value("qualifier", std::string()));
    if (exp.contains("attributed_to")) {
      EXPECT_EQ(found->attributed_name, exp["attributed_to"].get<std::string>());
    }
  }
  // The corroborated claim: more than 10,000 North Korean soldiers, in 001, 002, 003.
  std::map<std::string, std::set<std::string>> outlets_by_key;
  for (const auto& [name, x] : s.extractions)
    for (const auto& c : x.claims) outlets_by_key[c.key].insert(name);
  EXPECT_GE(outlets_by_key["جندي|10000|كوريا الشمالية"].size(), 3u);
}

TEST(SeedsExtract, Quotes) {
  AKHBAR_REQUIRE_SHARED(shared);
  Seeds s = LoadSeeds(shared);
  for (const auto& exp : s.expected["quotes"]) {
    std::string doc = exp["doc"], starts = Fold(exp["starts"].get<std::string>());
    SCOPED_TRACE(doc + ": " + starts);
    const Quote* found = nullptr;
    for (const auto& q : s.extractions.at(doc).quotes)
      if (Fold(q.text).rfind(starts, 0) == 0) found = &q;
    ASSERT_NE(found, nullptr) << "quotation not found";
    EXPECT_EQ(found->speaker, exp["speaker"].get<std::string>());
    EXPECT_FALSE(found->speaker_id.empty());
  }
}

TEST(SeedsExtract, NothingFromTeasers) {
  AKHBAR_REQUIRE_SHARED(shared);
  Seeds s = LoadSeeds(shared);
  for (const auto& [name, a] : s.articles) {
    SCOPED_TRACE(name);
    const Extraction& x = s.extractions.at(name);
    std::string body = a.BodyText();
    // Every span lies in the body and reads as reported.
    for (const auto& e : x.entities)
      for (const auto& m : e.mentions) EXPECT_EQ(body.substr(m.begin, m.end - m.begin), m.text);
    for (const auto& q : x.quotes) EXPECT_EQ(body.substr(q.begin, q.end - q.begin), q.text);
    for (const auto& c : x.claims) EXPECT_EQ(body.substr(c.begin, c.end - c.begin), c.text);
    // Names that occur only in teasers never come out.
    for (const char* teaser_only : {"زاخاروفا", "ماكرون", "الشرع", "ترامب", "بهلوي", "مجموعة السبع", "فابيو ليما"})
      for (const auto& e : x.entities) EXPECT_EQ(e.canonical.find(teaser_only), std::string::npos) << e.canonical;
    for (const auto& c : x.claims) EXPECT_NE(c.counted, "نقطة");
  }
}

}  // namespace
}  // namespace akhbar
