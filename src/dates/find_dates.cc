// FindDates: a bounded look-ahead matcher over the tokens of dates/tokens.h.
//
// The text is cut into lines (no date crosses a line break). Within a line the
// matcher walks the tokens left to right; at each token it tries the few
// patterns that can start there (by token type and lexicon role), each of
// which looks at most ~12 tokens ahead and never backtracks over input it has
// emitted. So the cost is O(tokens) with a small constant.

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

#include "akhbar/dates.h"
#include "dates/tokens.h"

namespace akhbar {

int HijriYearOf(const CivilDate& g);  // civil.cc

namespace {

using namespace dates_internal;

constexpr int kMinYear = 1900, kMaxYear = 2100;           // Gregorian years accepted
constexpr int kMinHijriYear = 1300, kMaxHijriYear = 1600;  // Hijri years accepted
constexpr int kCurrentPeriod = 2;  // PeriodMod value of الحالي/الجاري (see tokens.cc)

// A date expression as written (fields 0 when absent), over tokens [first, end).
struct Expr {
  size_t first = 0, end = 0;
  int y = 0, m = 0, d = 0;
  bool hijri = false;
  bool range = false;
  int y2 = 0, m2 = 0, d2 = 0;  // range end
  int weekday = -1;            // a weekday written before the date
  int dir = 0;  // no year: 0/-1 latest on or before the reference, +1 next (`المقبل`),
                // kCurrentPeriod the reference's year (`الجاري`)
};

struct MonthMatch {
  int month;
  bool hijri;
  bool weak;
  size_t end;
};

// Greatest day of month m in year y; y == 0 (unknown year) allows 29 February.
int MaxDay(int y, int m) { return y ? DaysInMonth(y, m) : (m == 2 ? 29 : DaysInMonth(2001, m)); }

class Matcher {
 public:
  Matcher(const std::vector<Token>& toks, const DateContext& ctx)
      : t_(toks), ctx_(ctx), lex_(Lexicon::Get()) {}

  void Run(std::vector<DateMention>* out) {
    out_ = out;
    const size_t n = t_.size();
    size_t line = 0;
    while (line < n) {
      size_t next = line + 1;
      while (next < n && t_[next].gap < 2) ++next;
      lo_ = line;
      hi_ = next;
      RunLine();
      line = next;
    }
  }

 private:
  // ---- token predicates (all false outside the current line) ----
  const Lex* LexAt(size_t i) const {
    if (i < lo_ || i >= hi_) return nullptr;
    const Token& t = t_[i];
    if ((t.type == kWord || t.type == kLatin) && t.value) return &lex_.At(t.value);
    return nullptr;
  }
  // The roles of token i, restricted by its proclitic: after ب/ل/ك (بأمس,
  // لامس) only month, year and definite words keep their date roles.
  uint64_t RolesAt(size_t i) const {
    const Lex* l = LexAt(i);
    if (!l) return 0;
    if ((t_[i].clitic & (kBi | kLi | kKa)) && !l->definite)
      return l->roles & (kRoleMonth | kRoleHijriMonth | kRoleMonthHead | kRoleYearNoun);
    return l->roles;
  }
  bool Has(size_t i, uint64_t role) const { return (RolesAt(i) & role) != 0; }
  bool In(size_t i) const { return i >= lo_ && i < hi_; }
  bool IsNum(size_t i) const { return In(i) && t_[i].type == kNum; }
  int Val(size_t i) const { return static_cast<int>(t_[i].value); }
  bool IsPunct(size_t i, uint32_t cp) const {
    return In(i) && t_[i].type == kPunct && t_[i].value == cp;
  }
  bool Glued(size_t i) const { return In(i) && t_[i].gap == 0; }
  bool IsComma(size_t i) const { return IsPunct(i, ',') || IsPunct(i, 0x060C); }
  bool IsDash(size_t i) const {
    if (!In(i) || t_[i].type != kPunct) return false;
    uint32_t c = t_[i].value;
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
  }
  bool IsDay(size_t i) const {
    return IsNum(i) && t_[i].ndigits <= 2 && t_[i].value >= 1 && t_[i].value <= 31;
  }
  // A number glued to a decimal/thousands separator and more digits.
  bool NumberContinues(size_t i) const {
    if (!In(i + 2) || !Glued(i + 1) || !Glued(i + 2) || !IsNum(i + 2)) return false;
    return IsPunct(i + 1, '.') || IsPunct(i + 1, ',') || IsPunct(i + 1, 0x066B) ||
           IsPunct(i + 1, 0x066C);
  }
  bool IsYear(size_t i, bool hijri) const {
    if (!IsNum(i) || t_[i].ndigits != 4) return false;
    int v = Val(i);
    if (hijri ? (v < kMinHijriYear || v > kMaxHijriYear) : (v < kMinYear || v > kMaxYear))
      return false;
    return !NumberContinues(i);
  }

