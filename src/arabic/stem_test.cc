// Tests of akhbar/stem.h: expected light stems of single words (in kMatch
// form), name guards, and the Snowball wrapper.
#include "akhbar/stem.h"

#include <gtest/gtest.h>

#include <string>

#include "akhbar/normalize.h"

namespace akhbar::arabic {
namespace {

std::string Light(std::string_view word) {
  std::string key = MatchKey(word);
  return std::string(LightStem(key));
}

struct Case {
  const char* word;
  const char* stem;  // in kMatch form
};

TEST(LightStemTest, Table) {
  const Case cases[] = {
      // proclitics
      {"الجنود", "جنود"}, {"وجنود", "جنود"}, {"جنود", "جنود"}, {"والجنود", "جنود"},
      {"للجنود", "جنود"}, {"بالجنود", "جنود"},
      {"الصواريخ", "صواريخ"}, {"بالصواريخ", "صواريخ"}, {"والصواريخ", "صواريخ"},
      {"وبالصواريخ", "صواريخ"}, {"فالصواريخ", "صواريخ"}, {"كالصواريخ", "صواريخ"},
      {"كوريا", "كوريا"}, {"بكوريا", "كوريا"}, {"لكوريا", "كوريا"}, {"وكوريا", "كوريا"},
      {"ولكوريا", "كوريا"}, {"فلكوريا", "فلكوريا"},
      // suffixes
      {"المحادثات", "محادث"}, {"محادثات", "محادث"}, {"ومحادثات", "محادث"},
      {"محادثاتها", "محادث"}, {"الشمالية", "شمال"}, {"الشماليين", "شمال"},
      {"الشمالي", "شمال"}, {"الفلسطينيين", "فلسط"}, {"فلسطيني", "فلسط"}, {"فلسطين", "فلسط"}, {"وفلسطين", "فلسط"},
      {"المصريين", "مصر"}, {"مصري", "مصر"}, {"الإيرانيين", "ايران"}, {"فرنسا", "فرنسا"},
      {"فيديو", "فيديو"}, {"فللجنود", "جنود"},
      {"الحكومة", "حكوم"}, {"حكومتها", "حكوم"}, {"قواتها", "قوات"}, {"القوات", "قوات"},
      {"الدولتين", "دول"}, {"الدولة", "دول"}, {"بلادنا", "بلاد"}, {"بلادها", "بلاد"},
      {"اللاعبين", "لاعب"}, {"لاعبون", "لاعب"},
      // names and short words survive
      {"بيونغ", "بيونغ"}, {"وبيونغ", "بيونغ"}, {"لافروف", "لافروف"}, {"ولافروف", "لافروف"},
      {"كورسك", "كورسك"}, {"موسكو", "موسكو"}, {"لموسكو", "موسكو"}, {"بوتين", "بوتين"},
      {"لبوتين", "بوتين"}, {"وبوتين", "بوتين"}, {"لبنان", "لبنان"}, {"ولبنان", "لبنان"},
      {"إيران", "ايران"}, {"باريس", "باريس"}, {"بباريس", "باريس"}, {"ليبيا", "ليبيا"},
      {"بيروت", "بيروت"}, {"بغداد", "بغداد"}, {"لندن", "لندن"}, {"طهران", "طهران"},
      {"السودان", "سودان"}, {"وزير", "وزير"}, {"الوزير", "وزير"}, {"الوزارة", "وزار"},
      {"وزارة", "وزار"}, {"زار", "زار"}, {"بيت", "بيت"}, {"بيتها", "بيت"}, {"الله", "الل"},
      {"من", "من"}, {"في", "في"}, {"ال", "ال"}, {"و", "و"},
      // non-Arabic tokens untouched
      {"KCNA", "kcna"}, {"2024", "2024"}, {"کوریا", "كوريا"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Light(c.word), MatchKey(c.stem)) << c.word;
  }
}

TEST(LightStemTest, ReturnsViewIntoInput) {
  std::string key = MatchKey("والمحادثات");
  std::string_view stem = LightStem(key);
  EXPECT_GE(stem.data(), key.data());
  EXPECT_LE(stem.data() + stem.size(), key.data() + key.size());
}

TEST(LightStemTest, ProcliticNeverChangesAStemWhenRemovable) {
  // stem(p + w) == stem(w) for removable p, on a list of nouns and names.
  const char* words[] = {"كوريا", "الصواريخ", "المحادثات", "واشنطن", "روسيا", "أوكرانيا",
                         "الشمالية", "الكرملين", "الولايات", "بريطانيا", "فرنسا"};
  for (const char* w : words) {
    std::string base = MatchKey(w);
    std::string want(LightStem(base));
    for (const char* p : {"و", "ف"}) {
      std::string k = MatchKey(std::string(p) + w);
      EXPECT_EQ(std::string(LightStem(k)), want) << p << w;
    }
  }
}

// The suffix rules as tables, read literally (longest first, first match
// wins): the slow reference the letter-by-letter StripSuffixes of stem.cc
// must agree with.
struct RefSuffix {
  std::string_view text;
  size_t min_stem;
};
constexpr RefSuffix kRefPronoun[] = {{"هما", 3}, {"كما", 3}, {"ها", 3}, {"هم", 3},
                                     {"هن", 3},  {"كم", 4},  {"كن", 4}, {"نا", 3}};
constexpr RefSuffix kRefInflection[] = {{"ات", 3}, {"ون", 4}, {"ين", 4}, {"ان", 4},
                                        {"يه", 3}, {"ه", 3},  {"ي", 3}};

size_t RefLetters(std::string_view w) { return w.size() / 2; }

std::string_view RefDropTeh(std::string_view w) {
  if (w.ends_with("ت") && RefLetters(w) >= 4 && !w.substr(0, w.size() - 2).ends_with("ا"))
    return w.substr(0, w.size() - 2);
  return w;
}

std::string_view RefStripSuffixes(std::string_view w) {
  if (w.size() < 8) return w;
  const std::string_view last = w.substr(w.size() - 2);
  if (last != "ا" && last != "ت" && last != "م" && last != "ن" && last != "ه" && last != "ي") return w;
  bool pronoun = false;
  for (const RefSuffix& s : kRefPronoun) {
    if (w.ends_with(s.text) && RefLetters(w) - RefLetters(s.text) >= s.min_stem) {
      w.remove_suffix(s.text.size());
      pronoun = true;
      break;
    }
  }
  if (pronoun && w.ends_with("ت")) {
    std::string_view dropped = RefDropTeh(w);
    if (dropped.size() != w.size()) return dropped;
  }
  for (;;) {
    bool removed = false;
    for (size_t i = 0; i < std::size(kRefInflection); ++i) {
      const RefSuffix& s = kRefInflection[i];
      if (w.ends_with(s.text) && RefLetters(w) >= RefLetters(s.text) + s.min_stem) {
        w.remove_suffix(s.text.size());
        removed = true;
        if ((i == 2 || i == 3) && w.ends_with("ت")) return RefDropTeh(w);
        break;
      }
    }
    if (!removed) break;
  }
  return w;
}

std::string_view RefLightStem(std::string_view w) {
  if (w.size() < 8 || w.size() % 2 != 0) return w;
  for (size_t i = 0; i < w.size(); i += 2)
    if (static_cast<unsigned char>(w[i]) < 0xD8 || static_cast<unsigned char>(w[i]) > 0xDB) return w;
  auto core = [](std::string_view rest) { return RefLetters(RefStripSuffixes(rest)); };
  for (;;) {
    if (w.size() < 8) break;
    std::string_view rest;
    if (w.starts_with("ال") || w.starts_with("لل")) {
      rest = w.substr(4);
      if (core(rest) >= 3) { w = rest; continue; }
    }
    if (w.starts_with("بال") || w.starts_with("كال")) {
      rest = w.substr(6);
      if (core(rest) >= 3) { w = rest; continue; }
    }
    if (w.starts_with("و")) {
      rest = w.substr(2);
      if (core(rest) >= 4) { w = rest; continue; }
    }
    if (w.starts_with("ف")) {
      rest = w.substr(2);
      bool lam_ok = !rest.starts_with("ل") || rest.substr(2).starts_with("ل");
      if (lam_ok && !rest.starts_with("ي") && core(rest) >= 5) { w = rest; continue; }
    }
    if (w.starts_with("ب") || w.starts_with("ك") || w.starts_with("ل")) {
      rest = w.substr(2);
      size_t c = core(rest);
      bool ok = rest.starts_with("ا") ? c >= 6 : (!rest.starts_with("ي") && !rest.starts_with("و") && c >= 5);
      if (ok) { w = rest; continue; }
    }
    break;
  }
  return RefStripSuffixes(w);
}

// Every word of up to 6 letters over the letters the rules look at (and one
// they do not) stems as the reference does.
TEST(LightStemTest, AgreesWithTableReferenceOnAllShortWords) {
  const std::string_view letters[] = {"ا", "ب", "ت", "ف", "ك", "ل", "م", "ن", "ه", "و", "ي", "ر"};
  constexpr size_t kAlphabet = std::size(letters);
  size_t checked = 0, changed = 0;
  std::string w;
  for (size_t len = 1; len <= 6; ++len) {
    size_t total = 1;
    for (size_t i = 0; i < len; ++i) total *= kAlphabet;
    for (size_t code = 0; code < total; ++code) {
      w.clear();
      for (size_t i = 0, c = code; i < len; ++i, c /= kAlphabet) w += letters[c % kAlphabet];
      const std::string_view got = LightStem(w), want = RefLightStem(w);
      ASSERT_EQ(got, want) << w;
      ASSERT_EQ(got.data(), want.data()) << w;  // the same view into w
      ++checked;
      changed += got.size() != w.size();
    }
  }
  EXPECT_GT(checked, 3'000'000u);
  EXPECT_GT(changed, checked / 4);  // the rules fire on many of them
}

TEST(SnowballStemmerTest, StemsArabic) {
  SnowballStemmer s;
  ASSERT_TRUE(s.ok());
  std::string a(s.Stem(MatchKey("الجنود")));
  EXPECT_EQ(a, MatchKey("جنود"));
  // Snowball removes و only when no ا follows, and has no وال prefix, so
  // والجنود is left whole (a recall gap the conflation test counts).
  EXPECT_EQ(std::string(s.Stem(MatchKey("والجنود"))), MatchKey("والجنود"));
  EXPECT_EQ(s.Stem("KCNA"), "KCNA");  // non-Arabic passes through
  EXPECT_EQ(s.Stem(""), "");
}

}  // namespace
}  // namespace akhbar::arabic
