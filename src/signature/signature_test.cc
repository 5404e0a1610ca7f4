// Tests of the word shingles and MinHash, with slow reference
// implementations: shingle sets as sets of strings, Jaccard by std::set
// algorithms, and MinHash estimates against exact Jaccard on random pairs.
#include "akhbar/signature.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include "akhbar/normalize.h"

namespace akhbar {
namespace {

std::vector<uint64_t> Words(std::string_view text) {
  std::vector<uint64_t> w;
  WordHashes(text, SignatureOptions{}.seed, &w);
  return w;
}

TEST(WordHashes, SplitsAtEverythingButLettersAndNumbers) {
  struct Case {
    const char* text;
    size_t words;
  };
  const Case cases[] = {
      {"", 0},
      {"   \n\t ", 0},
      {"قال المتحدث باسم الوزارة", 4},
      {"قال المتحدث، باسم «الوزارة»: لا تعليق!", 6},
      {"أكثر من 10,000 جندي", 5},                 // 10 , 000 -> two words
      {"https://www.spa.gov.sa/news/1234", 6},     // https www spa gov sa news 1234 -> 7? see below
      {"قمة G-20 في الرياض", 5},
      {"— واس —", 1},
      {"١٩ يونيو ٢٠٢٤", 3},
  };
  for (const Case& c : cases) {
    const size_t n = Words(c.text).size();
    if (std::string(c.text).rfind("https", 0) == 0) {
      EXPECT_EQ(n, 7u) << c.text;  // https www spa gov sa news 1234
    } else {
      EXPECT_EQ(n, c.words) << c.text;
    }
  }
}

TEST(WordHashes, SameWordsUpToMatchNormalization) {
  const std::pair<const char*, const char*> same[] = {
      {"أعلنت الحكومة السعودية", "اعلنت الحكومه السعوديه"},
      {"إلى مستشفى", "الي مستشفي"},
      {"المـــؤتمر الصحفيّ", "المؤتمر الصحفي"},
      {"الأمير محمدُ بنُ سلمان", "الامير محمد بن سلمان"},
      {"عام ٢٠١٥", "عام 2015"},
      {"وكالة SPA", "وكالة spa"},
      {"کوریا الشمالیة", "كوريا الشمالية"},
      {"قال: \"نعم\".", "قال نعم"},
  };
  for (const auto& [a, b] : same) EXPECT_EQ(Words(a), Words(b)) << a << " | " << b;
  EXPECT_NE(Words("المملكة"), Words("المملكه العربيه"));
  EXPECT_NE(Words("وزير الداخلية"), Words("وزير الخارجية"));
}

// WordHashes against a plain splitter of the match key: code point by code
// point (U8_NEXT), words the maximal runs of letters and numbers (ASCII
// letters and digits, the Arabic letters but tatweel, else ICU's L and N
// categories), each hashed whole; on random strings of Arabic letters and
// marks, punctuation, Latin, digits, and two-, three- and four-byte others.
TEST(WordHashes, SameAsAPlainSplitterOfTheMatchKey) {
  auto is_word = [](UChar32 c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c >= 0x0621 && c <= 0x064A) return c != 0x0640;
    return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
  };
  auto reference = [&](std::string_view text) {
    const std::string key = arabic::MatchKey(text);
    const auto* k = reinterpret_cast<const uint8_t*>(key.data());
    const int32_t n = static_cast<int32_t>(key.size());
    std::vector<uint64_t> out;
    int32_t i = 0, begin = -1;
    while (i < n) {
      const int32_t at = i;
      UChar32 c;
      U8_NEXT(k, i, n, c);
      const bool word = c >= 0 && is_word(c);
      if (word && begin < 0) begin = at;
      if (!word && begin >= 0) {
        out.push_back(XXH3_64bits_withSeed(k + begin, static_cast<size_t>(at - begin), SignatureOptions{}.seed));
        begin = -1;
      }
    }
    if (begin >= 0)
      out.push_back(XXH3_64bits_withSeed(k + begin, static_cast<size_t>(n - begin), SignatureOptions{}.seed));
    return out;
  };
  const std::vector<std::string> alphabet = {
      "ا", "أ", "ب", "ة", "ى", "ي", "و", "ل", "ك", "\u064E", "\u0651", "\u0654", "\u0640", "\u0670", "\u06A9",
      "\u06CC", "\u06D5", "\u06F4", "\u0663", "\u060C", "\u061F", "\u066B", "\u06D4", "\u06DD", "\u0600",
      " ", " ", "\n", ".", ",", "-", "a", "Z", "7", "\u00E9", "\u00A0", "\u0391", "\u05D0", "\u2013",
      "\u200C", "\u200F", "\u4E2D", "\uFEFB", "\U0001F600", "\U0001D7D8"};
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int iter = 0; iter < 20000; ++iter) {
    std::string text;
    for (int k = length(rng); k > 0; --k) text += alphabet[pick(rng)];
    ASSERT_EQ(Words(text), reference(text)) << text;
  }
}

