// Conflation test of the two stemmers: groups of word forms that should get
// one stem (inflections and proclitics of news vocabulary), pairs of
// different words that must not, and names that should stay whole. Prints
// each stemmer's figures; asserts the light stemmer's.
//
// Bars (light stemmer), set just under the figures measured when it was
// written (groups 42/45, over-stemmed 5/31, names whole 29/40, names
// conflated with their و forms 38/40), so that a change that loses
// conflation or precision fails:
//  - group accuracy >= 0.9: the groups are the inflections light stemming
//    is meant to conflate (proclitics, sound plurals, ة, nisba, pronoun
//    suffixes). Known gaps: ل/ب before short alef- or waw-initial words
//    (لإيران, لواشنطن) are kept, to protect لافروف, لاعب, بوتين, كوريا.
//  - over-stemmed pairs <= 5 of the must-not list: the merges left are
//    those every light stemmer that removes ة makes (مكتبة/مكتب,
//    جامعة/جامع, طائرة/طائر, كلية/كلي) plus ماكرون/ماكر (ون), the cost of
//    conflating الحكومة/حكومتها and اللاعبون/لاعب.
//  - names whole >= 0.7 and names conflated with their و form >= 0.9: a
//    name that is cut (واشنطن -> اشنطن, بريطانيا -> ريطانيا) is cut the
//    same way with a proclitic, which is what matching needs.
// Broken plurals (صاروخ/صواريخ) are reported separately: neither stemmer
// is expected to conflate them.
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "akhbar/normalize.h"
#include "akhbar/stem.h"

