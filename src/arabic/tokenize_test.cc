// Tests of akhbar/tokenize.h: a table of inputs and their expected tokens,
// on original and normalized text, plus structural properties.
#include "akhbar/tokenize.h"

#include <gtest/gtest.h>

#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "akhbar/normalize.h"
#include "akhbar/text.h"

namespace akhbar::arabic {

// How a token is shown when a comparison in these tests fails (found by
// gtest through argument-dependent lookup).
void PrintTo(const Token& t, std::ostream* os);
void PrintTo(const Token& t, std::ostream* os) {
  *os << TokenTypeName(t.type) << "[" << t.begin << ", " << t.end << ")";
}

namespace {

// "type:text" of every token, space-separated.
std::string Describe(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += TokenTypeName(t.type);
    out += ':';
    out += text.substr(t.begin, t.end - t.begin);
  }
  return out;
}

struct Case {
  std::string in;
  std::string want;
};

TEST(TokenizeTest, Table) {
  const Case cases[] = {
      {"", ""},
      {"   \n\t ", ""},
      {"كوريا الشمالية", "arabic:كوريا arabic:الشمالية"},
      {"المُقَدَّسِ", "arabic:المُقَدَّسِ"},
      {"كـــوريا", "arabic:كـــوريا"},
      {"می\u200Cخواهم", "arabic:می\u200Cخواهم"},
      {"كوريا\u200C ", "arabic:كوريا"},
      {"کوریا الشمالیة", "arabic:کوریا arabic:الشمالیة"},
      {"\uFEFB\uFEE0\uFE8E", "arabic:\uFEFB\uFEE0\uFE8E"},
      {"لافروف: \"لا شك\"", "arabic:لافروف punct:: punct:\" arabic:لا arabic:شك punct:\""},
      {"«النصر»", "punct:« arabic:النصر punct:»"},
      {"موسكو، الجمعة.", "arabic:موسكو punct:، arabic:الجمعة punct:."},
      {"لماذا؟", "arabic:لماذا punct:؟"},
      {"KCNA Yonhap", "latin:KCNA latin:Yonhap"},
      {"G20 F16 O'Brien", "latin:G20 latin:F16 latin:O'Brien"},
      {"Café Cafe\u0301", "latin:Café latin:Cafe\u0301"},
      {"2.5 10,000 2024", "number:2.5 number:10,000 number:2024"},
      {"١٩٫٥ ١٠٬٠٠٠ ۱۴۰", "number:١٩٫٥ number:١٠٬٠٠٠ number:۱۴۰"},
      {"2024.", "number:2024 punct:."},
      {"10,", "number:10 punct:,"},
      {"140 مليار", "number:140 arabic:مليار"},
      {"و140", "arabic:و number:140"},
      {"25%", "number:25 punct:%"},
      {"١٩ يونيو ٢٠٢٤", "number:١٩ arabic:يونيو number:٢٠٢٤"},
      {"https://t.co/Ab12 x", "url:https://t.co/Ab12 latin:x"},
      {"(http://example.com/a?b=1&c=2).", "punct:( url:http://example.com/a?b=1&c=2 punct:) punct:."},
      {"HTTPS://WWW.SPA.GOV.SA/123", "url:HTTPS://WWW.SPA.GOV.SA/123"},
      {"www.aljazeera.net، x", "url:www.aljazeera.net punct:، latin:x"},
      {"pic.twitter.com/AbCd12", "url:pic.twitter.com/AbCd12"},
      {"aljazeera.net", "url:aljazeera.net"},
      {"e.g. test", "latin:e punct:. latin:g punct:. latin:test"},
      {"info@example.com.", "email:info@example.com punct:."},
      {"a.b-c@mail.gov.sa", "email:a.b-c@mail.gov.sa"},
      {"x@y", "latin:x punct:@ latin:y"},
      {"#كوريا_الشمالية #Korea2024", "hashtag:#كوريا_الشمالية hashtag:#Korea2024"},
      {"#123", "punct:# number:123"},
      {"C# x", "latin:C punct:# latin:x"},
      {"@Yonhap_News: x", "mention:@Yonhap_News punct:: latin:x"},
      {"@ x", "punct:@ latin:x"},
      {"👍🏽 🇷🇺 👨\u200D👩\u200D👧 ❤️", "emoji:👍🏽 emoji:🇷🇺 emoji:👨\u200D👩\u200D👧 emoji:❤️"},
      {"النصر👍", "arabic:النصر emoji:👍"},
      {"\u202Bموسكو\u202C", "arabic:موسكو"},
      {"— March 25, 2025", "punct:— latin:March number:25 punct:, number:2025"},
      {"Москва 東京", "other:Москва other:東京"},
      {"$5 + 3", "other:$ number:5 other:+ number:3"},
      {"\u064E", "other:\u064E"},
      {"إقرأ أيضاً:", "arabic:إقرأ arabic:أيضاً punct::"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Describe(c.in), c.want) << "input: " << c.in;
  }
}

TEST(TokenizeTest, SameWordsOnNormalizedText) {
  const char* texts[] = {
      "وقالت تشوي سون هوي بعد محادثات أجرتها مع نظيرها الروسي سيرغي لافروف",
      "کوریا الشمالیة ترسل ١٠٬٠٠٠ جندي إلى كورسك؟",
      "#روسيا @KCNA_Watch https://t.co/x «النصر»",
  };
  for (const char* t : texts) {
    std::vector<Token> a, b;
    Tokenize(t, &a);
    Normalized n = Normalize(t, Form::kMatch);
    Tokenize(n.text, &b);
    ASSERT_EQ(a.size(), b.size()) << t;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].type, b[i].type) << t << " token " << i;
      // The normalized token maps back onto the original token.
      EXPECT_EQ(n.offsets[b[i].begin], a[i].begin);
      // ... and ends at or after it (removed marks after a word go with it).
      EXPECT_GE(n.offsets[b[i].end], a[i].end);
    }
  }
}

