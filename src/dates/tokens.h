// Internal to the dates stage: the tokenizer and the lexicon of date words.
//
// The tokenizer splits UTF-8 text into numbers (ASCII and Eastern Arabic
// digits), Arabic words (normalized for lookup: no diacritics or tatweel,
// أإآٱ->ا, ى/ی->ي, ة->ه, ک->ك), ASCII Latin words (lowercased for lookup),
// punctuation and other code points, each with its byte span in the original
// text. Every word is looked up once in the lexicon (one hash probe sequence,
// retried without a one- or two-letter proclitic و/ف/ب/ل/ك when absent).
// Linear time, no allocation besides the output vector.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::dates_internal {

// Roles a lexicon word can play (a word may have several).
enum Role : uint64_t {
  kRoleMonth = 1ull << 0,         // Gregorian month name; month = 1..12
  kRoleHijriMonth = 1ull << 1,    // one-word Hijri month; month = 1..12
  kRoleMonthHead = 1ull << 2,     // first word of a two-word month; month = MonthHead
  kRoleOrdinal = 1ull << 3,       // الأول/الثاني/الآخر...; mod = 1 first, 2 second/last
  kRoleDhuTail = 1ull << 4,       // القعدة/الحجة after ذو/ذي; month = 11/12
  kRoleWeekday = 1ull << 5,       // definite weekday; weekday = 0 (Sunday)..6
  kRoleYom = 1ull << 6,           // يوم
  kRoleUnit = 1ull << 7,          // time unit; unit = Unit, count = 1 singular, 2 dual, 0 plural
  kRoleRelCue = 1ull << 8,        // منذ/قبل/بعد; mod = -1 past, +1 future
  kRoleRelWord = 1ull << 9,       // أمس/اليوم/غدا; mod = offset in days
  kRolePeriod = 1ull << 10,       // الأسبوع/الشهر/العام/السنة; unit = Unit
  kRolePeriodMod = 1ull << 11,    // الماضي/المقبل/الحالي...; mod = -1/0/+1
  kRoleThis = 1ull << 12,         // هذا/هذه
  kRoleYearCue = 1ull << 13,      // a preposition that may precede a bare year
  kRoleYearNoun = 1ull << 14,     // عام/سنة: precedes a year and belongs to the span
  kRoleConn = 1ull << 15,         // range connector: إلى/حتى/و/لغاية
  kRoleNumWord = 1ull << 16,      // ثلاثة..عشرة; count = value
  kRoleLabel = 1ull << 17,        // part of a publication label; label = Label
  kRoleWdNegPrev = 1ull << 18,    // before a weekday word, makes it a non-date (صلاة الجمعة)
  kRoleWdNegNext = 1ull << 19,    // after a weekday word, makes it a non-date (الأحد عشر)
  kRoleTodayNegNext = 1ull << 20, // after اليوم, makes it a non-date (اليوم الوطني)
  kRoleTodayNegPrev = 1ull << 21, // before اليوم (صحيفة اليوم)
  kRoleEraG = 1ull << 22,         // م / ميلادي after a Gregorian year
  kRoleEraH = 1ull << 23,         // هـ / هجري after a Hijri year
  kRoleLatinOrd = 1ull << 24,     // st/nd/rd/th after a day number
  kRoleTz = 1ull << 25,           // gmt/utc
  kRoleT = 1ull << 26,            // the ISO date/time separator "t"
  kRoleZ = 1ull << 27,            // "z"
  kRoleAmPm = 1ull << 28,         // am/pm/ص/مساء
  kRoleFirst = 1ull << 29,        // أول (أول أمس)
  kRoleGhad = 1ull << 30,         // غد (بعد غد)
  kRoleMin = 1ull << 31,          // من (قبل 3 أيام من ...: not relative to the reference)
  kRoleOnly = 1ull << 32,         // فقط/تقريبا, skipped before من
  kRoleBothNeg = 1ull << 33,      // بين/في before الاثنين: "the two", not Monday
};