  // ---- months ----
  std::optional<MonthMatch> MonthCore(size_t i) const {
    const Lex* l = LexAt(i);
    if (!l) return std::nullopt;
    if (l->roles & kRoleMonth) {
      size_t e = i + 1;
      if (t_[i].type == kLatin && IsPunct(e, '.') && Glued(e)) ++e;  // "Nov."
      return MonthMatch{l->month, false, l->weak, e};
    }
    if (l->roles & kRoleHijriMonth) return MonthMatch{l->month, true, l->weak, i + 1};
    if (l->roles & kRoleMonthHead) {
      const Lex* nx = LexAt(i + 1);
      if (!nx) return std::nullopt;
      const bool ord = nx->roles & kRoleOrdinal;
      const bool first = nx->mod == 1;
      switch (l->month) {
        case kKanun:
          if (ord) return MonthMatch{first ? 12 : 1, false, false, i + 2};
          break;
        case kTishreen:
          if (ord) return MonthMatch{first ? 10 : 11, false, false, i + 2};
          break;
        case kRabi:
          if (ord) return MonthMatch{first ? 3 : 4, true, false, i + 2};
          break;
        case kJumada:
          if (ord) return MonthMatch{first ? 5 : 6, true, false, i + 2};
          break;
        case kDhu:
          if (nx->roles & kRoleDhuTail) return MonthMatch{nx->month, true, false, i + 2};
          break;
        default:
          break;
      }
    }
    return std::nullopt;
  }

  // A month name with an optional equivalent in the other naming
  // (`يونيو/حزيران`, `حزيران (يونيو)`, `كانون الثاني - يناير`).
  std::optional<MonthMatch> MatchMonth(size_t i) const {
    auto mm = MonthCore(i);
    if (!mm || mm->hijri) return mm;
    size_t e = mm->end;
    if (IsPunct(e, '/') || IsPunct(e, '\\') || IsDash(e)) {
      auto alt = MonthCore(e + 1);
      if (alt && !alt->hijri && alt->month == mm->month) {
        mm->end = alt->end;
        mm->weak = false;
      }
    } else if (auto same = MonthCore(e); same && !same->hijri && same->month == mm->month) {
      mm->end = same->end;  // `يونيو حزيران 2018`
      mm->weak = false;
    } else if (IsPunct(e, '(')) {
      auto alt = MonthCore(e + 1);
      if (alt && !alt->hijri && alt->month == mm->month && IsPunct(alt->end, ')')) {
        mm->end = alt->end + 1;
        mm->weak = false;
      }
    }
    return mm;
  }

  // ---- suffixes: era, time, time zone ----
  size_t ConsumeEra(size_t k, bool hijri) const {
    return Has(k, hijri ? kRoleEraH : kRoleEraG) ? k + 1 : k;
  }
  size_t ConsumeTz(size_t p) const {
    if (!Has(p, kRoleTz)) return p;
    ++p;
    if ((IsPunct(p, '+') || IsDash(p)) && Glued(p) && IsNum(p + 1) && Glued(p + 1)) p += 2;
    return p;
  }
  // [T| |, |- ]hh:mm[:ss[.fff]][Z|±hh[:mm]][am|pm|ص|م][GMT[±h]]
  size_t ConsumeTime(size_t k) const {
    size_t p = k;
    if (Has(p, kRoleT) && t_[p].type == kLatin && Glued(p) && IsNum(p + 1) && Glued(p + 1)) {
      ++p;
    } else if (IsComma(p) || IsDash(p) || IsPunct(p, '|')) {
      ++p;
    }
    if (!(IsNum(p) && t_[p].ndigits <= 2 && t_[p].value <= 24 && IsPunct(p + 1, ':') &&
          Glued(p + 1) && IsNum(p + 2) && Glued(p + 2) && t_[p + 2].ndigits == 2 &&
          t_[p + 2].value <= 59))
      return k;
    p += 3;
    if (IsPunct(p, ':') && Glued(p) && IsNum(p + 1) && Glued(p + 1) && t_[p + 1].ndigits == 2) {
      p += 2;
      if (IsPunct(p, '.') && Glued(p) && IsNum(p + 1) && Glued(p + 1)) p += 2;
    }
    if (Has(p, kRoleZ) && Glued(p)) {
      ++p;
    } else if ((IsPunct(p, '+') || IsDash(p)) && Glued(p) && IsNum(p + 1) && Glued(p + 1) &&
               (t_[p + 1].ndigits == 2 || t_[p + 1].ndigits == 4)) {
      p += 2;
      if (IsPunct(p, ':') && Glued(p) && IsNum(p + 1) && Glued(p + 1) && t_[p + 1].ndigits == 2)
        p += 2;
    }
    if (Has(p, kRoleAmPm)) ++p;
    return ConsumeTz(p);
  }

