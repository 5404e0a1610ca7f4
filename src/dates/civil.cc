// Calendar arithmetic, ISO parsing and Hijri conversion.

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/utypes.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include "akhbar/dates.h"

namespace akhbar {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && IsLeapYear(y)) return 29;
  return kDays[m - 1];
}

bool IsValidCivilDate(int y, int m, int d) { return d >= 1 && d <= DaysInMonth(y, m); }

std::optional<CivilDate> CivilDate::Make(int y, int m, int d) {
  if (!IsValidCivilDate(y, m, d)) return std::nullopt;
  return CivilDate{y, m, d};
}

// days_from_civil and civil_from_days are Howard Hinnant's algorithms
// ("chrono-Compatible Low-Level Date Algorithms",
// https://howardhinnant.github.io/date_algorithms.html): eras of 400 years,
// years starting on March 1 so that the leap day is last.
int64_t CivilDate::ToDays() const {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                   // [0, 399]
  const int64_t mp = (month + 9) % 12;                                 // March = 0
  const int64_t doy = (153 * mp + 2) / 5 + day - 1;                    // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);         // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                              // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t y = yoe + era * 400 + (m <= 2);
  return CivilDate{static_cast<int>(y), m, d};
}

int CivilDate::Weekday() const {
  // 1970-01-01 was a Thursday (4). Hinnant's weekday_from_days.
  const int64_t z = ToDays();
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

CivilDate CivilDate::AddMonths(int n) const {
  int64_t idx = static_cast<int64_t>(year) * 12 + (month - 1) + n;
  int64_t y = idx >= 0 ? idx / 12 : (idx - 11) / 12;
  int m = static_cast<int>(idx - y * 12) + 1;
  int d = day;
  int dim = DaysInMonth(static_cast<int>(y), m);
  if (d > dim) d = dim;
  return CivilDate{static_cast<int>(y), m, d};
}

std::string CivilDate::ToIso() const {
  // The usual years, month and day of two digits: written directly (the
  // store formats a date per article, event and storyline).
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
    const char b[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                        static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10),
                        '-', static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10),
                        '-', static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
    return std::string(b, sizeof b);
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

const char* DateKindName(DateKind k) {
  switch (k) {
    case DateKind::kAbsolute: return "absolute";
    case DateKind::kRelative: return "relative";
    case DateKind::kWeekday: return "weekday";
    case DateKind::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* GranularityName(Granularity g) {
  switch (g) {
    case Granularity::kDay: return "day";
    case Granularity::kWeek: return "week";
    case Granularity::kMonth: return "month";
    case Granularity::kYear: return "year";
  }
  return "day";
}

std::string FormatDate(const CivilDate& d, Granularity g) {
  std::string s = d.ToIso();
  if (g == Granularity::kYear) return s.substr(0, s.size() - 6);
  if (g == Granularity::kMonth) return s.substr(0, s.size() - 3);
  return s;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n ASCII digits at s[*i]; advances *i.
bool Digits(std::string_view s, size_t* i, int n, int* out) {
  if (*i + static_cast<size_t>(n) > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpace(s[b])) ++b;
  while (e > b && IsSpace(s[e - 1])) --e;
  s = s.substr(b, e - b);
  size_t i = 0;
  int y, m, d;
  if (!Digits(s, &i, 4, &y)) return std::nullopt;
  if (i >= s.size() || s[i] != '-') return std::nullopt;
  ++i;
  if (!Digits(s, &i, 2, &m)) return std::nullopt;
  if (i >= s.size() || s[i] != '-') return std::nullopt;
  ++i;
  if (!Digits(s, &i, 2, &d)) return std::nullopt;
  auto date = CivilDate::Make(y, m, d);
  if (!date) return std::nullopt;
  if (i == s.size()) return date;
  // Time: [T ]hh:mm[:ss[.fff]][Z|(+|-)hh[:]mm]
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  int hh, mm, ss;
  if (!Digits(s, &i, 2, &hh) || hh > 24) return std::nullopt;
  if (i >= s.size() || s[i] != ':') return std::nullopt;
  ++i;
  if (!Digits(s, &i, 2, &mm) || mm > 59) return std::nullopt;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!Digits(s, &i, 2, &ss) || ss > 60) return std::nullopt;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      size_t start = i;
      while (i < s.size() && IsDigit(s[i])) ++i;
      if (i == start) return std::nullopt;
    }
  }
  if (i == s.size()) return date;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return date;
  if (s[i] == ' ' && s.substr(i + 1) == "UTC") return date;
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  ++i;
  int th, tm;
  if (!Digits(s, &i, 2, &th) || th > 14) return std::nullopt;
  if (i == s.size()) return date;
  if (s[i] == ':') ++i;
  if (!Digits(s, &i, 2, &tm) || tm > 59) return std::nullopt;
  if (i != s.size()) return std::nullopt;
  return date;
}

std::optional<CivilDate> HijriToGregorian(int year, int month, int day) {
  if (year < 1300 || year > 1600 || month < 1 || month > 12 || day < 1 || day > 30)
    return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::Locale("en@calendar=islamic-umalqura"), status));
  if (U_FAILURE(status) || !cal) return std::nullopt;
  cal->setTimeZone(*icu::TimeZone::getGMT());
  cal->clear();
  // Lenient: day 30 of a 29-day month rolls to the next month's first day
  // (local moon sighting may differ from the Umm al-Qura table by one day).
  cal->set(UCAL_EXTENDED_YEAR, year);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_DATE, day);
  cal->set(UCAL_HOUR_OF_DAY, 12);
  UDate ms = cal->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  const int64_t days = static_cast<int64_t>(std::floor(ms / 86400000.0));
  CivilDate g = CivilDate::FromDays(days);
  if (g.year < 1900 || g.year > 2100) return std::nullopt;
  return g;
}

// The Hijri year (Umm al-Qura) containing Gregorian date g, or 0 on failure.
// Internal helper shared with the scanner.
int HijriYearOf(const CivilDate& g) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::Locale("en@calendar=islamic-umalqura"), status));
  if (U_FAILURE(status) || !cal) return 0;
  cal->setTimeZone(*icu::TimeZone::getGMT());
  cal->setTime(static_cast<UDate>(g.ToDays()) * 86400000.0 + 43200000.0, status);
  int y = cal->get(UCAL_EXTENDED_YEAR, status);
  if (U_FAILURE(status)) return 0;
  return y;
}

}  // namespace akhbar
