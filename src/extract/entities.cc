// Entities: gazetteer matching, NER mentions, variant merging, surname
// linking and role phrases. See akhbar/extract.h for the contract.
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include "akhbar/ner.h"
#include "akhbar/normalize.h"
#include "akhbar/stopwords.h"
#include "akhbar/text.h"
#include "core/utf8.h"
#include "core/embedded.h"
#include "core/table.h"
#include "extract/internal.h"

namespace akhbar {
namespace data {
std::string_view NerLexicon();  // data/ner-lexicon.tsv, compiled into akhbar_ner
}  // namespace data
namespace extract_internal {

namespace {

// Decodes one code point of valid UTF-8 at s[*i], advancing *i. Invalid
// bytes decode as U+FFFD one byte at a time (never reads past the end).
// Inline with a fast path for ASCII and two-byte sequences (the Arabic block).
[[gnu::always_inline]] inline char32_t Next(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  if ((c >> 5) == 6 && *i + 2 <= s.size()) {
    unsigned char cc = static_cast<unsigned char>(s[*i + 1]);
    if ((cc & 0xC0) == 0x80) {
      *i += 2;
      return static_cast<char32_t>((c & 0x1F) << 6 | (cc & 0x3F));
    }
    ++*i;
    return 0xFFFD;
  }
  size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || *i + n > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += n;
  return cp;
}

// Light folding of one code point; 0 drops it.
[[gnu::always_inline]] inline char32_t FoldLight(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640 || c == 0x200C || c == 0x200D || c == 0x0621)
    return 0;
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;  // آ أ إ ٱ -> ا
    case 0x0624: return 0x0648;                                         // ؤ -> و
    case 0x0626: case 0x0649: case 0x06CC: case 0x06D0: case 0x06CD: return 0x064A;  // ئ ى ی -> ي
    case 0x0629: case 0x06D5: case 0x06C0: return 0x0647;               // ة ە ۀ -> ه
    case 0x06A9: case 0x06AF: case 0x06AB: return 0x0643;               // ک گ ګ -> ك
    case 0x067E: return 0x0628;                                         // پ -> ب
    case 0x0686: return 0x062C;                                         // چ -> ج
    case 0x0698: return 0x0632;                                         // ژ -> ز
    case 0x06A4: return 0x0641;                                         // ڤ -> ف
    default: break;
  }
  return c;
}

// Writes cp as AppendUtf8 does (0, surrogates and values past U+10FFFF as
// U+FFFD) at p; returns the bytes written (at most 4).
[[gnu::always_inline]] inline size_t PutUtf8(uint32_t cp, char* p) {
  if (cp - 1 < 0x7F) {
    p[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp >= 0x80 && cp < 0x800) {
    p[0] = static_cast<char>(0xC0 | (cp >> 6));
    p[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x10000) {
    p[0] = static_cast<char>(0xE0 | (cp >> 12));
    p[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    p[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  p[0] = static_cast<char>(0xF0 | (cp >> 18));
  p[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  p[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  p[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// A write buffer on the stack for the short words the keys are made of
// (every code point takes at most 4 bytes out and 1 byte in); longer inputs
// go to the heap.
class WordBuf {
 public:
  explicit WordBuf(size_t in_bytes) {
    size_t need = 4 * in_bytes + 4;
    if (need > sizeof(small_)) {
      big_.reset(new char[need]);
      p_ = big_.get();
    }
  }
  char* data() { return p_; }

 private:
  char small_[256];
  char* p_ = small_;
  std::unique_ptr<char[]> big_;
};

}  // namespace

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// FoldLight of U+0600..U+06FF by the low 8 bits (0: dropped), for the
// two-byte fast paths below.
static const std::array<uint16_t, 256>& ArabicBlockFold() {
  static const std::array<uint16_t, 256> table = [] {
    std::array<uint16_t, 256> t{};
    for (uint32_t k = 0; k < 256; ++k) t[k] = static_cast<uint16_t>(FoldLight(0x0600 + k));
    return t;
  }();
  return table;
}

// True if `s` is whole two-byte sequences with lead bytes D8..DB (U+0600..U+06FF).
static bool AllArabicBlock(std::string_view s) {
  if (s.size() & 1) return false;
  for (size_t i = 0; i < s.size(); i += 2) {
    unsigned char a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    if ((a & 0xFC) != 0xD8 || (b & 0xC0) != 0x80) return false;
  }
  return true;
}

// The light form of `word` without the article rule, appended to *out.
static void AppendLight(std::string_view word, std::string* out) {
  if (word.size() <= 64 && AllArabicBlock(word)) {
    // Every letter stays two bytes (FoldLight maps the block into itself).
    const auto& fold = ArabicBlockFold();
    char p[64];
    size_t n = 0;
    for (size_t i = 0; i < word.size(); i += 2) {
      uint32_t k = (static_cast<unsigned char>(word[i]) & 3u) << 6 | (static_cast<unsigned char>(word[i + 1]) & 0x3Fu);
      uint32_t c = fold[k];
      if (c == 0) continue;
      p[n] = static_cast<char>(0xC0 | (c >> 6));
      p[n + 1] = static_cast<char>(0x80 | (c & 0x3F));
      n += 2;
    }
    out->append(p, n);
    return;
  }
  WordBuf buf(word.size());
  char* p = buf.data();
  size_t n = 0, i = 0;
  while (i < word.size()) {
    char32_t c = FoldLight(Next(word, &i));
    if (c != 0) n += PutUtf8(static_cast<uint32_t>(c), p + n);
  }
  out->append(p, n);
}

// LightWord's drop_al rule on out[start..]: ال (4 bytes) followed by at least two letters.
static void DropAl(size_t start, std::string* out) {
  std::string_view w(out->data() + start, out->size() - start);
  if (w.size() >= 8 && w.compare(0, 4, "\xD8\xA7\xD9\x84") == 0) out->erase(start, 4);
}

void LightWord(std::string_view word, bool drop_al, std::string* out) {
  size_t start = out->size();
  AppendLight(word, out);
  if (drop_al) DropAl(start, out);
}

// PhoneticFromLight's consonant folding on U+0600..U+067F by the low 7 bits.
static const std::array<uint8_t, 128>& PhoneticFold() {
  static const std::array<uint8_t, 128> table = [] {
    std::array<uint8_t, 128> t{};
    for (uint32_t k = 0; k < 128; ++k) {
      char32_t c = 0x0600 + k;
      switch (c) {
        case 0x063A: case 0x062C: case 0x0642: c = 0x0643; break;
        case 0x0637: c = 0x062A; break;
        case 0x0635: case 0x062B: c = 0x0633; break;
        case 0x0636: c = 0x062F; break;
        case 0x0638: case 0x0630: c = 0x0632; break;
        default: break;
      }
      t[k] = static_cast<uint8_t>(c - 0x0600);
    }
    return t;
  }();
  return table;
}

// PhoneticFromLight on a light form made only of U+0600..U+067F (lead bytes
// D8, D9): the same steps on 7-bit letter codes.
static void PhoneticArabic(std::string_view light, std::string* out) {
  const auto& fold = PhoneticFold();
  constexpr uint8_t kAlef = 0x27, kWawC = 0x48, kYa = 0x4A, kTa = 0x2A, kSheen = 0x34, kHa = 0x47;
  char o[64];
  size_t n = 0, m = light.size() / 2;
  uint32_t prev = 0x100;  // no letter
  bool first = true;
  for (size_t k = 0; k < m; ++k) {
    uint32_t c = fold[(static_cast<unsigned char>(light[2 * k]) & 1u) << 6 |
                      (static_cast<unsigned char>(light[2 * k + 1]) & 0x3Fu)];
    if (!first && (c == kAlef || c == kWawC || c == kYa)) {
      bool final_ya = c == kYa && (k + 1 == m || (k + 2 == m && ((static_cast<unsigned char>(light[2 * k + 2]) & 1u) << 6 |
                                                                   (static_cast<unsigned char>(light[2 * k + 3]) & 0x3Fu)) == kHa));
      if (!final_ya) continue;
      o[n] = static_cast<char>(0xD8 | (c >> 6));
      o[n + 1] = static_cast<char>(0x80 | (c & 0x3F));
      n += 2;
      break;
    }
    if (c == kSheen && prev == kTa && n == 2) {
      n = 0;  // word-initial تش -> ش
    } else if (c == prev) {
      continue;
    }
    o[n] = static_cast<char>(0xD8 | (c >> 6));
    o[n + 1] = static_cast<char>(0x80 | (c & 0x3F));
    n += 2;
    prev = c;
    first = false;
  }
  out->append(o, n);
}

void PhoneticFromLight(std::string_view light, std::string* out) {
  if (light.size() <= 64 && (light.size() & 1) == 0) {
    bool fast = true;
    for (size_t i = 0; i < light.size() && fast; i += 2)
      fast = (static_cast<unsigned char>(light[i]) & 0xFE) == 0xD8 && (static_cast<unsigned char>(light[i + 1]) & 0xC0) == 0x80;
    if (fast) {
      PhoneticArabic(light, out);
      return;
    }
  }
  WordBuf buf(light.size());
  char* o = buf.data();
  size_t n = 0;  // bytes written to o
  char32_t prev = 0;
  bool first = true;
  size_t i = 0;
  size_t last_len = 0;  // bytes of the last code point written
  while (i < light.size()) {
    char32_t c = Next(light, &i);
    switch (c) {
      case 0x063A: case 0x062C: case 0x0642: c = 0x0643; break;  // غ ج ق -> ك
      case 0x0637: c = 0x062A; break;                             // ط -> ت
      case 0x0635: case 0x062B: c = 0x0633; break;                // ص ث -> س
      case 0x0636: c = 0x062F; break;                             // ض -> د
      case 0x0638: case 0x0630: c = 0x0632; break;                // ظ ذ -> ز
      default: break;
    }
    if (!first && (c == 0x0627 || c == 0x0648 || c == 0x064A)) {
      // Long vowels go, except a final ي / يه (nisba: كوري, كورية are not كوريا).
      size_t rest = i;
      bool final_ya = c == 0x064A && (rest == light.size() || (rest + 2 == light.size() &&
                                                             static_cast<unsigned char>(light[rest]) == 0xD9 &&
                                                             static_cast<unsigned char>(light[rest + 1]) == 0x87));
      if (!final_ya) continue;
      last_len = PutUtf8(static_cast<uint32_t>(c), o + n);
      n += last_len;
      prev = c;
      break;
    }
    if (c == 0x0634 && prev == 0x062A && n == last_len) {
      // word-initial تش -> ش
      n = 0;
    } else if (c == prev) {
      continue;
    }
    last_len = PutUtf8(static_cast<uint32_t>(c), o + n);
    n += last_len;
    prev = c;
    first = false;
  }
  out->append(o, n);
}

// Name particles written joined to the next word or apart (`بن سالم` /
// `بنسالم`, `با عباد` / `باعباد`, `عبد الله` / `عبدالله`, `أبو ظبي`); `ابن`
// is `بن` between two names. The key joins them to the next word.
static bool IsNameParticle(std::string_view light) {
  return light == "\xD8\xA8\xD9\x86" ||                      // بن
         light == "\xD8\xA7\xD8\xA8\xD9\x86" ||              // ابن
         light == "\xD8\xA8\xD8\xA7" ||                      // با
         light == "\xD8\xA7\xD8\xA8\xD9\x88" ||              // ابو
         light == "\xD8\xA8\xD9\x88" ||                      // بو
         light == "\xD8\xB9\xD8\xA8\xD8\xAF";                // عبد
}

// Appends the phonetic form of a particle (light) joined to the next word
// (light, the article kept).
static void AppendJoined(std::string_view particle, std::string_view next, std::string* out) {
  std::string joined(particle == "\xD8\xA7\xD8\xA8\xD9\x86" ? particle.substr(2) : particle);
  joined.append(next);
  PhoneticFromLight(joined, out);
}

std::string Hex64(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[i] = kDigits[v & 15];
  return s;
}

namespace {

// s[pos..] starts with `letter` (two bytes, an Arabic letter).
inline bool IsArabicLetterStart(std::string_view s, size_t pos, std::string_view letter) {
  return pos + 2 <= s.size() && s[pos] == letter[0] && s[pos + 1] == letter[1];
}

// CodePoints(s) >= k, stopping as soon as it is known.
inline bool AtLeastCodePoints(std::string_view s, size_t k) {
  if (s.size() < k) return false;
  if (s.size() >= 4 * k) return true;  // a code point takes at most 4 bytes
  size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (n >= k) return true;
  }
  return false;
}

// Byte length of the first letter of s[pos..] with its following marks.
size_t LetterLen(std::string_view s, size_t pos) {
  size_t i = pos;
  Next(s, &i);
  while (i < s.size()) {
    size_t j = i;
    char32_t c = Next(s, &j);
    if (!((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640)) break;
    i = j;
  }
  return i - pos;
}

// Bytes LightWord(s, false) would write (s is a prefix of a token that ends
// at a code point boundary).
size_t LightBytes(std::string_view s) {
  char tmp[4];
  size_t n = 0, i = 0;
  while (i < s.size()) {
    char32_t c = FoldLight(Next(s, &i));
    if (c != 0) n += PutUtf8(static_cast<uint32_t>(c), tmp);
  }
  return n;
}

// The reading of the token with `strip` bytes skipped (the mention keeps
// them) and its light form read from tok[skip..]. Light folding is one code
// point at a time, so LightWord(tok[skip..]) is `bare` (LightWord(tok)) past
// the light bytes of tok[0, skip): no second pass over the token.
void SetReading(std::string_view tok, std::string_view bare, uint32_t strip, size_t skip, Reading* r) {
  r->strip = strip;
  size_t off = skip == 0 ? 0 : LightBytes(tok.substr(0, skip));
  r->light.assign(bare.data() + off, bare.size() - off);
  DropAl(0, &r->light);
  r->phonetic.clear();
  PhoneticFromLight(r->light, &r->phonetic);
  r->light_hash = KeyHash(r->light);
  r->phonetic_hash = KeyHash(r->phonetic);
}

constexpr std::string_view kWaw = "\xD9\x88", kFa = "\xD9\x81", kBa = "\xD8\xA8", kLam = "\xD9\x84",
                           kKaf = "\xD9\x83";

// The readings of a token (see Reading); `bare` is LightWord(tok, false).
// Reuses the strings already in *out.
void MakeReadings(std::string_view tok, std::string_view bare, std::vector<Reading>* out) {
  size_t count = 0;
  auto add = [&](uint32_t strip, size_t skip) {
    if (count == out->size()) out->emplace_back();
    SetReading(tok, bare, strip, skip, &(*out)[count++]);
  };
  add(0, 0);
  if (AtLeastCodePoints(tok, 4)) {
    size_t bases[2] = {0, 0};
    int nb = 1;
    if (IsArabicLetterStart(tok, 0, kWaw) || IsArabicLetterStart(tok, 0, kFa)) {
      bases[1] = LetterLen(tok, 0);
      add(static_cast<uint32_t>(bases[1]), bases[1]);
      nb = 2;
    }
    for (int b = 0; b < nb; ++b) {
      size_t p = bases[b];
      if (p >= tok.size() || (b > 0 && !AtLeastCodePoints(tok.substr(p), 4))) continue;
      if (IsArabicLetterStart(tok, p, kBa) || IsArabicLetterStart(tok, p, kLam) ||
          IsArabicLetterStart(tok, p, kKaf)) {
        size_t q = p + LetterLen(tok, p);
        if (IsArabicLetterStart(tok, p, kLam) && IsArabicLetterStart(tok, q, kLam)) {
          // لل = ل + ال: read as ال + rest (key drops ال anyway); the mention keeps the ل.
          add(static_cast<uint32_t>(p), q + LetterLen(tok, q));
        } else {
          add(static_cast<uint32_t>(q), q);
        }
      }
    }
  }
  out->resize(count);
}

// ---- gazetteer --------------------------------------------------------

struct GazEntry {
  std::string type, canonical, latin, role, id;
  std::vector<std::string> last_words;  // light keys a surname alone may take
};

struct Gazetteer {
  std::vector<GazEntry> entries;
  std::unordered_map<std::string, int> multi;         // phonetic word keys joined by ' '
  std::unordered_map<std::string, int> single_light;  // one-word variants by light key
  std::unordered_map<std::string, int> single_phon;   // one-word variants (>= 4 letters) by phonetic key
  std::unordered_map<std::string, std::string> single_phon_light;  // phonetic key -> the variant's light form
  WordSet first_words;                                // phonetic keys that start a multi-word variant
  KeyFilter single_light_filter, single_phon_filter;  // the keys of single_light, single_phon
  KeyFilter multi_filter;                             // the keys of multi
  std::unordered_map<std::string, int> surnames;      // light last word of PER entries (unique ones)
  size_t max_words = 1;
};

// Family names written first (Korean, Chinese): `كيم` alone is Kim Jong Un.
const WordSet& FamilyFirst() {
  static const WordSet s = [] {
    WordSet out;
    for (std::string_view w : {"كيم", "شي", "لي", "يون", "تشوي", "مون", "بارك", "هو"}) {
      std::string k;
      LightWord(w, true, &k);
      out.insert(k);
    }
    return out;
  }();
  return s;
}

void SplitWords(std::string_view s, std::vector<std::string_view>* out) {
  out->clear();
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out->push_back(s.substr(i, j - i));
    i = j;
  }
}

const Gazetteer& Gaz() {
  static const Gazetteer gaz = [] {
    Gazetteer g;
    std::unordered_map<std::string, int> surname_count;
    std::vector<std::string_view> words;
    auto add_variant = [&](int idx, std::string_view v) {
      if (v.empty() || v[0] == '~') return;  // ambiguous agency abbreviations
      if (v == "كيف") return;                  // Kyiv's variant is also "how"
      SplitWords(v, &words);
      if (words.empty()) return;
      if (words.size() == 1) {
        std::string light, phon;
        LightWord(words[0], true, &light);
        PhoneticFromLight(light, &phon);
        g.single_light.emplace(light, idx);
        g.single_light_filter.Add(light);
        if (CodePoints(phon) >= 4 && g.single_phon.emplace(phon, idx).second) {
          g.single_phon_light.emplace(phon, light);
          g.single_phon_filter.Add(phon);
        }
        return;
      }
      std::string key;
      for (size_t k = 0; k < words.size(); ++k) {
        std::string light, phon;
        LightWord(words[k], true, &light);
        PhoneticFromLight(light, &phon);
        if (k == 0) g.first_words.insert(phon);
        if (k) key.push_back(' ');
        key += phon;
      }
      g.multi_filter.Add(key);
      g.multi.emplace(key, idx);
      g.max_words = std::max(g.max_words, words.size());
    };
    auto add_entry = [&](std::string_view type, std::string_view canonical, std::string_view latin,
                         std::string_view role, std::string_view variants) {
      GazEntry e;
      e.type = std::string(type);
      e.canonical = std::string(canonical);
      e.latin = std::string(latin);
      e.role = std::string(role);
      e.id = EntityId(type, canonical);
      int idx = static_cast<int>(g.entries.size());
      if (e.type == "PER") {
        SplitWords(canonical, &words);
        if (words.size() >= 2) {
          std::string last;
          LightWord(words.back(), true, &last);
          if (CodePoints(last) >= 3) e.last_words.push_back(last);
          std::string first;
          LightWord(words.front(), true, &first);
          if (FamilyFirst().count(first)) e.last_words = {first};
          for (const auto& w : e.last_words) ++surname_count[w];
        }
      }
      g.entries.push_back(std::move(e));
      add_variant(idx, canonical);
      for (std::string_view v : data::SplitFields(variants, '|')) add_variant(idx, v);
    };
    data::ForEachRow(data::Gazetteer(), [&](const std::vector<std::string_view>& f) {
      if (f.size() < 5) return;
      add_entry(f[0], f[1], f[2], f[3], f[4]);
    });
    data::ForEachRow(data::Agencies(), [&](const std::vector<std::string_view>& f) {
      if (f.size() < 3) return;
      add_entry("ORG", f[0], f[1], "", f[2]);
    });
    for (size_t i = 0; i < g.entries.size(); ++i)
      for (const auto& w : g.entries[i].last_words)
        if (surname_count[w] == 1) g.surnames.emplace(w, static_cast<int>(i));
    return g;
  }();
  return gaz;
}

// ---- spelling of a final ى / ي in person names ------------------------

constexpr std::string_view kAlifMaqsura = "\xD9\x89", kYa = "\xD9\x8A";

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Given names of the tagger's lexicon (FIRST rows of data/ner-lexicon.tsv)
// by light key (hamza, ى/ي folded): how the name is spelt (`سلمى`,
// `إلياس`, `مصطفى`, `علي`).
const std::unordered_map<std::string, std::string>& GivenNameSpelling() {
  static const std::unordered_map<std::string, std::string> m = [] {
    std::unordered_map<std::string, std::string> out;
    data::ForEachRow(data::NerLexicon(), [&](const std::vector<std::string_view>& f) {
      if (f.size() < 2 || f[0] != "FIRST") return;
      for (std::string_view v : data::SplitFields(f[1], '|')) {
        if (v.find(' ') != std::string_view::npos || CodePoints(v) < 3) continue;
        std::string key;
        LightWord(v, false, &key);
        out.emplace(std::move(key), std::string(v));
      }
    });
    return out;
  }();
  return m;
}

// Single-word given names of the tagger's lexicon by light key (`حيدر`,
// `إلياس` -> `الياس`).
const WordSet& GivenNames() {
  static const WordSet s = [] {
    WordSet out;
    data::ForEachRow(data::NerLexicon(), [&](const std::vector<std::string_view>& f) {
      if (f.size() < 2 || f[0] != "FIRST") return;
      for (std::string_view v : data::SplitFields(f[1], '|')) {
        if (v.find(' ') != std::string_view::npos || CodePoints(v) < 3) continue;
        std::string k;
        LightWord(v, false, &k);
        out.insert(std::move(k));
      }
    });
    return out;
  }();
  return s;
}

// A person name with its given names spelt as the lexicon spells them
// (`سلمي` -> `سلمى`, `الياس` -> `إلياس`: hamza and final ى/ي), and a final
// ى elsewhere read as ي when the word is a family name with the article (a
// nisba, `الغزوانى`) or the article also writes it with ي (Egyptian
// typesetting writes a final ي as ى).
std::string SpellPersonName(const std::string& name, const Doc& doc) {
  std::vector<std::string_view> words;
  SplitWords(name, &words);
  std::string out, key;
  for (std::string_view w : words) {
    if (!out.empty()) out.push_back(' ');
    key.clear();
    LightWord(w, false, &key);
    auto it = GivenNameSpelling().find(key);
    if (it != GivenNameSpelling().end() && CodePoints(w) >= 3) {
      out += it->second;
      continue;
    }
    if (!EndsWith(w, kAlifMaqsura) || CodePoints(w) < 3) {
      out.append(w);
      continue;
    }
    std::string ya(w.substr(0, w.size() - 2));
    ya += kYa;
    bool nisba = CodePoints(w) >= 5 && w.compare(0, 4, "\xD8\xA7\xD9\x84") == 0;
    if (nisba || std::any_of(doc.toks.begin(), doc.toks.end(), [&](const Tok& t) {
          return t.word && doc.text.substr(t.begin, t.end - t.begin) == ya;
        })) {
      out += ya;
    } else {
      out.append(w);
    }
  }
  return out;
}

// ---- roles ------------------------------------------------------------

const WordSet& Heads() {
  static const WordSet s = [] {
    WordSet out;
    for (std::string_view w :
         {"رئيس", "رئيسة", "وزير", "وزيرة", "زعيم", "زعيمة", "مستشار", "مستشارة", "ملك", "ملكة", "أمير",
          "شيخ", "نائب", "متحدث", "متحدثة", "ناطق", "أمين", "سفير", "سفيرة", "قائد", "مرشد", "مدير",
          "مديرة", "مبعوث", "مبعوثة", "مندوب", "مندوبة", "جنرال", "لواء", "عميد", "عقيد", "مفوض", "مفوضة",
          "رئيسا", "وزيرا", "ولي", "مساعد", "مسؤول", "مسؤولة", "حاكم", "سيناتور", "ناطقة", "محافظ", "محافظة",
          "مدرب", "مدربة", "عضو", "وكيل", "أمينة", "نائبة"}) {
      std::string k;
      LightWord(w, true, &k);
      out.insert(k);
    }
    return out;
  }();
  return s;
}

const WordSet& ModifierWords() {
  static const WordSet s = [] {
    WordSet out;
    for (std::string_view w : {"خارجية", "دفاع", "داخلية", "وزراء", "باسم", "عام", "أركان", "العهد", "دولة",
                               "مجلس", "حكومة", "جيش", "وزارة", "خارجيتها", "خارجيته", "للأمم", "لشؤون",
                               "باسمها", "باسمه", "باسمهم", "التنفيذي", "التنفيذية"}) {
      std::string k;
      LightWord(w, false, &k);
      out.insert(k);
    }
    return out;
  }();
  return s;
}

bool StartsWithAl(std::string_view bare) {
  return bare.size() >= 8 && (bare.compare(0, 4, "\xD8\xA7\xD9\x84") == 0 ||  // ال
                              bare.compare(0, 4, "\xD9\x84\xD9\x84") == 0);   // لل
}

// Titles and ranks written before a person's name (`المقدم`, `السيدة`,
// `الدكتور`): kept with the definite article, so `رائد` (a given name) is
// not `الرائد` (a rank).
const WordSet& TitleWords() {
  static const WordSet s = [] {
    WordSet out;
    for (std::string_view w :
         {"السيد", "السيدة", "الدكتور", "الدكتورة", "المهندس", "المهندسة", "الأستاذ", "الأستاذة", "المقدم",
          "العقيد", "العميد", "اللواء", "الفريق", "الرائد", "النقيب", "الملازم", "المشير", "الشيخ", "الشيخة",
          "الكابتن", "المدرب", "المدربة", "الحاج", "الحاجة", "البروفيسور", "القاضي", "المحامي", "الأمير",
          "الأميرة", "معالي", "سعادة", "فخامة", "سمو", "د"}) {
      std::string k;
      LightWord(w, false, &k);
      out.insert(k);
    }
    return out;
  }();
  return s;
}

}  // namespace

// The head noun a light word is, with a possessive pronoun removed
// (`مديرتها` -> `مديره`, `رئيسه` -> `رئيس`); "" when it is none. One hash
// look-up: the suffixed forms are listed once.
// A 16-bit fingerprint of a light word (length, first and last letters):
// most words are rejected by a bit test before any hashing of the string.
static uint32_t Fingerprint(const std::string& light) {
  if (light.size() < 2) return 0;
  return static_cast<uint32_t>((light.size() & 31) << 11 | (static_cast<unsigned char>(light[1]) & 63) << 5 |
                               (static_cast<unsigned char>(light.back()) & 31));
}

static const std::string& HeadOf(const std::string& light) {
  static std::vector<bool> prints(1 << 16);
  static const std::unordered_map<std::string, std::string> forms = [] {
    std::unordered_map<std::string, std::string> out;
    for (const std::string& h : Heads()) out.emplace(h, h);  // a head itself first (`مديره` is `مديرة`)
    for (const std::string& h : Heads()) {
      std::string stem = h;
      if (stem.size() >= 4 && stem.compare(stem.size() - 2, 2, "\xD9\x87") == 0)  // ة -> ت before a pronoun
        stem.replace(stem.size() - 2, 2, "\xD8\xAA");
      for (std::string_view suffix : {"\xD9\x87\xD8\xA7", "\xD9\x87\xD9\x85", "\xD9\x87"})  // ها هم ه
        out.emplace(stem + std::string(suffix), h);
    }
    for (const auto& [form, head] : out) prints[Fingerprint(form)] = true;
    return out;
  }();
  static const std::string kNone;
  if (!prints[Fingerprint(light)]) return kNone;
  auto it = forms.find(light);
  return it == forms.end() ? kNone : it->second;
}

// IsRoleHead of a word with these readings and bare form: the whole token,
// or with و/ف removed (`والرئيس`).
static bool RoleHeadOf(std::string_view bare, const Readings& readings) {
  if (!HeadOf(readings[0].light).empty()) return true;
  return readings.size() > 1 && readings[1].strip <= 2 &&
         (bare.rfind("\xD9\x88", 0) == 0 || bare.rfind("\xD9\x81", 0) == 0) &&
         !HeadOf(readings[1].light).empty();
}

// Computed once per word form in BuildDoc (Tok::role_head).
bool IsRoleHead(const Tok& t) { return t.word && t.role_head; }

bool IsTitle(const Tok& t) { return t.word && TitleWords().count(t.bare) > 0; }

bool IsRoleModifier(const Doc& doc, const Tok& t) {
  if (!t.word) return false;
  if (t.mention >= 0) {
    const DocEntity& e = doc.entities[doc.mentions[t.mention].entity];
    return e.type == "LOC" || e.type == "ORG";
  }
  if (StartsWithAl(t.bare)) return true;
  if (ModifierWords().count(t.bare)) return true;
  // A conjoined definite word (`وزير الإسكان والتخطيط العمراني`).
  if (t.bare.size() >= 10 && t.bare.compare(0, 2, "\xD9\x88") == 0 && StartsWithAl(t.bare.substr(2)))
    return true;
  // A noun with ل in construct with a definite word (`لإدارة الحالات`).
  size_t idx = static_cast<size_t>(&t - doc.toks.data());
  if (idx < doc.toks.size() && idx + 1 < doc.toks.size() && CodePoints(t.bare) >= 4 &&
      t.bare.compare(0, 2, "\xD9\x84") == 0 && doc.toks[idx + 1].word && !doc.toks[idx + 1].newline_before &&
      StartsWithAl(doc.toks[idx + 1].bare))
    return true;
  // A nisba adjective without the article (`وزير خارجية كوريا` has none; `شمالي`).
  std::string_view b = t.bare;
  return b.size() >= 8 && (b.substr(b.size() - 2) == "\xD9\x8A");  // ...ي
}

// Role words for comparison: light key, final ه dropped (وزيرة ~ وزير, الكورية ~ الكوري).
static void RoleWords(std::string_view phrase, std::vector<std::string>* out, bool* feminine_head) {
  out->clear();
  std::vector<std::string_view> words;
  SplitWords(phrase, &words);
  for (size_t k = 0; k < words.size(); ++k) {
    std::string light;
    LightWord(words[k], true, &light);
    if (k == 0 && (light.rfind("\xD9\x88", 0) == 0) && HeadOf(light).empty() && light.size() > 2 &&
        !HeadOf(light.substr(2)).empty())
      light.erase(0, 2);
    if (k == 0 && !HeadOf(light).empty()) light = std::string(HeadOf(light));
    bool fem = light.size() >= 4 && light.compare(light.size() - 2, 2, "\xD9\x87") == 0;
    if (k == 0 && feminine_head) *feminine_head = fem;
    if (fem) light.resize(light.size() - 2);
    out->push_back(std::move(light));
  }
}

int ResolveRole(const Doc& doc, uint32_t b, uint32_t e, uint32_t before) {
  if (b >= e) return -1;
  std::string phrase;
  for (uint32_t t = b; t < e; ++t) {
    if (t > b) phrase.push_back(' ');
    phrase.append(doc.text.substr(doc.toks[t].begin, doc.toks[t].end - doc.toks[t].begin));
  }
  std::vector<std::string> want, have;
  bool want_fem = false;
  RoleWords(phrase, &want, &want_fem);
  // Tiers: 3 = head, gender and every complement word match; 2 = head and
  // gender, at least half the complement words; 1 = the same but the other
  // gender (`الرئيس` for a person introduced as `رئيسة`). The best tier
  // wins, then the most recent mention.
  int best = -1, best_tier = 0;
  uint32_t best_pos = 0;
  for (size_t ei = 0; ei < doc.entities.size(); ++ei) {
    const DocEntity& ent = doc.entities[ei];
    if (ent.type != "PER") continue;
    // Latest mention before `before`.
    uint32_t last = UINT32_MAX;
    for (int mi : ent.mentions)
      if (doc.mentions[mi].tok_begin < before) last = doc.mentions[mi].tok_begin;
    if (last == UINT32_MAX) continue;
    int tier = 0;
    auto consider = [&](const std::string& r) {
      bool fem = false;
      RoleWords(r, &have, &fem);
      if (have.empty() || have[0] != want[0]) return;
      size_t matched = 0;
      for (size_t k = 1; k < want.size(); ++k)
        matched += std::find(have.begin() + 1, have.end(), want[k]) != have.end();
      size_t complements = want.size() - 1;
      if (2 * matched < complements) return;
      int t = want_fem && !fem ? 1 : matched == complements ? 3 : 2;
      tier = std::max(tier, t);
    };
    for (const auto& r : ent.roles) consider(r);
    if (!ent.gaz_role.empty()) consider(ent.gaz_role);
    if (tier > 0 && (tier > best_tier || (tier == best_tier && last > best_pos))) {
      best = static_cast<int>(ei);
      best_tier = tier;
      best_pos = last;
    }
  }
  return best;
}

uint32_t Doc::TokenAt(uint32_t byte) const {
  auto it = std::lower_bound(toks.begin(), toks.end(), byte, [](const Tok& t, uint32_t b) { return t.begin < b; });
  return static_cast<uint32_t>(it - toks.begin());
}

namespace {

bool VowelsCompatible(std::string_view a, std::string_view b);

// The gazetteer row one of `readings` matches as a one-word variant (its
// light key, else its phonetic key with compatible vowels), the first
// reading in order that does; -1 if none.
int GazSingleOf(const Readings& readings, uint32_t* strip) {
  const Gazetteer& g = Gaz();
  for (const Reading& r : readings) {
    if (g.single_light_filter.Test(r.light_hash)) {
      auto it = g.single_light.find(r.light);
      if (it != g.single_light.end()) {
        *strip = r.strip;
        return it->second;
      }
    }
    if (!g.single_phon_filter.Test(r.phonetic_hash)) continue;
    auto jt = g.single_phon.find(r.phonetic);
    if (jt != g.single_phon.end() && VowelsCompatible(r.light, g.single_phon_light.at(r.phonetic))) {
      *strip = r.strip;
      return jt->second;
    }
  }
  return -1;
}

// a == b without a library call, for the short strings of words: eight
// bytes a step, the last step overlapping.
inline bool SameBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8) {
    uint64_t x, y;
    for (size_t k = 0; k + 8 < n; k += 8) {
      std::memcpy(&x, p + k, 8);
      std::memcpy(&y, q + k, 8);
      if (x != y) return false;
    }
    std::memcpy(&x, p + n - 8, 8);
    std::memcpy(&y, q + n - 8, 8);
    return x == y;
  }
  if (n >= 4) {
    uint32_t x0, y0, x1, y1;
    std::memcpy(&x0, p, 4);
    std::memcpy(&y0, q, 4);
    std::memcpy(&x1, p + n - 4, 4);
    std::memcpy(&y1, q + n - 4, 4);
    return x0 == y0 && x1 == y1;
  }
  for (size_t k = 0; k < n; ++k)
    if (p[k] != q[k]) return false;
  return true;
}

// What BuildDoc computes of a word token from its bytes alone.
struct WordForms {
  std::string word;  // the token as written (the cache key)
  std::string bare;
  std::vector<Reading> readings;
  const NumberWord* number = nullptr;  // NumberWordOf(word)
  bool role_head = false, gaz_first = false;  // see Tok
  int gaz_single = -1;
  uint32_t gaz_single_strip = 0;
  uint8_t speech_verbs = 0;  // see Tok
  mutable NerId ner;  // see Tok; filled by FindEntities
};
// BuildDoc's per-thread cache of word forms: open addressing (linear
// probing, load <= 1/2) over KeyHash, the forms allocated one by one and
// reused after a reset, so that their strings keep their capacity and the
// steady state allocates nothing. Tokens' `bare` and Readings point into
// the forms, which stay put when the vector of them grows.
class FormCache {
 public:
  // Called only between documents: empties the cache once it holds
  // kMaxWords forms (a doc may add more; the table grows).
  void MaybeReset() {
    if (slots_.empty()) slots_.assign(kInitialSlots, Slot{});
    if (count_ < kMaxWords) return;
    count_ = 0;
    std::fill(slots_.begin(), slots_.end(), Slot{});
  }
  // The table (2 MB) and the forms (some 40 MB) are far larger than the
  // core's caches: BuildDoc asks for the slots of all the document's words
  // first (PrefetchSlot), so that those misses overlap.
  //
  // The forms are not prefetched. A loop that did (__builtin_prefetch of
  // each slot's form) was deleted by GCC 12 as dead code: BuildDoc's
  // disassembly had no prefetch of a form. Forced with an inline
  // prefetcht0, a few words ahead of each lookup, the stall moved from the
  // form's first load (30% of BuildDoc's samples on the dev corpus, 5%
  // after) to the prefetch and the compare of long words' bytes, and
  // ExtractText's CPU time was the same: 34.35 s against 34.47 s summed
  // over 10 runs of bench_extract side by side with the build without it,
  // each pair on the two cores at once, 5 each way round.
  void PrefetchSlot(uint64_t h) const { __builtin_prefetch(&slots_[h & (slots_.size() - 1)]); }
  // The forms of s, whose KeyHash is h.
  const WordForms& Get(std::string_view s, uint64_t h) {
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    for (; slots_[i].id != 0; i = (i + 1) & mask) {
      const Slot& sl = slots_[i];
      if (sl.tag == tag) {
        const WordForms& f = Form(sl.id - 1);
        if (SameBytes(f.word, s)) return f;
      }
    }
    if (count_ == chunks_.size() * kChunk) chunks_.push_back(std::make_unique<WordForms[]>(kChunk));
    WordForms& f = Form(count_++);
    f.word.assign(s);
    f.bare.clear();
    LightWord(s, false, &f.bare);
    MakeReadings(s, f.bare, &f.readings);
    f.number = NumberWordOf(s);
    const Readings rs{f.readings.data(), f.readings.data() + f.readings.size()};
    f.role_head = RoleHeadOf(f.bare, rs);
    const Gazetteer& g = Gaz();
    f.gaz_first = false;
    for (const Reading& r : rs) f.gaz_first = f.gaz_first || g.first_words.count(r.phonetic, r.phonetic_hash) > 0;
    f.gaz_single_strip = 0;
    f.gaz_single = GazSingleOf(rs, &f.gaz_single_strip);
    f.speech_verbs = SpeechVerbsOf(f.bare);
    f.ner = NerId{};
    slots_[i] = Slot{tag, static_cast<uint32_t>(count_)};
    if (2 * count_ > slots_.size()) Grow();
    return f;
  }

 private:
  struct Slot {
    uint32_t tag = 0;  // high half of the KeyHash
    uint32_t id = 0;   // 1 + index of the form, 0 = empty
  };
  WordForms& Form(size_t k) const { return chunks_[k / kChunk][k % kChunk]; }
  void Grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    const size_t mask = bigger.size() - 1;
    for (size_t k = 0; k < count_; ++k) {
      const uint64_t h = KeyHash(Form(k).word);
      size_t i = h & mask;
      while (bigger[i].id != 0) i = (i + 1) & mask;
      bigger[i] = Slot{static_cast<uint32_t>(h >> 32), static_cast<uint32_t>(k + 1)};
    }
    slots_ = std::move(bigger);
  }
  // 2^17 forms (roughly 40 MB) hold the vocabulary of some ten thousand
  // articles: on 2,000 dev articles 2^13 forms refolded 297k of the 786k
  // word tokens, 2^16 118k, for 9% fewer instructions of ExtractText in
  // all (no wall-clock difference measurable on a shared machine). On the
  // whole dev ingest (7.4 M word tokens, two threads) the forms computed
  // were 822k with 2^16 (12 resets), 491k with 2^17 (2), 357k with 2^18
  // (none): 2^17 saves some 0.6 G instructions (1% of the ingest) for 20 MB
  // more a thread, 2^18 another 0.2 G for 40 MB more. The NER tagger's word
  // cache holds 2^18 words.
  static constexpr size_t kMaxWords = size_t(1) << 17;
  static constexpr size_t kInitialSlots = 2 * kMaxWords;
  // Forms live in chunks that never move (tokens view their strings), found
  // without a pointer per form.
  static constexpr size_t kChunk = 1024;
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<WordForms[]>> chunks_;
  size_t count_ = 0;
};

}  // namespace

void BuildDoc(std::string_view text, Doc* doc) {
  doc->text = text;
  doc->mentions.clear();
  doc->entities.clear();
  doc->speeches.clear();
  std::vector<arabic::Token>& raw = doc->raw;
  arabic::Tokenize(text, &raw);
  // Word forms repeat (a news text's vocabulary is Zipfian): their light
  // forms and readings are computed once per distinct token and thread and
  // kept in this cache, which the tokens' Readings point into. The cache is
  // emptied only here, before any token points into it.
  thread_local FormCache cache;
  cache.MaybeReset();
  auto is_word = [](arabic::TokenType type) {
    return type == arabic::TokenType::kArabicWord || type == arabic::TokenType::kLatinWord;
  };
  thread_local std::vector<uint64_t> hashes;
  hashes.resize(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (!is_word(raw[i].type)) continue;
    hashes[i] = KeyHash(text.substr(raw[i].begin, raw[i].end - raw[i].begin));
    cache.PrefetchSlot(hashes[i]);
  }
  doc->toks.resize(raw.size());
  uint32_t sentence = 0;
  uint32_t prev_end = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    Tok& t = doc->toks[i];
    t.begin = raw[i].begin;
    t.end = raw[i].end;
    t.type = raw[i].type;
    t.word = is_word(t.type);
    t.newline_before = false;  // the gap is usually one space: a byte loop, not a memchr call
    for (uint32_t k = prev_end; k < t.begin && !t.newline_before; ++k) t.newline_before = text[k] == '\n';
    if (t.newline_before && i > 0) ++sentence;
    t.sentence = sentence;
    std::string_view s = text.substr(t.begin, t.end - t.begin);
    t.mention = -1;
    if (t.word) {
      const WordForms& f = cache.Get(s, hashes[i]);
      t.bare = f.bare;
      t.readings = Readings{f.readings.data(), f.readings.data() + f.readings.size()};
      t.number_word = f.number;
      t.role_head = f.role_head;
      t.gaz_first = f.gaz_first;
      t.gaz_single = f.gaz_single;
      t.gaz_single_strip = f.gaz_single_strip;
      t.speech_verbs = f.speech_verbs;
      t.ner = &f.ner;
    } else {
      t.readings = Readings{};
      t.bare = s;
      t.number_word = nullptr;
      t.role_head = t.gaz_first = false;
      t.gaz_single = -1;
      t.gaz_single_strip = 0;
      t.speech_verbs = 0;
      t.ner = nullptr;
    }
    if (t.type == arabic::TokenType::kPunct &&
        (s == "." || s == "!" || s == "?" || s == "\xD8\x9F" || s == "\xE2\x80\xA6"))
      ++sentence;
    prev_end = t.end;
  }
}

namespace {

// arabic::Normalize(s, kDisplay).text, with the forms of names and roles
// (which recur from article to article) kept per thread, a bounded cache.
std::string DisplayForm(std::string_view s) {
  thread_local StringMemo cache(8192);
  return cache.Get(s, [](std::string_view k, std::string* out) {
    *out = arabic::Normalize(k, arabic::Form::kDisplay).text;
  });
}

int NewEntity(Doc* doc, std::string type, std::string canonical, std::string key) {
  DocEntity e;
  e.type = std::move(type);
  e.canonical = std::move(canonical);
  e.key = std::move(key);
  doc->entities.push_back(std::move(e));
  return static_cast<int>(doc->entities.size() - 1);
}

int GazEntity(Doc* doc, std::unordered_map<int, int>* by_gaz, int row) {
  auto it = by_gaz->find(row);
  if (it != by_gaz->end()) return it->second;
  const GazEntry& g = Gaz().entries[row];
  int e = NewEntity(doc, g.type, g.canonical, PhoneticKey(g.canonical));
  doc->entities[e].latin = g.latin;
  doc->entities[e].gaz_role = g.role;
  doc->entities[e].gaz = row;
  by_gaz->emplace(row, e);
  return e;
}

struct Span {
  uint32_t tb, te, strip;
  int entity;
};

bool Contiguous(const Doc& doc, uint32_t i, uint32_t n) {
  if (i + n > doc.toks.size()) return false;
  for (uint32_t k = 0; k < n; ++k) {
    const Tok& t = doc.toks[i + k];
    if (!t.word || (k > 0 && t.newline_before)) return false;
  }
  return true;
}

// Two light forms with the same phonetic key are spellings of one word when
// their long vowels (ا و ي) differ between at most one pair of consonants:
// `بوتن` / `بوتين`, but not `الساعدي` / `السعودي` (vowels moved).
bool VowelsCompatible(std::string_view a, std::string_view b) {
  auto gaps = [](std::string_view s, std::vector<std::string>* out) {
    out->assign(1, std::string());
    size_t i = 0;
    bool first = true;
    while (i < s.size()) {
      size_t at = i;
      char32_t c = Next(s, &i);
      if (!first && (c == 0x0627 || c == 0x0648 || c == 0x064A)) {
        out->back().append(s.substr(at, i - at));
      } else {
        out->emplace_back();
      }
      first = false;
    }
  };
  // A final ية is the key of ي (the nisba's feminine).
  auto trim = [](std::string_view s) {
    return s.size() >= 4 && s.compare(s.size() - 4, 4, "\xD9\x8A\xD9\x87") == 0 ? s.substr(0, s.size() - 2) : s;
  };
  a = trim(a);
  b = trim(b);
  std::vector<std::string> ga, gb;
  gaps(a, &ga);
  gaps(b, &gb);
  if (ga.size() != gb.size()) return true;  // letters doubled or folded: leave it to the key
  int differ = 0;
  for (size_t k = 0; k < ga.size(); ++k) differ += ga[k] != gb[k];
  return differ <= 1;
}

// MatchGazAt for a word that may start a match.
uint32_t MatchGazAtWord(const Doc& doc, uint32_t i, int* row, uint32_t* strip) {
  const Tok& t0 = doc.toks[i];
  const Gazetteer& g = Gaz();
  // The key of n words is a prefix of the key of n + 1 words: built once
  // for the longest contiguous run, then looked up longest-first, each
  // prefix through the filter first (most are no entry).
  thread_local std::string key;  // keeps its capacity from call to call
  size_t prefix[64];
  const uint32_t max_n = static_cast<uint32_t>(std::min<size_t>(g.max_words, 63));
  for (const Reading& r : t0.readings) {
    if (!t0.gaz_first || !g.first_words.count(r.phonetic, r.phonetic_hash)) continue;
    key = r.phonetic;
    uint32_t m = 1;
    while (m < max_n && Contiguous(doc, i, m + 1)) {
      key.push_back(' ');
      key += doc.toks[i + m].readings[0].phonetic;
      prefix[++m] = key.size();
    }
    for (uint32_t n = m; n >= 2; --n) {
      const std::string_view k(key.data(), prefix[n]);
      if (!g.multi_filter.MayContain(k)) continue;
      auto it = g.multi.find(std::string(k));
      if (it != g.multi.end()) {
        *row = it->second;
        *strip = r.strip;
        return n;
      }
    }
  }
  if (t0.gaz_single < 0) return 0;
  *row = t0.gaz_single;
  *strip = t0.gaz_single_strip;
  return 1;
}

// Longest gazetteer match starting at token i: its length and row, or 0.
// Inline, the test of the word alone (most words start no match).
inline uint32_t MatchGazAt(const Doc& doc, uint32_t i, int* row, uint32_t* strip) {
  const Tok& t0 = doc.toks[i];
  if (!t0.word || (!t0.gaz_first && t0.gaz_single < 0)) return 0;
  return MatchGazAtWord(doc, i, row, strip);
}

bool IsQuoteMark(const Doc& doc, const Tok& t) {
  if (t.type != arabic::TokenType::kPunct) return false;
  std::string_view p = doc.text.substr(t.begin, t.end - t.begin);
  return p == "\"" || p == "\xE2\x80\x9C" || p == "\xE2\x80\x9D" || p == "\xC2\xAB" || p == "\xC2\xBB";
}

// A word that cannot continue a person's name: a stop word, a word with a
// proclitic before hamza or the article (`بإرسال`, `للقوات`, `الجيش`), one
// with tanween written (`متأثرًا`), or a four-letter أفعل verb (`أبلغ`).
bool JunkNameWord(const Doc& doc, const Tok& t) {
  if (!t.word || t.type != arabic::TokenType::kArabicWord) return true;
  if (arabic::IsStopword(t.bare)) return true;
  std::string_view raw = doc.text.substr(t.begin, t.end - t.begin);
  for (size_t i = 0; i + 1 < raw.size(); ++i)
    if (static_cast<unsigned char>(raw[i]) == 0xD9 && static_cast<unsigned char>(raw[i + 1]) >= 0x8B &&
        static_cast<unsigned char>(raw[i + 1]) <= 0x8D)
      return true;  // tanween
  if (raw.size() >= 4) {
    std::string_view first = raw.substr(0, 2), second = raw.substr(2, 2);
    bool clitic = first == "\xD8\xA8" || first == "\xD9\x84" || first == "\xD9\x88" || first == "\xD9\x81" ||
                  first == "\xD9\x83";
    bool hamza = second == "\xD8\xA3" || second == "\xD8\xA5" || second == "\xD8\xA2";
    if (clitic && hamza) return true;
  }
  std::string_view b = t.bare;
  if (b.size() >= 4 && (b.compare(0, 4, "\xD8\xA7\xD9\x84") == 0 || b.compare(0, 4, "\xD9\x84\xD9\x84") == 0))
    return true;  // ال, لل
  return CodePoints(b) == 4 && b.compare(0, 2, "\xD8\xA7") == 0;  // اXXX: أفعل
}

// A name word written the way foreign names are transliterated (غ, چ, or a
// final نغ/نج).
bool LooksTransliterated(const Tok& t) {
  std::string_view b = t.bare;
  return b.find("\xD8\xBA") != std::string_view::npos ||  // غ
         (b.size() >= 4 && b.compare(b.size() - 4, 4, "\xD9\x86\xD8\xAC") == 0);  // نج
}

}  // namespace

void FindEntities(const ExtractOptions& options, Doc* doc) {
  const Gazetteer& g = Gaz();
  auto& toks = doc->toks;
  std::unordered_map<int, int> by_gaz;
  std::vector<Span> spans;
  std::vector<int> covered(toks.size(), -1);  // index into spans

  // 1. Gazetteer, longest match first.
  for (uint32_t i = 0; i < toks.size();) {
    int row = -1;
    uint32_t strip = 0;
    uint32_t n = MatchGazAt(*doc, i, &row, &strip);
    if (n == 0) {
      ++i;
      continue;
    }
    int e = GazEntity(doc, &by_gaz, row);
    for (uint32_t k = i; k < i + n; ++k) covered[k] = static_cast<int>(spans.size());
    spans.push_back({i, i + n, strip, e});
    i += n;
  }

  // 2. NER mentions that do not overlap a gazetteer match.
  struct NerSpan {
    uint32_t tb, te;
    std::string type;
  };
  std::vector<NerSpan> ner_spans;
  if (options.use_ner) {
    // A word's tagger id comes from its form (ner::Tagger::WordId, kept in
    // BuildDoc's cache): looked up by the word's bytes once per form, not
    // at every occurrence. Other tokens are looked up by the tagger. A text
    // of more tokens than the tagger's cache holds is tagged without ids.
    ner::Tagger& tagger = ner::ThreadTagger();
    const bool with_ids = tagger.Reserve(toks.size());
    const uint32_t gen = tagger.generation();
    thread_local std::vector<uint32_t> ner_ids;
    ner_ids.resize(with_ids ? toks.size() : 0);
    for (size_t i = 0; i < ner_ids.size(); ++i) {
      NerId* c = toks[i].ner;
      if (c == nullptr) {
        ner_ids[i] = ner::Tagger::kNoId;
        continue;
      }
      if (c->gen != gen) {
        c->id = tagger.WordId(doc->text.substr(toks[i].begin, toks[i].end - toks[i].begin));
        c->gen = gen;
      }
      ner_ids[i] = c->id;
    }
    for (const auto& m : tagger.TagEntities(doc->text, doc->raw, /*with_text=*/false,
                                            with_ids ? ner_ids.data() : nullptr)) {
      uint32_t tb = doc->TokenAt(m.begin);
      uint32_t te = doc->TokenAt(m.end);
      if (tb >= te) continue;
      bool overlap = false;
      for (uint32_t k = tb; k < te && !overlap; ++k) overlap = covered[k] >= 0 || !toks[k].word;
      if (overlap) continue;
      NerSpan n{tb, te, ner::EntityTypeName(m.type)};
      if (te - tb == 1) {
        // A quoted word (`"النصر"`) or a stop word is not a name.
        const Tok& t = toks[tb];
        bool quoted = tb > 0 && te < toks.size() && IsQuoteMark(*doc, toks[tb - 1]) && IsQuoteMark(*doc, toks[te]);
        if (quoted || arabic::IsStopword(t.bare)) continue;
      }
      if (n.type == "PER") {
        // The tagger cuts transliterated names short (`كيم يونغ` for
        // `كيم يونغ هيون`): take one more short foreign-looking word.
        if (te < toks.size() && toks[te].word && !toks[te].newline_before && covered[te] < 0 &&
            LooksTransliterated(toks[te - 1]) && CodePoints(toks[te].bare) <= 4 && !JunkNameWord(*doc, toks[te]))
          ++n.te;
      }
      ner_spans.push_back(std::move(n));
    }
  }

  // Local surnames: PER entities named in full in this article.
  std::unordered_map<std::string, int> local;  // light key -> entity
  // A bit per (KeyHash & 255) of the keys of `local`: most words are no
  // surname of the article and need no hashing of the string.
  uint64_t local_bits[4] = {0, 0, 0, 0};
  auto local_set = [&](uint64_t h) { local_bits[(h >> 6) & 3] |= uint64_t(1) << (h & 63); };
  auto local_may = [&](uint64_t h) { return local_bits[(h >> 6) & 3] >> (h & 63) & 1; };
  // The first person named in full keeps a surname (`كيم` is Kim Jong Un
  // even when `كيم يونغ هيون` comes later).
  auto add_local = [&](int e, uint32_t tb, uint32_t te) {
    if (te - tb < 2) return;
    const Tok& first = toks[tb];
    const Reading& f = first.readings.back();
    if (FamilyFirst().count(first.readings[0].light, first.readings[0].light_hash)) {
      local.emplace(first.readings[0].light, e);
      local_set(first.readings[0].light_hash);
    } else if (FamilyFirst().count(f.light, f.light_hash)) {
      local.emplace(f.light, e);
      local_set(f.light_hash);
    } else {
      const Reading& last = toks[te - 1].readings[0];
      if (CodePoints(last.light) >= 3) {
        local.emplace(last.light, e);
        local_set(last.light_hash);
      }
    }
  };
  for (const Span& s : spans)
    if (doc->entities[s.entity].type == "PER") add_local(s.entity, s.tb, s.te);
  // Gazetteer PER entities keyed by their surname, for a surname whose full
  // name is in the gazetteer but not in this article.
  auto link_single = [&](const Tok& t, int* entity, uint32_t* strip) {
    if (local.empty()) return false;
    for (const Reading& r : t.readings) {
      if (!local_may(r.light_hash)) continue;
      auto it = local.find(r.light);
      if (it != local.end()) {
        *entity = it->second;
        *strip = r.strip;
        return true;
      }
    }
    return false;
  };

  std::unordered_map<std::string, int> by_key;  // PhoneticKey -> non-gazetteer entity
  for (const auto& [e_row, e] : by_gaz) by_key.emplace(doc->entities[e].key, e);
  auto group = [&](const std::string& type, uint32_t tb, uint32_t te, uint32_t strip) {
    std::string key, canonical;
    for (uint32_t k = tb; k < te; ++k) {
      if (k > tb) key.push_back(' ');
      if (k + 1 < te && !(k == tb && strip) && IsNameParticle(toks[k].bare)) {
        AppendJoined(toks[k].bare, toks[k + 1].bare, &key);
        ++k;
        continue;
      }
      key += toks[k].readings[k == tb && strip ? toks[k].readings.size() - 1 : 0].phonetic;
    }
    auto it = by_key.find(key);
    if (it != by_key.end()) return it->second;
    uint32_t b = toks[tb].begin + strip;
    int e = NewEntity(doc, type, std::string(doc->text.substr(b, toks[te - 1].end - b)), key);
    by_key.emplace(key, e);
    return e;
  };

  // `كيم أبلغ`, `لكيم متأثرًا`: a known surname and a word that is no name.
  for (NerSpan& n : ner_spans) {
    if (n.te - n.tb < 2 || n.type != "PER") continue;
    int e = -1;
    uint32_t strip = 0;
    if (!link_single(toks[n.tb], &e, &strip) || !JunkNameWord(*doc, toks[n.tb + 1])) continue;
    n.te = n.tb + 1;
  }
  // Multi-word NER persons first (they name people in full).
  for (const NerSpan& n : ner_spans) {
    if (n.te - n.tb < 2 || n.type != "PER") continue;
    // `كيم لافروف`: two known people side by side.
    bool all_known = true;
    for (uint32_t k = n.tb; k < n.te && all_known; ++k) {
      int e = -1;
      uint32_t strip = 0;
      all_known = link_single(toks[k], &e, &strip);
    }
    if (all_known) continue;
    int e = group(n.type, n.tb, n.te, 0);
    add_local(e, n.tb, n.te);
  }
  for (const NerSpan& n : ner_spans) {
    if (n.te - n.tb == 1 || n.type != "PER") {
      int e = -1;
      uint32_t strip = 0;
      if (n.te - n.tb == 1) {
        if (!link_single(toks[n.tb], &e, &strip) && n.type == "PER") {
          for (const Reading& r : toks[n.tb].readings) {
            auto it = g.surnames.find(r.light);
            if (it != g.surnames.end()) {
              e = GazEntity(doc, &by_gaz, it->second);
              strip = r.strip;
              break;
            }
          }
        }
      }
      if (e < 0) e = group(n.type, n.tb, n.te, 0);
      for (uint32_t k = n.tb; k < n.te; ++k) covered[k] = static_cast<int>(spans.size());
      spans.push_back({n.tb, n.te, strip, e});
      continue;
    }
    // Multi-word PER: split into known people, or one entity.
    bool all_known = true;
    std::vector<std::pair<int, uint32_t>> parts;
    for (uint32_t k = n.tb; k < n.te && all_known; ++k) {
      int e = -1;
      uint32_t strip = 0;
      all_known = link_single(toks[k], &e, &strip);
      parts.push_back({e, strip});
    }
    if (all_known) {
      for (uint32_t k = n.tb; k < n.te; ++k) {
        covered[k] = static_cast<int>(spans.size());
        spans.push_back({k, k + 1, parts[k - n.tb].second, parts[k - n.tb].first});
      }
      continue;
    }
    int e = group(n.type, n.tb, n.te, 0);
    for (uint32_t k = n.tb; k < n.te; ++k) covered[k] = static_cast<int>(spans.size());
    spans.push_back({n.tb, n.te, 0, e});
  }

  // 2b. A person named after a role phrase that the tagger missed or cut
  // short: `رئيس النادي حيدر الساعدي`, `رئيس نادي نوارس دجلة حيدر الساعدي`,
  // `الرئيس التنفيذي للشركة رائد [الزهراني]`. The name starts at a given
  // name of the lexicon within the role's complement (or is one word right
  // before a tagged person) and runs: given name, particle + name
  // (`بن سعيد`)..., then one family name.
  auto span_type = [&](uint32_t k) -> const std::string& { return doc->entities[spans[covered[k]].entity].type; };
  auto plain = [&](uint32_t k) {
    const Tok& t = toks[k];
    return t.word && t.type == arabic::TokenType::kArabicWord && covered[k] < 0 && !t.newline_before &&
           !arabic::IsStopword(t.bare) && CodePoints(t.bare) >= 2;
  };
  // A given name of the lexicon that is no other word (`بأن` is not `بان`);
  // with the article only as written in the lexicon or before a given name
  // (`الياس`, `الحسين`).
  auto is_given = [&](uint32_t k) {
    if (!plain(k)) return false;
    const Tok& t = toks[k];
    bool al = StartsWithAl(t.bare);
    if ((!al && JunkNameWord(*doc, t)) || ModifierWords().count(t.bare)) return false;  // `باسم` in a role
    return GivenNames().count(t.bare) > 0 || (al && GivenNames().count(t.readings[0].light) > 0);
  };
  auto comma_at = [&](uint32_t k) {
    std::string_view p = doc->text.substr(toks[k].begin, toks[k].end - toks[k].begin);
    return toks[k].type == arabic::TokenType::kPunct && (p == "," || p == "\xD8\x8C");
  };
  // A new full name takes the tagged one-word mentions of its surname.
  auto absorb = [&](int ent, uint32_t last) {
    const std::string& key = toks[last].readings[0].phonetic;
    for (Span& o : spans) {
      if (o.te - o.tb != 1 || o.entity == ent) continue;
      const DocEntity& d = doc->entities[o.entity];
      if (d.type == "PER" && d.gaz < 0 && d.key == key) o.entity = ent;
    }
  };
  for (uint32_t i = 0; i < toks.size(); ++i) {
    if (covered[i] >= 0 || toks[i].type != arabic::TokenType::kArabicWord || !IsRoleHead(toks[i])) continue;
    uint32_t n = static_cast<uint32_t>(toks.size());
    uint32_t r = i + 1;
    // A span tagged as an organisation that starts with a given name right
    // after the role is a person (`رئيس النادي [حيدر الساعدي]`).
    auto person_mistyped = [&](uint32_t k) {
      if (covered[k] < 0 || span_type(k) == "PER") return false;
      const Span& sp = spans[covered[k]];
      const Tok& t = toks[k];
      return sp.tb == k && sp.te - sp.tb >= 2 && doc->entities[sp.entity].gaz < 0 &&
             !JunkNameWord(*doc, t) && GivenNames().count(t.bare) > 0 && !ModifierWords().count(t.bare);
    };
    while (r < n && r - i <= options.max_role_words + 2 && !toks[r].newline_before && !is_given(r) &&
           !person_mistyped(r) && (covered[r] >= 0 ? span_type(r) != "PER" : IsRoleModifier(*doc, toks[r])))
      ++r;
    uint32_t p = r;
    bool apposition = p < n && comma_at(p);
    if (apposition) ++p;
    while (p < n && covered[p] < 0 && IsTitle(toks[p])) ++p;
    if (p < n && person_mistyped(p)) doc->entities[spans[covered[p]].entity].type = "PER";
    if (p < n && covered[p] >= 0 && span_type(p) == "PER") {
      // `الرئيس التنفيذي لنبراس رائد الزهراني`, `رئيس هانبيت بارك جي هون`
      // tagged as one person: a first word with the preposition ل (and no
      // given name, `ليلى`) or naming an organisation or place of the
      // article is the role's complement.
      Span& sp = spans[covered[p]];
      const Tok& t0 = toks[p];
      auto other = by_key.find(t0.readings[0].phonetic);
      bool named_other = other != by_key.end() && doc->entities[other->second].type != "PER";  // `هانبيت`
      bool preposition = t0.readings.size() > 1 && t0.bare.rfind("\xD9\x84", 0) == 0 &&
                         !GivenNames().count(t0.bare) && !GivenNames().count(t0.readings[0].light);
      if (sp.tb == p && sp.te - sp.tb >= 3 && (preposition || named_other) && doc->entities[sp.entity].gaz < 0) {
        int old = sp.entity;
        int ent = group("PER", p + 1, sp.te, 0);
        if (ent != old)
          for (Span& o : spans)
            if (o.entity == old) o.entity = ent;
        sp.tb = p + 1;
        sp.strip = 0;
        covered[p] = -1;
        add_local(ent, p + 1, sp.te);
      }
      i = sp.te - 1;
      continue;
    }
    if (p >= n) break;
    // The given name: within the next few words of the complement.
    uint32_t first = p;
    // Words of the complement may be places and organisations (`رئيس جمعية
    // مزارعي واحات درعة الحسين أوبلا`).
    while (!apposition && first < n && first - p < 5 && !is_given(first) &&
           (plain(first) || (covered[first] >= 0 && span_type(first) != "PER")))
      ++first;
    if (first < n && first - p < 5 && is_given(first)) {
      uint32_t e = first + 1;
      while (e + 1 < n && plain(e) && plain(e + 1) && IsNameParticle(toks[e].bare)) e += 2;
      if (e < n && plain(e) && !GivenNames().count(toks[e].bare) && !IsNameParticle(toks[e].bare)) ++e;
      if (e < n && covered[e] >= 0 && span_type(e) == "PER" && spans[covered[e]].tb == e) e = first;  // a tagged name follows
      if (e - first >= 2) {
        int ent = group("PER", first, e, 0);
        add_local(ent, first, e);
        absorb(ent, e - 1);
        for (uint32_t k = first; k < e; ++k) covered[k] = static_cast<int>(spans.size());
        spans.push_back({first, e, 0, ent});
        i = e - 1;
        continue;
      }
    }
    // A given name and a family name with the article, then the clause
    // goes on (`الرئيس التنفيذي للشركة رائد الزهراني، ...`, `... إن`), at
    // most five words into the complement. A given name ending in ة must be
    // in the lexicon (`إدارة الأهلي` is no name).
    bool found = false;
    for (uint32_t q = p; q + 1 < n && q - p < 5 && !found; ++q) {
      if (covered[q] >= 0) {
        if (span_type(q) == "PER") break;
        continue;
      }
      if (!plain(q)) break;
      if (apposition && q > p) break;
      const std::string_view w = toks[q].bare;
      if (JunkNameWord(*doc, toks[q]) || StartsWithAl(w) || ModifierWords().count(w) ||
          (EndsWith(w, "\xD9\x87") && !GivenNames().count(w)))
        continue;
      const Tok& f = toks[q + 1];
      if (covered[q + 1] >= 0 && span_type(q + 1) == "PER") {
        // One untagged word right before a tagged one-word person (`رائد` +
        // `الزهراني`, `خافيير` + `أولموس`): the person's given name; the
        // surname alone elsewhere is that person.
        Span& sp = spans[covered[q + 1]];
        if (sp.tb != q + 1 || sp.te - sp.tb != 1 || doc->entities[sp.entity].gaz >= 0) break;
        int old = sp.entity;
        int ent = group("PER", q, sp.te, 0);
        if (ent != old) {
          for (Span& o : spans)
            if (o.entity == old) o.entity = ent;
          for (auto& [k, v] : local)
            if (v == old) v = ent;
        }
        sp.tb = q;
        sp.strip = 0;
        covered[q] = covered[q + 1];
        add_local(ent, q, sp.te);
        i = sp.te - 1;
        found = true;
        break;
      }
      if (!plain(q + 1) || !StartsWithAl(f.bare) || !EndsWith(f.bare, kYa) || CodePoints(f.bare) < 5) continue;
      if (q + 2 < n && toks[q + 2].word && !toks[q + 2].newline_before && !arabic::IsStopword(toks[q + 2].bare))
        continue;
      int ent = group("PER", q, q + 2, 0);
      add_local(ent, q, q + 2);
      absorb(ent, q + 1);
      covered[q] = covered[q + 1] = static_cast<int>(spans.size());
      spans.push_back({q, q + 2, 0, ent});
      i = q + 1;
      found = true;
    }
    if (found) continue;
  }

  // 3. A surname alone, not tagged: linked to the full name in the article.
  for (uint32_t i = 0; i < toks.size(); ++i) {
    if (covered[i] >= 0 || !toks[i].word) continue;
    int e = -1;
    uint32_t strip = 0;
    if (!link_single(toks[i], &e, &strip)) continue;
    // Not the first word of a longer name that is not this person's.
    covered[i] = static_cast<int>(spans.size());
    spans.push_back({i, i + 1, strip, e});
  }

  // 4. Mentions in text order.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.tb < b.tb; });
  doc->mentions.clear();
  for (const Span& s : spans) {
    DocMention m;
    m.tok_begin = s.tb;
    m.tok_end = s.te;
    m.begin = toks[s.tb].begin + s.strip;
    m.end = toks[s.te - 1].end;
    m.entity = s.entity;
    int mi = static_cast<int>(doc->mentions.size());
    for (uint32_t k = s.tb; k < s.te; ++k) toks[k].mention = mi;
    doc->entities[s.entity].mentions.push_back(mi);
    doc->mentions.push_back(m);
  }

  // 5. Canonical of non-gazetteer entities: the longest surface form; type
  // from the first mention. Roles: the phrase before each person mention.
  // Among the longest forms (in words), the most frequent display form wins;
  // ties go to the earliest (`فؤاد المقطري` x2 over `فؤاد المقطرى` x1).
  for (DocEntity& e : doc->entities) {
    if (e.gaz >= 0) continue;
    uint32_t best_words = 0;
    for (int mi : e.mentions)
      best_words = std::max(best_words, doc->mentions[mi].tok_end - doc->mentions[mi].tok_begin);
    std::vector<std::pair<std::string, int>> counts;
    for (int mi : e.mentions) {
      const DocMention& m = doc->mentions[mi];
      if (m.tok_end - m.tok_begin != best_words) continue;
      std::string form = DisplayForm(doc->text.substr(m.begin, m.end - m.begin));
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& p) { return p.first == form; });
      if (it == counts.end()) {
        counts.push_back({std::move(form), 1});
      } else {
        ++it->second;
      }
    }
    int best = 0;
    for (const auto& [form, count] : counts)
      if (count > best) {
        best = count;
        e.canonical = form;
      }
    if (e.type == "PER") e.canonical = SpellPersonName(e.canonical, *doc);
  }
  auto add_role = [&](DocEntity& e, uint32_t b, uint32_t end) {
    std::string role = DisplayForm(doc->text.substr(b, end - b));
    if (std::find(e.roles.begin(), e.roles.end(), role) == e.roles.end()) e.roles.push_back(std::move(role));
  };
  // The head's start with a proclitic و/ف dropped.
  auto head_begin = [&](const Tok& t) {
    return !HeadOf(t.readings[0].light).empty() || t.readings.size() < 2 ? t.begin : t.begin + t.readings[1].strip;
  };
  auto is_comma = [&](const Tok& t) {
    std::string_view p = doc->text.substr(t.begin, t.end - t.begin);
    return t.type == arabic::TokenType::kPunct && (p == "," || p == "\xD8\x8C");
  };
  for (const DocMention& m : doc->mentions) {
    DocEntity& e = doc->entities[m.entity];
    if (e.type != "PER") continue;
    // Before the name: [role phrase] [،] [titles] NAME.
    uint32_t j = m.tok_begin;
    while (j > 0 && IsTitle(toks[j - 1]) && !toks[j].newline_before) {
      add_role(e, toks[j - 1].begin, toks[j - 1].end);
      --j;
    }
    if (j > 1 && is_comma(toks[j - 1]) && !toks[j].newline_before) --j;
    uint32_t seen = 0;
    uint32_t role_end = j;
    while (j > 0 && seen < options.max_role_words + 2) {
      const Tok& t = toks[j - 1];
      if (!t.word || toks[j].newline_before) break;
      if (IsRoleHead(t)) {
        add_role(e, head_begin(t), toks[role_end - 1].end);
        break;
      }
      if (!IsRoleModifier(*doc, t)) break;
      --j;
      ++seen;
    }
    // After the name: NAME، role phrase (`كريم بنسالم، الرئيس التنفيذي للشركة،`).
    uint32_t k = m.tok_end;
    if (k + 1 < toks.size() && is_comma(toks[k]) && IsRoleHead(toks[k + 1]) && !toks[k + 1].newline_before) {
      uint32_t h = k + 1, r = h + 1;
      while (r < toks.size() && r - h <= options.max_role_words + 2 && !toks[r].newline_before &&
             IsRoleModifier(*doc, toks[r]))
        ++r;
      add_role(e, head_begin(toks[h]), toks[r - 1].end);
    }
  }
}

}  // namespace extract_internal

using namespace extract_internal;

static std::string ComputePhoneticKey(std::string_view name) {
  std::vector<std::string_view> words;
  SplitWords(name, &words);
  std::string out, light, next;
  for (size_t k = 0; k < words.size(); ++k) {
    light.clear();
    LightWord(words[k], false, &light);
    if (k + 1 < words.size() && IsNameParticle(light)) {
      next.clear();
      LightWord(words[k + 1], false, &next);
      if (!out.empty()) out.push_back(' ');
      AppendJoined(light, next, &out);
      ++k;
      continue;
    }
    // LightWord's drop_al rule: ال before at least two letters.
    std::string_view w = light;
    if (w.size() >= 8 && w.compare(0, 4, "\xD8\xA7\xD9\x84") == 0) w.remove_prefix(4);
    if (w.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    PhoneticFromLight(w, &out);
  }
  return out;
}

// Names recur from article to article (gazetteer entries, the people in
// the news): their keys are kept per thread, a bounded cache. The reference
// is valid until the next call on this thread.
static const std::string& CachedPhoneticKey(std::string_view name) {
  thread_local StringMemo cache(8192);
  return cache.Get(name, [](std::string_view k, std::string* out) { *out = ComputePhoneticKey(k); });
}

std::string PhoneticKey(std::string_view name) { return CachedPhoneticKey(name); }

std::string EntityId(std::string_view type, std::string_view canonical) {
  std::string id;
  for (char c : type) id.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  id.push_back(':');
  const std::string& key = CachedPhoneticKey(canonical);
  id += Hex64(XXH64(key.data(), key.size(), 0));
  return id;
}

std::string GazetteerId(std::string_view name) {
  if (!IsValidUtf8(name)) return {};
  Doc doc;
  BuildDoc(name, &doc);
  if (doc.toks.empty()) return {};
  int row = -1;
  uint32_t strip = 0;
  uint32_t n = MatchGazAt(doc, 0, &row, &strip);
  if (n == 0 || n != doc.toks.size()) return {};
  return Gaz().entries[row].id;
}

}  // namespace akhbar