  // ---- absolute expressions ----
  // d/m/yyyy, yyyy-mm-dd, with '/', '-' or '.', all glued; optional time.
  std::optional<Expr> ParseNumeric(size_t i) const {
    if (!IsNum(i) || !IsNum(i + 2) || !IsNum(i + 4)) return std::nullopt;
    if (!In(i + 1) || t_[i + 1].type != kPunct) return std::nullopt;
    const uint32_t sep = t_[i + 1].value;
    if (sep != '/' && sep != '-' && sep != '.') return std::nullopt;
    if (!IsPunct(i + 3, sep)) return std::nullopt;
    for (size_t k = i + 1; k <= i + 4; ++k)
      if (!Glued(k)) return std::nullopt;
    // Part of a longer number run (phone, IP, version)?
    if (i > lo_ && Glued(i)) {
      const Token& p = t_[i - 1];
      if (p.type == kLatin) return std::nullopt;
      if (p.type == kPunct && (p.value == '-' || p.value == '/' || p.value == '.' ||
                               p.value == '+' || (p.value >= 0x2010 && p.value <= 0x2015)))
        return std::nullopt;
    }
    if (Glued(i + 5) && In(i + 5) && t_[i + 5].type == kPunct &&
        (t_[i + 5].value == sep || t_[i + 5].value == '.' || t_[i + 5].value == '-') &&
        IsNum(i + 6) && Glued(i + 6))
      return std::nullopt;
    Expr e;
    e.first = i;
    const Token &a = t_[i], &b = t_[i + 2], &c = t_[i + 4];
    if (a.ndigits == 4 && b.ndigits <= 2 && c.ndigits <= 2) {
      e.y = Val(i);
      e.m = Val(i + 2);
      e.d = Val(i + 4);
    } else if (a.ndigits <= 2 && b.ndigits <= 2 && c.ndigits == 4) {
      e.d = Val(i);
      e.m = Val(i + 2);
      e.y = Val(i + 4);
      if (e.y >= kMinYear && !IsValidCivilDate(e.y, e.m, e.d) && IsValidCivilDate(e.y, e.d, e.m))
        std::swap(e.d, e.m);
    } else {
      return std::nullopt;
    }
    if (e.y >= kMinHijriYear && e.y <= kMaxHijriYear) {  // 10-10-1436هـ
      if (e.m > 12 && e.d <= 12) std::swap(e.d, e.m);
      if (e.m < 1 || e.m > 12 || e.d < 1 || e.d > 30) return std::nullopt;
      e.hijri = true;
      e.end = ConsumeEra(i + 5, true);
      return e;
    }
    if (e.y < kMinYear || e.y > kMaxYear || !IsValidCivilDate(e.y, e.m, e.d)) return std::nullopt;
    e.end = ConsumeTime(ConsumeEra(i + 5, false));
    return e;
  }

  // Day [st|nd|rd|th][,] Month [[,] Year [era]] [time] [tz].
  std::optional<Expr> ParseDMY(size_t i) const {
    if (!IsDay(i) || NumberContinues(i)) return std::nullopt;
    size_t j = i + 1;
    if (Has(j, kRoleLatinOrd) && Glued(j)) ++j;
    if (IsComma(j)) ++j;
    auto mm = MatchMonth(j);
    if (!mm) return std::nullopt;
    Expr e;
    e.first = i;
    e.d = Val(i);
    e.m = mm->month;
    e.hijri = mm->hijri;
    size_t k = mm->end;
    size_t kk = IsComma(k) ? k + 1 : k;
    if (IsYear(kk, e.hijri)) {
      e.y = Val(kk);
      k = ConsumeEra(kk + 1, e.hijri);
    } else if (IsNum(kk) && t_[kk].ndigits >= 3) {
      return std::nullopt;  // a year out of range (`10 فبراير 1258`): not a guess
    }
    bool with_mod = false;
    if (e.y == 0) {
      if (const Lex* p = LexAt(k); p && (p->roles & kRolePeriodMod)) {  // `17 رمضان الماضي`
        e.dir = p->mod;
        with_mod = true;
        ++k;
      }
    }
    if (e.y == 0 && mm->weak && !with_mod) return std::nullopt;
    if (e.d > (e.hijri ? 30 : MaxDay(e.y, e.m))) return std::nullopt;
    if (e.y) k = ConsumeTime(k);
    e.end = ConsumeTz(k);
    return e;
  }

