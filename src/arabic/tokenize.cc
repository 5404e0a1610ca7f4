#include "akhbar/tokenize.h"

#include <unicode/uchar.h>
#include <xxhash.h>

#include <array>
#include <cassert>

#include "akhbar/normalize.h"
#include "arabic/utf8_internal.h"

namespace akhbar::arabic {
namespace {

using internal::Decode;

enum Cls : uint8_t {
  kSpace,
  kIgnorable,   // zero-width, bidi controls, soft hyphen, stray selectors
  kZwnj,
  kZwj,
  kArLetter,
  kArMark,      // diacritics, Quranic marks, tatweel
  kLatLetter,
  kCombMark,    // combining marks continuing a Latin word
  kDigit,
  kPunctCls,
  kEmojiBase,
  kEmojiMod,    // variation selectors, skin tones, keycap, tags
  kRegional,
  kOtherLetter,
  kSymbol,
};

Cls ClassifySlow(char32_t c) {
  if (c < 0x80) {
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return kSpace;
    if (c < 0x20 || c == 0x7F) return kIgnorable;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return kLatLetter;
    if (c >= '0' && c <= '9') return kDigit;
    return u_ispunct(UChar32(c)) ? kPunctCls : kSymbol;
  }
  if (c == 0x00A0 || c == 0x0085 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
      c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000)
    return kSpace;
  if (c == 0x200C) return kZwnj;
  if (c == 0x200D) return kZwj;
  if (c == 0x200B || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
      c == 0x00AD || c == 0x061C || (c >= 0x0080 && c < 0x00A0))
    return kIgnorable;
  if ((c >= 0x0610 && c <= 0x061A) || c == 0x0640 || (c >= 0x064B && c <= 0x065F) ||
      c == 0x0670 || (c >= 0x06D6 && c <= 0x06DC) || (c >= 0x06DF && c <= 0x06E4) ||
      c == 0x06E7 || c == 0x06E8 || (c >= 0x06EA && c <= 0x06ED) ||
      (c >= 0x08CA && c <= 0x08FF && c != 0x08E2) || (c >= 0xFE70 && c <= 0xFE7F))
    return kArMark;
  if ((c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9)) return kDigit;
  if ((c >= 0x0620 && c <= 0x063F) || (c >= 0x0641 && c <= 0x064A) || c == 0x066E ||
      c == 0x066F || (c >= 0x0671 && c <= 0x06D3) || c == 0x06D5 || c == 0x06E5 ||
      c == 0x06E6 || c == 0x06EE || c == 0x06EF || (c >= 0x06FA && c <= 0x06FC) ||
      c == 0x06FF || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08C9) ||
      (c >= 0xFB50 && c <= 0xFDFB && c != 0xFD3E && c != 0xFD3F) ||
      (c >= 0xFE80 && c <= 0xFEFC))
    return kArLetter;
  if ((c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) || c == 0x00AA ||
      c == 0x00BA || (c >= 0x1E00 && c <= 0x1EFF))
    return kLatLetter;
  if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
      (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF && c != 0x20E3))
    return kCombMark;
  if (c >= 0x1F1E6 && c <= 0x1F1FF) return kRegional;
  if (c == 0xFE0E || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x20E3 ||
      (c >= 0xE0020 && c <= 0xE007F))
    return kEmojiMod;
  if (c >= 0x203C && u_hasBinaryProperty(UChar32(c), UCHAR_EXTENDED_PICTOGRAPHIC))
    return kEmojiBase;
  if (u_isUWhiteSpace(UChar32(c))) return kSpace;
  if (u_isalpha(UChar32(c))) return kOtherLetter;
  if (u_getIntPropertyValue(UChar32(c), UCHAR_GENERAL_CATEGORY_MASK) & U_GC_M_MASK)
    return kCombMark;
  if (u_ispunct(UChar32(c))) return kPunctCls;
  return kSymbol;
}

struct ClassTable {
  std::array<uint8_t, 0x800> low;  // code points below U+0800
  // U+0600 + k continues an Arabic word (an Arabic letter or mark).
  std::array<bool, 0x100> arabic_word;
  ClassTable() {
    for (char32_t c = 0; c < 0x800; ++c) low[c] = ClassifySlow(c);
    for (char32_t k = 0; k < 0x100; ++k) arabic_word[k] = low[0x600 + k] == kArLetter || low[0x600 + k] == kArMark;
  }
};