namespace akhbar::arabic {
namespace {

using StemFn = std::function<std::string(const std::string&)>;

const std::vector<std::vector<const char*>>& Groups() {
  static const std::vector<std::vector<const char*>> groups = {
      {"الجنود", "وجنود", "جنود", "للجنود", "بالجنود"},
      {"الصواريخ", "بالصواريخ", "والصواريخ", "صواريخ", "وبالصواريخ"},
      {"المحادثات", "محادثات", "ومحادثات", "محادثاتهم"},
      {"كوريا", "بكوريا", "لكوريا", "وكوريا"},
      {"روسيا", "وروسيا", "لروسيا", "بروسيا"},
      {"موسكو", "لموسكو", "وموسكو", "بموسكو"},
      {"واشنطن", "وواشنطن", "لواشنطن"},
      {"بوتين", "وبوتين", "لبوتين"},
      {"لافروف", "ولافروف"},
      {"أوكرانيا", "بأوكرانيا", "لأوكرانيا", "وأوكرانيا"},
      {"الشمالية", "الشمالي", "الشماليين", "والشمالية"},
      {"الحكومة", "حكومة", "حكومتها", "والحكومة"},
      {"القوات", "قوات", "قواتها", "والقوات"},
      {"الدولة", "دولة", "الدولتين"},
      {"الفلسطينيين", "فلسطيني", "الفلسطيني"},
      {"المصريين", "مصري", "المصري"},
      {"الوزير", "وزير", "والوزير", "للوزير"},
      {"الوزارة", "وزارة", "والوزارة", "بالوزارة"},
      {"الرئيس", "رئيس", "والرئيس", "للرئيس"},
      {"الحرب", "حرب", "والحرب", "بالحرب"},
      {"العسكرية", "العسكري", "العسكريين"},
      {"الاتفاق", "اتفاق", "والاتفاق", "بالاتفاق"},
      {"المعاهدة", "معاهدة", "والمعاهدة"},
      {"الكورية", "الكوري", "الكوريين"},
      {"بيونغ", "وبيونغ"},
      {"كورسك", "وكورسك", "لكورسك"},
      {"العلاقات", "علاقات", "والعلاقات", "بالعلاقات"},
      {"اللاجئين", "لاجئين", "لاجئ"},
      {"المسؤولين", "المسؤول", "مسؤول"},
      {"الصين", "والصين", "بالصين"},
      {"إيران", "وإيران", "لإيران"},
      {"الاجتماع", "اجتماع", "والاجتماع", "بالاجتماع", "للاجتماع"},
      {"بلادها", "بلاده", "بلادنا", "البلاد"},
      {"المقاتلين", "مقاتلين", "مقاتل"},
      {"الولايات", "ولايات", "الولاية"},
      {"الجيش", "جيش", "والجيش", "للجيش", "جيشها"},
      {"الأسلحة", "أسلحة", "والأسلحة", "بالأسلحة"},
      {"التعاون", "تعاون", "والتعاون"},
      {"النووية", "النووي", "نووي"},
      {"الهجمات", "هجمات", "وهجمات"},
      {"زيارة", "الزيارة", "زيارتها"},
      {"الخارجية", "خارجية", "والخارجية"},
      {"الإسرائيليين", "إسرائيلي", "الإسرائيلية"},
      {"المواطنين", "مواطنين", "مواطن", "المواطن"},
      {"لاستخدام", "استخدام", "الاستخدام"},
  };
  return groups;
}

const std::vector<std::vector<const char*>>& BrokenPlurals() {
  static const std::vector<std::vector<const char*>> groups = {
      {"صاروخ", "صواريخ"}, {"جندي", "جنود"}, {"سلاح", "أسلحة"}, {"دولة", "دول"},
      {"بلد", "بلدان"},    {"هجوم", "هجمات"}, {"مسؤول", "مسؤولون"}};
  return groups;
}

// Different words that must keep different stems.
const std::vector<std::pair<const char*, const char*>>& MustNot() {
  static const std::vector<std::pair<const char*, const char*>> pairs = {
      {"وزارة", "زار"},   {"وزير", "زير"},     {"لبنان", "لبن"},    {"السودان", "سود"},
      {"طهران", "طهر"},   {"ماكرون", "ماكر"},  {"محاكم", "محا"},    {"بيونغ", "يونغ"},
      {"كورسك", "كورس"},  {"وعود", "عود"},     {"بيان", "بين"},     {"عمان", "عم"},
      {"بنات", "بن"},     {"طائرة", "طائر"},   {"كلية", "كلي"},     {"جامعة", "جامع"},
      {"مكتبة", "مكتب"},  {"بحر", "حر"},       {"سنة", "سن"},       {"والد", "الد"},
      {"لاعب", "عب"},     {"بلد", "لد"},       {"كتاب", "تاب"},
      {"وفاة", "فاه"},    {"وطن", "طن"},       {"فريق", "ريق"},     {"بريد", "ريد"},
      {"الأمن", "الأمم"}, {"قوة", "قوات"},     {"سلام", "سلم"},     {"كوريا", "كوري"},
  };
  return pairs;
}

// Names that should come out whole (without the article for those with it).
const std::vector<std::pair<const char*, const char*>>& Names() {
  static const std::vector<std::pair<const char*, const char*>> names = {
      {"بيونغ", "بيونغ"},     {"يانغ", "يانغ"},         {"لافروف", "لافروف"},
      {"كورسك", "كورسك"},     {"موسكو", "موسكو"},       {"واشنطن", "واشنطن"},
      {"بوتين", "بوتين"},     {"كيم", "كيم"},           {"جونغ", "جونغ"},
      {"شويغو", "شويغو"},     {"سيرغي", "سيرغي"},       {"بيلاروسيا", "بيلاروسيا"},
      {"لبنان", "لبنان"},     {"إيران", "ايران"},       {"طهران", "طهران"},
      {"بغداد", "بغداد"},     {"بيروت", "بيروت"},       {"ليبيا", "ليبيا"},
      {"باريس", "باريس"},     {"برلين", "برلين"},       {"لندن", "لندن"},
      {"فرنسا", "فرنسا"},     {"بريطانيا", "بريطانيا"}, {"فلسطين", "فلسطين"},
      {"ماكرون", "ماكرون"},   {"ترامب", "ترامب"},       {"بايدن", "بايدن"},
      {"زيلينسكي", "زيلينسكي"}, {"كييف", "كييف"},       {"سيول", "سيول"},
      {"بكين", "بكين"},       {"اليابان", "يابان"},     {"الكرملين", "كرملين"},
      {"ويلسون", "ويلسون"},   {"فيينا", "فيينا"},       {"بولندا", "بولندا"},
      {"كاراكاس", "كاراكاس"}, {"بنغلادش", "بنغلادش"},   {"لوكاشينكو", "لوكاشينكو"},
      {"يونهاب", "يونهاب"},
  };
  return names;
}

struct Figures {
  int groups_ok = 0, groups = 0;
  int pairs_ok = 0, pairs = 0;
  int broken_ok = 0, broken = 0;
  int overstemmed = 0, must_not = 0;
  int names_whole = 0, names = 0;
  int names_consistent = 0;
  double group_accuracy() const { return double(groups_ok) / groups; }
  double pair_recall() const { return double(pairs_ok) / pairs; }
  double names_share() const { return double(names_whole) / names; }
  double names_consistency() const { return double(names_consistent) / names; }
};

Figures Measure(const char* label, const StemFn& stem) {
  Figures f;
  std::printf("--- %s ---\n", label);
  for (const auto& g : Groups()) {
    std::vector<std::string> stems;
    for (const char* w : g) stems.push_back(stem(MatchKey(w)));
    std::set<std::string> distinct(stems.begin(), stems.end());
    ++f.groups;
    if (distinct.size() == 1) {
      ++f.groups_ok;
    } else {
      std::printf("  not conflated:");
      for (size_t i = 0; i < g.size(); ++i) std::printf(" %s->%s", g[i], stems[i].c_str());
      std::printf("\n");
    }
    for (size_t i = 0; i < stems.size(); ++i)
      for (size_t j = i + 1; j < stems.size(); ++j) {
        ++f.pairs;
        f.pairs_ok += stems[i] == stems[j];
      }
  }
  for (const auto& g : BrokenPlurals()) {
    ++f.broken;
    f.broken_ok += stem(MatchKey(g[0])) == stem(MatchKey(g[1]));
  }
  for (const auto& [a, b] : MustNot()) {
    ++f.must_not;
    std::string sa = stem(MatchKey(a)), sb = stem(MatchKey(b));
    if (sa == sb) {
      ++f.overstemmed;
      std::printf("  over-stemmed: %s %s -> %s\n", a, b, sa.c_str());
    }
  }
  for (const auto& [name, whole] : Names()) {
    ++f.names;
    std::string s = stem(MatchKey(name));
    if (s == MatchKey(whole)) ++f.names_whole;
    else std::printf("  name changed: %s -> %s\n", name, s.c_str());
    // The name with a proclitic must get the name's stem, whole or not.
    std::string bare = MatchKey(whole);
    bool has_article = bare != MatchKey(name);
    std::vector<std::string> forms;
    if (has_article) {
      for (const char* p : {"وال", "بال"}) forms.push_back(MatchKey(p) + bare);
    } else {
      forms.push_back(MatchKey("و") + bare);
    }
    bool consistent = true;
    for (const std::string& form : forms) {
      std::string sf = stem(form);
      if (sf != s) {
        consistent = false;
        std::printf("  name form differs: %s -> %s (name -> %s)\n", form.c_str(), sf.c_str(),
                    s.c_str());
      }
    }
    f.names_consistent += consistent;
  }
  std::printf(
      "%s: groups conflated %d/%d (%.3f), within-group pairs %d/%d (%.3f), "
      "broken plurals %d/%d, over-stemmed %d/%d must-not pairs, names whole %d/%d (%.3f), "
      "names conflated with their و (وال, بال) forms %d/%d (%.3f)\n",
      label, f.groups_ok, f.groups, f.group_accuracy(), f.pairs_ok, f.pairs, f.pair_recall(),
      f.broken_ok, f.broken, f.overstemmed, f.must_not, f.names_whole, f.names,
      f.names_share(), f.names_consistent, f.names, f.names_consistency());
  return f;
}

TEST(StemConflationTest, LightAndSnowball) {
  Figures light = Measure("light", [](const std::string& w) { return std::string(LightStem(w)); });
  SnowballStemmer snowball;
  ASSERT_TRUE(snowball.ok());
  Figures sb = Measure("snowball", [&](const std::string& w) { return std::string(snowball.Stem(w)); });
  EXPECT_GE(light.group_accuracy(), 0.9);
  EXPECT_LE(light.overstemmed, 5);
  EXPECT_GE(light.names_share(), 0.7);
  EXPECT_GE(light.names_consistency(), 0.9);
  (void)sb;
}

}  // namespace
}  // namespace akhbar::arabic
