// Tests of akhbar/language.h.
#include "akhbar/language.h"

#include <gtest/gtest.h>

namespace akhbar::arabic {
namespace {

struct Case {
  const char* text;
  size_t arabic, latin, other;
  bool is_arabic;
};

TEST(LanguageTest, Table) {
  const Case cases[] = {
      {"", 0, 0, 0, false},
      {"123 ، ؟ !", 0, 0, 0, false},
      {"كوريا", 5, 0, 0, true},
      {"المُقَدَّس", 6, 0, 0, true},        // marks are not letters
      {"كـوريا", 5, 0, 0, true},            // nor is tatweel
      {"KCNA", 0, 4, 0, false},
      {"كوريا KCNA", 5, 4, 0, true},
      {"وكالة Yonhap للأنباء", 12, 6, 0, true},
      {"North Korea كوريا", 0 + 5, 10, 0, false},
      {"Москва موسكو", 5, 0, 6, false},
      {"Café", 0, 4, 0, false},
      {"\uFEFB\uFEE0", 2, 0, 0, true},      // presentation forms count
      {"کوریا", 5, 0, 0, true},
      {"١٩ يونيو", 5, 0, 0, true},
  };
  for (const Case& c : cases) {
    ScriptShare s = MeasureScript(c.text);
    EXPECT_EQ(s.arabic_letters, c.arabic) << c.text;
    EXPECT_EQ(s.latin_letters, c.latin) << c.text;
    EXPECT_EQ(s.other_letters, c.other) << c.text;
    EXPECT_EQ(IsArabic(s), c.is_arabic) << c.text;
  }
  EXPECT_DOUBLE_EQ(MeasureScript("ab كو").arabic_share, 0.5);
  EXPECT_TRUE(IsArabic(MeasureScript("ab كو")));
}

}  // namespace
}  // namespace akhbar::arabic
