#include "akhbar/stopwords.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#include "akhbar/normalize.h"

namespace akhbar::arabic {
namespace {

// Written in ordinary spelling; normalized to kMatch when the set is built.
// Words that also take the conjunctions و and ف (وفي, فإن).
constexpr std::string_view kPrefixable[] = {
    // prepositions and their common pronoun-suffixed forms
    "في", "فيه", "فيها", "فيهم", "فيما", "من", "منه", "منها", "منهم", "منهما", "مما", "ممن",
    "إلى", "إليه", "إليها", "إليهم", "على", "عليه", "عليها", "عليهم", "عن", "عنه", "عنها",
    "عنهم", "عما", "مع", "معه", "معها", "معهم", "حتى", "منذ", "لدى", "لديه", "لديها",
    "لديهم", "عند", "عنده", "عندها", "عندما", "بين", "بينما", "بينهم", "بينهما", "خلال",
    "ضد", "نحو", "حول", "عبر", "دون", "تحت", "فوق", "أمام", "بعد", "قبل", "ضمن", "لها",
    "لهم", "له", "لنا", "لهما", "به", "بها", "بهم", "بما", "كما", "لما",
    // particles and conjunctions
    "ثم", "أو", "أم", "بل", "لكن", "إلا", "لا", "لم", "لن", "ما", "ليس", "ليست", "قد",
    "لقد", "سوف", "إن", "أن", "إنه", "أنه", "إنها", "أنها", "أنهم", "إنهم", "كأن", "لأن",
    "لكي", "كي", "حيث", "إذ", "إذا", "إذن", "لو", "لولا", "كلما", "حين", "حينما", "إما",
    "أي", "أية", "كل", "كلا", "بعض", "جميع", "غير", "سوى", "مثل", "نفس", "ذات", "أيضا",
    "كذلك", "فقط", "جدا", "حاليا", "هكذا", "ولا", "يا",
    // pronouns
    "هو", "هي", "هم", "هن", "هما", "أنا", "نحن", "أنت", "أنتم",
    // demonstratives and relatives
    "هذا", "هذه", "هذان", "هاتان", "هذين", "هاتين", "هؤلاء", "ذلك", "تلك", "أولئك", "ذاك",
    "هنا", "هناك", "الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان",
    "اللاتي", "اللواتي",
    // kana and its sisters
    "كان", "كانت", "كانوا", "يكون", "تكون", "يكن", "تكن", "أصبح", "أصبحت", "ظل", "ظلت",
    "يزال", "تزال", "مازال", "زال", "بات", "باتت",
    // attribution verbs
    "قال", "قالت", "قالوا", "يقول", "تقول", "أضاف", "أضافت", "يضيف", "تضيف", "أكد", "أكدت",
    "يؤكد", "تؤكد", "أشار", "أشارت", "يشير", "تشير", "أوضح", "أوضحت", "يوضح", "توضح",
    "تابع", "تابعت", "لفت", "لفتت", "ذكر", "ذكرت", "يذكر", "مضيفا", "مشيرا", "مؤكدا",
    "موضحا",
};

// Words listed as they are, without conjunction forms.
constexpr std::string_view kPlain[] = {
    "و", "ف", "ب", "ك", "ل", "أ", "إياه", "إياها", "إياهم", "الآن", "اليوم", "أمس", "عدة",
    "وفق", "وفقا", "بسبب", "بشأن", "إثر", "عقب", "لدي", "بالتالي", "بينهن", "إنما", "أما",
};

// A cheap multiply-xorshift hash of a short word (the set holds words of at
// most kMaxBytes bytes; longer ones are rejected before hashing).
inline uint64_t WordHash(std::string_view s) {
  const size_t n = s.size();
  const char* p = s.data();
  auto mix = [](uint64_t h) {
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 29);
  };
  uint64_t h = 0x9E3779B97F4A7C15ULL * (n + 1);
  if (n >= 8) {  // whole 8-byte loads (the last one overlapping)
    uint64_t v;
    for (size_t i = 0; i + 8 <= n; i += 8) {
      std::memcpy(&v, p + i, 8);
      h = mix(h ^ v);
    }
    std::memcpy(&v, p + n - 8, 8);
    return mix(h ^ v);
  }
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return mix(h ^ v);
}

constexpr size_t kMaxBytes = 24;

// The filter's hash: the length and the first and last four bytes of a
// word, multiplied (Knuth's multiplicative hashing), top kFilterBits bits.
constexpr int kFilterBits = 14;
inline uint32_t FilterSlot(std::string_view s) {
  const size_t n = s.size();
  uint32_t a = 0, b = 0;
  if (n >= 4) {
    std::memcpy(&a, s.data(), 4);
    std::memcpy(&b, s.data() + n - 4, 4);
  } else {
    for (size_t i = 0; i < n; ++i) a = (a << 8) | static_cast<unsigned char>(s[i]);
  }
  const uint64_t k = ((uint64_t{a} << 32) | b) ^ (uint64_t{n} << 58);
  return static_cast<uint32_t>((k * 0x9E3779B97F4A7C15ULL) >> (64 - kFilterBits));
}

struct Set {
  std::unordered_set<std::string> words;
  // A bit per FilterSlot value, set for the slots of the words: three in
  // four words of a news text are not stop words, and most of them are
  // turned away by one bit of these 2 KB (about 1 in 20 slots is taken)
  // without the full hash and the probe of `slots` (64 KB, which the rest
  // of the analysis keeps evicting from the core's caches).
  uint64_t filter[(size_t{1} << kFilterBits) / 64] = {};
  // Open addressing (linear probing, load <= 1/4) over views into `words`
  // (node-based: stable): a look-up hashes the word once and compares
  // bytes only with a slot whose length matches, without building a
  // std::string (an Arabic word of 8 letters no longer fits in SSO).
  std::vector<std::string_view> slots;
  size_t mask = 0;
  Set() {
    for (std::string_view w : kPrefixable) {
      std::string key = MatchKey(w);
      words.insert("\u0648" + key);  // و
      words.insert("\u0641" + key);  // ف
      words.insert(std::move(key));
    }
    for (std::string_view w : kPlain) words.insert(MatchKey(w));
    // وله is a stop word but ولي (guardian, ولي العهد) is not.
    words.erase(MatchKey("ولي"));
    size_t n = 16;
    while (n < 4 * words.size()) n *= 2;
    slots.assign(n, std::string_view());
    mask = n - 1;
    for (const auto& w : words) {
      if (w.empty() || w.size() > kMaxBytes) continue;  // never looked up
      size_t i = WordHash(w) & mask;
      while (!slots[i].empty()) i = (i + 1) & mask;
      slots[i] = w;
      const uint32_t f = FilterSlot(w);
      filter[f >> 6] |= uint64_t{1} << (f & 63);
    }
  }
  bool Contains(std::string_view w) const {
    const uint32_t f = FilterSlot(w);
    if ((filter[f >> 6] >> (f & 63) & 1) == 0) return false;
    for (size_t i = WordHash(w) & mask;; i = (i + 1) & mask) {
      const std::string_view s = slots[i];
      if (s.empty()) return false;
      if (s.size() == w.size() && std::memcmp(s.data(), w.data(), w.size()) == 0) return true;
    }
  }
};

const Set& TheSet() {
  static const Set set;
  return set;
}

}  // namespace

bool IsStopword(std::string_view w) {
  if (w.empty() || w.size() > kMaxBytes) return false;
  return TheSet().Contains(w);
}

size_t StopwordCount() { return TheSet().words.size(); }

}  // namespace akhbar::arabic
