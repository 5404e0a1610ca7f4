// The Arabic FTS5 tokenizer's terms and offsets, and the query translator.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <string>
#include <thread>
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

// Terms prepared ahead are the document's terms, taken once; the
// tokenizer of a connection registered with them indexes exactly what it
// indexes without them.
TEST(PreparedTerms, GiveTheDocumentTermsOnceAndStayBounded) {
  const std::string text =
      "قال الجنود في كورسك إن ١٠٬٠٠٠ جندي وصلوا #كوريا_الشمالية\n"
      "The ARMY said 3.5 km وَالصَّوَارِيخ https://example.org/x على\nسطر\u200Cثالث";
  const std::vector<std::string> want = TermStrings(text);
  ASSERT_GT(want.size(), 8u);
  auto taken = [](PreparedTerms& p, std::string_view t, std::vector<std::string>* out) {
    out->clear();
    return p.Take(t, [&](std::string_view term) {
      out->emplace_back(term);
      return true;
    });
  };
  PreparedTerms prepared;
  prepared.Add(text);
  EXPECT_GT(prepared.bytes(), 0u);
  std::vector<std::string> got;
  EXPECT_FALSE(taken(prepared, text.substr(1), &got));  // another text
  ASSERT_TRUE(taken(prepared, text, &got));
  EXPECT_EQ(got, want);
  EXPECT_FALSE(taken(prepared, text, &got));  // taken once
  EXPECT_EQ(prepared.bytes(), 0u);
  // Stopped early by its caller.
  prepared.Add(text);
  size_t seen = 0;
  EXPECT_TRUE(prepared.Take(text, [&](std::string_view) { return ++seen < 3; }));
  EXPECT_EQ(seen, 3u);
  // Bounded; Forget and Clear drop.
  PreparedTerms small(16);
  small.Add(text);
  EXPECT_EQ(small.bytes(), 0u);
  EXPECT_FALSE(taken(small, text, &got));
  prepared.Add(text);
  prepared.Forget(text);
  EXPECT_FALSE(taken(prepared, text, &got));
  EXPECT_EQ(prepared.bytes(), 0u);
  prepared.Add(text);
  prepared.Clear();
  EXPECT_FALSE(taken(prepared, text, &got));
  // Added from several threads at once.
  std::vector<std::string> texts;
  for (int i = 0; i < 400; ++i) texts.push_back("خبر رقم " + std::to_string(i) + " عن " + text);
  {
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (size_t i = static_cast<size_t>(t); i < texts.size(); i += 4) prepared.Add(texts[i]);
      });
    for (auto& th : threads) th.join();
  }
  for (const auto& t : texts) {
    ASSERT_TRUE(taken(prepared, t, &got));
    EXPECT_EQ(got, TermStrings(t));
  }
  EXPECT_EQ(prepared.bytes(), 0u);

  // Through FTS5: two tables given the same rows, the first while their
  // terms are prepared (its inserts take them all), hold the same index.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  ASSERT_TRUE(RegisterArabicTokenizer(db, &prepared).ok());
  auto exec = [&](const std::string& sql) {
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  };
  exec("CREATE VIRTUAL TABLE a USING fts5(body, tokenize='akhbar')");
  exec("CREATE VIRTUAL TABLE b USING fts5(body, tokenize='akhbar')");
  for (const auto& t : texts) prepared.Add(t);
  auto insert = [&](const char* table) {
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, (std::string("INSERT INTO ") + table + "(body) VALUES (?1)").c_str(), -1, &st,
                                 nullptr),
              SQLITE_OK);
    for (const auto& t : texts) {
      sqlite3_bind_text(st, 1, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
      EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
  };
  insert("a");
  EXPECT_EQ(prepared.bytes(), 0u);
  insert("b");
  auto dump = [&](const char* table) {
    std::vector<std::string> rows;
    sqlite3_stmt* st = nullptr;
    const std::string sql = std::string("SELECT id, quote(block) FROM ") + table + "_data ORDER BY id";
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
      rows.push_back(std::to_string(sqlite3_column_int64(st, 0)) + ":" +
                     reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    return rows;
  };
  const auto rows_a = dump("a");
  EXPECT_GT(rows_a.size(), 1u);
  EXPECT_EQ(rows_a, dump("b"));
  sqlite3_close(db);
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
