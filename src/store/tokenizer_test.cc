// The Arabic FTS5 tokenizer's terms and offsets, and the query translator.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/fts_tokenizer.h"
#include "store/query.h"

namespace akhbar::store {
namespace {

struct Term {
  std::string term, source;
};

std::vector<Term> Terms(std::string_view text, bool prefix = false) {
  std::vector<Term> out;
  ForEachTerm(text, prefix, [&](std::string_view t, uint32_t b, uint32_t e) {
    out.push_back({std::string(t), std::string(text.substr(b, e - b))});
    return true;
  });
  return out;
}

std::vector<std::string> TermStrings(std::string_view text, bool prefix = false) {
  std::vector<std::string> out;
  for (auto& t : Terms(text, prefix)) out.push_back(t.term);
  return out;
}

// Pairs whose terms must be equal: the conflations the search promises.
TEST(FtsTokenizer, Conflations) {
  struct Case {
    const char* a;
    const char* b;
  } const kCases[] = {
      {"کوریا", "كوريا"},            // Persian kaf and yeh
      {"أوكرانيا", "اوكرانيا"},        // hamza carrier
      {"إيران", "ايران"},
      {"الجنود", "وجنود"},            // article vs conjunction
      {"بالصواريخ", "الصواريخ"},       // preposition + article
      {"٢٠٢٤", "2024"},               // Eastern digits
      {"۱۹", "19"},                   // Extended Arabic-Indic digits
      {"١٠٬٠٠٠", "10,000"},           // thousands separators
      {"مُحَمَّد", "محمد"},             // diacritics
      {"الشمالـــية", "الشمالية"},     // tatweel
      {"الشمالیة", "الشمالية"},        // Persian yeh + ta marbuta
      {"Pyongyang", "PYONGYANG"},     // Latin case
  };
  for (const auto& c : kCases) {
    auto a = TermStrings(c.a), b = TermStrings(c.b);
    ASSERT_EQ(a.size(), 1u) << c.a;
    EXPECT_EQ(a, b) << c.a << " vs " << c.b;
  }
}

TEST(FtsTokenizer, OffsetsAreInTheOriginalText) {
  std::string text = "قال مُحَمَّد: إنّ کوریا الشمالیة أرسلت ١٠٬٠٠٠ جندي";
  auto terms = Terms(text);
  std::vector<std::string> sources;
  for (auto& t : terms) sources.push_back(t.source);
  // قال and إن are stop words: no term. Spans are the original bytes,
  // diacritics and Persian letters included.
  EXPECT_EQ(sources, (std::vector<std::string>{"مُحَمَّد", "کوریا", "الشمالیة", "أرسلت", "١٠٬٠٠٠", "جندي"}));
}

TEST(FtsTokenizer, StopWordsPunctuationUrlsGiveNoTerm) {
  EXPECT_TRUE(Terms("في من على إلى عن").empty());
  EXPECT_TRUE(Terms("\" * ( ) : ^ NEAR( ، ؛ ؟ «»").size() == 1);  // only NEAR, a Latin word
  EXPECT_TRUE(Terms("https://example.com/news?id=3 www.spa.gov.sa").empty());
  // Hashtags give their words.
  EXPECT_EQ(TermStrings("#كوريا_الشمالية"), TermStrings("كوريا الشمالية"));
}

TEST(FtsTokenizer, PrefixTermsAreStemmedAndKeepStopWords) {
  // The stem of a prefix is a prefix of the stems it should find.
  auto p = TermStrings("الكوري", true);
  ASSERT_EQ(p.size(), 1u);
  auto full = TermStrings("الكورية");
  ASSERT_EQ(full.size(), 1u);
  EXPECT_EQ(full[0].rfind(p[0], 0), 0u) << p[0] << " / " << full[0];
  EXPECT_EQ(TermStrings("في", true).size(), 1u);
}

// Auxiliary functions (highlight, akhbar_snippet) tokenize long lines piece
// by piece and skip stemming: the spans must be those of the index, for
// lines cut at every possible place, with hashtags, mentions, URLs, e-mail
// addresses, numbers, ZWNJ, diacritics and stop words next to the cuts.
TEST(FtsTokenizer, AuxiliaryTokenizingKeepsTheIndexSpans) {
  const char* kWords[] = {"الجيش", "في", "#كوريا_الشمالية", "@spa_news", "https://example.com/a?b=1",
                          "news@example.org", "١٠٬٠٠٠", "2.5", "مُحَمَّد", "می‌خواهد", "الشمالـــية",
                          "Pyongyang", "،", "«قال»", "www.spa.gov.sa", "کوریا", "من", "#", "@", "a#b",
                          "وزير", "ﻻ", "😀", "x.y.com/path"};
  const size_t n = sizeof kWords / sizeof kWords[0];
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<size_t>(state >> 33);
  };
  for (int round = 0; round < 40; ++round) {
    std::string text;
    const size_t words = 150 + next() % 400;
    for (size_t i = 0; i < words; ++i) {
      text += kWords[next() % n];
      const size_t sep = next() % 23;
      text += sep == 0 ? "\n" : sep == 1 ? "  " : " ";
    }
    std::vector<std::pair<uint32_t, uint32_t>> index, aux;
    ForEachTerm(text, false, [&](std::string_view, uint32_t b, uint32_t e) {
      index.emplace_back(b, e);
      return true;
    });
    ForEachTerm(
        text, false,
        [&](std::string_view, uint32_t b, uint32_t e) {
          aux.emplace_back(b, e);
          return true;
        },
        /*aux=*/true);
    ASSERT_GT(index.size(), 50u);
    ASSERT_EQ(index, aux) << "round " << round;
  }
}

// The terms of a long text (tens of thousands of distinct words, some
// repeated many times, stop words among them) are the terms of its words
// tokenized one by one: a term depends on its word alone.
TEST(FtsTokenizer, LongTextGivesTheTermsOfEachWord) {
  const char* const kLetters[] = {"ا", "ل", "ب", "ك", "و", "ف", "ت", "ن", "ه", "ي", "م", "ر", "س", "د"};
  constexpr size_t kCount = std::size(kLetters);
  std::vector<std::string> words;
  for (size_t code = 0; code < 45'000; ++code) {
    std::string w;
    for (size_t c = code + kCount * kCount; c > 0; c /= kCount) w += kLetters[c % kCount];
    words.push_back(w);
  }
  const std::string_view kStop[] = {"في", "من", "على", "والتي", "وقال"};
  std::string text;
  std::vector<std::string> want;
  auto add = [&](std::string_view w) {
    text.append(w).push_back(' ');
    for (auto& t : TermStrings(w)) want.push_back(t);
  };
  for (size_t i = 0; i < words.size(); ++i) {
    add(words[i]);
    add(words[(i * 7919) % 200]);  // frequent words, hit again and again
    if (i % 5 == 0) add(kStop[i % std::size(kStop)]);
  }
  const std::vector<std::string> got = TermStrings(text);
  EXPECT_GT(want.size(), 80'000u);
  EXPECT_EQ(got, want);
  // Stop words give no term; the stems differ from the words for many.
  EXPECT_TRUE(TermStrings("في").empty());
  EXPECT_EQ(TermStrings("والجنود"), std::vector<std::string>{"جنود"});
}

TEST(QueryTranslation, Table) {
  struct Case {
    const char* user;
    const char* fts;  // nullptr: an error
  } const kCases[] = {
      {"كوريا", "\"كوريا\""},
      {"كوريا روسيا", "\"كوريا\" AND \"روسيا\""},
      {"\"كيم جونغ أون\"", "\"كيم جونغ أون\""},
      {"كور*", "\"كور\" *"},
      {"روسيا OR أوكرانيا", "\"روسيا\" OR \"أوكرانيا\""},
      {"روسيا NOT أوكرانيا", "\"روسيا\" NOT \"أوكرانيا\""},
      {"روسيا AND NOT أوكرانيا", "\"روسيا\" NOT \"أوكرانيا\""},
      {"OR روسيا AND", "\"روسيا\""},
      {"في روسيا", "\"روسيا\""},                       // stop word dropped
      {"\"الرئيس في موسكو\"", "\"الرئيس موسكو\""},   // inside a phrase too
      {"title:روسيا", "\"title روسيا\""},              // no column filters
      {"(روسيا)", "\"روسيا\""},
      {"روسيا^", "\"روسيا\""},
      {"NEAR(روسيا كوريا)", "\"NEAR روسيا\" AND \"كوريا\""},
      {"\"روسيا", "\"روسيا\""},                       // unclosed quote
      {"\"", nullptr},
      {"*", nullptr},
      {"\"\" * ( ) : ^ NEAR(", "\"NEAR\""},
      {"( ) : ^ * \"", nullptr},
      {"في من على", nullptr},
      {"NOT روسيا", nullptr},
      {"AND OR NOT", nullptr},
      {"", nullptr},
      {"'; DROP TABLE articles; --", "\"DROP\" AND \"TABLE\" AND \"articles\""},
  };
  for (const auto& c : kCases) {
    auto r = TranslateQuery(c.user);
    if (c.fts == nullptr) {
      EXPECT_FALSE(r.ok()) << c.user << " -> " << (r.ok() ? *r : "");
    } else {
      ASSERT_TRUE(r.ok()) << c.user << ": " << r.status().message();
      EXPECT_EQ(*r, c.fts) << c.user;
    }
  }
  EXPECT_FALSE(TranslateQuery("\xff\xfe").ok());
  EXPECT_FALSE(TranslateQuery(std::string(kMaxQueryBytes + 1, 'a')).ok());
}

}  // namespace
}  // namespace akhbar::store
