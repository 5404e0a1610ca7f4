#include "akhbar/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstring>
#include <map>
#include <tuple>

#include "arabic/utf8_internal.h"

namespace akhbar::arabic {
namespace {

using internal::Decode;
using internal::Encode;

// Rows 3-13 of the table in normalize.h for one code point (already NFC, not
// a presentation form). Returns false when c is unchanged; otherwise sets
// *out (possibly to empty: the code point is removed).
bool BaseMap(char32_t c, bool match, std::u32string* out) {
  out->clear();
  if ((c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640) return true;
  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF)
    return true;
  char32_t r = 0;
  switch (c) {
    case 0x06A9: case 0x06AB: case 0x06AF: r = 0x0643; break;  // ک ګ گ -> ك
    case 0x06CC: case 0x06D0: case 0x06CD: r = 0x064A; break;  // ی ې ۍ -> ي
    case 0x06D5: case 0x06C0: r = 0x0647; break;               // ە ۀ -> ه
    case 0x067E: r = 0x0628; break;                            // پ -> ب
    case 0x0686: r = 0x062C; break;                            // چ -> ج
    case 0x0698: r = 0x0632; break;                            // ژ -> ز
    case 0x06A4: r = 0x0641; break;                            // ڤ -> ف
    case 0x060C: r = ','; break;
    case 0x061B: r = ';'; break;
    case 0x061F: r = '?'; break;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
      r = '"'; break;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
      r = '\''; break;
    default: break;
  }
  if (c >= 0x0660 && c <= 0x0669) r = '0' + (c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) r = '0' + (c - 0x06F0);
  if (match && r == 0) {
    switch (c) {
      case 0x0623: case 0x0625: case 0x0622: case 0x0671: r = 0x0627; break;
      case 0x0624: r = 0x0648; break;
      case 0x0626: r = 0x064A; break;
      case 0x0649: r = 0x064A; break;
      case 0x0629: r = 0x0647; break;
      default:
        if (c >= 'A' && c <= 'Z') r = c + 32;
        break;
    }
  }
  if (r == 0) return false;
  out->push_back(r);
  return true;
}

bool IsPresentationForm(char32_t c) {
  return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
}

enum : uint8_t {
  kFast = 1,      // handled by the table loop without ICU
  kBoundary = 2,  // NFC boundary before this code point
  kIdentity0 = 4, // unchanged in kDisplay
  kIdentity1 = 8, // unchanged in kMatch
};

struct Rule {
  uint32_t off[2] = {0, 0};  // into Tables::pool, per form
  uint8_t len[2] = {0, 0};
  uint8_t flags = 0;
};

// The rule of a two-byte code point (U+0080..U+07FF, where Arabic letters
// and marks are) flattened for the main loop: its output in each form is at
// most two bytes (rows 3-13 map such a code point to one code point below
// U+0800, or remove it), stored inline, so the common case is one load.
struct TwoByte {
  uint8_t flags = 0;
  uint8_t len[2] = {0, 0};
  char out[2][2] = {{0, 0}, {0, 0}};
};

struct Tables {
  const icu::Normalizer2* nfc = nullptr;
  const icu::Normalizer2* nfkc = nullptr;
  std::vector<uint16_t> index;  // BMP code point -> rules index
  std::vector<Rule> rules;
  std::string pool;
  std::vector<TwoByte> two;  // code point - 0x80 for U+0080..U+07FF
  // block[form][k]: `two` of U+0600 + k packed in one word for the loop
  // over a run of the Arabic block: out[form] in bytes 0-1, len[form] in
  // byte 2, flags in byte 3.
  std::array<std::array<uint32_t, 0x100>, 2> block;
};

// Builds the rule of one code point from ICU data and BaseMap.
Rule MakeRule(const icu::Normalizer2* nfc, const icu::Normalizer2* nfkc, char32_t c,
              std::string* pool) {
  Rule rule;
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString one(static_cast<UChar32>(c));
  bool qc_yes = nfc->quickCheck(one, err) == UNORM_YES && U_SUCCESS(err);
  bool boundary = nfc->hasBoundaryBefore(static_cast<UChar32>(c));
  uint8_t ccc = nfc->getCombiningClass(static_cast<UChar32>(c));
  bool deleted_mark = ((c >= 0x064B && c <= 0x065F) || c == 0x0670) &&
                      !(c >= 0x0653 && c <= 0x0655);  // these compose: slow
  if (deleted_mark || (qc_yes && boundary && ccc == 0)) rule.flags |= kFast;
  if (boundary) rule.flags |= kBoundary;
  for (int form = 0; form < 2; ++form) {
    std::u32string mapped;
    bool changed;
    if (IsPresentationForm(c) && c != 0xFEFF) {
      icu::UnicodeString k = nfkc->normalize(one, err);
      changed = true;
      std::u32string piece;
      for (int32_t i = 0; i < k.length();) {
        UChar32 d = k.char32At(i);
        i += U16_LENGTH(d);
        if (BaseMap(char32_t(d), form == 1, &piece)) mapped += piece;
        else mapped.push_back(char32_t(d));
      }
      if (mapped.size() == 1 && mapped[0] == c) changed = false;
    } else {
      changed = BaseMap(c, form == 1, &mapped);
    }
    if (!changed) {
      rule.flags |= form == 0 ? kIdentity0 : kIdentity1;
      continue;
    }
    std::string bytes;
    for (char32_t d : mapped) internal::AppendUtf8(d, &bytes);
    assert(bytes.size() < 256);
    size_t at = pool->find(bytes);
    if (at == std::string::npos || bytes.empty()) {
      at = pool->size();
      pool->append(bytes);
    }
    rule.off[form] = uint32_t(at);
    rule.len[form] = uint8_t(bytes.size());
  }
  return rule;
}

// Code points above U+FFFF are never changed by rows 2-13, so only their
// NFC properties are needed (computed per call: they are rare in news text).
Rule SupplementaryRule(const icu::Normalizer2* nfc, char32_t c) {
  Rule rule;
  rule.flags = kIdentity0 | kIdentity1;
  UErrorCode err = U_ZERO_ERROR;
  icu::UnicodeString one(static_cast<UChar32>(c));
  bool boundary = nfc->hasBoundaryBefore(static_cast<UChar32>(c));
  if (boundary) rule.flags |= kBoundary;
  if (boundary && nfc->getCombiningClass(static_cast<UChar32>(c)) == 0 &&
      nfc->quickCheck(one, err) == UNORM_YES && U_SUCCESS(err))
    rule.flags |= kFast;
  return rule;
}

const Tables& GetTables() {
  static const Tables* tables = [] {
    auto* t = new Tables;
    UErrorCode err = U_ZERO_ERROR;
    t->nfc = icu::Normalizer2::getNFCInstance(err);
    t->nfkc = icu::Normalizer2::getNFKCInstance(err);
    assert(U_SUCCESS(err));
    t->index.resize(0x10000);
    std::map<std::tuple<uint32_t, uint32_t, uint8_t, uint8_t, uint8_t>, uint16_t> seen;
    for (char32_t c = 0; c < 0x10000; ++c) {
      if (c >= 0xD800 && c <= 0xDFFF) continue;  // never in valid UTF-8
      Rule r = MakeRule(t->nfc, t->nfkc, c, &t->pool);
      auto key = std::make_tuple(r.off[0] | (uint32_t(r.len[0]) << 24),
                                 r.off[1] | (uint32_t(r.len[1]) << 24), r.flags, 0, 0);
      auto [it, inserted] = seen.emplace(key, uint16_t(t->rules.size()));
      if (inserted) t->rules.push_back(r);
      t->index[c] = it->second;
    }
    t->two.resize(0x800 - 0x80);
    for (char32_t c = 0x80; c < 0x800; ++c) {
      const Rule& r = t->rules[t->index[c]];
      TwoByte& tb = t->two[c - 0x80];
      tb.flags = r.flags;
      for (int form = 0; form < 2; ++form) {
        char buf[4];
        std::string_view bytes;
        if (r.flags & (form == 0 ? kIdentity0 : kIdentity1))
          bytes = std::string_view(buf, size_t(Encode(c, buf)));
        else
          bytes = std::string_view(t->pool).substr(r.off[form], r.len[form]);
        if (bytes.size() > 2) {  // never, by the table in normalize.h
          tb.flags &= uint8_t(~kFast);
          continue;
        }
        tb.len[form] = uint8_t(bytes.size());
        std::memcpy(tb.out[form], bytes.data(), bytes.size());
      }
    }
    for (int form = 0; form < 2; ++form)
      for (char32_t k = 0; k < 0x100; ++k) {
        const TwoByte& tb = t->two[0x600 + k - 0x80];
        t->block[form][k] = uint32_t(static_cast<unsigned char>(tb.out[form][0])) |
                            uint32_t(static_cast<unsigned char>(tb.out[form][1])) << 8 |
                            uint32_t(tb.len[form]) << 16 | uint32_t(tb.flags) << 24;
      }
    return t;
  }();
  return *tables;
}

// Output target: text plus (when kOffsets) one source offset per byte.
// Writes through raw pointers into buffers sized ahead (a code point's
// output is a few bytes; the buffers double when an expansion such as a
// ligature runs past them), so that a code point costs no append call;
// Finish() cuts them to the bytes written. With kOffsets, text and offsets
// start empty (Normalize clears both), so their indices coincide.
template <bool kOffsets>
struct Sink {
  std::string* text;
  std::vector<uint32_t>* offsets;
  size_t pos = 0;  // bytes of *text written
  char* buf = nullptr;
  uint32_t* obuf = nullptr;
  size_t cap = 0;