  // Day (-|إلى|حتى|و) Day Month [Year]: `3-5 مارس 2025`, `10 و12 يونيو`.
  std::optional<Expr> ParseDayRange(size_t i) const {
    if (!IsDay(i) || !(IsDash(i + 1) || Has(i + 1, kRoleConn))) return std::nullopt;
    auto b = ParseDMY(i + 2);
    if (!b || Val(i) >= b->d) return std::nullopt;
    Expr e = *b;
    e.first = i;
    e.range = true;
    e.y2 = b->y;
    e.m2 = b->m;
    e.d2 = b->d;
    e.d = Val(i);
    return e;
  }

  // Month Day[,] Year (`November 2, 2024`) or Month Year (`فبراير 2022`).
  std::optional<Expr> ParseMonthLed(size_t i) const {
    auto mm = MatchMonth(i);
    if (!mm) return std::nullopt;
    Expr e;
    e.first = i;
    e.m = mm->month;
    e.hijri = mm->hijri;
    size_t k = mm->end;
    if (IsDay(k)) {
      size_t j = k + 1;
      if (Has(j, kRoleLatinOrd) && Glued(j)) ++j;
      if (IsComma(j)) ++j;
      if (IsYear(j, e.hijri)) {
        e.d = Val(k);
        e.y = Val(j);
        if (e.d > (e.hijri ? 30 : MaxDay(e.y, e.m))) return std::nullopt;
        e.end = ConsumeTz(ConsumeTime(ConsumeEra(j + 1, e.hijri)));
        return e;
      }
    }
    if (IsYear(k, e.hijri)) {
      e.y = Val(k);
      e.end = ConsumeEra(k + 1, e.hijri);
      return e;
    }
    return std::nullopt;
  }

  // Any absolute expression starting at token i (numeric, day-led, month-led),
  // with a following `إلى <date>` making a range.
  std::optional<Expr> ParseAbsolute(size_t i) const {
    if (!In(i)) return std::nullopt;
    if (t_[i].type == kNum) {
      if (auto e = ParseNumeric(i)) return e;
      if (auto e = ParseDayRange(i)) return e;
      auto a = ParseDMY(i);
      if (!a) return std::nullopt;
      const size_t c = a->end;
      if (IsDash(c) || Has(c, kRoleConn)) {
        auto b = ParseDMY(c + 1);
        if (b && b->y && b->hijri == a->hijri && (a->y == 0 || a->y == b->y)) {
          Expr r = *a;
          if (r.y == 0) r.y = b->y - (a->m > b->m ? 1 : 0);
          if (r.d <= (r.hijri ? 30 : MaxDay(r.y, r.m)) &&
              std::tie(r.y, r.m, r.d) < std::tie(b->y, b->m, b->d)) {
            r.range = true;
            r.y2 = b->y;
            r.m2 = b->m;
            r.d2 = b->d;
            r.end = b->end;
            return r;
          }
        }
      }
      return a;
    }
    return ParseMonthLed(i);
  }

  // A year (range) at token i; `cued` when a cue word precedes it.
  std::optional<Expr> ParseYearLed(size_t i, bool cued) const {
    if (!IsYear(i, false) || Has(i + 1, kRoleEraH)) return std::nullopt;
    Expr e;
    e.first = i;
    e.y = Val(i);
    const size_t c = i + 1;
    const bool slash = IsPunct(c, '/');
    if ((IsDash(c) || slash || (cued && Has(c, kRoleConn))) && IsYear(c + 1, false)) {
      const int y2 = Val(c + 1);
      const bool ok = slash ? y2 == e.y + 1 : y2 > e.y;
      bool glued_run = false;  // 2020-2024-... or x-2020-2024
      if (!cued) {
        glued_run = (Glued(c + 2) && (IsDash(c + 2) || IsPunct(c + 2, '/')) && IsNum(c + 3)) ||
                    (i > lo_ && Glued(i) && t_[i - 1].type == kPunct);
      }
      if (ok && !glued_run) {
        e.range = true;
        e.y2 = y2;
        e.end = ConsumeEra(c + 2, false);
        return e;
      }
    }
    if (!cued) return std::nullopt;
    e.end = ConsumeEra(i + 1, false);
    return e;
  }

