#include "akhbar/language.h"

#include <unicode/uchar.h>

#include <bitset>

#include "arabic/utf8_internal.h"

namespace akhbar::arabic {

namespace {

// u_isalpha of every code point below U+0800 (the Arabic block among them),
// looked up once: news text is nearly all such code points.
struct AlphaTable {
  std::bitset<0x800> alpha;
  // The Arabic block U+0600..U+06FF (UTF-8 lead bytes D8..DB), indexed by
  // the low two bits of the lead byte and the continuation byte's six: 1
  // for a letter that counts as Arabic (u_isalpha, tatweel U+0640 not).
  uint8_t arabic_block[256] = {};
  AlphaTable() {
    for (char32_t c = 0; c < 0x800; ++c) alpha[c] = u_isalpha(UChar32(c)) != 0;
    for (char32_t k = 0; k < 256; ++k) arabic_block[k] = 0x600 + k != 0x640 && alpha[0x600 + k];
  }
};

const AlphaTable& Table() {
  static const AlphaTable table;
  return table;
}

bool IsAlpha(char32_t c) { return c < 0x800 ? Table().alpha[c] : u_isalpha(UChar32(c)) != 0; }

}  // namespace

ScriptShare MeasureScript(std::string_view text) {
  ScriptShare share;
  const char* s = text.data();
  const size_t n = text.size();
  const AlphaTable& table = Table();
  size_t i = 0;
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0xD8 && b <= 0xDB) {  // two bytes, U+0600..U+06FF: most of an Arabic text
      share.arabic_letters += table.arabic_block[((b - 0xD8u) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu)];
      i += 2;
      continue;
    }
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ++share.latin_letters;
      ++i;
      continue;
    }
    int len;
    char32_t c = internal::Decode(s, i, &len);
    i += size_t(len);
    bool arabic_range = (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
                        (c >= 0x08A0 && c <= 0x08FF) || (c >= 0xFB50 && c <= 0xFDFF) ||
                        (c >= 0xFE70 && c <= 0xFEFF);
    if (arabic_range) {
      if (c != 0x0640 && IsAlpha(c)) ++share.arabic_letters;
      continue;
    }
    if (!IsAlpha(c)) continue;
    bool latin = (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF) || c == 0x00AA ||
                 c == 0x00BA;
    if (latin) ++share.latin_letters;
    else ++share.other_letters;
  }
  size_t total = share.arabic_letters + share.latin_letters + share.other_letters;
  share.arabic_share = total == 0 ? 0.0 : double(share.arabic_letters) / double(total);
  return share;
}

bool IsArabic(const ScriptShare& share) {
  return share.arabic_letters > 0 && share.arabic_share >= kMinArabicShare;
}

}  // namespace akhbar::arabic
