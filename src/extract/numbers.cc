// FindNumbers: a scanner over the project tokenizer's tokens (see
// akhbar/numbers.h for the contract). Arabic words are folded (diacritics and
// tatweel dropped, hamza carriers, ى and ة folded) into a packed 64-bit key of
// at most 10 letters and looked up once in a table that already holds every
// allowed proclitic/article variant of every number word, so each token costs
// one hash lookup. Number phrases are assembled left to right by a small
// state machine over the Arabic order of number parts (hundreds, units,
// tens, then scale words, with `و` joins); qualifiers, percent markers and
// currencies are matched in a window of at most four tokens around a phrase.
#include "akhbar/numbers.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <unordered_map>

#include "akhbar/text.h"
#include "akhbar/tokenize.h"
#include "extract/internal.h"

namespace akhbar {
namespace {

using arabic::Token;
using arabic::TokenType;

// ---------------------------------------------------------------- lexicon

enum Kind : uint8_t {
  kNone,
  kUnit,          // 0..10
  kTeenOnly,      // أحد، إحدى، اثنا، اثني... (only before عشر/عشرة)
  kTens,          // 20..90
  kHundred,       // 100..900
  kScale,         // 1e3, 1e6, 1e9, 1e12
  kFraction,      // نصف، ربع، ثلث، ثلثا، أرباع
  kVagueTens,     // عشرات
  kVagueHundreds, // مئات
  kFew,           // بضع، بضعة
  kSeveral,       // عدة
  kWaw,           // و as a word of its own
  kFunc,          // a word used by qualifier/percent patterns (id)
  kCurrency,      // id = index into kCurrencyNames
};

enum Form : uint8_t { kSing, kAcc, kDual, kPlural };

enum Func : uint8_t {
  fNone,
  fFi,
  fMa,
  fMin,
  fAla,
  fAn,
  fIla,
  fLam,
  fLa,
  fHatta,
  fNahw,
  fHawali,
  fQuraba,
  fZuhaa,
  fTaqriban,
  fYuqarib,
  fYaqrub,
  fYunahiz,
  fAkthar,
  fAzyad,
  fAqall,
  fYazid,
  fYarbu,
  fYafuq,
  fYaqill,
  fDun,
  fYasil,
  fAqallDef,
  fAktharDef,
  fMiaDef,
  fBilMia,
  fNahwan,
  fNihai,
  fShahr,
  fOrdinal,  // الحادي، الثاني... (before عشر in ordinals 11..19)
  fAl,       // the article written apart: الـ 500
  fCount
};

constexpr const char* kCurrencyNames[] = {"dollar", "euro",  "riyal", "pound", "dirham",
                                          "dinar",  "lira",  "ruble", "yen",   "yuan",
                                          "franc",  "rupee", "shekel"};

// Entry flags.
constexpr uint8_t kClitics = 1;   // may carry و ف ب ل ك proclitics
constexpr uint8_t kDefinite = 2;  // may carry ال (counts: الدول الثلاث)

struct Lex {
  Kind kind = kNone;
  Form form = kSing;
  uint8_t id = 0;           // Func or currency index
  uint8_t prefix = 0;       // letters of proclitics/article before the word
  bool waw = false;         // the first proclitic is و
  bool definite = false;    // carries ال
  double value = 0;
};

}  // namespace

// The public face of a Lex (see NumberWordOf in extract/internal.h).
namespace extract_internal {
struct NumberWord {
  Lex lex;
};
}  // namespace extract_internal

namespace {

// Letters are packed 6 bits each (code = code point - 0x620, 1..42).
constexpr int kMaxLetters = 10;

bool IsArabicMark(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 ||
         (c >= 0x0610 && c <= 0x061A) || c == 0x200C;
}

// Folds one letter; 0 if it is not a letter that number words use. Hamza
// carriers on alef fold to أ (kept apart from bare ا so that وأحد "and one of"
// is not واحد "one"; the table holds both spellings of every word); ئ and ؤ
// are kept (كمية "quantity" must not read as ك + مئة).
uint8_t LetterCode(char32_t c) {
  switch (c) {
    case 0x0625: case 0x0622: case 0x0671: c = 0x0623; break;  // إ آ ٱ -> أ
    case 0x0649: case 0x06CC: c = 0x064A; break;               // ى ی -> ي
    case 0x0629: c = 0x0647; break;                            // ة -> ه
    case 0x06A9: c = 0x0643; break;                                         // ک
    default: break;
  }
  if ((c >= 0x0621 && c <= 0x063A) || (c >= 0x0641 && c <= 0x064A)) return uint8_t(c - 0x0620);
  return 0;
}

// Decodes one UTF-8 code point at s[i] (valid UTF-8 assumed); returns length.
int DecodeAt(std::string_view s, size_t i, char32_t* out) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { *out = b0; return 1; }
  if (b0 < 0xE0 && i + 1 < s.size()) {
    *out = char32_t(((b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F));
    return 2;
  }
  if (b0 < 0xF0 && i + 2 < s.size()) {
    *out = char32_t(((b0 & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(s[i + 2]) & 0x3F));
    return 3;
  }
  if (i + 3 < s.size()) {
    *out = char32_t(((b0 & 0x07) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 12) |
                    ((static_cast<unsigned char>(s[i + 2]) & 0x3F) << 6) |
                    (static_cast<unsigned char>(s[i + 3]) & 0x3F));
    return 4;
  }
  *out = 0xFFFD;
  return 1;
}

// Folded letter codes of an Arabic word; false if a character is not a
// plain Arabic letter or the word has more than kMaxLetters letters.
// IsArabicMark / LetterCode of U+0600..U+06FF by the low 8 bits: 0xFF for
// a mark, else the letter code (0: not a letter of number words).
const std::array<uint8_t, 256>& ArabicBlockCodes() {
  static const std::array<uint8_t, 256> table = [] {
    std::array<uint8_t, 256> t{};
    for (uint32_t k = 0; k < 256; ++k) {
      const char32_t c = 0x0600 + k;
      t[k] = IsArabicMark(c) ? 0xFF : LetterCode(c);
    }
    return t;
  }();
  return table;
}

bool FoldWord(std::string_view w, std::array<uint8_t, kMaxLetters>* codes, int* n) {
  *n = 0;
  const auto& block = ArabicBlockCodes();
  for (size_t i = 0; i < w.size();) {
    const auto b0 = static_cast<unsigned char>(w[i]);
    if ((b0 & 0xFC) == 0xD8 && i + 1 < w.size()) {  // U+0600..U+06FF, as DecodeAt reads it
      const uint8_t v = block[(b0 & 3u) << 6 | (static_cast<unsigned char>(w[i + 1]) & 0x3Fu)];
      i += 2;
      if (v == 0xFF) continue;
      if (v == 0 || *n == kMaxLetters) return false;
      (*codes)[size_t((*n)++)] = v;
      continue;
    }
    char32_t c;
    i += size_t(DecodeAt(w, i, &c));
    if (IsArabicMark(c)) continue;
    const uint8_t code = LetterCode(c);
    if (code == 0 || *n == kMaxLetters) return false;
    (*codes)[size_t((*n)++)] = code;
  }
  // Tanween fath is written on a final alef (ألفاً): the alef is kept; the
  // tables list both the accusative forms with alef.
  return *n > 0;
}

uint64_t Pack(const uint8_t* codes, int n) {
  uint64_t k = 0;
  for (int i = 0; i < n; ++i) k = (k << 6) | codes[i];
  return k | (uint64_t(n) << 60);
}

struct BaseEntry {
  const char* word;
  Kind kind;
  Form form;
  double value;
  uint8_t id;
  uint8_t flags;
};

class Lexicon {
 public:
  Lexicon() {
    std::vector<BaseEntry> base;
    auto add = [&](const char* w, Kind k, double v, Form f = kSing, uint8_t flags = kClitics, uint8_t id = 0) {
      base.push_back(BaseEntry{w, k, f, v, id, flags});
    };
    const uint8_t kCD = kClitics | kDefinite;
    add("صفر", kUnit, 0);
    for (const char* w : {"واحد", "واحدة"}) add(w, kUnit, 1);
    for (const char* w : {"اثنان", "اثنين", "اثنتان", "اثنتين", "إثنين", "إثنان", "إثنتان", "إثنتين", "ثنتين"})
      add(w, kUnit, 2);
    struct U { const char* m; const char* f; double v; };
    for (const U& u : {U{"ثلاثة", "ثلاث", 3}, U{"أربعة", "أربع", 4}, U{"خمسة", "خمس", 5},
                       U{"ستة", "ست", 6}, U{"سبعة", "سبع", 7}, U{"ثمانية", "ثماني", 8},
                       U{"تسعة", "تسع", 9}, U{"عشرة", "عشر", 10}}) {
      add(u.m, kUnit, u.v, kSing, kCD);
      add(u.f, kUnit, u.v, kSing, u.v == 6 ? kClitics : kCD);  // الست: "the lady"
    }
    add("ثمان", kUnit, 8, kSing, kCD);
    for (const char* w : {"أحد", "إحدى"}) add(w, kTeenOnly, 1);
    for (const char* w : {"اثنا", "اثني", "اثنتا", "اثنتي", "إثنا", "إثني", "إثنتا", "إثنتي"}) add(w, kTeenOnly, 2);
    struct T { const char* a; const char* b; double v; };
    for (const T& t : {T{"عشرون", "عشرين", 20}, T{"ثلاثون", "ثلاثين", 30}, T{"أربعون", "أربعين", 40},
                       T{"خمسون", "خمسين", 50}, T{"ستون", "ستين", 60}, T{"سبعون", "سبعين", 70},
                       T{"ثمانون", "ثمانين", 80}, T{"تسعون", "تسعين", 90}}) {
      add(t.a, kTens, t.v);
      add(t.b, kTens, t.v);
    }
    for (const char* w : {"مئة", "مائة"}) add(w, kHundred, 100);
    for (const char* w : {"مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مائتا", "مئتي", "مائتي"})
      add(w, kHundred, 200, kDual);
    const std::vector<std::string> stems = {"ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "ثماني", "تسع"};
    const double stem_values[] = {3, 4, 5, 6, 7, 8, 8, 9};
    std::vector<std::string> compounds;  // alive until the end of the constructor
    std::vector<std::string> ordinals;
    ordinals.reserve(64);
    for (size_t s = 0; s < stems.size(); ++s)
      for (const char* h : {"مئة", "مائة"}) compounds.push_back(stems[s] + h);
    for (size_t c = 0; c < compounds.size(); ++c)
      add(compounds[c].c_str(), kHundred, stem_values[c / 2] * 100);

    struct S { const char* sing; const char* acc; std::vector<const char*> dual; std::vector<const char*> plural; double v; };
    const S scales[] = {
        {"ألف", "ألفا", {"ألفان", "ألفين", "ألفي"}, {"آلاف", "ألوف", "الاف"}, 1e3},
        {"مليون", "مليونا", {"مليونان", "مليونين", "مليوني"}, {"ملايين", "ملايين"}, 1e6},
        {"مليار", "مليارا", {"ملياران", "مليارين", "ملياري"}, {"مليارات", "مليارات"}, 1e9},
        {"بليون", "بليونا", {"بليونان", "بليونين", "بليوني"}, {"بلايين", "بليونات"}, 1e9},
        {"تريليون", "تريليونا", {"تريليونان", "تريليونين", "تريليوني"}, {"تريليونات", "ترليونات"}, 1e12},
        {"ترليون", "ترليونا", {"ترليونان", "ترليونين", "ترليوني"}, {"ترليونات", "تريليونات"}, 1e12},
    };
    for (const S& s : scales) {
      add(s.sing, kScale, s.v, kSing, kCD);  // المليون only after ونصف
      add(s.acc, kScale, s.v, kAcc);
      for (const char* w : s.dual) add(w, kScale, s.v, kDual);
      for (const char* w : s.plural) add(w, kScale, s.v, kPlural, kCD);
    }
    add("نصف", kFraction, 0.5);
    add("ربع", kFraction, 0.25);
    add("ثلث", kFraction, 1.0 / 3);
    add("ثلثا", kFraction, 2.0 / 3, kDual);
    add("ثلثي", kFraction, 2.0 / 3, kDual);
    add("أرباع", kFraction, 0.25, kPlural, 0);
    add("عشرات", kVagueTens, 10, kSing, kCD);
    add("مئات", kVagueHundreds, 100, kSing, kCD);
    for (const char* w : {"بضع", "بضعة"}) add(w, kFew, 0);
    add("عدة", kSeveral, 0, kSing, 0);
    add("و", kWaw, 0, kSing, 0);

    auto func = [&](const char* w, Func f, uint8_t flags = 0) { add(w, kFunc, 0, kSing, flags, f); };
    func("في", fFi);
    func("ما", fMa);
    func("من", fMin);
    func("على", fAla);
    func("عن", fAn);
    func("إلى", fIla);
    func("الى", fIla);
    func("ل", fLam);
    func("لا", fLa);
    func("حتى", fHatta, kClitics);
    func("نحو", fNahw, kClitics);
    func("نحوا", fNahwan);
    for (const char* w : {"حوالي", "حوالى"}) func(w, fHawali, kClitics);
    func("قرابة", fQuraba, kClitics);
    func("زهاء", fZuhaa, kClitics);
    func("تقريبا", fTaqriban);
    for (const char* w : {"يقارب", "تقارب"}) func(w, fYuqarib);
    func("يقرب", fYaqrub);
    for (const char* w : {"يناهز", "تناهز", "ناهز"}) func(w, fYunahiz);
    func("أكثر", fAkthar, kClitics);
    func("أزيد", fAzyad, kClitics);
    func("أقل", fAqall, kClitics);
    for (const char* w : {"يزيد", "تزيد"}) func(w, fYazid);
    for (const char* w : {"يربو", "تربو"}) func(w, fYarbu);
    for (const char* w : {"يفوق", "تفوق"}) func(w, fYafuq);
    for (const char* w : {"يقل", "تقل"}) func(w, fYaqill);
    func("دون", fDun);
    for (const char* w : {"يصل", "تصل"}) func(w, fYasil);
    func("الأقل", fAqallDef);
    func("الأكثر", fAktharDef);
    for (const char* w : {"المئة", "المائة"}) func(w, fMiaDef);
    for (const char* w : {"بالمئة", "بالمائة"}) func(w, fBilMia);
    for (const char* w : {"نهائي", "النهائي"}) func(w, fNihai);
    func("شهر", fShahr);
    func("ال", fAl);
    for (const char* w : {"حادي", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع"}) {
      const std::string m = w, f = m + "ة";
      for (const std::string& form : {m, f, "ال" + m, "ال" + f}) ordinals.push_back(form);
    }
    ordinals.push_back("حادية");
    ordinals.push_back("الحادية");
    for (const std::string& o : ordinals) func(o.c_str(), fOrdinal);

    struct C { const char* w; uint8_t id; };
    for (const C& c : {C{"دولار", 0}, C{"دولارا", 0}, C{"دولارات", 0}, C{"دولاران", 0}, C{"دولارين", 0},
                       C{"يورو", 1}, C{"ريال", 2}, C{"ريالا", 2}, C{"ريالات", 2}, C{"جنيه", 3},
                       C{"جنيها", 3}, C{"جنيهات", 3}, C{"إسترليني", 3}, C{"استرليني", 3},
                       C{"درهم", 4}, C{"درهما", 4}, C{"دراهم", 4}, C{"دينار", 5}, C{"دينارا", 5},
                       C{"دنانير", 5}, C{"ليرة", 6}, C{"ليرات", 6}, C{"روبل", 7}, C{"روبلا", 7},
                       C{"روبلات", 7}, C{"ين", 8}, C{"يوان", 9}, C{"فرنك", 10}, C{"فرنكات", 10},
                       C{"روبية", 11}, C{"روبيات", 11}, C{"شيكل", 12}, C{"شيكلا", 12},
                       C{"شواكل", 12}, C{"شيقل", 12}})
      add(c.w, kCurrency, 0, kSing, 0, c.id);

    // Base forms first so that a variant never shadows a base word.
    for (const BaseEntry& e : base) Insert(e, "", false, false);
    struct P { const char* p; bool waw; bool def; bool clitic; };
    const P prefixes[] = {
        // No ك: كمية, كميات are "quantity", not ك + a number.
        {"ال", false, true, false},   {"و", true, false, true},    {"ف", false, false, true},
        {"ب", false, false, true},    {"ل", false, false, true},   {"وال", true, true, true},
        {"فال", false, true, true},   {"بال", false, true, true},  {"لل", false, true, true},
        {"ولل", true, true, true},    {"فلل", false, true, true},  {"وب", true, false, true},
        {"ول", true, false, true},    {"فب", false, false, true},  {"فل", false, false, true},
        {"وبال", true, true, true},   {"فبال", false, true, true},
    };
    for (const P& p : prefixes)
      for (const BaseEntry& e : base) {
        if (p.def && !(e.flags & kDefinite)) continue;
        if (p.clitic && !(e.flags & kClitics)) continue;
        Insert(e, p.p, p.waw, p.def);
      }
  }

  const Lex* Find(uint64_t key) const {
    const extract_internal::NumberWord* w = FindWord(key);
    return w ? &w->lex : nullptr;
  }
  const extract_internal::NumberWord* FindWord(uint64_t key) const {
    // Most words are no number word: a bit test in a small filter (it stays
    // in cache) rejects them before the map is touched.
    const uint64_t b = FilterBit(key);
    if (!(filter_[b >> 6] >> (b & 63) & 1)) return nullptr;
    auto it = map_.find(key);
    return it == map_.end() ? nullptr : &it->second;
  }

 private:
  void Insert(const BaseEntry& e, std::string_view prefix, bool waw, bool def) {
    std::array<uint8_t, kMaxLetters> pc{}, wc{};
    int np = 0, nw = 0;
    if (!prefix.empty() && !FoldWord(prefix, &pc, &np)) return;
    if (!FoldWord(e.word, &wc, &nw)) return;
    if (np > 0 && (prefix != "ال") && nw < 3) return;  // لست is not ل + ست
    if (np + nw > kMaxLetters) return;
    uint8_t all[kMaxLetters * 2];
    int n = 0;
    for (int i = 0; i < np; ++i) all[n++] = pc[size_t(i)];
    // ل + ال is written لل: the prefix already holds it.
    for (int i = 0; i < nw; ++i) all[n++] = wc[size_t(i)];
    // Every spelling with hamza-alef written as bare alef too (اربعة, الف).
    int hamza_at[kMaxLetters * 2];
    int nh = 0;
    const uint8_t kHamzaAlef = uint8_t(0x0623 - 0x0620), kAlef = uint8_t(0x0627 - 0x0620);
    for (int i = np; i < n; ++i)
      if (all[i] == kHamzaAlef && nh < 4) hamza_at[nh++] = i;
    Lex lex;
    lex.kind = e.kind;
    lex.form = e.form;
    lex.id = e.id;
    lex.value = e.value;
    lex.prefix = uint8_t(np);
    lex.waw = waw;
    lex.definite = def;
    for (int mask = 0; mask < (1 << nh); ++mask) {
      for (int h = 0; h < nh; ++h) all[hamza_at[h]] = (mask >> h) & 1 ? kAlef : kHamzaAlef;
      const uint64_t key = Pack(all, n);
      map_.emplace(key, extract_internal::NumberWord{lex});
      const uint64_t b = FilterBit(key);
      filter_[b >> 6] |= uint64_t(1) << (b & 63);
    }
  }

  static uint64_t FilterBit(uint64_t key) { return (key * 0x9E3779B97F4A7C15ull) >> (64 - kFilterBits); }
  static constexpr int kFilterBits = 16;  // 8 KiB

  std::unordered_map<uint64_t, extract_internal::NumberWord> map_;
  std::vector<uint64_t> filter_ = std::vector<uint64_t>(size_t(1) << (kFilterBits - 6));
};

const Lexicon& GetLexicon() {
  static const Lexicon lexicon;
  return lexicon;
}

// ---------------------------------------------------------------- digits

bool IsDigitCp(char32_t c, int* d) {
  if (c >= '0' && c <= '9') { *d = int(c - '0'); return true; }
  if (c >= 0x0660 && c <= 0x0669) { *d = int(c - 0x0660); return true; }
  if (c >= 0x06F0 && c <= 0x06F9) { *d = int(c - 0x06F0); return true; }
  return false;
}

struct DigitInfo {
  bool ok = false;
  double value = 0;
  int ndigits = 0;
  bool leading_zero = false;
  bool has_sep = false;
  bool first_zero = false;  // the first digit is 0
};

// Reads a kNumber token: digits with , . ٫ ٬ between them (see numbers.h for
// the thousands/decimal decision).
DigitInfo ParseDigits(std::string_view tok, bool scale_follows) {
  DigitInfo info;
  constexpr int kMaxGroups = 32, kMaxDigits = 40;
  char digits[kMaxDigits];
  int group_start[kMaxGroups + 1];
  char seps[kMaxGroups];
  int ng = 1, nd = 0;
  group_start[0] = 0;
  for (size_t i = 0; i < tok.size();) {
    char32_t c;
    i += size_t(DecodeAt(tok, i, &c));
    int d;
    if (IsDigitCp(c, &d)) {
      if (nd == kMaxDigits) { info.ndigits = nd + 1; return info; }
      digits[nd++] = char('0' + d);
    } else {
      const char s = c == ',' ? ',' : c == '.' ? '.' : c == 0x066B ? 'D' : c == 0x066C ? 'T' : 0;
      if (s == 0 || ng == kMaxGroups) return info;
      seps[ng - 1] = s;
      group_start[ng++] = nd;
    }
  }
  group_start[ng] = nd;
  info.ndigits = nd;
  if (nd == 0) return info;
  auto group_len = [&](int g) { return group_start[g + 1] - group_start[g]; };
  info.has_sep = ng > 1;
  info.leading_zero = group_len(0) > 1 && digits[0] == '0';
  info.first_zero = group_len(0) > 0 && digits[0] == '0';
  // Index of the separator used as decimal point, or -1.
  int dec = -1;
  int n_comma = 0, n_dot = 0;
  for (int s = 0; s + 1 < ng; ++s) {
    if (seps[s] == 'D') dec = s;
    n_comma += seps[s] == ',';
    n_dot += seps[s] == '.';
  }
  if (dec < 0 && ng > 1) {
    const int last = ng - 2;
    const char ls = seps[last];
    if ((ls == ',' && n_comma == 1 && n_dot > 0) || (ls == '.' && n_dot == 1 && n_comma > 0)) {
      dec = last;  // 1,234.5 or 1.234,5
    } else if ((ls == ',' && n_comma == 1) || (ls == '.' && n_dot == 1)) {
      const bool three = group_len(last + 1) == 3;
      const bool int_zero = group_len(0) == 1 && digits[0] == '0';
      if (!three) {
        dec = last;
      } else if (ls == '.' && (scale_follows || int_zero || group_len(0) > 3)) {
        dec = last;
      } else if (ls == ',' && int_zero) {
        dec = last;
      }
    }
  }
  char num[kMaxDigits + 1];
  int n = 0;
  for (int i = 0; i < nd; ++i) {
    if (dec >= 0 && i == group_start[dec + 1]) num[n++] = '.';
    num[n++] = digits[i];
  }
  double v = 0;
  auto r = std::from_chars(num, num + n, v);
  if (r.ec != std::errc()) return info;
  info.value = v;
  info.ok = true;
  return info;
}

// ---------------------------------------------------------------- scanner

struct Tk {
  TokenType type;
  uint32_t b, e;
  const Lex* lex = nullptr;
  bool skip = false;  // a digit token that is not a quantity (phone, time, model)
};

const char* VagueScaleName(double scale) {
  if (scale == 1e3) return "thousands";
  if (scale == 1e6) return "millions";
  if (scale == 1e9) return "billions";
  return "trillions";
}

class Scanner {
 public:
  // `toks` is a buffer the scanner may reuse (cleared here).
  Scanner(std::string_view text, std::vector<Tk>* toks) : text_(text), lex_(GetLexicon()), toks_(*toks) {
    toks_.clear();
  }

  std::vector<NumberMention> Run() {
    thread_local std::vector<Token> raw;  // kept per thread, like the scanner's tokens
    arabic::Tokenize(text_, &raw);
    return Run(raw);
  }

  // On arabic::Tokenize(text) computed by the caller; `known`, when given,
  // holds each token's NumberWord (extract_internal::Tok::number_word).
  std::vector<NumberMention> Run(const std::vector<Token>& raw,
                                 const std::vector<extract_internal::Tok>* known = nullptr) {
    toks_.reserve(raw.size());
    std::array<uint8_t, kMaxLetters> codes{};
    for (size_t i = 0; i < raw.size(); ++i) {
      const Token& t = raw[i];
      Tk tk{t.type, t.begin, t.end};
      if (t.type == TokenType::kArabicWord) {
        if (known) {
          const extract_internal::NumberWord* w = (*known)[i].number_word;
          tk.lex = w ? &w->lex : nullptr;
        } else {
          int n;
          if (FoldWord(Text(tk), &codes, &n)) tk.lex = lex_.Find(Pack(codes.data(), n));
        }
      }
      toks_.push_back(tk);
    }
    MarkNonQuantities();
    for (size_t i = 0; i < toks_.size();) i = TryAt(i);
    return std::move(out_);
  }

 private:
  std::string_view Text(const Tk& t) const { return text_.substr(t.b, t.e - t.b); }
  bool Is(size_t i, std::string_view s) const { return i < toks_.size() && Text(toks_[i]) == s; }
  bool IsNum(size_t i) const { return i < toks_.size() && toks_[i].type == TokenType::kNumber; }
  const Lex* L(size_t i) const { return i < toks_.size() ? toks_[i].lex : nullptr; }
  bool IsFunc(size_t i, Func f) const {
    const Lex* l = L(i);
    return l && l->kind == kFunc && l->id == f;
  }
  bool Adjacent(size_t a, size_t b) const { return toks_[a].e == toks_[b].b; }

  // Only spaces, tabs, no-break spaces and invisible controls between tokens
  // a < b (no newline, no punctuation).
  bool SpaceBetween(size_t a, size_t b) const {
    if (b >= toks_.size()) return false;
    const uint32_t from = toks_[a].e, to = toks_[b].b;
    if (to - from > 16) return false;
    for (size_t i = from; i < to;) {
      char32_t c;
      i += size_t(DecodeAt(text_, i, &c));
      if (!(c == ' ' || c == '\t' || c == 0xA0 || (c >= 0x200B && c <= 0x200F) ||
            (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
            c == 0x202F || c == 0x061C))
        return false;
    }
    return true;
  }

  bool IsWord(size_t i) const {
    return i < toks_.size() &&
           (toks_[i].type == TokenType::kArabicWord || toks_[i].type == TokenType::kLatinWord);
  }

  // Phones, identifiers, clock times, model names: digit tokens that are not
  // quantities (see numbers.h).
  void MarkNonQuantities() {
    const size_t n = toks_.size();
    for (size_t i = 0; i < n; ++i) {
      if (!IsNum(i)) continue;
      Tk& t = toks_[i];
      const DigitInfo d = ParseDigits(Text(t), false);
      if (!d.ok || d.ndigits > 15 || (!d.has_sep && d.ndigits >= 7 && d.first_zero) ||
          (!d.has_sep && d.ndigits >= 11)) {
        t.skip = true;
        continue;
      }
      if (i > 0 && Adjacent(i - 1, i)) {
        const TokenType pt = toks_[i - 1].type;
        if (pt == TokenType::kLatinWord || Is(i - 1, "/") || Is(i - 1, "+")) t.skip = true;
        if (Is(i - 1, ":") && i >= 2 && IsNum(i - 2) && Adjacent(i - 2, i - 1)) t.skip = true;
        // F-16, إس-400, كوفيد-19: a hyphen glued to a word before.
        if ((Is(i - 1, "-") || Is(i - 1, "\u2010") || Is(i - 1, "\u2011")) && i >= 2 && IsWord(i - 2) &&
            Adjacent(i - 2, i - 1))
          t.skip = true;
      }
      if (i + 1 < n && Adjacent(i, i + 1)) {
        if (toks_[i + 1].type == TokenType::kLatinWord || Is(i + 1, "/")) t.skip = true;
        if (Is(i + 1, ":") && IsNum(i + 2) && Adjacent(i + 1, i + 2)) t.skip = true;
      }
    }
    // Runs of digit groups joined by spaces or hyphens: phone numbers.
    for (size_t i = 0; i < n;) {
      if (!IsNum(i)) { ++i; continue; }
      size_t j = i;
      const DigitInfo head = ParseDigits(Text(toks_[i]), false);
      int digits = head.ndigits;
      while (true) {
        size_t k = j + 1;
        if (IsNum(k) && SpaceBetween(j, k)) {
          j = k;
        } else if ((Is(k, "-")) && IsNum(k + 1) &&
                   ((Adjacent(j, k) && Adjacent(k, k + 1)) || (SpaceBetween(j, k) && SpaceBetween(k, k + 1)))) {
          j = k + 1;
        } else {
          break;
        }
        digits += ParseDigits(Text(toks_[j]), false).ndigits;
      }
      size_t groups = 0;
      for (size_t k = i; k <= j; ++k) groups += IsNum(k);
      const bool plus = i > 0 && Is(i - 1, "+") && Adjacent(i - 1, i);
      const bool zero_led = head.first_zero && digits >= 7;
      if (groups >= 3 || plus || (groups == 2 && zero_led)) {
        for (size_t k = i; k <= j; ++k) toks_[k].skip = toks_[k].skip || IsNum(k);
      }
      i = j + 1;
    }
  }

  // The byte where a word's number part starts (after proclitic letters and
  // the article, and the marks that follow them).
  uint32_t WordStart(size_t i) const {
    const Tk& t = toks_[i];
    int letters = t.lex ? t.lex->prefix : 0;
    size_t p = t.b;
    while (p < t.e) {
      char32_t c;
      const int len = DecodeAt(text_, p, &c);
      if (IsArabicMark(c)) { p += size_t(len); continue; }
      if (letters == 0) break;
      --letters;
      p += size_t(len);
    }
    return uint32_t(p);
  }

  struct Acc {
    double total = 0, group = 0;
    bool has_group = false;
    bool gH = false, gU = false, gT = false, closed = false;  // closed: teen/digits/fraction
    double last_scale = 0;
    double unit_value = 0;
  };

  // Starts a group at token c (a unit, teen, tens, hundred, digits or
  // fraction); returns the last token consumed, or SIZE_MAX if c cannot start
  // a group.
  size_t StartGroup(size_t c, Acc* a) {
    const Lex* l = L(c);
    if (IsNum(c)) {
      if (toks_[c].skip) return SIZE_MAX;
      const Lex* nl = SpaceBetween(c, c + 1) ? L(c + 1) : nullptr;
      const bool scale_follows = nl && nl->kind == kScale && nl->prefix == 0;
      DigitInfo d = ParseDigits(Text(toks_[c]), scale_follows);
      if (!d.ok) return SIZE_MAX;
      a->group = d.value;
      a->has_group = true;
      a->closed = true;
      return c;
    }
    if (!l) return SIZE_MAX;
    const Lex* nl = SpaceBetween(c, c + 1) ? L(c + 1) : nullptr;
    const bool ten_next = nl && nl->kind == kUnit && nl->value == 10 && nl->prefix == 0;
    switch (l->kind) {
      case kUnit:
        if (l->definite && (l->value < 3)) return SIZE_MAX;
        if (l->value >= 1 && l->value <= 9 && ten_next) {
          a->group = 10 + l->value;
          a->has_group = a->closed = true;
          return c + 1;
        }
        if (l->value >= 3 && l->value <= 9 && nl && nl->kind == kHundred && nl->value == 100 &&
            nl->prefix == 0) {
          a->group = l->value * 100;
          a->has_group = a->gH = true;
          return c + 1;
        }
        a->group = l->value;
        a->unit_value = l->value;
        a->has_group = true;
        a->gU = true;
        a->closed = l->value == 10 || l->value == 0;
        return c;
      case kTeenOnly:
        if (!ten_next) return SIZE_MAX;
        a->group = 10 + l->value;
        a->has_group = a->closed = true;
        return c + 1;
      case kTens:
        a->group = l->value;
        a->has_group = a->gT = true;
        return c;
      case kHundred:
        a->group = l->value;
        a->has_group = a->gH = true;
        return c;
      case kFraction:
        if (l->form == kPlural) return SIZE_MAX;
        a->group = l->value;
        a->has_group = a->closed = true;
        return c;
      default:
        return SIZE_MAX;
    }
  }

  // Adds a scale word to the accumulator; false if it does not fit.
  bool ApplyScale(const Lex& s, bool waw, Acc* a) {
    const double v = s.value;
    if (waw) {
      if (a->has_group || a->last_scale == 0 || v >= a->last_scale || s.form == kPlural) return false;
      a->total += (s.form == kDual ? 2 : 1) * v;
      a->last_scale = v;
      return true;
    }
    if (a->has_group) {
      if (s.form == kDual) return false;
      if (a->last_scale != 0 && v > a->last_scale) {
        a->total = (a->total + a->group) * v;
      } else if (a->last_scale != 0 && v == a->last_scale) {
        return false;
      } else {
        a->total += a->group * v;
      }
      a->group = 0;
      a->has_group = a->gH = a->gU = a->gT = a->closed = false;
      a->last_scale = v;
      return true;
    }
    // Directly after another scale word: ألف مليون.
    if (a->last_scale != 0 && v > a->last_scale && s.form == kSing) {
      a->total *= v;
      a->last_scale = v;
      return true;
    }
    return false;
  }

  // Tries a phrase at token i; returns the index to continue from.
  size_t TryAt(size_t i) {
    const Tk& t = toks_[i];
    const Lex* l = t.lex;
    if (t.type == TokenType::kNumber) {
      if (t.skip) return i + 1;
    } else if (!l) {
      return i + 1;
    }
    if (l) {
      switch (l->kind) {
        case kVagueTens:
        case kVagueHundreds:
        case kFew:
        case kSeveral:
          return Vague(i);
        case kScale:
          if (l->form == kPlural) return Vague(i);
          if (l->definite) return i + 1;
          break;
        case kUnit:
        case kTeenOnly:
        case kTens:
        case kHundred:
        case kFraction:
          break;
        default:
          return i + 1;
      }
    }

    Acc a;
    size_t last;
    if (l && l->kind == kScale) {
      a.total = (l->form == kSing ? 1 : 2) * l->value;
      a.last_scale = l->value;
      last = i;
    } else {
      last = StartGroup(i, &a);
      if (last == SIZE_MAX) return i + 1;
    }
    // الثاني عشر, الحادية عشرة: ordinals, not ten.
    if (l && l->kind == kUnit && l->value == 10 && i >= 1 && IsFunc(i - 1, fOrdinal)) return i + 1;
    // شهر صفر is the Hijri month.
    if (l && l->kind == kUnit && l->value == 0 && i >= 1 && IsFunc(i - 1, fShahr)) return i + 1;
    // Fractions alone: not "semi final".
    if (l && l->kind == kFraction && last == i) {
      const Lex* nl = SpaceBetween(i, i + 1) ? L(i + 1) : nullptr;
      if (nl && nl->kind == kFunc && nl->id == fNihai) return i + 1;
    }
    bool done = false;
    while (!done) {
      size_t k = last + 1;
      if (!SpaceBetween(last, k)) break;
      bool waw = false;
      size_t c = k;
      if (L(k) && L(k)->kind == kWaw) {
        waw = true;
        c = k + 1;
        if (c >= toks_.size() || !(Adjacent(k, c) || SpaceBetween(k, c))) break;
      } else if (L(k) && L(k)->waw) {
        waw = true;
      }
      const Lex* cl = L(c);
      if (cl && cl->kind == kScale) {
        if (cl->definite) break;
        if (!ApplyScale(*cl, waw, &a)) break;
        last = c;
        continue;
      }
      if (!waw) {
        // ثلاثة أرباع.
        if (cl && cl->kind == kFraction && cl->form == kPlural && a.gU && !a.gT && !a.gH &&
            a.last_scale == 0 && a.unit_value >= 2) {
          a.group = a.unit_value * 0.25;
          a.closed = true;
          a.gU = false;
          last = c;
        }
        break;
      }
      if (cl && cl->kind == kFraction && cl->form != kPlural) {
        if (!a.has_group && a.last_scale != 0) {
          a.total += cl->value * a.last_scale;
        } else if (a.has_group && a.last_scale == 0) {
          a.group += cl->value;
        } else {
          break;
        }
        last = c;
        // مليون ونصف المليون
        if (a.last_scale != 0 && SpaceBetween(c, c + 1) && L(c + 1) && L(c + 1)->kind == kScale &&
            L(c + 1)->definite && L(c + 1)->value == a.last_scale && !L(c + 1)->waw &&
            L(c + 1)->prefix == 2)
          last = c + 1;
        done = true;
        continue;
      }
      if (!a.has_group) {
        if (a.last_scale == 0) break;
        Acc g;
        const size_t e = StartGroup(c, &g);
        if (e == SIZE_MAX || (cl && cl->definite)) break;
        if (g.group >= a.last_scale) break;
        g.total = a.total;
        g.last_scale = a.last_scale;
        a = g;
        last = e;
        continue;
      }
      if (!cl || cl->definite) break;
      if (a.gH && !a.gU && !a.gT && !a.closed) {
        Acc g;
        if (cl->kind != kUnit && cl->kind != kTeenOnly && cl->kind != kTens) break;
        const size_t e = StartGroup(c, &g);
        if (e == SIZE_MAX) break;
        a.group += g.group;
        a.gU = g.gU;
        a.gT = g.gT;
        a.closed = g.closed;
        a.unit_value = g.unit_value;
        last = e;
        continue;
      }
      if (a.gU && !a.gT && !a.closed && cl->kind == kTens && a.unit_value >= 1 && a.unit_value <= 9) {
        a.group += cl->value;
        a.gT = true;
        a.gU = false;
        last = c;
        continue;
      }
      break;
    }
    NumberMention m;
    m.begin = t.type == TokenType::kNumber ? t.b : WordStart(i);
    m.end = toks_[last].e;
    m.value = a.total + a.group;
    // A minus sign glued to the digits, after a space or at the start.
    if (t.type == TokenType::kNumber && i >= 1 && (Is(i - 1, "-") || Is(i - 1, "\u2212")) &&
        Adjacent(i - 1, i) && (i == 1 || toks_[i - 2].e < toks_[i - 1].b) && !(i >= 2 && IsNum(i - 2)) &&
        toks_[i - 1].b >= last_end_) {
      m.begin = toks_[i - 1].b;
      m.value = -*m.value;
    }
    return Finish(i, last, std::move(m));
  }

  // عشرات، مئات، آلاف، ملايين، بضعة آلاف، عدة آلاف: vague amounts.
  size_t Vague(size_t i) {
    const Lex& l = *toks_[i].lex;
    const Lex* nl = SpaceBetween(i, i + 1) ? L(i + 1) : nullptr;
    const bool next_plural = nl && nl->kind == kScale && nl->form == kPlural && !nl->waw;
    std::string q;
    size_t last = i;
    switch (l.kind) {
      case kVagueTens:
      case kVagueHundreds: {
        const char* base = l.kind == kVagueTens ? "tens" : "hundreds";
        if (next_plural) {
          q = std::string(base) + " of " + VagueScaleName(nl->value);
          last = i + 1;
        } else {
          q = base;
        }
        break;
      }
      case kScale:
        q = VagueScaleName(l.value);
        break;
      case kFew:
      case kSeveral: {
        const std::string pre = l.kind == kFew ? "a few " : "";
        if (next_plural) {
          q = pre + VagueScaleName(nl->value);
        } else if (nl && !nl->waw && (nl->kind == kVagueTens || nl->kind == kVagueHundreds) && !nl->definite) {
          q = pre + (nl->kind == kVagueTens ? "tens" : "hundreds");
        } else {
          return i + 1;
        }
        last = i + 1;
        break;
      }
      default:
        return i + 1;
    }
    NumberMention m;
    m.begin = WordStart(i);
    m.end = toks_[last].e;
    m.qualifier = std::move(q);
    return Finish(i, last, std::move(m));
  }

  // Percent, unit and qualifiers around a phrase [first, last]; appends it.
  size_t Finish(size_t first, size_t last, NumberMention m) {
    const bool vague = !m.value.has_value();
    size_t end_tok = last;
    // Percent after.
    size_t k = last + 1;
    if (!vague && k < toks_.size() && (Is(k, "%") || Is(k, "\u066A")) &&
        (Adjacent(last, k) || SpaceBetween(last, k))) {
      m.percent = true;
      end_tok = k;
    } else if (!vague && SpaceBetween(last, k) && IsFunc(k, fBilMia)) {
      m.percent = true;
      end_tok = k;
    } else if (!vague && SpaceBetween(last, k) && IsFunc(k, fFi) && SpaceBetween(k, k + 1) &&
               IsFunc(k + 1, fMiaDef)) {
      m.percent = true;
      end_tok = k + 1;
    }
    size_t before = first;  // the first token of the mention
    if (!vague && !m.percent && first >= 1 && (Is(first - 1, "%") || Is(first - 1, "\u066A")) &&
        Adjacent(first - 1, first) && toks_[first - 1].b >= last_end_ &&
        !(first >= 2 && IsNum(first - 2) && (Adjacent(first - 2, first - 1) || SpaceBetween(first - 2, first - 1)))) {
      m.percent = true;
      before = first - 1;
      m.begin = toks_[before].b;
    }
    m.end = toks_[end_tok].e;
    if (m.percent) m.unit = "%";
    // Currency after (or a symbol before/after the digits).
    size_t after = end_tok + 1;
    if (!vague && !m.percent) {
      if (after < toks_.size() && SpaceBetween(end_tok, after) && L(after) && L(after)->kind == kCurrency) {
        m.unit = kCurrencyNames[L(after)->id];
        ++after;
      } else if (after < toks_.size() && (Adjacent(end_tok, after) || SpaceBetween(end_tok, after)) &&
                 Symbol(after)) {
        m.unit = Symbol(after);
        ++after;
      } else if (before >= 1 && (Adjacent(before - 1, before) || SpaceBetween(before - 1, before)) &&
                 Symbol(before - 1)) {
        m.unit = Symbol(before - 1);
      }
    }
    // Qualifier before (skipping opening quotes and brackets).
    size_t q = before;
    while (q > 0 && (OpeningPunct(q - 1) || IsFunc(q - 1, fAl))) --q;
    std::string qual = QualifierBefore(q);
    if (qual.empty()) qual = QualifierAfter(after);
    if (!vague) m.qualifier = std::move(qual);
    if (m.begin < last_end_) return last + 1;  // never overlap (defensive)
    last_end_ = m.end;
    out_.push_back(std::move(m));
    return end_tok + 1;
  }

  const char* Symbol(size_t i) const {
    if (Is(i, "$")) return "dollar";
    if (Is(i, "\u20AC")) return "euro";
    if (Is(i, "\u00A3")) return "pound";
    return nullptr;
  }

  bool OpeningPunct(size_t i) const {
    return Is(i, "\"") || Is(i, "\u201C") || Is(i, "\u201D") || Is(i, "\u00AB") || Is(i, "(") ||
           Is(i, "'") || Is(i, "\u2018") || Is(i, "\u201E");
  }

  // Does the pattern (alternatives per position) end right before token q?
  bool Match(size_t q, std::initializer_list<std::initializer_list<Func>> pat) const {
    const size_t n = pat.size();
    if (q < n) return false;
    size_t i = q - n;
    for (const auto& alts : pat) {
      bool ok = false;
      for (Func f : alts) ok = ok || IsFunc(i, f);
      if (!ok) return false;
      ++i;
    }
    return true;
  }

  std::string QualifierBefore(size_t q) const {
    if (Match(q, {{fMa}, {fLa}, {fYaqill}, {fAn, fAla}}) || Match(q, {{fLa}, {fYaqill}, {fAn, fAla}}))
      return "at least";
    if (Match(q, {{fMa}, {fLa}, {fYazid}, {fAn, fAla}}) || Match(q, {{fLa}, {fYazid}, {fAn, fAla}}))
      return "at most";
    if (Match(q, {{fYazid, fYarbu}, {fAn, fAla}}) || Match(q, {{fMa}, {fYafuq}}) || Match(q, {{fYafuq}}) ||
        Match(q, {{fAkthar, fAzyad}, {fMin}}))
      return "more than";
    if (Match(q, {{fYaqill}, {fAn}}) || Match(q, {{fAqall}, {fMin}}) || Match(q, {{fDun}}))
      return "less than";
    if (Match(q, {{fYasil}, {fIla, fLam}}) || Match(q, {{fHatta}})) return "up to";
    if (Match(q, {{fYaqrub}, {fMin}}) || Match(q, {{fYuqarib}, {fMin}}) || Match(q, {{fYuqarib}}) ||
        Match(q, {{fYunahiz}}) || Match(q, {{fNahw, fHawali, fQuraba, fZuhaa, fTaqriban}}) ||
        Match(q, {{fNahwan}, {fMin}}))
      return "about";
    if (Match(q, {{fAla}, {fAqallDef}})) return "at least";
    if (Match(q, {{fAla}, {fAktharDef}})) return "at most";
    return "";
  }

  // تقريبا، على الأقل، على الأكثر after the number or after its noun.
  std::string QualifierAfter(size_t k) const {
    for (int skip = 0; skip < 2; ++skip, ++k) {
      if (k >= toks_.size()) break;
      if (IsFunc(k, fTaqriban)) return "about";
      if (IsFunc(k, fAla) && IsFunc(k + 1, fAqallDef)) return "at least";
      if (IsFunc(k, fAla) && IsFunc(k + 1, fAktharDef)) return "at most";
      if (toks_[k].type != TokenType::kArabicWord || toks_[k].lex) break;
    }
    return "";
  }

  std::string_view text_;
  const Lexicon& lex_;
  std::vector<Tk>& toks_;
  std::vector<NumberMention> out_;
  uint32_t last_end_ = 0;
};

// The scanner's token buffer, kept per thread (no allocation per text).
std::vector<Tk>& TokBuffer() {
  thread_local std::vector<Tk> toks;
  return toks;
}

}  // namespace

std::vector<NumberMention> FindNumbers(std::string_view text) {
  if (text.size() >= 0xFFFFFFFFu || !IsValidUtf8(text)) return {};
  return Scanner(text, &TokBuffer()).Run();
}

namespace extract_internal {

std::vector<NumberMention> FindNumbersInTokens(std::string_view text, const std::vector<arabic::Token>& tokens,
                                               const std::vector<Tok>* toks) {
  if (text.size() >= 0xFFFFFFFFu) return {};
  if (toks && toks->size() != tokens.size()) toks = nullptr;
  return Scanner(text, &TokBuffer()).Run(tokens, toks);
}

const NumberWord* NumberWordOf(std::string_view word) {
  std::array<uint8_t, kMaxLetters> codes{};
  int n;
  return FoldWord(word, &codes, &n) ? GetLexicon().FindWord(Pack(codes.data(), n)) : nullptr;
}

}  // namespace extract_internal

}  // namespace akhbar