const ClassTable& Table() {
  static const ClassTable table;
  return table;
}

// A cursor over valid UTF-8 that classifies code points.
class Scanner {
 public:
  explicit Scanner(std::string_view text)
      : s_(text.data()), n_(text.size()), low_(Table().low.data()) {}

  size_t size() const { return n_; }
  char at(size_t i) const { return s_[i]; }
  // Class and length of the code point at i (< size()).
  Cls ClassAt(size_t i, int* len) const {
    unsigned char b = static_cast<unsigned char>(s_[i]);
    if (b < 0x80) {
      *len = 1;
      return Cls(low_[b]);
    }
    char32_t c = Decode(s_, i, len);
    if (c < 0x800) return Cls(low_[c]);
    return ClassifySlow(c);
  }
  char32_t CodeAt(size_t i, int* len) const { return Decode(s_, i, len); }
  // Class of the code point ending just before i (i > 0).
  Cls ClassBefore(size_t i) const {
    size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(s_[j]) & 0xC0) == 0x80) --j;
    int len;
    return ClassAt(j, &len);
  }

 private:
  const char* s_;
  size_t n_;
  const uint8_t* low_;
};

bool IsWordCls(Cls c) {
  return c == kArLetter || c == kArMark || c == kLatLetter || c == kDigit || c == kCombMark ||
         c == kOtherLetter;
}

inline bool IsAsciiAlnum(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}
inline bool IsAsciiAlpha(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}
inline char Lower(char ch) { return (ch >= 'A' && ch <= 'Z') ? char(ch + 32) : ch; }

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k)
    if (Lower(s[i + k]) != prefix[k]) return false;
  return true;
}

// Top-level domains that make a bare host name a URL (lowercase).
bool IsCommonTld(std::string_view s, size_t b, size_t e) {
  static constexpr std::string_view kTlds[] = {
      "com", "net", "org", "info", "gov", "edu", "int", "co", "io", "tv", "me", "ly", "news",
      "sa", "ae", "eg", "qa", "kw", "bh", "om", "jo", "lb", "sy", "iq", "ps", "ye", "ma",
      "dz", "tn", "sd", "ru", "kp", "kr", "uk", "us", "fr", "de", "tr", "ir", "cn"};
  if (e - b < 2 || e - b > 4) return false;
  char buf[4];
  for (size_t k = b; k < e; ++k) buf[k - b] = Lower(s[k]);
  std::string_view tld(buf, e - b);
  for (std::string_view t : kTlds)
    if (t == tld) return true;
  return false;
}

// Characters that end a URL: whitespace, quotes, brackets, Arabic
// punctuation, controls.
bool EndsUrl(Cls cls, char32_t c) {
  if (cls == kSpace || cls == kIgnorable || cls == kZwnj || cls == kZwj) return true;
  switch (c) {
    case '"': case '\'': case '<': case '>': case '(': case ')': case '[': case ']':
    case '{': case '}': case '`': case '|': case '\\': case '^':
    case 0x060C: case 0x061B: case 0x061F: case 0x06D4:
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x2018: case 0x2019:
    case 0x2039: case 0x203A: case 0x3001: case 0x3002:
      return true;
    default:
      return false;
  }
}

