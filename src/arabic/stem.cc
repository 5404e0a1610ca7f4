#include "akhbar/stem.h"

#include <libstemmer.h>

namespace akhbar::arabic {
namespace {

// Letters of the Arabic block in UTF-8 (two bytes each), kMatch form.
constexpr std::string_view kAlef = "\u0627";
constexpr std::string_view kBeh = "\u0628";
constexpr std::string_view kFeh = "\u0641";
constexpr std::string_view kKaf = "\u0643";
constexpr std::string_view kLam = "\u0644";
constexpr std::string_view kWaw = "\u0648";
constexpr std::string_view kYeh = "\u064A";

// Number of letters (every code point is two bytes; checked by the caller).
inline size_t Letters(std::string_view w) { return w.size() / 2; }

inline bool Starts(std::string_view w, std::string_view p) { return w.starts_with(p); }

// Letter codes: the two UTF-8 bytes of an Arabic-block letter as one
// number (the words here are all two-byte letters, checked by LightStem).
constexpr uint16_t kCodeAlef = 0xD8A7, kCodeTeh = 0xD8AA, kCodeKaf = 0xD983, kCodeMeem = 0xD985,
                   kCodeNoon = 0xD986, kCodeHeh = 0xD987, kCodeWaw = 0xD988, kCodeYeh = 0xD98A;

// The k-th letter from the end (k = 1: the last); k <= Letters(w).
inline uint16_t FromEnd(std::string_view w, size_t k) {
  return static_cast<uint16_t>((static_cast<unsigned char>(w[w.size() - 2 * k]) << 8) |
                               static_cast<unsigned char>(w[w.size() - 2 * k + 1]));
}

// Suffixes are compared letter by letter (a switch on the last letter, not a
// memcmp per table entry); the rules and their order are those of the lists
// below (stem_test.cc checks them against a table-driven reference).
//
// Pronoun (enclitic) suffixes, longest first, with the letters that must
// remain: هما 3, كما 3, ها 3, هم 3, هن 3, كم 4, كن 4, نا 3.
// Inflection suffixes (plural, dual, feminine, nisba), longest first:
// ات 3, ون 4, ين 4, ان 4, يه 3 (ية in kMatch), ه 3 (ة in kMatch, or the
// pronoun), ي 3.

// Removes a ت left by ta marbuta before a suffix (حكومتها -> حكوم), unless it
// is the ت of the plural ات.
std::string_view DropTehMarbuta(std::string_view w) {
  if (Letters(w) >= 4 && FromEnd(w, 1) == kCodeTeh && FromEnd(w, 2) != kCodeAlef) return w.substr(0, w.size() - 2);
  return w;
}

// True if the last letter can end a suffix (ا م ن ت ه ي): a cheap reject.
inline bool MayHaveSuffix(std::string_view w) {
  if (w.size() < 8) return false;  // a suffix needs a stem of >= 3 letters
  unsigned char a = static_cast<unsigned char>(w[w.size() - 2]);
  unsigned char b = static_cast<unsigned char>(w[w.size() - 1]);
  if (a == 0xD8) return b == 0xA7 || b == 0xAA;  // ا ت
  if (a == 0xD9) return b == 0x85 || b == 0x86 || b == 0x87 || b == 0x8A;  // م ن ه ي
  return false;
}

// Letters of the pronoun suffix that `w` (>= 4 letters) ends with, 0 if none.
inline size_t PronounLetters(std::string_view w) {
  const size_t n = Letters(w);
  const uint16_t prev = FromEnd(w, 2);
  switch (FromEnd(w, 1)) {
    case kCodeAlef:
      if (prev == kCodeMeem && n >= 6 && (FromEnd(w, 3) == kCodeHeh || FromEnd(w, 3) == kCodeKaf)) return 3;  // هما كما
      if ((prev == kCodeHeh || prev == kCodeNoon) && n >= 5) return 2;  // ها نا
      return 0;
    case kCodeMeem:
    case kCodeNoon:
      if (prev == kCodeHeh && n >= 5) return 2;  // هم هن
      if (prev == kCodeKaf && n >= 6) return 2;  // كم كن
      return 0;
    default:
      return 0;
  }
}

std::string_view StripSuffixes(std::string_view w) {
  if (!MayHaveSuffix(w)) return w;
  if (const size_t p = PronounLetters(w); p != 0) {
    w.remove_suffix(2 * p);
    if (FromEnd(w, 1) == kCodeTeh) {
      std::string_view dropped = DropTehMarbuta(w);
      if (dropped.size() != w.size()) return dropped;
    }
  }
  for (;;) {  // ends: every round removes a suffix or stops
    const size_t n = Letters(w);
    if (n < 4) break;  // every suffix leaves >= 3 letters
    const uint16_t prev = FromEnd(w, 2);
    switch (FromEnd(w, 1)) {
      case kCodeTeh:  // ات
        if (prev != kCodeAlef || n < 5) return w;
        w.remove_suffix(4);
        continue;
      case kCodeNoon:  // ون ين ان
        if (n < 6 || (prev != kCodeWaw && prev != kCodeYeh && prev != kCodeAlef)) return w;
        w.remove_suffix(4);
        // Dual/plural of a feminine noun: دولتين -> دولت -> دول.
        if (prev != kCodeWaw && FromEnd(w, 1) == kCodeTeh) return DropTehMarbuta(w);
        continue;
      case kCodeHeh:  // يه, else ه
        w.remove_suffix(prev == kCodeYeh && n >= 5 ? 4 : 2);
        continue;
      case kCodeYeh:  // ي
        w.remove_suffix(2);
        continue;
      default:
        return w;
    }
  }
  return w;
}

inline size_t CoreLetters(std::string_view rest) { return Letters(StripSuffixes(rest)); }

bool AllArabicBlock(std::string_view w) {
  if (w.size() % 2 != 0) return false;
  for (size_t i = 0; i < w.size(); i += 2) {
    unsigned char lead = static_cast<unsigned char>(w[i]);
    if (lead < 0xD8 || lead > 0xDB) return false;
  }
  return true;
}

}  // namespace

std::string_view LightStem(std::string_view w) {
  // Every removal leaves >= 3 letters, so words under 4 letters are stems.
  if (w.size() < 8 || !AllArabicBlock(w)) return w;
  // Proclitics, one at a time; each removal re-runs on the rest.
  for (;;) {
    // Only ا ل ب ك و ف begin a proclitic.
    unsigned char a = static_cast<unsigned char>(w[0]);
    unsigned char b = static_cast<unsigned char>(w[1]);
    bool may_prefix = (a == 0xD8 && (b == 0xA7 || b == 0xA8)) ||
                      (a == 0xD9 && (b == 0x84 || b == 0x83 || b == 0x88 || b == 0x81));
    if (!may_prefix || w.size() < 8) break;
    static constexpr std::string_view kAl = "\u0627\u0644";          // ال
    static constexpr std::string_view kLil = "\u0644\u0644";         // لل
    static constexpr std::string_view kBil = "\u0628\u0627\u0644";   // بال
    static constexpr std::string_view kKal = "\u0643\u0627\u0644";   // كال
    std::string_view rest;
    if (Starts(w, kAl) || Starts(w, kLil)) {
      rest = w.substr(4);
      if (CoreLetters(rest) >= 3) { w = rest; continue; }
    }
    if (Starts(w, kBil) || Starts(w, kKal)) {
      rest = w.substr(6);
      if (CoreLetters(rest) >= 3) { w = rest; continue; }
    }
    if (Starts(w, kWaw)) {
      rest = w.substr(2);
      if (CoreLetters(rest) >= 4) { w = rest; continue; }
    }
    if (Starts(w, kFeh)) {
      rest = w.substr(2);
      bool lam_ok = !Starts(rest, kLam) || Starts(rest.substr(2), kLam);
      if (lam_ok && !Starts(rest, kYeh) && CoreLetters(rest) >= 5) { w = rest; continue; }
    }
    if (Starts(w, kBeh) || Starts(w, kKaf) || Starts(w, kLam)) {
      rest = w.substr(2);
      size_t core = CoreLetters(rest);
      bool ok = Starts(rest, kAlef)
                    ? core >= 6
                    : (!Starts(rest, kYeh) && !Starts(rest, kWaw) && core >= 5);
      if (ok) {
        w = rest;
        continue;
      }
    }
    break;
  }
  return StripSuffixes(w);
}

SnowballStemmer::SnowballStemmer() : stemmer_(sb_stemmer_new("arabic", "UTF_8")) {}

SnowballStemmer::~SnowballStemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string_view SnowballStemmer::Stem(std::string_view word) {
  if (stemmer_ == nullptr) return word;
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                       static_cast<int>(word.size()));
  if (s == nullptr) return word;  // out of memory inside libstemmer
  return std::string_view(reinterpret_cast<const char*>(s),
                          static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

}  // namespace akhbar::arabic