TEST(TokenizeTest, TokensAreOrderedAndInRangeOnRandomText) {
  const char* pieces[] = {"ك", "و", " ", "\u200C", "\u064E", "١", "٫", ".", ",", "#", "@", "_",
                          "a", "Z", "9", "http://", "www.", ".com", "/", "👍", "\U0001F3FD",
                          "\u200D", "\U0001F1F7", "é", "\u0301", "Ж", "\n", "«", ":", "'"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
  std::vector<Token> tokens;
  for (int iter = 0; iter < 5000; ++iter) {
    std::string s;
    for (int k = 0; k < 30; ++k) s += pieces[pick(rng)];
    Tokenize(s, &tokens);
    uint32_t prev = 0;
    for (const Token& t : tokens) {
      ASSERT_GE(t.begin, prev) << s;
      ASSERT_LT(t.begin, t.end) << s;
      ASSERT_LE(t.end, s.size()) << s;
      ASSERT_TRUE(IsValidUtf8(std::string_view(s).substr(t.begin, t.end - t.begin))) << s;
      prev = t.end;
    }
  }
}

TEST(TokenizeTest, LinearOnAdversarialInput) {
  // Long runs that look like the start of an e-mail or host name must not be
  // rescanned from every position.
  std::string s;
  for (int i = 0; i < 200000; ++i) s += "a.";
  std::vector<Token> tokens;
  Tokenize(s, &tokens);
  EXPECT_EQ(tokens.size(), 400000u);
  std::string t(300000, '#');
  Tokenize(t, &tokens);
  EXPECT_EQ(tokens.size(), 300000u);
}

// The cached key and tokens are those computed afresh, for texts seen
// again, texts that evict each other from the cache's 1,024 slots, texts
// longer than it keeps, and the empty text.
TEST(MatchKeyTokens, SameAsKeyingAndTokenizingAgain) {
  auto fresh = [](std::string_view text) {
    KeyedText k;
    AppendMatchKey(text, &k.key);
    Tokenize(k.key, &k.tokens);
    return k;
  };
  auto same = [](const KeyedText& a, const KeyedText& b) { return a.key == b.key && a.tokens == b.tokens; };
  std::vector<std::string> texts = {"", "قالَ الرئيسُ: ١٠٬٠٠٠ جنديّ في #كورسك https://t.co/x",
                                    "\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF   G20  2.5", std::string(5000, 'a') + " إِلى"};
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) texts.push_back("خبر رقم " + std::to_string(rng() % 2000) + " عن أسعار النفط");
  for (int round = 0; round < 2; ++round)
    for (const std::string& t : texts) {
      const KeyedText& got = MatchKeyTokens(t);
      EXPECT_TRUE(same(got, fresh(t))) << t.substr(0, 40);
      EXPECT_TRUE(same(MatchKeyTokens(t), fresh(t))) << t.substr(0, 40);  // found again at once
    }
}