  // ---- emission and resolution ----
  uint32_t BeginOf(size_t i) const { return t_[i].stem; }

  // On-or-before-reference resolution of a Gregorian day/month without year.
  std::optional<CivilDate> NearestPast(int m, int d, int weekday, int dir = 0) const {
    if (!ctx_.reference) return std::nullopt;
    const CivilDate& r = *ctx_.reference;
    int y = r.year;
    if (dir == kCurrentPeriod) return CivilDate::Make(y, m, d);
    if (dir > 0) {
      if (std::tie(m, d) < std::tie(r.month, r.day)) ++y;
      for (int k = 0; k < 8 && !IsValidCivilDate(y, m, d); ++k) ++y;
      return CivilDate::Make(y, m, d);
    }
    if (std::tie(m, d) > std::tie(r.month, r.day)) --y;
    for (int k = 0; k < 8 && !IsValidCivilDate(y, m, d); ++k) --y;  // 29 February
    auto c = CivilDate::Make(y, m, d);
    if (c && weekday >= 0 && c->Weekday() != weekday) {
      // A weekday that only fits the coming occurrence ("Thursday 2 January"
      // written in late December) picks that one.
      auto up = CivilDate::Make(y + 1, m, d);
      if (up && up->Weekday() == weekday) return up;
    }
    return c;
  }

  std::optional<CivilDate> HijriNearestPast(int m, int d, int dir = 0) const {
    if (!ctx_.reference) return std::nullopt;
    const int h = HijriYearOf(*ctx_.reference);
    if (h == 0) return std::nullopt;
    auto g = HijriToGregorian(h, m, d);
    if (dir == kCurrentPeriod) return g;
    if (dir > 0) {
      if (!g || *g < *ctx_.reference) g = HijriToGregorian(h + 1, m, d);
      return g;
    }
    if (!g || *g > *ctx_.reference) g = HijriToGregorian(h - 1, m, d);
    return g;
  }

  bool LineStartBefore(size_t start) const {
    for (size_t k = lo_; k < start; ++k)
      if (t_[k].type != kPunct && t_[k].type != kOther) return false;
    return true;
  }

  // Whether a publication/update label ends right before token `first`.
  bool LabelBefore(size_t first) const {
    size_t j = first;
    while (j > lo_ && t_[j - 1].type == kPunct) {
      const uint32_t c = t_[j - 1].value;
      if (c == ':' || c == '|' || c == ',' || c == 0x060C || c == '/' || c == '-' ||
          (c >= 0x2010 && c <= 0x2015))
        --j;
      else
        break;
    }
    if (const Lex* y = j > lo_ ? LexAt(j - 1) : nullptr;
        y && (y->roles & kRoleLabel) && y->label == kLblYawm)
      --j;
    if (j == lo_) return false;
    const Lex* a = LexAt(j - 1);
    if (!a || !(a->roles & kRoleLabel)) return false;
    const Lex* b = j >= lo_ + 2 ? LexAt(j - 2) : nullptr;
    const int lb = (b && (b->roles & kRoleLabel)) ? static_cast<int>(b->label) : 0;
    size_t start = j - 1;
    switch (a->label) {
      case kLblAlNashr:
        if (lb == kLblTarikh || lb == kLblTamma) return true;
        break;
      case kLblTahdith:
        if (lb == kLblAkhir || lb == kLblTarikh) return true;
        break;
      case kLblIdafa:
        if (lb == kLblTarikh) return true;
        return false;
      case kLblTarikh:
      case kLblNashr:
      case kLblPublished:
      case kLblUpdated:
        break;
      case kLblBiTarikh:
        if (lb == kLblNashr) start = j - 2;
        break;
      case kLblFi:
      case kLblOn:
        if (lb == kLblNashr || lb == kLblPublished || lb == kLblUpdated) {
          start = j - 2;
          break;
        }
        return false;
      default:
        return false;
    }
    return LineStartBefore(start);  // weak labels count at the start of a line only
  }

  void Push(size_t first, size_t end, DateMention m) {
    m.begin = BeginOf(first);
    m.end = t_[end - 1].end;
    m.labelled_publication = LabelBefore(first);
    out_->push_back(m);
  }