TEST(ShingleSet, ShortAndEmptyDocumentsHaveNoShingles) {
  SignatureOptions o;
  std::vector<uint32_t> s;
  ShingleSet("", o, &s);
  EXPECT_TRUE(s.empty());
  ShingleSet("فيديو: لحظة وصول الطائرة", o, &s);  // 4 words < 5
  EXPECT_TRUE(s.empty());
  ShingleSet("فيديو: لحظة وصول الطائرة الرياض", o, &s);  // 5 words
  EXPECT_EQ(s.size(), 1u);
  const Signature sig = ComputeSignature("صورة", o);
  EXPECT_TRUE(sig.shingles.empty());
  EXPECT_TRUE(sig.minhash.empty());
  EXPECT_EQ(sig.content_hash, 0u);
  o.shingle_words = 1;
  ShingleSet("صورة", o, &s);
  EXPECT_EQ(s.size(), 1u);
}

TEST(ShingleSet, SortedUniqueAndCountsDistinctShingles) {
  SignatureOptions o;
  o.shingle_words = 2;
  std::vector<uint32_t> s;
  // a b a b a b: 2-shingles {a b, b a}
  ShingleSet("جدة مكة جدة مكة جدة مكة", o, &s);
  EXPECT_EQ(s.size(), 2u);
  ShingleSet("قال وزير الصحة إن عدد الإصابات ارتفع اليوم", o, &s);
  EXPECT_EQ(s.size(), 7u);  // 8 words
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
}

// Reference: the shingle set as a set of strings (words of the match key
// joined by spaces), built with a different word splitter (ICU-free: the
// test texts only use Arabic letters, ASCII and the punctuation below).
std::set<std::string> ReferenceShingles(const std::string& text, size_t k) {
  std::string key = arabic::MatchKey(text);
  for (char& c : key) {
    if (c == ',' || c == '.' || c == ':' || c == '"' || c == '!' || c == '(' || c == ')' || c == '-') c = ' ';
  }
  std::vector<std::string> words;
  size_t i = 0;
  while (i < key.size()) {
    while (i < key.size() && (key[i] == ' ' || key[i] == '\n')) ++i;
    size_t j = i;
    while (j < key.size() && key[j] != ' ' && key[j] != '\n') ++j;
    if (j > i) words.push_back(key.substr(i, j - i));
    i = j;
  }
  std::set<std::string> out;
  for (size_t s = 0; s + k <= words.size(); ++s) {
    std::string sh;
    for (size_t w = s; w < s + k; ++w) sh += words[w] + " ";
    out.insert(sh);
  }
  return out;
}

double ReferenceJaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::vector<std::string> inter;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(inter));
  return static_cast<double>(inter.size()) / static_cast<double>(a.size() + b.size() - inter.size());
}