bool IsUrlTrailer(char ch) {
  switch (ch) {
    case '.': case ',': case ';': case ':': case '!': case '?': case '\'': case '"':
    case ')':
      return true;
    default:
      return false;
  }
}

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<Token>* out)
      : text_(text), sc_(text), out_(out), low_(Table().low.data()), in_word_(Table().arabic_word.data()) {}

  void Run() {
    const size_t n = sc_.size();
    const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
    const uint8_t* low = low_;
    size_t i = 0;
    while (i < n) {
      // The two commonest starts first: a space, an Arabic letter of U+06xx
      // (see ArabicRunEnd; an Arabic mark there starts no word).
      if (s[i] == ' ') {
        ++i;
        continue;
      }
      if (static_cast<unsigned char>(s[i] - 0xD8) < 4 &&
          low[0x600 | (s[i] & 3u) << 6 | (s[i + 1] & 0x3Fu)] == kArLetter) {
        i = ArabicWord(i);
        continue;
      }
      int len;
      Cls cls = sc_.ClassAt(i, &len);
      char ch = sc_.at(i);
      switch (cls) {
        case kSpace:
        case kIgnorable:
        case kZwnj:
        case kZwj:
        case kEmojiMod:
          i += size_t(len);
          break;
        case kArLetter:
          i = ArabicWord(i);
          break;
        case kLatLetter:
          if (IsAsciiAlpha(ch)) {
            size_t e = UrlOrEmail(i);
            if (e != 0) { i = e; break; }
          }
          i = LatinWord(i);
          break;
        case kDigit:
          if (IsAsciiAlnum(ch)) {
            size_t e = UrlOrEmail(i);
            if (e != 0) { i = e; break; }
          }
          i = Number(i);
          break;
        case kEmojiBase:
        case kRegional:
          i = Emoji(i, cls, len);
          break;
        case kPunctCls:
          if (ch == '#' || ch == '@') {
            size_t e = Tag(i);
            if (e != 0) {
              Emit(ch == '#' ? TokenType::kHashtag : TokenType::kMention, i, e);
              i = e;
              break;
            }
          }
          Emit(TokenType::kPunct, i, i + size_t(len));
          i += size_t(len);
          break;
        case kOtherLetter: {
          size_t e = i + size_t(len);
          while (e < n) {
            int l2;
            Cls c2 = sc_.ClassAt(e, &l2);
            if (c2 != kOtherLetter && c2 != kCombMark) break;
            e += size_t(l2);
          }
          Emit(TokenType::kOther, i, e);
          i = e;
          break;
        }
        default:  // kArMark, kCombMark, kSymbol
          Emit(TokenType::kOther, i, i + size_t(len));
          i += size_t(len);
          break;
      }
    }
  }

 private:
  void Emit(TokenType type, size_t b, size_t e) {
    out_->push_back(Token{type, uint32_t(b), uint32_t(e)});
  }

  // Arabic letters and marks; ZWNJ only when an Arabic letter or mark follows.
  size_t ArabicWord(size_t i) {
    size_t e = ArabicRunEnd(i);
    Emit(TokenType::kArabicWord, i, e);
    return e;
  }
  size_t ArabicRunEnd(size_t i) const {
    const size_t n = sc_.size();
    const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
    const bool* in_word = in_word_;
    size_t e = i;
    while (e < n) {
      // U+0600..U+06FF (lead byte D8..DB, a continuation byte follows in
      // valid UTF-8), most of an Arabic word: one look-up.
      if (static_cast<unsigned char>(s[e] - 0xD8) < 4) {
        if (!in_word[(s[e] & 3u) << 6 | (s[e + 1] & 0x3Fu)]) break;
        e += 2;
        continue;
      }
      int l2;
      Cls c2 = sc_.ClassAt(e, &l2);
      if (c2 == kArLetter || c2 == kArMark) {
        e += size_t(l2);
        continue;
      }
      if (c2 == kZwnj && e + size_t(l2) < n) {
        int l3;
        Cls c3 = sc_.ClassAt(e + size_t(l2), &l3);
        if (c3 == kArLetter || c3 == kArMark) {
          e += size_t(l2);
          continue;
        }
      }
      break;
    }
    return e;
  }

  size_t LatinWord(size_t i) {
    const size_t n = sc_.size();
    size_t e = i;
    while (e < n) {
      int l2;
      Cls c2 = sc_.ClassAt(e, &l2);
      char ch = sc_.at(e);
      if (c2 == kLatLetter || c2 == kCombMark || (ch >= '0' && ch <= '9')) {
        e += size_t(l2);
        continue;
      }
      if (ch == '\'' && e + 1 < n) {
        int l3;
        if (sc_.ClassAt(e + 1, &l3) == kLatLetter) {
          e += 1;
          continue;
        }
      }
      break;
    }
    Emit(TokenType::kLatinWord, i, e);
    return e;
  }

  static bool IsNumberSeparator(char32_t c) {
    return c == '.' || c == ',' || c == 0x066B || c == 0x066C;
  }

  size_t Number(size_t i) {
    const size_t n = sc_.size();
    size_t e = i;
    while (e < n) {
      int l2;
      Cls c2 = sc_.ClassAt(e, &l2);
      if (c2 == kDigit) {
        e += size_t(l2);
        continue;
      }
      char32_t c = sc_.CodeAt(e, &l2);
      if (IsNumberSeparator(c) && e + size_t(l2) < n) {
        int l3;
        if (sc_.ClassAt(e + size_t(l2), &l3) == kDigit) {
          e += size_t(l2);
          continue;
        }
      }
      break;
    }
    Emit(TokenType::kNumber, i, e);
    return e;
  }

  size_t Emoji(size_t i, Cls cls, int len) {
    const size_t n = sc_.size();
    size_t e = i + size_t(len);
    if (cls == kRegional) {
      int l2;
      if (e < n && sc_.ClassAt(e, &l2) == kRegional) e += size_t(l2);
      Emit(TokenType::kEmoji, i, e);
      return e;
    }
    while (e < n) {
      int l2;
      Cls c2 = sc_.ClassAt(e, &l2);
      if (c2 == kEmojiMod) {
        e += size_t(l2);
        continue;
      }
      if (c2 == kZwj && e + size_t(l2) < n) {
        int l3;
        if (sc_.ClassAt(e + size_t(l2), &l3) == kEmojiBase) {
          e += size_t(l2) + size_t(l3);
          continue;
        }
      }
      break;
    }
    Emit(TokenType::kEmoji, i, e);
    return e;
  }

  // '#' or '@' at i: the end of the hashtag/mention, or 0.
  size_t Tag(size_t i) {
    if (i > 0 && IsWordCls(sc_.ClassBefore(i))) return 0;
    const size_t n = sc_.size();
    size_t e = i + 1;
    bool letter = false;
    while (e < n) {
      int l2;
      Cls c2 = sc_.ClassAt(e, &l2);
      if (c2 == kArLetter || c2 == kLatLetter || c2 == kOtherLetter) {
        letter = true;
      } else if (c2 == kZwnj) {
        int l3;
        if (!(e + size_t(l2) < n && sc_.ClassAt(e + size_t(l2), &l3) == kArLetter)) break;
      } else if (!(c2 == kDigit || c2 == kArMark || c2 == kCombMark || sc_.at(e) == '_')) {
        break;
      }
      e += size_t(l2);
    }
    return letter ? e : 0;
  }

  // At an ASCII letter or digit: a URL or e-mail starting here, emitted;
  // returns its end, or 0 when there is none.
  size_t UrlOrEmail(size_t i) {
    if (StartsWithNoCase(text_, i, "http://") || StartsWithNoCase(text_, i, "https://") ||
        (StartsWithNoCase(text_, i, "www.") && i + 4 < text_.size() &&
         IsAsciiAlnum(text_[i + 4]))) {
      size_t e = UrlBody(i);
      Emit(TokenType::kUrl, i, e);
      return e;
    }
    if (i < host_fail_end_) return 0;
    // Scan [A-Za-z0-9._%+-]* once; the result is shared by every start
    // inside the run, so the total work stays linear.
    size_t r = i;
    const size_t n = text_.size();
    while (r < n) {
      char ch = text_[r];
      if (IsAsciiAlnum(ch) || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-')
        ++r;
      else
        break;
    }
    if (r < n && text_[r] == '@' && (i == 0 || !IsWordCls(sc_.ClassBefore(i)))) {
      size_t d = r + 1;
      size_t last_dot = 0;
      while (d < n && (IsAsciiAlnum(text_[d]) || text_[d] == '-' || text_[d] == '.')) {
        if (text_[d] == '.') last_dot = d;
        ++d;
      }
      while (d > r + 1 && text_[d - 1] == '.') --d;  // trailing full stop
      if (last_dot >= d) {
        last_dot = 0;
        for (size_t k = r + 1; k < d; ++k)
          if (text_[k] == '.') last_dot = k;
      }
      if (last_dot > r + 1 && d - last_dot > 2 && IsAsciiAlnum(text_[r - 1]) &&
          IsAsciiAlnum(text_[i])) {
        bool alpha_tld = true;
        for (size_t k = last_dot + 1; k < d; ++k) alpha_tld &= IsAsciiAlpha(text_[k]);
        if (alpha_tld) {
          Emit(TokenType::kEmail, i, d);
          return d;
        }
      }
    }
    // Bare host: labels of [A-Za-z0-9-] separated by single dots, the last a
    // common TLD, then an optional /path.
    if (i == 0 || !IsWordCls(sc_.ClassBefore(i))) {
      size_t h = i;
      size_t last_dot = 0;
      int dots = 0;
      while (h < r) {
        char ch = text_[h];
        if (IsAsciiAlnum(ch) || ch == '-') { ++h; continue; }
        if (ch == '.' && h + 1 < r && IsAsciiAlnum(text_[h + 1]) && h > i &&
            text_[h - 1] != '.') {
          last_dot = h;
          ++dots;
          ++h;
          continue;
        }
        break;
      }
      if (dots >= 1 && IsCommonTld(text_, last_dot + 1, h) &&
          (h == n || !IsAsciiAlnum(text_[h]))) {
        size_t e = h;
        if (h < n && text_[h] == '/') e = UrlBody(h);
        Emit(TokenType::kUrl, i, e);
        return e;
      }
    }
    host_fail_end_ = r;
    return 0;
  }

  // The end of a URL whose body starts at i.
  size_t UrlBody(size_t i) {
    const size_t n = sc_.size();
    size_t e = i;
    while (e < n) {
      int l2;
      Cls c2 = sc_.ClassAt(e, &l2);
      char32_t c = sc_.CodeAt(e, &l2);
      if (EndsUrl(c2, c)) break;
      e += size_t(l2);
    }
    while (e > i + 1 && IsUrlTrailer(text_[e - 1])) --e;
    return e;
  }

  std::string_view text_;
  Scanner sc_;
  std::vector<Token>* out_;
  const uint8_t* low_;     // ClassTable::low
  const bool* in_word_;    // ClassTable::arabic_word
  size_t host_fail_end_ = 0;  // starts below this have no email/host
};

}  // namespace