enum MonthHead : int8_t { kKanun = 1, kTishreen = 2, kRabi = 3, kJumada = 4, kDhu = 5 };
enum Unit : int8_t { kSecond = 1, kMinute, kHour, kDay, kWeek, kMonth, kYear };
enum Label : int8_t {
  kLblNone = 0, kLblTarikh, kLblAlNashr, kLblTamma, kLblAkhir, kLblTahdith, kLblNashr,
  kLblBiTarikh, kLblFi, kLblIdafa, kLblPublished, kLblUpdated, kLblOn, kLblYawm,
};

struct Lex {
  uint64_t roles = 0;
  int8_t month = 0;
  int8_t weekday = -1;
  int8_t unit = 0;
  int8_t count = 0;
  int8_t mod = 0;
  int8_t label = 0;
  bool definite = false;  // the key starts with the article ال
  bool weak = false;  // a month name that is also a common word (آب, May, صفر...): needs a year
};

enum TokType : uint8_t { kNum, kWord, kLatin, kPunct, kOther };

struct Token {
  uint32_t begin;  // byte span in the original text
  uint32_t end;
  uint32_t stem;   // kWord: first byte after the stripped proclitic (== begin if none)
  uint32_t value;  // kNum: value (saturates at 10^9); kPunct: code point; kWord/kLatin: lexicon index + 1, or 0
  uint8_t type;
  uint8_t ndigits; // kNum: number of digits (saturates at 255)
  uint8_t gap;     // separation from the previous token: 0 none, 1 space, 2 line break
  uint8_t clitic;  // kWord: the stripped proclitic(s), a Clitic bit set (0 = none)
};

enum Clitic : uint8_t { kWa = 1, kFa = 2, kBi = 4, kLi = 8, kKa = 16 };

// The immutable lexicon (built on first use, thread-safe).
class Lexicon {
 public:
  static const Lexicon& Get();
  // Index + 1 of the normalized key, or 0. Inline: most words are no date
  // word, rejected by the length and a bit test before any hashing.
  uint32_t Find(std::string_view normalized) const {
    if (normalized.size() > max_key_) return 0;
    if (!normalized.empty()) {
      const uint32_t b = FilterBit(normalized);
      if (!(filter_[b >> 6] >> (b & 63) & 1)) return 0;
    }
    return Probe(normalized);
  }
  const Lex& At(uint32_t index_plus_one) const { return entries_[index_plus_one - 1]; }
  // Longest key in bytes: a longer word (even minus a 2-letter proclitic) is absent.
  size_t max_key_bytes() const { return max_key_; }

 private:
  Lexicon();
  void Add(std::string_view word, const Lex& lex);
  static uint64_t Hash(std::string_view s);
  // A one-hash bit filter over the keys, tested before the hash table.
  static constexpr int kFilterBits = 12;
  static uint32_t FilterBit(std::string_view key) {
    // Length, first two and last bytes (for Arabic: the first letter and the
    // low byte of the last one), folded to kFilterBits bits.
    const size_t n = key.size();
    const uint64_t x = uint64_t(n) | uint64_t(static_cast<unsigned char>(key[0])) << 8 |
                       uint64_t(static_cast<unsigned char>(key[n > 1 ? 1 : 0])) << 16 |
                       uint64_t(static_cast<unsigned char>(key[n - 1])) << 24;
    return static_cast<uint32_t>((x * 0x9E3779B97F4A7C15ull) >> (64 - kFilterBits));
  }
  // The hash table look-up of Find.
  uint32_t Probe(std::string_view key) const;
  std::array<uint64_t, (size_t(1) << kFilterBits) / 64> filter_{};
  std::vector<std::string> keys_;
  std::vector<Lex> entries_;
  std::vector<uint32_t> slots_;  // open addressing; 0 = empty, else index + 1
  size_t max_key_ = 0;
};

// Normalizes a word (for building the lexicon): same rules as the tokenizer.
std::string NormalizeWord(std::string_view utf8);

// Appends the tokens of text[0, min(size, 2^32-2)) to *out (cleared first).
void Tokenize(std::string_view text, std::vector<Token>* out);

}  // namespace akhbar::dates_internal