  Sink(std::string* t, std::vector<uint32_t>* o, size_t expected) : text(t), offsets(o), pos(t->size()) {
    Resize(pos + expected + 16);
  }
  void Resize(size_t n) {
    text->resize(n);
    buf = text->data();
    if constexpr (kOffsets) {
      offsets->resize(n);
      obuf = offsets->data();
    }
    cap = n;
  }
  [[gnu::always_inline]] void Reserve(size_t n) {
    if (pos + n > cap) [[unlikely]]
      Resize(std::max(pos + n, 2 * cap));
  }
  [[gnu::always_inline]] void Put(const char* s, size_t n, uint32_t src) {
    Reserve(n);
    char* d = buf + pos;
    if (n == 2) {
      d[0] = s[0];
      d[1] = s[1];
    } else {
      std::memcpy(d, s, n);
    }
    if constexpr (kOffsets) std::fill_n(obuf + pos, n, src);
    pos += n;
  }
  // Up to two bytes: both are written (room for them is reserved), n kept.
  [[gnu::always_inline]] void Put2(const char* s, size_t n, uint32_t src) {
    Reserve(2);
    buf[pos] = s[0];
    buf[pos + 1] = s[1];
    if constexpr (kOffsets) {
      obuf[pos] = src;
      obuf[pos + 1] = src;
    }
    pos += n;
  }
  // The two bytes of `v` (a Tables::block word), `len` of them kept, with
  // room reserved by the caller.
  [[gnu::always_inline]] void PutPacked(uint32_t v, size_t len) {
    std::memcpy(buf + pos, &v, 2);  // (little-endian: bytes 0-1 of v)
    pos += len;
  }
  [[gnu::always_inline]] void Put1(char ch, uint32_t src) {
    Reserve(1);
    buf[pos] = ch;
    if constexpr (kOffsets) obuf[pos] = src;
    ++pos;
  }
  size_t size() const { return pos; }
  void Rewind(size_t n) { pos = n; }
  void Finish() {
    text->resize(pos);
    if constexpr (kOffsets) offsets->resize(pos);
  }
};

template <bool kOffsets>
void Run(std::string_view src, bool match, Sink<kOffsets>& sink) {
  const Tables& t = GetTables();
  const int form = match ? 1 : 0;
  const uint8_t ident_flag = match ? kIdentity1 : kIdentity0;
  const char* s = src.data();
  const size_t n = src.size();
  size_t seg_src = 0;   // start of the current NFC segment in src
  size_t seg_out = sink.size();  // output size when it started
  Rule rule_buf;
  size_t i = 0;
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      // ASCII: always a fast boundary; kMatch lowercases.
      seg_src = i;
      seg_out = sink.size();
      char ch = static_cast<char>(b);
      if (match && b >= 'A' && b <= 'Z') ch = static_cast<char>(b + 32);
      sink.Put1(ch, uint32_t(i));
      ++i;
      continue;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if constexpr (!kOffsets) {
      // A run of the Arabic block (U+0600..U+06FF, lead bytes D8..DB): one
      // packed look-up a code point and no room test (two bytes in, at most
      // two out: the rest of the input bounds the output). Leaves at the
      // first code point that is not fast (or not in the block).
      if (static_cast<unsigned char>(b - 0xD8) < 4) {
        const uint32_t* blk = t.block[form].data();
        sink.Reserve(n - i);
        size_t j = i;
        while (j + 1 < n && static_cast<unsigned char>(s[j] - 0xD8) < 4) {
          const uint32_t v = blk[(static_cast<unsigned char>(s[j]) & 3u) << 6 |
                                 (static_cast<unsigned char>(s[j + 1]) & 0x3Fu)];
          if (!(v & uint32_t(kFast) << 24)) break;
          if (v & uint32_t(kBoundary) << 24) {
            seg_src = j;
            seg_out = sink.size();
          }
          sink.PutPacked(v, (v >> 16) & 0xFF);
          j += 2;
        }
        if (j != i) {
          i = j;
          continue;
        }
      }
    }
#endif
    if (b >= 0xC2 && b < 0xE0) {  // two bytes (valid UTF-8: a continuation follows)
      const TwoByte& tb = t.two[((char32_t(b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F)) - 0x80];
      if (tb.flags & kFast) {
        if (tb.flags & kBoundary) {
          seg_src = i;
          seg_out = sink.size();
        }
        sink.Put2(tb.out[form], tb.len[form], uint32_t(i));
        i += 2;
        continue;
      }
    }
    int len;
    char32_t c = Decode(s, i, &len);
    const Rule* rule;
    if (c < 0x10000) {
      rule = &t.rules[t.index[c]];
    } else {
      rule_buf = SupplementaryRule(t.nfc, c);
      rule = &rule_buf;
    }
    if (rule->flags & kFast) {
      if (rule->flags & kBoundary) {
        seg_src = i;
        seg_out = sink.size();
      }
      if (rule->flags & ident_flag) sink.Put(s + i, size_t(len), uint32_t(i));
      else sink.Put(t.pool.data() + rule->off[form], rule->len[form], uint32_t(i));
      i += size_t(len);
      continue;
    }
    // Slow path: NFC of the segment from the last boundary (or c itself if
    // it starts one) to the next boundary after c, via ICU.
    if (rule->flags & kBoundary) {
      seg_src = i;
      seg_out = sink.size();
    }
    size_t q = i + size_t(len);
    while (q < n) {
      int l2;
      char32_t d = Decode(s, q, &l2);
      bool bnd = d < 0x10000 ? (t.rules[t.index[d]].flags & kBoundary) != 0
                             : t.nfc->hasBoundaryBefore(static_cast<UChar32>(d));
      if (bnd) break;
      q += size_t(l2);
    }
    sink.Rewind(seg_out);
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString seg = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s + seg_src, int32_t(q - seg_src)));
    icu::UnicodeString composed = t.nfc->normalize(seg, err);
    if (U_FAILURE(err)) composed = seg;  // cannot happen for valid input
    for (int32_t k = 0; k < composed.length();) {
      UChar32 d = composed.char32At(k);
      k += U16_LENGTH(d);
      const Rule* r2;
      Rule tmp;
      if (d < 0x10000) {
        r2 = &t.rules[t.index[d]];
      } else {
        tmp = SupplementaryRule(t.nfc, char32_t(d));
        r2 = &tmp;
      }
      if (r2->flags & ident_flag) {
        char buf[4];
        sink.Put(buf, size_t(Encode(char32_t(d), buf)), uint32_t(seg_src));
      } else {
        sink.Put(t.pool.data() + r2->off[form], r2->len[form], uint32_t(seg_src));
      }
    }
    i = q;
    seg_src = q;
    seg_out = sink.size();
  }
}

}  // namespace

void Normalize(std::string_view src, Form form, Normalized* out) {
  assert(src.size() < 0xFFFFFFFFu);
  out->text.clear();
  out->offsets.clear();
  Sink<true> sink(&out->text, &out->offsets, src.size());
  Run<true>(src, form == Form::kMatch, sink);
  sink.Finish();
  out->offsets.push_back(uint32_t(src.size()));
}

Normalized Normalize(std::string_view src, Form form) {
  Normalized n;
  Normalize(src, form, &n);
  return n;
}

void AppendMatchKey(std::string_view src, std::string* out) {
  Sink<false> sink(out, nullptr, src.size());
  Run<false>(src, true, sink);
  sink.Finish();
}

std::string MatchKey(std::string_view src) {
  std::string out;
  AppendMatchKey(src, &out);
  return out;
}

}  // namespace akhbar::arabic