  // Emits an absolute expression; false if it cannot be a real date.
  bool EmitAbsolute(const Expr& e) {
    DateMention m;
    m.kind = DateKind::kAbsolute;
    m.hijri = e.hijri;
    m.granularity = e.d ? Granularity::kDay : (e.m ? Granularity::kMonth : Granularity::kYear);
    if (e.hijri) {
      if (e.y) {
        m.date = HijriToGregorian(e.y, e.m, e.d ? e.d : 1);
        if (!m.date) return false;
        if (e.range) m.range_end = HijriToGregorian(e.y2, e.m2, e.d2 ? e.d2 : 1);
      } else {
        m.date = HijriNearestPast(e.m, e.d, e.dir);
        if (m.date && e.range) {
          const int h = HijriYearOf(*m.date);
          m.range_end = HijriToGregorian(h + (e.m2 < e.m ? 1 : 0), e.m2, e.d2);
        }
      }
    } else if (e.y) {
      m.date = CivilDate::Make(e.y, e.m ? e.m : 1, e.d ? e.d : 1);
      if (!m.date) return false;
      if (e.range) {
        m.range_end = CivilDate::Make(e.y2 ? e.y2 : e.y, e.m2 ? e.m2 : (e.m ? e.m : 1),
                                      e.d2 ? e.d2 : 1);
        if (!m.range_end) return false;
      }
    } else if (e.range) {
      // Day range without a year: resolve its end, then the start before it.
      auto end = NearestPast(e.m2, e.d2, -1);
      if (end) {
        int y = end->year - (e.m > e.m2 ? 1 : 0);
        m.date = CivilDate::Make(y, e.m, std::min(e.d, MaxDay(y, e.m)));
        m.range_end = end;
      }
    } else {
      m.date = NearestPast(e.m, e.d, e.weekday, e.dir);
    }
    Push(e.first, e.end, m);
    return true;
  }

  void EmitRelative(size_t first, size_t end, int sign, int n, int unit) {
    DateMention m;
    m.kind = DateKind::kRelative;
    const std::optional<CivilDate>& r = ctx_.reference;
    switch (unit) {
      case kSecond:
      case kMinute:
      case kHour:
        m.granularity = Granularity::kDay;
        m.date = r;
        break;
      case kDay:
        m.granularity = Granularity::kDay;
        if (r) m.date = r->AddDays(static_cast<int64_t>(sign) * n);
        break;
      case kWeek:
        m.granularity = Granularity::kWeek;
        if (r) m.date = r->AddDays(static_cast<int64_t>(sign) * 7 * n);
        break;
      case kMonth:
        m.granularity = Granularity::kMonth;
        if (r) {
          CivilDate c = r->AddMonths(sign * n);
          m.date = CivilDate{c.year, c.month, 1};
        }
        break;
      default:
        m.granularity = Granularity::kYear;
        if (r) m.date = CivilDate{r->year + sign * n, 1, 1};
        break;
    }
    Push(first, end, m);
  }

  void EmitWeekday(size_t first, size_t end, int wd, int mod) {
    DateMention m;
    m.kind = DateKind::kWeekday;
    m.granularity = Granularity::kDay;
    if (ctx_.reference) {
      const CivilDate& r = *ctx_.reference;
      const int rw = r.Weekday();
      if (mod > 0) {
        int ahead = (wd - rw + 7) % 7;
        m.date = r.AddDays(ahead == 0 ? 7 : ahead);
      } else {
        int back = (rw - wd + 7) % 7;
        if (mod < 0 && back == 0) back = 7;
        m.date = r.AddDays(-back);
      }
    }
    Push(first, end, m);
  }

  // ---- patterns led by a word; each returns the end token, or 0 ----
  size_t TryWeekday(size_t i, size_t start) {
    const Lex* l = LexAt(i);
    if (!l) return 0;
    const bool yom = start < i;
    size_t k = i + 1;
    size_t k2 = (IsComma(k) || IsDash(k)) ? k + 1 : k;
    if (auto e = ParseAbsolute(k2); e && e->d) {  // a date follows: surely a weekday
      e->first = start;
      e->weekday = l->weekday;
      if (EmitAbsolute(*e)) return e->end;
    }
    if (!yom && i > lo_ && Has(i - 1, kRoleWdNegPrev)) return 0;
    if (!yom && l->weekday == 1 && i > lo_ && Has(i - 1, kRoleBothNeg)) return 0;  // بين الاثنين
    if (Has(i + 1, kRoleWdNegNext)) return 0;
    int mod = 0;
    size_t end = k;
    if (const Lex* p = LexAt(k); p && (p->roles & kRolePeriodMod) && p->mod != kCurrentPeriod) {
      mod = p->mod;
      end = k + 1;
    }
    EmitWeekday(start, end, l->weekday, mod);
    return end;
  }

