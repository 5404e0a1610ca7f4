#include "dates/tokens.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>

namespace akhbar::dates_internal {

namespace {

// Decodes one code point at s[i] (n bytes available). Returns the length, or
// 0 for an invalid/truncated sequence (the caller skips one byte).
inline int Decode(const unsigned char* s, size_t avail, uint32_t* cp) {
  unsigned char c = s[0];
  if (c < 0x80) { *cp = c; return 1; }
  if (c >= 0xC2 && c <= 0xDF) {
    if (avail < 2 || (s[1] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    *cp = ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
    if (*cp < 0x800) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (avail < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
      return 0;
    *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
    if (*cp < 0x10000 || *cp > 0x10FFFF) return 0;
    return 4;
  }
  return 0;
}

// -1 if not a digit, else its value (ASCII, U+0660..0669, U+06F0..06F9).
inline int DigitValue(uint32_t cp) {
  if (cp >= '0' && cp <= '9') return static_cast<int>(cp - '0');
  if (cp >= 0x0660 && cp <= 0x0669) return static_cast<int>(cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return static_cast<int>(cp - 0x06F0);
  return -1;
}

// Marks that are skipped inside a word: harakat, Quranic marks, tatweel,
// superscript alef, ZWNJ/ZWJ.
inline bool IsIgnorable(uint32_t cp) {
  return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0640 || cp == 0x0670 ||
         (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x06D6 && cp <= 0x06ED) || cp == 0x200C ||
         cp == 0x200D;
}

inline bool IsArabicLetter(uint32_t cp) {
  return (cp >= 0x0620 && cp <= 0x064A) || (cp >= 0x066E && cp <= 0x06D3) || cp == 0x06D5 ||
         (cp >= 0x06EE && cp <= 0x06EF) || (cp >= 0x06FA && cp <= 0x06FF) ||
         (cp >= 0x0750 && cp <= 0x077F);
}

inline uint32_t NormalizeLetter(uint32_t cp) {
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
      return 0x0627;  // alef variants -> bare alef
    case 0x0649: case 0x06CC: case 0x06D0:
      return 0x064A;  // alef maqsura, Persian yeh -> yeh
    case 0x0629: case 0x06C1: case 0x06D5:
      return 0x0647;  // teh marbuta, heh goal -> heh
    case 0x06A9:
      return 0x0643;  // keheh -> kaf
    default:
      return cp;
  }
}

inline bool IsSpaceCp(uint32_t cp) {
  return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x200E || cp == 0x200F ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF || cp == 0x061C ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

inline bool IsNewlineCp(uint32_t cp) { return cp == 0x2028 || cp == 0x2029 || cp == 0x0085; }

inline bool IsPunctCp(uint32_t cp) {
  return cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x066A || cp == 0x066B ||
         cp == 0x066C || cp == 0x066D || cp == 0x06D4 || (cp >= 0x2010 && cp <= 0x2027) ||
         cp == 0x2212 || cp == 0x00AB || cp == 0x00BB || cp == 0xFF0F || cp == 0xFF1A;
}

constexpr uint32_t kMaxValue = 1000000000u;
constexpr size_t kMaxKey = 48;  // longer words are never in the lexicon

inline void AppendUtf8(uint32_t cp, char* buf, size_t* len) {
  // Only called for code points < 0x800 (Arabic block) and ASCII.
  if (cp < 0x80) {
    buf[(*len)++] = static_cast<char>(cp);
  } else {
    buf[(*len)++] = static_cast<char>(0xC0 | (cp >> 6));
    buf[(*len)++] = static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The Clitic bit of a one-letter proclitic, or 0.
inline uint8_t CliticOf(uint32_t cp) {
  switch (cp) {
    case 0x0648: return kWa;
    case 0x0641: return kFa;
    case 0x0628: return kBi;
    case 0x0644: return kLi;
    case 0x0643: return kKa;
    default: return 0;
  }
}

// U+0600..U+06FF by the low 8 bits: kBlockIgnorable, kBlockOther (ends a
// word), else NormalizeLetter of the letter.
constexpr uint16_t kBlockIgnorable = 0xFFFF, kBlockOther = 0;
const std::array<uint16_t, 256>& ArabicBlock() {
  static const std::array<uint16_t, 256> table = [] {
    std::array<uint16_t, 256> t{};
    for (uint32_t k = 0; k < 256; ++k) {
      const uint32_t cp = 0x0600 + k;
      t[k] = IsIgnorable(cp) ? kBlockIgnorable
             : IsArabicLetter(cp) ? static_cast<uint16_t>(NormalizeLetter(cp))
                                  : kBlockOther;
    }
    return t;
  }();
  return table;
}

// ArabicBlock with each letter as the two bytes of its UTF-8 encoding in
// memory order (kBlockIgnorable and kBlockOther as there: no letter's
// encoding is either).
const std::array<uint16_t, 256>& ArabicBlockKey() {
  static const std::array<uint16_t, 256> table = [] {
    std::array<uint16_t, 256> t{};
    const auto& block = ArabicBlock();
    for (uint32_t k = 0; k < 256; ++k) {
      const uint16_t v = block[k];
      if (v == kBlockIgnorable || v == kBlockOther) {
        t[k] = v;
        continue;
      }
      const unsigned char b[2] = {static_cast<unsigned char>(0xC0 | (v >> 6)),
                                  static_cast<unsigned char>(0x80 | (v & 0x3F))};
      std::memcpy(&t[k], b, 2);
    }
    return t;
  }();
  return table;
}

// Two bytes of text as one number, the first in the low byte.
inline uint32_t Pair(const unsigned char* p) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint16_t w;
  std::memcpy(&w, p, 2);
  return w;
#else
  return p[0] | uint32_t(p[1]) << 8;
#endif
}

// ArabicBlockKey indexed by Pair(p) & 0x3F03 (the payload bits of a lead
// byte D8..DB and of its continuation byte), for a pair whose
// Pair(p) & 0xC0FC is 0x80D8: one mask instead of two shifts. 32 KiB, of
// which the 64 cache lines of the block are read.
constexpr uint32_t kPairMask = 0x3F03, kPairTest = 0xC0FC, kPairBlock = 0x80D8;
const std::array<uint16_t, kPairMask + 1>& PairKey() {
  static const std::array<uint16_t, kPairMask + 1> table = [] {
    std::array<uint16_t, kPairMask + 1> t{};
    const auto& k = ArabicBlockKey();
    for (uint32_t lo = 0; lo < 4; ++lo)
      for (uint32_t hi = 0; hi < 64; ++hi) t[hi << 8 | lo] = k[lo << 6 | hi];
    return t;
  }();
  return table;
}

// The code point of the two-byte letter at key[0..1].
inline uint32_t KeyLetter(const char* key) {
  return (static_cast<unsigned char>(key[0]) & 0x1Fu) << 6 | (static_cast<unsigned char>(key[1]) & 0x3Fu);
}

// Byte offset of letter k (0-based) of the word run that starts at s[j]
// (marks skipped as the tokenizer skips them); the run has more than k letters.
size_t LetterStart(const unsigned char* s, size_t j, int k) {
  const auto& block = ArabicBlock();
  for (;;) {
    uint32_t d = 0;
    int l;
    if (s[j] >= 0xD8 && s[j] <= 0xDB && (s[j + 1] & 0xC0) == 0x80) {
      l = 2;
      if (block[((s[j] & 3u) << 6) | (s[j + 1] & 0x3Fu)] == kBlockIgnorable) {
        j += 2;
        continue;
      }
    } else {
      l = Decode(s + j, 4, &d);
      if (IsIgnorable(d)) {
        j += static_cast<size_t>(l);
        continue;
      }
    }
    if (k == 0) return j;
    --k;
    j += static_cast<size_t>(l);
  }
}

}  // namespace

std::string NormalizeWord(std::string_view w) {
  std::string out;
  const auto* s = reinterpret_cast<const unsigned char*>(w.data());
  size_t i = 0;
  while (i < w.size()) {
    uint32_t cp;
    int len = Decode(s + i, w.size() - i, &cp);
    if (len == 0) { ++i; continue; }
    i += len;
    if (IsIgnorable(cp)) continue;
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      out.push_back(c);
      continue;
    }
    cp = NormalizeLetter(cp);
    char buf[4];
    size_t n = 0;
    if (cp < 0x800) {
      AppendUtf8(cp, buf, &n);
      out.append(buf, n);
    }
  }
  return out;
}

uint64_t Lexicon::Hash(std::string_view s) {
  // In-process only (the table is built at run time): eight bytes a step,
  // multiply-xorshift mixing, the last 1..7 bytes as one more word.
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t(n) * 0xFF51AFD7ED558CCDull);
  auto mix = [&h](uint64_t w) {
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
  };
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    mix(w);
  }
  if (n > 0) {  // the last 1..7 bytes, without a byte loop
    uint64_t w = 0;
    if (s.size() >= 8) {  // as the tail of the last eight bytes
      std::memcpy(&w, s.data() + s.size() - 8, 8);
      w >>= 8 * (8 - n);
    } else if (n >= 4) {  // two overlapping four-byte words
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      w = a | uint64_t(b) << 32;
    } else {
      w = uint64_t(static_cast<unsigned char>(p[0])) | uint64_t(static_cast<unsigned char>(p[n / 2])) << 8 |
          uint64_t(static_cast<unsigned char>(p[n - 1])) << 16;
    }
    mix(w);
  }
  h ^= h >> 32;
  h *= 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 29);
}

uint32_t Lexicon::Probe(std::string_view key) const {
  const size_t mask = slots_.size() - 1;
  for (size_t p = Hash(key) & mask;; p = (p + 1) & mask) {
    uint32_t v = slots_[p];
    if (v == 0) return 0;
    if (keys_[v - 1] == key) return v;
  }
}

void Lexicon::Add(std::string_view word, const Lex& lex) {
  std::string key = NormalizeWord(word);
  const size_t mask = slots_.size() - 1;
  for (size_t p = Hash(key) & mask;; p = (p + 1) & mask) {
    uint32_t v = slots_[p];
    if (v == 0) {
      keys_.push_back(key);
      if (!key.empty()) {
        const uint32_t b = FilterBit(key);
        filter_[b >> 6] |= uint64_t(1) << (b & 63);
      }
      max_key_ = std::max(max_key_, key.size());
      entries_.push_back(lex);
      entries_.back().definite = key.rfind("\xD8\xA7\xD9\x84", 0) == 0;  // ال
      slots_[p] = static_cast<uint32_t>(keys_.size());
      return;
    }
    if (keys_[v - 1] == key) {  // merge roles; a field set by the new entry wins
      Lex& e = entries_[v - 1];
      e.roles |= lex.roles;
      if (lex.month) e.month = lex.month;
      if (lex.weekday >= 0) e.weekday = lex.weekday;
      if (lex.unit) e.unit = lex.unit;
      if (lex.count) e.count = lex.count;
      if (lex.mod) e.mod = lex.mod;
      if (lex.label) e.label = lex.label;
      e.weak = e.weak || lex.weak;
      return;
    }
  }
}

const Lexicon& Lexicon::Get() {
  static const Lexicon kLexicon;
  return kLexicon;
}

Lexicon::Lexicon() : slots_(2048, 0) {
  auto L = [](uint64_t roles) {
    Lex l;
    l.roles = roles;
    return l;
  };
  auto month = [&](std::initializer_list<const char*> words, int m, bool weak = false) {
    for (const char* w : words) {
      Lex l = L(kRoleMonth);
      l.month = static_cast<int8_t>(m);
      l.weak = weak;
      Add(w, l);
    }
  };
  // Egyptian/Gulf (transliterated) forms.
  month({"يناير"}, 1);
  month({"فبراير", "فبرابر", "شباط"}, 2);
  month({"مارس", "آذار"}, 3);
  month({"أبريل", "إبريل", "ابريل", "أفريل", "نيسان"}, 4);
  month({"مايو", "أيار"}, 5);
  month({"ماي"}, 5, /*weak=*/true);
  month({"يونيو", "يونيه", "جوان", "حزيران"}, 6);
  month({"يوليو", "يوليه", "جويلية", "تموز"}, 7);
  month({"أغسطس", "غشت", "أوت"}, 8);
  month({"آب"}, 8, /*weak=*/true);  // also "father"
  month({"سبتمبر", "شتنبر", "أيلول"}, 9);
  month({"أكتوبر", "اكتوبر"}, 10);
  month({"نوفمبر", "نونبر"}, 11);
  month({"ديسمبر", "دجنبر"}, 12);
  // English.
  const char* en[12][2] = {{"january", "jan"}, {"february", "feb"}, {"march", "mar"},
                           {"april", "apr"},   {"may", nullptr},    {"june", "jun"},
                           {"july", "jul"},    {"august", "aug"},   {"september", "sep"},
                           {"october", "oct"}, {"november", "nov"}, {"december", "dec"}};
  for (int m = 0; m < 12; ++m) {
    month({en[m][0]}, m + 1, /*weak=*/m == 4);
    if (en[m][1]) month({en[m][1]}, m + 1);
  }
  month({"sept"}, 9);
  // Two-word months.
  auto head = [&](const char* w, MonthHead h) {
    Lex l = L(kRoleMonthHead);
    l.month = h;
    Add(w, l);
  };
  head("كانون", kKanun);
  head("تشرين", kTishreen);
  head("ربيع", kRabi);
  head("جمادى", kJumada);
  head("جماد", kJumada);
  head("ذو", kDhu);
  head("ذي", kDhu);
  auto ord = [&](std::initializer_list<const char*> words, int which) {
    for (const char* w : words) {
      Lex l = L(kRoleOrdinal | kRoleTodayNegNext);
      l.mod = static_cast<int8_t>(which);
      Add(w, l);
    }
  };
  ord({"الأول", "الأولى", "الاول", "الأوّل"}, 1);
  ord({"الثاني", "الثانية", "الآخر", "الآخرة", "الأخير", "الأخيرة"}, 2);
  auto dhu = [&](const char* w, int m) {
    Lex l = L(kRoleDhuTail);
    l.month = static_cast<int8_t>(m);
    Add(w, l);
  };
  dhu("القعدة", 11);
  dhu("الحجة", 12);
  auto hmonth = [&](std::initializer_list<const char*> words, int m, bool weak) {
    for (const char* w : words) {
      Lex l = L(kRoleHijriMonth);
      l.month = static_cast<int8_t>(m);
      l.weak = weak;
      Add(w, l);
    }
  };
  hmonth({"محرم", "المحرم"}, 1, true);  // also "forbidden"
  hmonth({"صفر"}, 2, true);             // also "zero"
  hmonth({"رجب"}, 7, true);             // also a given name
  hmonth({"شعبان"}, 8, true);           // also a family name
  hmonth({"رمضان"}, 9, false);
  hmonth({"شوال"}, 10, false);

  auto weekday = [&](std::initializer_list<const char*> words, int wd) {
    for (const char* w : words) {
      Lex l = L(kRoleWeekday);
      l.weekday = static_cast<int8_t>(wd);
      Add(w, l);
    }
  };
  weekday({"الأحد"}, 0);
  weekday({"الاثنين", "الإثنين", "الاتنين"}, 1);
  weekday({"الثلاثاء", "الثلاثا"}, 2);
  weekday({"الأربعاء", "الاربعا"}, 3);
  weekday({"الخميس"}, 4);
  weekday({"الجمعة"}, 5);
  weekday({"السبت"}, 6);

  auto unit = [&](std::initializer_list<const char*> words, Unit u, int count) {
    for (const char* w : words) {
      Lex l = L(kRoleUnit);
      l.unit = u;
      l.count = static_cast<int8_t>(count);
      Add(w, l);
    }
  };
  unit({"ثانية"}, kSecond, 1);
  unit({"ثوان", "ثواني", "ثوانٍ"}, kSecond, 0);
  unit({"ثانيتين"}, kSecond, 2);
  unit({"دقيقة"}, kMinute, 1);
  unit({"دقائق"}, kMinute, 0);
  unit({"دقيقتين", "دقيقتان"}, kMinute, 2);
  unit({"ساعة"}, kHour, 1);
  unit({"ساعات"}, kHour, 0);
  unit({"ساعتين", "ساعتان"}, kHour, 2);
  unit({"يوم"}, kDay, 1);
  unit({"أيام"}, kDay, 0);
  unit({"يومين", "يومان"}, kDay, 2);
  unit({"أسبوع"}, kWeek, 1);
  unit({"أسابيع"}, kWeek, 0);
  unit({"أسبوعين", "أسبوعان"}, kWeek, 2);
  unit({"شهر"}, kMonth, 1);
  unit({"شهور", "أشهر"}, kMonth, 0);
  unit({"شهرين", "شهران"}, kMonth, 2);
  unit({"سنة", "عام"}, kYear, 1);
  unit({"سنوات", "سنين", "أعوام"}, kYear, 0);
  unit({"سنتين", "سنتان", "عامين", "عامان"}, kYear, 2);
  Add("يوم", L(kRoleYom));

  auto rel = [&](std::initializer_list<const char*> words, uint64_t role, int mod) {
    for (const char* w : words) {
      Lex l = L(role);
      l.mod = static_cast<int8_t>(mod);
      Add(w, l);
    }
  };
  rel({"قبل"}, kRoleRelCue | kRoleYearCue, -1);
  {
    Lex since = L(kRoleRelCue | kRoleYearCue);
    since.mod = -1;
    since.count = 1;  // marks منذ ("since"/"ago") among the relative cues
    Add("منذ", since);
  }
  rel({"بعد"}, kRoleRelCue | kRoleYearCue, +1);
  rel({"أمس", "الأمس", "البارحة"}, kRoleRelWord, -1);
  rel({"اليوم"}, kRoleRelWord, 0);
  rel({"غدا", "غداً"}, kRoleRelWord, +1);
  Add("أول", L(kRoleFirst));
  Add("غد", L(kRoleGhad));
  auto period = [&](std::initializer_list<const char*> words, Unit u) {
    for (const char* w : words) {
      Lex l = L(kRolePeriod);
      l.unit = u;
      Add(w, l);
    }
  };
  period({"الأسبوع"}, kWeek);
  period({"الشهر"}, kMonth);
  period({"العام", "السنة"}, kYear);
  rel({"الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "السابقة"},
      kRolePeriodMod, -1);
  rel({"المقبل", "المقبلة", "القادم", "القادمة"}, kRolePeriodMod, +1);
  // mod 0 cannot be told from "unset" in a merge; current-period words use a
  // distinct sentinel handled by the matcher.
  rel({"الحالي", "الحالية", "الجاري", "الجارية"}, kRolePeriodMod, 2);
  Add("هذا", L(kRoleThis));
  Add("هذه", L(kRoleThis));

  for (const char* w : {"في", "خلال", "حتى", "بحلول", "مطلع", "أواخر", "أوائل", "نهاية", "بداية",
                        "منتصف", "من", "بين", "عامي", "مع", "صيف", "شتاء", "خريف", "وحتى"})
    Add(w, L(kRoleYearCue));
  for (const char* w : {"عام", "العام", "سنة", "السنة", "عامي"}) Add(w, L(kRoleYearNoun));
  for (const char* w : {"إلى", "الى", "حتى", "و", "لغاية", "ولغاية", "وحتى"}) Add(w, L(kRoleConn));
  Add("من", L(kRoleMin));
  for (const char* w : {"فقط", "تقريبا", "تقريباً"}) Add(w, L(kRoleOnly));
  for (const char* w : {"بين", "في"}) Add(w, L(kRoleBothNeg));

  auto num = [&](std::initializer_list<const char*> words, int v) {
    for (const char* w : words) {
      Lex l = L(kRoleNumWord);
      l.count = static_cast<int8_t>(v);
      Add(w, l);
    }
  };
  num({"ثلاث", "ثلاثة"}, 3);
  num({"أربع", "أربعة"}, 4);
  num({"خمس", "خمسة"}, 5);
  num({"ست", "ستة"}, 6);
  num({"سبع", "سبعة"}, 7);
  num({"ثمان", "ثماني", "ثمانية"}, 8);
  num({"تسع", "تسعة"}, 9);
  num({"عشر", "عشرة"}, 10);

  auto label = [&](std::initializer_list<const char*> words, Label lb) {
    for (const char* w : words) {
      Lex l = L(kRoleLabel);
      l.label = lb;
      Add(w, l);
    }
  };
  label({"تاريخ", "التاريخ"}, kLblTarikh);
  label({"النشر"}, kLblAlNashr);
  label({"تم"}, kLblTamma);
  label({"آخر", "اخر"}, kLblAkhir);
  label({"تحديث", "التحديث"}, kLblTahdith);
  label({"نشر", "نشرت", "منشور"}, kLblNashr);
  label({"بتاريخ"}, kLblBiTarikh);
  label({"في"}, kLblFi);
  label({"الإضافة"}, kLblIdafa);
  label({"published", "posted"}, kLblPublished);
  label({"updated"}, kLblUpdated);
  label({"on"}, kLblOn);
  label({"يوم"}, kLblYawm);

  for (const char* w : {"صلاة", "صلاه", "خطبة", "خطب", "مسجد", "جامع", "خطيب", "كلا", "الواحد", "هذين",
                        "هذان"})
    Add(w, L(kRoleWdNegPrev));
  for (const char* w : {"عشر", "عشرة", "معا", "معاً", "الآخرين", "منهما", "الصمد"})
    Add(w, L(kRoleWdNegNext));
  for (const char* w : {"الوطني", "العالمي", "التالي", "الثالث", "الرابع", "الخامس", "السابع",
                        "السابق", "الدولي", "الموعود", "المفتوح", "الدراسي", "الواحد", "الأخير",
                        "الذي", "التي", "ذاته", "نفسه", "ذات"})
    Add(w, L(kRoleTodayNegNext));
  for (const char* w : {"صحيفة", "جريدة", "موقع", "قناة", "برنامج", "مجلة", "عين", "عكاظ"})
    Add(w, L(kRoleTodayNegPrev));
  for (const char* w : {"م", "ميلادي", "ميلادية", "للميلاد"}) Add(w, L(kRoleEraG));
  for (const char* w : {"هـ", "ه", "هجري", "هجرية", "للهجرة"}) Add(w, L(kRoleEraH));
  for (const char* w : {"st", "nd", "rd", "th"}) Add(w, L(kRoleLatinOrd));
  for (const char* w : {"gmt", "utc"}) Add(w, L(kRoleTz));
  Add("t", L(kRoleT));
  Add("z", L(kRoleZ));
  for (const char* w : {"am", "pm", "ص", "م", "صباحا", "صباحاً", "مساء", "مساءً", "ظهرا", "ظهراً"})
    Add(w, L(kRoleAmPm));
}

void Tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  const size_t n = std::min<size_t>(text.size(), 0xFFFFFFFEu);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const Lexicon& lex = Lexicon::Get();
  uint8_t gap = 2;
  size_t i = 0;
  char key[kMaxKey + 4];
  const auto& pair_key = PairKey();
  while (i < n) {
    const unsigned char c = s[i];
    uint32_t cp = c;
    int len = 1;
    // A letter or mark of the Arabic block (U+0600..U+06FF) starts a word
    // run: no digit, Latin letter, space or line break is one.
    const bool arabic_run = (c & 0xFC) == 0xD8 && i + 1 < n && (Pair(s + i) & kPairTest) == kPairBlock &&
                            pair_key[Pair(s + i) & kPairMask] != kBlockOther;
    if (arabic_run) {
      // cp, len unused: the word run reads the bytes again.
    } else if (c < 0x80) {
      if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
        if (gap < 1) gap = 1;
        ++i;
        continue;
      }
      if (c == '\n' || c == '\r') {
        gap = 2;
        ++i;
        continue;
      }
      if (c < 0x20 || c == 0x7F) {
        if (gap < 1) gap = 1;
        ++i;
        continue;
      }
    }
    if (!arabic_run && c >= 0x80) {
      len = Decode(s + i, n - i, &cp);
      if (len == 0) {  // invalid byte: a token of its own that joins nothing
        out->push_back(Token{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1),
                             static_cast<uint32_t>(i), 0xFFFD, kOther, 0, gap, 0});
        gap = 0;
        ++i;
        continue;
      }
      if (IsSpaceCp(cp)) {
        if (gap < 1) gap = 1;
        i += len;
        continue;
      }
      if (IsNewlineCp(cp)) {
        gap = 2;
        i += len;
        continue;
      }
    }
    Token t{};
    t.begin = static_cast<uint32_t>(i);
    t.gap = gap;
    gap = 0;
    if (!arabic_run && DigitValue(cp) >= 0) {
      uint64_t v = 0;
      unsigned nd = 0;
      size_t j = i;
      while (j < n) {
        uint32_t d;
        int l = s[j] < 0x80 ? (d = s[j], 1) : Decode(s + j, n - j, &d);
        if (l == 0) break;
        int dv = DigitValue(d);
        if (dv < 0) break;
        v = v * 10 + static_cast<uint64_t>(dv);
        if (v > kMaxValue) v = kMaxValue;
        ++nd;
        j += l;
      }
      t.type = kNum;
      t.value = static_cast<uint32_t>(v);
      t.ndigits = static_cast<uint8_t>(std::min(nd, 255u));
      t.end = static_cast<uint32_t>(j);
      t.stem = t.begin;
      i = j;
    } else if (!arabic_run && ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))) {
      size_t j = i;
      size_t klen = 0;
      while (j < n) {
        unsigned char d = s[j];
        if (d >= 'A' && d <= 'Z') d = static_cast<unsigned char>(d - 'A' + 'a');
        else if (!(d >= 'a' && d <= 'z')) break;
        if (klen < kMaxKey) key[klen] = static_cast<char>(d);
        ++klen;
        ++j;
      }
      t.type = kLatin;
      t.end = static_cast<uint32_t>(j);
      t.stem = t.begin;
      t.value = klen <= kMaxKey ? lex.Find(std::string_view(key, klen)) : 0;
      i = j;
    } else if (arabic_run || IsArabicLetter(cp) || IsIgnorable(cp)) {
      // Word run. Every letter is below U+0800 (two bytes normalized), so
      // the key has 2 bytes a letter: its letter count, first letters and
      // their key offsets follow from klen and key[0..3]. Past kMaxKey
      // bytes the letters are only counted (such a word is in no lexicon).
      size_t j = i;
      size_t klen = 0;
      for (;;) {
        // The Arabic block, classified and normalized by table, the two
        // bytes tested at once (lead D8..DB, then a continuation byte).
        bool other = false;
        while (j + 1 < n) {
          const uint32_t w = Pair(s + j);
          if ((w & kPairTest) != kPairBlock) break;
          const uint16_t v = pair_key[w & kPairMask];
          if (v == kBlockOther) {
            other = true;
            break;
          }
          j += 2;
          if (v == kBlockIgnorable) continue;
          if (klen < kMaxKey) std::memcpy(key + klen, &v, 2);
          klen += 2;
        }
        if (other || j >= n) break;
        uint32_t d;
        const int l = Decode(s + j, n - j, &d);
        if (l == 0) break;
        if (IsIgnorable(d)) {
          j += static_cast<size_t>(l);
          continue;
        }
        if (!IsArabicLetter(d)) break;
        d = NormalizeLetter(d);
        if (klen < kMaxKey) {
          key[klen] = static_cast<char>(0xC0 | (d >> 6));
          key[klen + 1] = static_cast<char>(0x80 | (d & 0x3F));
        }
        klen += 2;
        j += static_cast<size_t>(l);
      }
      t.type = kWord;
      t.end = static_cast<uint32_t>(j);
      t.stem = t.begin;
      t.value = 0;
      if (klen > 0 && klen <= std::min(lex.max_key_bytes() + 4, kMaxKey)) {
        const size_t letters = klen / 2;
        std::string_view k(key, klen);
        t.value = lex.Find(k);
        const uint32_t first = KeyLetter(key), second = KeyLetter(key + 2);
        const uint8_t c1 = CliticOf(first);
        if (t.value == 0 && letters >= 3 && c1) {
          t.value = lex.Find(k.substr(2));
          if (t.value) {
            t.stem = static_cast<uint32_t>(LetterStart(s, i, 1));
            t.clitic = c1;
          } else if (letters >= 4 && c1 == kLi && second == 0x0644) {
            // ل + ال contracts to لل (للعام): look up ال + the rest.
            char k2[kMaxKey + 4] = {'\xD8', '\xA7', '\xD9', '\x84'};
            const std::string_view rest = k.substr(4);
            if (rest.size() + 4 <= kMaxKey) {
              std::copy(rest.begin(), rest.end(), k2 + 4);
              t.value = lex.Find(std::string_view(k2, rest.size() + 4));
              if (t.value) t.clitic = kLi;
            }
          } else if (letters >= 4 && (c1 == kWa || c1 == kFa) &&
                     (second == 0x0628 || second == 0x0643)) {  // وب, فك...
            t.value = lex.Find(k.substr(4));
            if (t.value) {
              t.stem = static_cast<uint32_t>(LetterStart(s, i, 2));
              t.clitic = static_cast<uint8_t>(c1 | CliticOf(second));
            }
          }
        }
      }
      i = j;
    } else {
      t.type = (cp < 0x80 || IsPunctCp(cp)) ? kPunct : kOther;
      t.value = cp;
      t.end = static_cast<uint32_t>(i + len);
      t.stem = t.begin;
      i += len;
    }
    out->push_back(t);
  }
}

}  // namespace akhbar::dates_internal
