#include "akhbar/text.h"

#include "core/utf8.h"

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>

namespace akhbar {

// simdjson's validator (Keiser and Lemire, "Validating UTF-8 in less than
// one instruction per byte", Software: Practice and Experience 2021) checks
// the same well-formedness as IsValidUtf8Scalar below, 16 to 64 bytes at a
// time; the scalar loop took about 12 instructions a byte on Arabic text
// with spaces and punctuation. text_test compares the two on random bytes.
bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

// Well-formedness per the Unicode Standard, Table 3-7 ("Well-Formed UTF-8
// Byte Sequences"): exact lead/continuation ranges exclude overlongs,
// surrogates and values above U+10FFFF.
bool IsValidUtf8Scalar(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    // Fast path: 8 ASCII bytes at a time.
    while (end - p >= 8) {
      uint64_t w;
      __builtin_memcpy(&w, p, 8);
      if (w & 0x8080808080808080ULL) break;
      p += 8;
    }
    // Then 4 Arabic letters at a time: lead bytes 0xD8..0xDB (U+0600..U+06FF),
    // each followed by a continuation byte (little-endian lanes: lead low).
    while (std::endian::native == std::endian::little && end - p >= 8) {
      uint64_t w;
      __builtin_memcpy(&w, p, 8);
      if ((w & 0xC0FCC0FCC0FCC0FCULL) != 0x80D880D880D880D8ULL) break;
      p += 8;
    }
    if (p >= end) break;
    uint8_t c = *p;
    if (c < 0x80) { ++p; continue; }
    // Two-byte sequences (Arabic letters among them) without the range
    // table below.
    if (c >= 0xC2 && c <= 0xDF) {
      if (end - p < 2 || (p[1] & 0xC0) != 0x80) return false;
      p += 2;
      continue;
    }
    int need;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c == 0xE0) { need = 2; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) need = 2;
    else if (c == 0xED) { need = 2; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) need = 2;
    else if (c == 0xF0) { need = 3; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else if (c == 0xF4) { need = 3; hi = 0x8F; }
    else return false;
    if (end - p <= need) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= need; ++i)
      if ((p[i] & 0xC0) != 0x80) return false;
    p += need + 1;
  }
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t CodePointCount(std::string_view s) {
  // The bytes that are not continuation bytes (10xxxxxx), eight at a time:
  // x & ~(x << 1) has bit 7 of a byte set where that byte's bit 7 is 1 and
  // its bit 6 is 0 (the shift carries each byte's bit 7 into the next
  // byte's bit 0, which the mask drops). The per-byte counts add up in the
  // lanes of `lanes` (at most 255 words at a time, so no lane overflows).
  constexpr uint64_t kHigh = 0x8080808080808080ULL, kEven = 0x00FF00FF00FF00FFULL;
  const char* p = s.data();
  const size_t n = s.size();
  size_t i = 0, continuation = 0;
  while (n - i >= 8) {
    const size_t words = std::min<size_t>((n - i) / 8, 255);
    uint64_t lanes = 0;
    for (size_t w = 0; w < words; ++w, i += 8) {
      uint64_t x;
      std::memcpy(&x, p + i, 8);
      lanes += (x & ~(x << 1) & kHigh) >> 7;
    }
    const uint64_t pairs = (lanes & kEven) + ((lanes >> 8) & kEven);  // four 16-bit lanes
    continuation += static_cast<size_t>((pairs * 0x0001000100010001ULL) >> 48);
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuation;
}

std::optional<Utf8Text> Utf8Text::Validate(std::string s) {
  if (!IsValidUtf8(s)) return std::nullopt;
  return Utf8Text(std::move(s));
}

Utf8Text Utf8Text::TrustValid(std::string s) {
  assert(IsValidUtf8(s));
  return Utf8Text(std::move(s));
}

}  // namespace akhbar