const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> v = {
      "أعلنت", "وزارة", "الصحة", "السعودية", "اليوم", "عن", "تسجيل", "حالات", "جديدة", "بفيروس", "كورونا",
      "في", "الرياض", "وجدة", "والدمام", "وقال", "المتحدث", "الرسمي", "إن", "الحالة", "مستقرة", "وأضاف",
      "أن", "الفرق", "الطبية", "تتابع", "المخالطين", "مجلس", "الوزراء", "وافق", "على", "نظام", "المرور",
      "الجديد", "خلال", "جلسته", "برئاسة", "خادم", "الحرمين", "الشريفين", "الملك", "سلمان", "بن",
      "عبدالعزيز", "ولي", "العهد", "الأمير", "محمد", "نايف", "مكة", "المكرمة", "المدينة", "المنورة",
      "موسم", "الحج", "الحجاج", "ضيوف", "الرحمن", "2015", "10", "ألف", "مليون", "ريال", "G20", "SPA",
      "واس", "مصدر", "مسؤول", "الأمن", "العام", "القبض", "على", "مطلوب", "أمنيا", "التحالف", "العربي",
      "اليمن", "صنعاء", "عدن", "الحوثيين", "قوات", "الشرعية", "المؤتمر", "الصحفي", "الدفاع", "المدني"};
  return v;
}

std::string RandomText(std::mt19937_64& rng, size_t words) {
  const auto& v = Vocabulary();
  std::string t;
  for (size_t i = 0; i < words; ++i) {
    t += v[rng() % v.size()];
    const int r = static_cast<int>(rng() % 20);
    t += r == 0 ? "، " : r == 1 ? ". " : r == 2 ? "\n" : r == 3 ? ": \"" : " ";
  }
  return t;
}

// Edits about `rate` of the words of `text` (replace, delete or insert).
std::string Edit(std::mt19937_64& rng, const std::string& text, double rate) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string::npos) j = text.size();
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  const auto& v = Vocabulary();
  std::uniform_real_distribution<double> u(0, 1);
  std::string out;
  for (const auto& w : words) {
    const double x = u(rng);
    if (x < rate / 3) continue;                                   // delete
    if (x < 2 * rate / 3) out += v[rng() % v.size()] + " ";       // insert before
    out += (x < rate && x >= 2 * rate / 3 ? v[rng() % v.size()] : w) + " ";  // replace
  }
  return out;
}

TEST(ShingleSet, ExactJaccardMatchesStringReference) {
  std::mt19937_64 rng(7);
  SignatureOptions o;
  for (int trial = 0; trial < 200; ++trial) {
    const std::string a = RandomText(rng, 20 + rng() % 300);
    const std::string b = Edit(rng, a, 0.02 * static_cast<double>(trial % 10));
    for (uint32_t k : {1u, 3u, 5u}) {
      o.shingle_words = k;
      std::vector<uint32_t> sa, sb;
      ShingleSet(a, o, &sa);
      ShingleSet(b, o, &sb);
      const auto ra = ReferenceShingles(a, k), rb = ReferenceShingles(b, k);
      ASSERT_EQ(sa.size(), ra.size()) << a;
      ASSERT_EQ(sb.size(), rb.size()) << b;
      EXPECT_NEAR(ExactJaccard(sa, sb), ReferenceJaccard(ra, rb), 1e-12);
    }
  }
}

