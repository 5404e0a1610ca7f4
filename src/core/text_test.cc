#include <gtest/gtest.h>

#include <string>
#include <vector>

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
    EXPECT_EQ(IsValidUtf8Scalar(c.bytes), c.valid) << c.name;
    EXPECT_EQ(Utf8Text::Validate(c.bytes).has_value(), c.valid) << c.name;
  }
}

// The vectorized validator against the scalar one on random strings built
// from pieces that are valid, nearly valid (one byte off a range edge) and
// invalid, at every length up to 200 bytes so that every block boundary of
// the vector code meets every kind of sequence.
TEST(Utf8, VectorValidatorAgreesWithScalar) {
  const std::vector<std::string> pieces = {
      "a", " ", "abcdefgh", "\xD8\xA7", "\xD9\x84", "\xDB\x8C", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80",
      "\xE2\x80\x9C", "\xED\x9F\xBF", "\xEF\xBF\xBD", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF",
      // invalid
      "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xD8", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF",
      "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE2\x80", "\xF0\x90\x80"};
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  size_t invalid = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const size_t target = next() % 200;
    const bool clean = next() % 2;  // half the strings from valid pieces only
    while (s.size() < target) {
      size_t k = next() % pieces.size();
      if (clean) k %= 14;
      s += pieces[k];
    }
    const bool want = IsValidUtf8Scalar(s);
    invalid += !want;
    ASSERT_EQ(IsValidUtf8(s), want) << "round " << round;
    // Every prefix cuts sequences at every point.
    if (round % 50 == 0) {
      for (size_t n = 0; n <= s.size(); ++n)
        ASSERT_EQ(IsValidUtf8(std::string_view(s).substr(0, n)), IsValidUtf8Scalar(std::string_view(s).substr(0, n)));
    }
  }
  EXPECT_GT(invalid, 5000u);
  EXPECT_LT(invalid, 15000u);
}

TEST(Utf8, CodePointCount) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("روسيا"), 5u);
  EXPECT_EQ(CodePointCount("a\xF0\x9F\x98\x80"), 2u);
  // Every length up to past the counter's 255-word rounds, from mixed
  // one- to four-byte characters (and every byte value as a continuation
  // byte or not), against a byte-by-byte count.
  const std::vector<std::string> pieces = {"a", " ", "\xD8\xB1", "\xD9\x88", "\xC2\xA0", "\xE2\x80\x8F",
                                           "\xF0\x9F\x98\x80", "\x7F", "\xDF\xBF"};
  std::string text;
  for (size_t k = 0; text.size() < 5000; ++k) text += pieces[(k * 7 + k / 3) % pieces.size()];
  for (size_t len : {0, 1, 7, 8, 9, 63, 64, 65, 2039, 2040, 2041, 2048, 4095, 4096, 4999}) {
    const std::string_view s = std::string_view(text).substr(0, len);
    size_t want = 0;
    for (unsigned char c : s) want += (c & 0xC0) != 0x80;
    EXPECT_EQ(CodePointCount(s), want) << len;
  }
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
