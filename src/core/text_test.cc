#include <gtest/gtest.h>

#include "akhbar/status.h"
#include "akhbar/text.h"

namespace akhbar {
namespace {

struct Utf8Case {
  const char* name;
  std::string bytes;
  bool valid;
};

TEST(Utf8, ValidationTable) {
  const Utf8Case cases[] = {
      {"empty", "", true},
      {"ascii", "hello world 2024", true},
      {"arabic", "كوريا الشمالية", true},
      {"persian letters", "کوریا", true},
      {"emoji", "\xF0\x9F\x98\x80", true},
      {"max code point", "\xF4\x8F\xBF\xBF", true},
      {"lone continuation", "\x80", false},
      {"truncated 2-byte", "\xD9", false},
      {"truncated 3-byte at end", "abc\xE2\x80", false},
      {"overlong slash", "\xC0\xAF", false},
      {"overlong 3-byte", "\xE0\x80\xAF", false},
      {"surrogate", "\xED\xA0\x80", false},
      {"above U+10FFFF", "\xF4\x90\x80\x80", false},
      {"windows-1256 bytes", "\xC7\xE1\xD3\xE1\xC7\xE3", false},
      {"invalid after 8 ascii", "abcdefgh\xFF", false},
      {"long arabic run", "الاستراتيجيةالاستراتيجية", true},
      {"invalid after 8 arabic bytes", "\xD8\xA7\xD9\x84\xD8\xA7\xD9\x84\xFF", false},
      {"arabic lead without continuation inside a run", "\xD8\xA7\xD9\x84\xD8\xD8\xD9\x84\xD8\xA7", false},
      {"truncated arabic after a run", "\xD8\xA7\xD9\x84\xD8\xA7\xD9\x84\xD9", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsValidUtf8(c.bytes), c.valid) << c.name;
    EXPECT_EQ(Utf8Text::Validate(c.bytes).has_value(), c.valid) << c.name;
  }
}

TEST(Utf8, CodePointCount) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("روسيا"), 5u);
  EXPECT_EQ(CodePointCount("a\xF0\x9F\x98\x80"), 2u);
}

TEST(Status, ResultCarriesValueOrError) {
  Result<int> good = 7;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 7);
  Result<int> bad = Status::Invalid("not JSON");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(), "invalid input: not JSON");
}

}  // namespace
}  // namespace akhbar
