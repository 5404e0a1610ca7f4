// akhbar/dates.h: dates in Arabic news text.
//
// Finds and resolves the dates an Arabic news page states: labelled
// publication lines (`تاريخ النشر: 2nd, November 2024 GMT`), numeric and ISO
// dates (`14/3/2025`, `2025-03-14T10:00:00+03:00`), day-month-year with
// Egyptian/Gulf, Levantine and English month names (`19 يونيو 2024`,
// `22 فبراير/شباط 2022`, `November 2, 2024`), Hijri dates (`15 رمضان 1446 هـ`),
// relative dates (`منذ 2 شهور`, `أمس`, `العام الماضي`, `في يونيو الماضي`),
// weekdays (`الجمعة`, `يوم الاثنين الماضي`), years with a cue (`عام 2024`) and
// ranges (`من 3 إلى 5 مارس 2025`, `2020-2024`). Digits may be ASCII or Eastern
// Arabic (٠-٩, ۰-۹); diacritics and tatweel are ignored.
//
// Used by clean (the publication date of a page) and by extract (the dates in
// the body). Resolution never invents a date: what depends on a reference date
// (relative dates, weekdays, a day and month without a year) stays unresolved
// (`date` empty) when DateContext::reference is absent.
//
// Cost: FindDates is one linear pass over the text (a hand-written tokenizer
// and a bounded look-ahead matcher; no regex, no recursion), O(n) time and
// O(n) scratch memory. Thread-safety: all functions are pure and may be called
// concurrently; the month/cue tables are immutable after first use.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar {

// A proleptic Gregorian calendar date. A value type; it does not validate
// itself: use CivilDate::Make (or IsValidCivilDate) for untrusted fields.
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..DaysInMonth(year, month)

  // The date if y/m/d is a real day of the Gregorian calendar, else nullopt.
  static std::optional<CivilDate> Make(int y, int m, int d);
  // From a count of days since 1970-01-01 (negative before it).
  static CivilDate FromDays(int64_t days);

  // Days since 1970-01-01.
  int64_t ToDays() const;
  // 0 = Sunday, 1 = Monday, ..., 6 = Saturday.
  int Weekday() const;
  CivilDate AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  // Adds n calendar months, clamping the day to the new month's length
  // (2024-03-31 minus 1 month is 2024-02-29).
  CivilDate AddMonths(int n) const;
  // "YYYY-MM-DD" (years outside 0..9999 are printed as they are).
  std::string ToIso() const;

  auto operator<=>(const CivilDate&) const = default;
};

bool IsLeapYear(int y);
// 28..31; 0 if month is not 1..12.
int DaysInMonth(int y, int month);
bool IsValidCivilDate(int y, int m, int d);

// How the text expressed the date (not whether it could be resolved).
enum class DateKind {
  kAbsolute,  // names a calendar date, month or year (`19 يونيو 2024`, `2 يناير`)
  kRelative,  // relative to the reference date (`منذ 3 أيام`, `أمس`, `العام الماضي`)
  kWeekday,   // a weekday alone (`الجمعة`, `الاثنين الماضي`)
  kUnknown,   // reserved; FindDates does not produce it
};

// What part of `date` is meaningful. For kMonth the day is 1, for kYear the
// month and day are 1. kWeek: the date is a day within the week meant
// (`الأسبوع الماضي` resolves to reference - 7 days).
enum class Granularity { kDay, kWeek, kMonth, kYear };

const char* DateKindName(DateKind k);        // "absolute", "relative", ...
const char* GranularityName(Granularity g);  // "day", "week", "month", "year"
// "YYYY-MM-DD", "YYYY-MM" or "YYYY" by granularity (kWeek prints the day).
std::string FormatDate(const CivilDate& d, Granularity g);

struct DateMention {
  // BYTE offsets [begin, end) into the text given to FindDates. The span
  // covers the date itself with its weekday, `يوم`, `عام`/`سنة` cue nouns,
  // era suffixes (`م`, `هـ`), time and time zone; it excludes prepositions
  // (`في`, `منذ` is included for relative dates since it carries the meaning)
  // and labels (`تاريخ النشر:`).
  uint32_t begin = 0;
  uint32_t end = 0;
  // The resolved (first) date; empty when it cannot be resolved without a
  // reference date, or the text lacks the year and no reference was given.
  std::optional<CivilDate> date;
  // For ranges (`من 3 إلى 5 مارس 2025`, `2020-2024`): the last date.
  std::optional<CivilDate> range_end;
  DateKind kind = DateKind::kAbsolute;
  Granularity granularity = Granularity::kDay;
  bool hijri = false;                 // written in the Hijri calendar (date is Gregorian)
  bool labelled_publication = false;  // preceded by a publication/update label
};

struct DateContext {
  // The date relative expressions resolve against: the page's publication
  // date, else its fetch time. Default: none (relative dates stay unresolved).
  std::optional<CivilDate> reference;
};

// All date mentions in `text`, ordered by begin, non-overlapping.
// `text` should be valid UTF-8; invalid bytes are skipped safely (they never
// form part of a date). Texts over 4 GiB are scanned up to 4 GiB.
std::vector<DateMention> FindDates(std::string_view text, const DateContext& ctx);

// The publication date stated by one metadata line (`تاريخ النشر: ...`,
// `نشر في 12 يونيو 2025`, `آخر تحديث: ...`, `منذ 2 شهور`, or a bare date):
// the first mention after a label if the line has one, else the first
// mention with a resolved date, else the first mention (unresolved), else
// nullopt. Spans are offsets into `line`.
std::optional<DateMention> ParseDateLine(std::string_view line, const DateContext& ctx);

// Strict machine date as found in JSON/WARC metadata: "2024-11-02",
// "2015-07-21 02:51:32", "2024-11-02T10:00:00Z", "2024-11-02T10:00:00.123+03:00"
// (surrounding whitespace allowed). Returns the calendar date as written
// (the time zone is checked for form, not applied). Nothing else is accepted.
std::optional<CivilDate> ParseIsoDate(std::string_view s);

// Hijri (year, month 1..12, day 1..30) to Gregorian with ICU's Umm al-Qura
// calendar (`islamic-umalqura`; ICU falls back to the tabular civil Islamic
// calendar outside its table, AH 1300..1600, which the accepted range never
// reaches). nullopt for fields out of range (year 1300..1600, month 1..12,
// day 1..30) or a result outside 1900..2100. Day 30 of a 29-day month rolls
// over to the next month's first day. Cost: a few microseconds (ICU).
std::optional<CivilDate> HijriToGregorian(int year, int month, int day);

}  // namespace akhbar