// The match key is line-local: MatchKeyLines, which joins a text's lines'
// cached keys and tokens (what the near-duplicate shingles and the event
// features use), gives AppendMatchKey of the whole text and its Tokenize,
// also when a line starts with a combining mark, a presentation form or a
// stray byte order mark, ends with '\r', is empty, or is longer than the
// cache keeps.
TEST(MatchKeyTokens, KeysAreLineLocal) {
  const std::vector<std::string> texts = {
      "",
      "\n",
      "\n\nأَحْمَد\n",
      "كتب\n\xD9\x8B\xD9\x91بداية\r\n\xEF\xBB\xBF\xEF\xBB\xBBسلام\n\xEF\xBB\xB5",
      "Ａ\ne\xCC\x81\n\xCC\x81x\nالإمارات\u0640\u0640\n" + std::string(6000, 'z'),
      "كلمة\n#وسم و@حساب\n2.\n5 https://t.co/x\n",
  };
  for (const std::string& t : texts) {
    std::string whole;
    AppendMatchKey(t, &whole);
    std::vector<Token> whole_tokens;
    Tokenize(whole, &whole_tokens);
    std::string key, key_only;
    std::vector<Token> tokens;
    MatchKeyLines(t, &key, &tokens);
    MatchKeyLines(t, &key_only);
    EXPECT_EQ(key, whole) << t.substr(0, 40);
    EXPECT_EQ(key_only, whole) << t.substr(0, 40);
    EXPECT_EQ(tokens, whole_tokens) << t.substr(0, 40);
  }
}

// Tokens are line-local too: the tokens of a text are its lines' tokens
// (offsets moved), what events::ExtractFeatures builds its tokens from. At
// a line's start or end the tokenizer sees what it sees at the text's: a
// number, URL, hashtag, ZWNJ or emoji sequence next to a line break.
TEST(Tokenize, TokensAreLineLocal) {
  const std::vector<std::string> texts = {
      "كلمة\n#وسم و@حساب\n2.\n5 و10,\n000",
      "www.example.com\nhttps://t.co/abc\nfoo.com\n",
      "مي\u200C\nشود\n\U0001F468\u200D\n\U0001F469 \U0001F1F8\n\U0001F1E6",
      "\n\nO'\nBrien G\n20 a@b.\ncom",
  };
  for (const std::string& t : texts) {
    std::vector<Token> whole;
    Tokenize(t, &whole);
    std::vector<Token> joined, line;
    for (size_t pos = 0;;) {
      const size_t nl = t.find('\n', pos);
      Tokenize(std::string_view(t).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos), &line);
      for (Token x : line) {
        x.begin += static_cast<uint32_t>(pos);
        x.end += static_cast<uint32_t>(pos);
        joined.push_back(x);
      }
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    EXPECT_EQ(joined, whole) << t;
  }
}

}  // namespace
}  // namespace akhbar::arabic