  // أمس / اليوم / غدا [weekday]; أمس الأول.
  size_t TryRelWord(size_t i, int days) {
    const Lex* l = LexAt(i);
    if (!l) return 0;
    if (l->mod == 0) {  // اليوم
      if (Has(i + 1, kRoleTodayNegNext)) return 0;
      if (i > lo_ && Has(i - 1, kRoleTodayNegPrev)) return 0;
    }
    size_t e = i + 1;
    if (days == -1 && Has(e, kRoleOrdinal) && LexAt(e)->mod == 1) {  // أمس الأول
      days = -2;
      ++e;
    }
    if (IsPunct(e, '(') && Has(e + 1, kRoleWeekday) && IsPunct(e + 2, ')')) {
      e += 3;  // اليوم (الجمعة)
    } else if (Has(e, kRoleWeekday) && !Has(e + 1, kRoleWdNegNext)) {
      size_t k = e + 1;
      if (IsComma(k) || IsDash(k)) ++k;
      if (auto abs = ParseAbsolute(k); abs && abs->d) return 0;  // the weekday+date wins
      ++e;
    }
    EmitRelative(i, e, days < 0 ? -1 : 1, days < 0 ? -days : days, kDay);
    return e;
  }

  size_t TryRelCue(size_t i) {
    const Lex* cue = LexAt(i);
    if (!cue) return 0;
    const size_t k = i + 1;
    const bool since = cue->count == 1;  // منذ
    int n = -1;
    int unit = 0;
    size_t uend = 0;
    if (IsNum(k)) {
      if (IsYear(k, false) && !Has(k + 1, kRoleUnit)) return 0;  // a year: the year cue path
      const Lex* u = LexAt(k + 1);
      if (t_[k].value >= 1 && t_[k].value <= 1000 && u && (u->roles & kRoleUnit) &&
          u->count != 2 && !NumberContinues(k)) {
        n = Val(k);
        unit = u->unit;
        uend = k + 2;
      }
    } else if (Has(k, kRoleNumWord) && Has(k + 1, kRoleUnit) && LexAt(k + 1)->count == 0) {
      n = LexAt(k)->count;
      unit = LexAt(k + 1)->unit;
      uend = k + 2;
    } else if (Has(k, kRoleUnit)) {
      const Lex* u = LexAt(k);
      if (u->count == 0) return 0;  // `منذ أيام`: vague
      if (IsNum(k + 1)) return 0;   // `منذ عام 2020`
      n = u->count;
      unit = u->unit;
      uend = k + 1;
    } else if (cue->mod > 0 && Has(k, kRoleGhad)) {  // بعد غد
      EmitRelative(i, k + 1, 1, 2, kDay);
      return k + 1;
    }
    if (n < 0) return 0;
    // `قبل 3 أيام من الانتخابات`: relative to another event, not to the reference.
    const size_t after = Has(uend, kRoleOnly) ? uend + 1 : uend;
    if (!since && Has(after, kRoleMin)) return 0;
    EmitRelative(i, uend, cue->mod < 0 ? -1 : 1, n, unit);
    return uend;
  }

  size_t TryPeriod(size_t i, size_t start, int unit) {
    const Lex* p = LexAt(i + 1);
    if (!p || !(p->roles & kRolePeriodMod)) return 0;
    EmitPeriod(start, i + 2, unit, p->mod == kCurrentPeriod ? 0 : p->mod);
    return i + 2;
  }

  void EmitPeriod(size_t first, size_t end, int unit, int mod) {
    DateMention m;
    m.kind = DateKind::kRelative;
    const std::optional<CivilDate>& r = ctx_.reference;
    if (unit == kWeek) {
      m.granularity = Granularity::kWeek;
      if (r) m.date = r->AddDays(7 * mod);
    } else if (unit == kMonth) {
      m.granularity = Granularity::kMonth;
      if (r) {
        CivilDate c = r->AddMonths(mod);
        m.date = CivilDate{c.year, c.month, 1};
      }
    } else {
      m.granularity = Granularity::kYear;
      if (r) m.date = CivilDate{r->year + mod, 1, 1};
    }
    Push(first, end, m);
  }

  // Month (الماضي|المقبل|الحالي): `في يونيو الماضي`.
  size_t TryMonthRelative(size_t i) {
    auto mm = MatchMonth(i);
    if (!mm || mm->hijri) return 0;
    const Lex* p = LexAt(mm->end);
    if (!p || !(p->roles & kRolePeriodMod)) return 0;
    DateMention m;
    m.kind = DateKind::kRelative;
    m.granularity = Granularity::kMonth;
    if (ctx_.reference) {
      const CivilDate& r = *ctx_.reference;
      int y = r.year;
      if (p->mod < 0 && mm->month >= r.month) --y;
      if (p->mod == 1 && mm->month <= r.month) ++y;
      m.date = CivilDate{y, mm->month, 1};
    }
    Push(i, mm->end + 1, m);
    return mm->end + 1;
  }