TEST(ExactJaccard, Basics) {
  const std::vector<uint32_t> a = {1, 2, 3, 4}, b = {3, 4, 5, 6}, e;
  EXPECT_DOUBLE_EQ(ExactJaccard(a, b), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(ExactJaccard(a, a), 1.0);
  EXPECT_DOUBLE_EQ(ExactJaccard(a, e), 0.0);
  EXPECT_DOUBLE_EQ(ExactJaccard(e, e), 0.0);
  EXPECT_DOUBLE_EQ(EstimatedJaccard(a, std::vector<uint32_t>{1, 2, 5, 6}), 0.5);
  EXPECT_DOUBLE_EQ(EstimatedJaccard(a, b), 0.0);  // position by position
  EXPECT_DOUBLE_EQ(EstimatedJaccard(a, std::vector<uint32_t>{1}), 0.0);
}

TEST(MinHash, DeterministicPrefixConsistentAndSized) {
  SignatureOptions o;
  const std::string text = "قال المتحدث الرسمي باسم وزارة الصحة إن الحالة مستقرة وإن الفرق الطبية تتابع المخالطين";
  const Signature s1 = ComputeSignature(text, o), s2 = ComputeSignature(text, o);
  EXPECT_EQ(s1.minhash, s2.minhash);
  EXPECT_EQ(s1.content_hash, s2.content_hash);
  EXPECT_NE(s1.content_hash, 0u);
  // The hash of a set read back (a stored signature) is the one computed with it.
  EXPECT_EQ(ShingleSetHash(s1.shingles, o), s1.content_hash);
  EXPECT_EQ(ShingleSetHash({}, o), 0u);
  EXPECT_EQ(s1.minhash.size(), o.num_hashes);
  SignatureOptions big = o;
  big.num_hashes = 256;
  const Signature s3 = ComputeSignature(text, big);
  ASSERT_EQ(s3.minhash.size(), 256u);
  EXPECT_TRUE(std::equal(s1.minhash.begin(), s1.minhash.end(), s3.minhash.begin()));
  SignatureOptions other = o;
  other.seed = 42;
  EXPECT_NE(ComputeSignature(text, other).minhash, s1.minhash);
  // Reordered paragraphs: same 5-gram set only if no shingle spans the cut.
  EXPECT_NE(ComputeSignature("جملة أولى من خمس كلمات جملة ثانية من خمس كلمات", o).content_hash,
            ComputeSignature("جملة ثانية من خمس كلمات جملة أولى من خمس كلمات", o).content_hash);
}

// The MinHash estimate is unbiased with standard deviation sqrt(J(1-J)/n):
// checked on random set pairs of known Jaccard (the slow reference is the
// exact Jaccard of the sets).
TEST(MinHash, EstimateTracksExactJaccardOnRandomPairs) {
  std::mt19937_64 rng(11);
  SignatureOptions o;
  o.num_hashes = 256;
  double sum_err = 0;
  int outliers = 0;
  const int trials = 400;
  for (int t = 0; t < trials; ++t) {
    const size_t common = 50 + rng() % 400, only_a = rng() % 200, only_b = rng() % 200;
    std::set<uint32_t> used;
    auto fresh = [&] {
      uint32_t x;
      do x = static_cast<uint32_t>(rng()); while (!used.insert(x).second);
      return x;
    };
    std::vector<uint32_t> a, b;
    for (size_t i = 0; i < common; ++i) {
      const uint32_t x = fresh();
      a.push_back(x);
      b.push_back(x);
    }
    for (size_t i = 0; i < only_a; ++i) a.push_back(fresh());
    for (size_t i = 0; i < only_b; ++i) b.push_back(fresh());
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<uint32_t> ma, mb;
    MinHash(a, o, &ma);
    MinHash(b, o, &mb);
    const double exact = ExactJaccard(a, b);
    ASSERT_DOUBLE_EQ(exact, static_cast<double>(common) / static_cast<double>(common + only_a + only_b));
    const double est = EstimatedJaccard(ma, mb);
    const double sd = std::sqrt(exact * (1 - exact) / o.num_hashes);
    sum_err += est - exact;
    outliers += std::abs(est - exact) > 4 * sd + 1e-9;
  }
  EXPECT_LE(outliers, 1);                      // 4 sigma: expected ~0.03 of 400
  EXPECT_LT(std::abs(sum_err / trials), 0.01);  // unbiased
}

}  // namespace
}  // namespace akhbar
