// Internal UTF-8 helpers for the arabic stage. Inputs are promised valid
// UTF-8 (checked by the callers' types), so decoding does no validation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace akhbar::arabic::internal {

// Decodes the code point at s[i] (valid UTF-8, i < n); sets *len to its byte
// length.
inline char32_t Decode(const char* s, size_t i, int* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s) + i;
  unsigned char c = p[0];
  if (c < 0x80) { *len = 1; return c; }
  if (c < 0xE0) { *len = 2; return (char32_t(c & 0x1F) << 6) | (p[1] & 0x3F); }
  if (c < 0xF0) {
    *len = 3;
    return (char32_t(c & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  }
  *len = 4;
  return (char32_t(c & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) |
         (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

// Writes the UTF-8 encoding of c (a scalar value) to buf; returns its length.
inline int Encode(char32_t c, char* buf) {
  if (c < 0x80) { buf[0] = char(c); return 1; }
  if (c < 0x800) {
    buf[0] = char(0xC0 | (c >> 6));
    buf[1] = char(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    buf[0] = char(0xE0 | (c >> 12));
    buf[1] = char(0x80 | ((c >> 6) & 0x3F));
    buf[2] = char(0x80 | (c & 0x3F));
    return 3;
  }
  buf[0] = char(0xF0 | (c >> 18));
  buf[1] = char(0x80 | ((c >> 12) & 0x3F));
  buf[2] = char(0x80 | ((c >> 6) & 0x3F));
  buf[3] = char(0x80 | (c & 0x3F));
  return 4;
}

inline void AppendUtf8(char32_t c, std::string* out) {
  char buf[4];
  out->append(buf, size_t(Encode(c, buf)));
}

}  // namespace akhbar::arabic::internal