  size_t EmitYearExpr(const std::optional<Expr>& e, size_t first) {
    if (!e) return 0;
    Expr x = *e;
    x.first = first;
    return EmitAbsolute(x) ? x.end : 0;
  }

  // Tries every pattern that can start at token i; returns the end token of
  // an emitted mention, or 0.
  size_t TryAt(size_t i) {
    const Token& t = t_[i];
    if (t.type == kNum) {
      if (auto e = ParseAbsolute(i)) {
        if (EmitAbsolute(*e)) return e->end;
        return 0;
      }
      if (IsDay(i)) {
        // A day and month that failed (`29 فبراير 2025`, `10 فبراير 1258`):
        // skip the month too rather than read `فبراير 2025` alone.
        size_t j = i + 1;
        if (Has(j, kRoleLatinOrd) && Glued(j)) ++j;
        if (IsComma(j)) ++j;
        if (auto mm = MatchMonth(j)) return mm->end;
      }
      return EmitYearExpr(ParseYearLed(i, false), i);
    }
    const Lex* l = LexAt(i);
    if (!l) return 0;
    const uint64_t r = RolesAt(i);
    if (r & kRoleWeekday) return TryWeekday(i, i);
    if ((r & kRoleYom) && Has(i + 1, kRoleWeekday)) {
      if (size_t e = TryWeekday(i + 1, i)) return e;
    }
    if (r & (kRoleMonth | kRoleHijriMonth | kRoleMonthHead)) {
      if (auto e = ParseMonthLed(i)) return EmitAbsolute(*e) ? e->end : 0;
      if (size_t e = TryMonthRelative(i)) return e;
    }
    if (r & kRoleRelWord) {
      if (size_t e = TryRelWord(i, l->mod)) return e;
    }
    const Lex* next = LexAt(i + 1);  // non-null whenever Has(i + 1, ...) is true
    if ((r & kRoleFirst) && next && Has(i + 1, kRoleRelWord) && next->mod == -1) {  // أول أمس
      EmitRelative(i, i + 2, -1, 2, kDay);
      return i + 2;
    }
    if ((r & kRoleYearNoun) && IsYear(i + 1, false)) {
      if (ParseAbsolute(i + 1)) return 0;  // `عام 2024/03/14`: the date itself
      if (size_t e = EmitYearExpr(ParseYearLed(i + 1, true), i)) return e;
    }
    if (r & kRoleRelCue) {
      if (size_t e = TryRelCue(i)) return e;
    }
    if (r & kRolePeriod) {
      if (size_t e = TryPeriod(i, i, l->unit)) return e;
    }
    if ((r & kRoleThis) && next && Has(i + 1, kRolePeriod)) {
      EmitPeriod(i, i + 2, next->unit, 0);
      return i + 2;
    }
    if ((r & kRoleYearCue) && IsYear(i + 1, false) && !ParseAbsolute(i + 1)) {
      return EmitYearExpr(ParseYearLed(i + 1, true), i + 1);
    }
    return 0;
  }

  void RunLine() {
    size_t i = lo_;
    while (i < hi_) {
      size_t e = TryAt(i);
      i = e > i ? e : i + 1;
    }
  }

  const std::vector<Token>& t_;
  const DateContext& ctx_;
  const Lexicon& lex_;
  std::vector<DateMention>* out_ = nullptr;
  size_t lo_ = 0, hi_ = 0;
};

}  // namespace

std::vector<DateMention> FindDates(std::string_view text, const DateContext& ctx) {
  // The token buffer is kept per thread: it is about four bytes per byte of
  // text, large enough that a fresh one per call costs page faults.
  thread_local std::vector<Token> toks;
  dates_internal::Tokenize(text, &toks);
  std::vector<DateMention> out;
  Matcher m(toks, ctx);
  m.Run(&out);
  return out;
}

std::optional<DateMention> ParseDateLine(std::string_view line, const DateContext& ctx) {
  std::vector<DateMention> all = FindDates(line, ctx);
  for (const DateMention& m : all)
    if (m.labelled_publication) return m;
  for (const DateMention& m : all)
    if (m.date) return m;
  if (!all.empty()) return all.front();
  return std::nullopt;
}

}  // namespace akhbar