const char* TokenTypeName(TokenType type) {
  switch (type) {
    case TokenType::kArabicWord: return "arabic";
    case TokenType::kLatinWord: return "latin";
    case TokenType::kNumber: return "number";
    case TokenType::kUrl: return "url";
    case TokenType::kEmail: return "email";
    case TokenType::kHashtag: return "hashtag";
    case TokenType::kMention: return "mention";
    case TokenType::kPunct: return "punct";
    case TokenType::kEmoji: return "emoji";
    case TokenType::kOther: return "other";
  }
  return "?";
}

void Tokenize(std::string_view text, std::vector<Token>* out) {
  out->clear();
  assert(text.size() < 0xFFFFFFFFu);
  Tokenizer(text, out).Run();
}

const KeyedText& MatchKeyTokens(std::string_view text) {
  struct Entry {
    uint64_t hash = 0;
    bool used = false;
    std::string text;
    KeyedText value;
  };
  constexpr size_t kSlots = 1024, kMaxBytes = 4096;
  thread_local std::vector<Entry> slots(kSlots);
  thread_local Entry wide;  // a text too long to keep
  const uint64_t h = XXH3_64bits(text.data(), text.size());
  Entry& e = text.size() <= kMaxBytes ? slots[h & (kSlots - 1)] : wide;
  if (e.used && e.hash == h && e.text == text) return e.value;
  e.used = true;
  e.hash = h;
  e.text.assign(text);
  e.value.key.clear();
  AppendMatchKey(text, &e.value.key);
  Tokenize(e.value.key, &e.value.tokens);
  return e.value;
}

void MatchKeyLines(std::string_view text, std::string* key, std::vector<Token>* tokens) {
  key->clear();
  if (tokens) tokens->clear();
  for (size_t pos = 0;;) {
    const size_t nl = text.find('\n', pos);
    const size_t len = nl == std::string_view::npos ? std::string_view::npos : nl - pos;
    const KeyedText& line = MatchKeyTokens(text.substr(pos, len));
    const auto base = static_cast<uint32_t>(key->size());
    key->append(line.key);
    if (tokens)
      for (Token t : line.tokens) {
        t.begin += base;
        t.end += base;
        tokens->push_back(t);
      }
    if (nl == std::string_view::npos) break;
    key->push_back('\n');
    pos = nl + 1;
  }
}

}  // namespace akhbar::arabic
