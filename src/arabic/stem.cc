#include "akhbar/stem.h"

#include <libstemmer.h>

namespace akhbar::arabic {
namespace {

// Letters of the Arabic block in UTF-8 (two bytes each), kMatch form.
constexpr std::string_view kAlef = "\u0627";
constexpr std::string_view kBeh = "\u0628";
constexpr std::string_view kTeh = "\u062A";
constexpr std::string_view kFeh = "\u0641";
constexpr std::string_view kKaf = "\u0643";
constexpr std::string_view kLam = "\u0644";
constexpr std::string_view kWaw = "\u0648";
constexpr std::string_view kYeh = "\u064A";

// Number of letters (every code point is two bytes; checked by the caller).
inline size_t Letters(std::string_view w) { return w.size() / 2; }

inline bool Starts(std::string_view w, std::string_view p) { return w.starts_with(p); }
inline bool Ends(std::string_view w, std::string_view s) { return w.ends_with(s); }

struct Suffix {
  std::string_view text;
  size_t min_stem;  // letters that must remain
};

// Pronoun (enclitic) suffixes, longest first.
constexpr Suffix kPronoun[] = {
    {"\u0647\u0645\u0627", 3},  // هما
    {"\u0643\u0645\u0627", 3},  // كما
    {"\u0647\u0627", 3},        // ها
    {"\u0647\u0645", 3},        // هم
    {"\u0647\u0646", 3},        // هن
    {"\u0643\u0645", 4},        // كم
    {"\u0643\u0646", 4},        // كن
    {"\u0646\u0627", 3},        // نا
};

// Inflection suffixes (plural, dual, feminine, nisba), longest first.
constexpr Suffix kInflection[] = {
    {"\u0627\u062A", 3},  // ات
    {"\u0648\u0646", 4},  // ون
    {"\u064A\u0646", 4},  // ين
    {"\u0627\u0646", 4},  // ان
    {"\u064A\u0647", 3},  // يه (ية in kMatch)
    {"\u0647", 3},        // ه (ة in kMatch, or the pronoun)
    {"\u064A", 3},        // ي
};

// Removes a ت left by ta marbuta before a suffix (حكومتها -> حكوم), unless it
// is the ت of the plural ات.
std::string_view DropTehMarbuta(std::string_view w) {
  if (Ends(w, kTeh) && Letters(w) >= 4 && !Ends(w.substr(0, w.size() - 2), kAlef))
    return w.substr(0, w.size() - 2);
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

std::string_view StripSuffixes(std::string_view w) {
  if (!MayHaveSuffix(w)) return w;
  bool pronoun = false;
  for (const Suffix& s : kPronoun) {
    if (Ends(w, s.text) && Letters(w) - Letters(s.text) >= s.min_stem) {
      w.remove_suffix(s.text.size());
      pronoun = true;
      break;
    }
  }
  if (pronoun && Ends(w, kTeh)) {
    std::string_view dropped = DropTehMarbuta(w);
    if (dropped.size() != w.size()) return dropped;
  }
  for (;;) {  // ends: every round removes a suffix or stops
    bool removed = false;
    for (const Suffix& s : kInflection) {
      if (Ends(w, s.text) && Letters(w) - Letters(s.text) >= s.min_stem) {
        w.remove_suffix(s.text.size());
        removed = true;
        // Dual/plural of a feminine noun: دولتين -> دولت -> دول.
        if ((s.text == kInflection[2].text || s.text == kInflection[3].text) && Ends(w, kTeh))
          return DropTehMarbuta(w);
        break;
      }
    }
    if (!removed) break;
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
