// Charset detection and conversion to UTF-8 (see akhbar/decode.h).
#include "akhbar/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

namespace akhbar {
namespace {

constexpr size_t kBinarySample = 8192;
constexpr size_t kDetectSample = 64 * 1024;

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && std::memcmp(s.data(), p.data(), p.size()) == 0;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Names the kind of binary data, or nullopt if `bytes` looks like text.
// Looks at the first 8 KiB only.
std::optional<std::string> BinaryKind(std::string_view bytes) {
  struct Magic { std::string_view prefix; const char* name; };
  static constexpr std::array<Magic, 9> kMagic = {{
      {"\x89PNG\r\n\x1a\n", "PNG image"},
      {"\xFF\xD8\xFF", "JPEG image"},
      {"GIF87a", "GIF image"},
      {"GIF89a", "GIF image"},
      {"%PDF-", "PDF document"},
      {"PK\x03\x04", "ZIP archive"},
      {"\x1F\x8B", "gzip data"},
      {"\x7F" "ELF", "ELF executable"},
      {"\x28\xB5\x2F\xFD", "zstd data"},
  }};
  for (const auto& m : kMagic)
    if (StartsWith(bytes, m.prefix)) return std::string(m.name);
  if (StartsWith(bytes, "RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP")
    return std::string("WebP image");
  std::string_view sample = bytes.substr(0, kBinarySample);
  size_t controls = 0;
  auto scan = [&controls](std::string_view part) {
    for (unsigned char c : part) {
      if (c == 0) return false;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') ++controls;
    }
    return true;
  };
  // Eight bytes at a time while none is below 0x20 (most of a text, whose
  // lines break every few dozen bytes): a word has such a byte exactly when
  // (x - 0x20 in every byte) & ~x has a high bit set ("hasless", Sean
  // Anderson's Bit Twiddling Hacks); such a word is scanned byte by byte.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  size_t i = 0;
  for (; i + 8 <= sample.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, sample.data() + i, 8);
    if (((x - kOnes * 0x20) & ~x & kHigh) == 0) continue;
    if (!scan(sample.substr(i, 8))) return std::string("NUL bytes");
  }
  if (!scan(sample.substr(i))) return std::string("NUL bytes");
  if (controls * 50 > sample.size()) return std::string("control characters");
  return std::nullopt;
}

// Copies `s` as UTF-8, replacing each maximal invalid subpart (Unicode
// Standard 3.9, "U+FFFD Substitution of Maximal Subparts") by U+FFFD.
// Counts the invalid bytes and the valid multi-byte sequences.
struct Utf8Repair {
  std::string out;
  size_t invalid_bytes = 0;
  size_t multibyte = 0;
};

Utf8Repair RepairUtf8(std::string_view s, bool build_output) {
  Utf8Repair r;
  if (build_output) r.out.reserve(s.size() + 16);
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto* end = p + s.size();
  const auto* run = p;  // start of pending valid bytes
  auto flush = [&](const uint8_t* upto) {
    if (build_output) r.out.append(reinterpret_cast<const char*>(run), upto - run);
  };
  while (p < end) {
    uint8_t c = *p;
    if (c < 0x80) { ++p; continue; }
    int need = -1;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) { need = 2; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) need = 2;
    else if (c == 0xED) { need = 2; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) need = 2;
    else if (c == 0xF0) { need = 3; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else if (c == 0xF4) { need = 3; hi = 0x8F; }
    int ok = 0;  // continuation bytes that are valid so far
    if (need > 0) {
      for (int i = 1; i <= need && p + i < end; ++i) {
        uint8_t b = p[i];
        uint8_t l = (i == 1) ? lo : 0x80, h = (i == 1) ? hi : 0xBF;
        if (b < l || b > h) break;
        ++ok;
      }
    }
    if (need > 0 && ok == need) {
      ++r.multibyte;
      p += need + 1;
      continue;
    }
    flush(p);
    size_t bad = static_cast<size_t>(ok) + 1;
    r.invalid_bytes += bad;
    if (build_output) r.out.append("\xEF\xBF\xBD");
    p += bad;
    run = p;
  }
  flush(end);
  return r;
}

bool IsArabicBlock(UChar c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

struct Converted {
  std::string utf8;
  size_t replaced = 0;
  long score = 0;
};

struct CountCtx { size_t n = 0; };

extern "C" void CountingToUCallback(const void* context, UConverterToUnicodeArgs* args,
                                    const char* code_units, int32_t length,
                                    UConverterCallbackReason reason, UErrorCode* err) {
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
    static_cast<CountCtx*>(const_cast<void*>(context))->n += static_cast<size_t>(std::max(length, 1));
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, err);
}

struct ConverterCloser { void operator()(UConverter* c) const { ucnv_close(c); } };
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Converts `bytes` from the ICU converter `name` to UTF-8 in 16 Ki-unit
// chunks; nullopt if ICU has no such converter.
std::optional<Converted> ConvertWithIcu(const std::string& name, std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(name.c_str(), &err));
  if (U_FAILURE(err) || !conv) return std::nullopt;
  CountCtx ctx;
  err = U_ZERO_ERROR;
  ucnv_setToUCallBack(conv.get(), CountingToUCallback, &ctx, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return std::nullopt;

  Converted out;
  out.utf8.reserve(bytes.size() * 2 + 16);
  constexpr int32_t kChunk = 16 * 1024;
  std::vector<UChar> u16(kChunk + 1);
  std::string u8buf;
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar carry = 0;  // a lead surrogate left from the previous chunk
  bool done = false;
  while (!done) {
    UChar* target = u16.data();
    if (carry) { *target++ = carry; carry = 0; }
    UChar* target_start = u16.data();
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, u16.data() + u16.size(), &src, src_end, nullptr,
                   /*flush=*/true, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      err = U_ZERO_ERROR;
    } else if (U_FAILURE(err)) {
      return std::nullopt;
    } else {
      done = true;
    }
    int32_t n = static_cast<int32_t>(target - target_start);
    if (!done && n > 0 && U16_IS_LEAD(target_start[n - 1])) { carry = target_start[n - 1]; --n; }
    for (int32_t i = 0; i < n; ++i) {
      UChar c = target_start[i];
      if (c == 0xFFFD) out.score -= 10;
      else if (c >= 0x80 && c <= 0x9F) out.score -= 5;
      else if (u_isalpha(c)) out.score += IsArabicBlock(c) ? 2 : 1;
    }
    int32_t need = 0;
    int32_t subs = 0;
    UErrorCode e2 = U_ZERO_ERROR;
    u_strToUTF8WithSub(nullptr, 0, &need, target_start, n, 0xFFFD, &subs, &e2);
    u8buf.resize(static_cast<size_t>(need));
    e2 = U_ZERO_ERROR;
    u_strToUTF8WithSub(u8buf.data(), need, &need, target_start, n, 0xFFFD, &subs, &e2);
    if (U_FAILURE(e2) && e2 != U_STRING_NOT_TERMINATED_WARNING) return std::nullopt;
    out.utf8.append(u8buf.data(), static_cast<size_t>(need));
    out.replaced += static_cast<size_t>(subs);
  }
  out.replaced += ctx.n;
  return out;
}

std::string DetectWithUchardet(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  if (!ud) return {};
  std::string_view sample = bytes.substr(0, kDetectSample);
  std::string result;
  if (uchardet_handle_data(ud, sample.data(), sample.size()) == 0) {
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    if (cs) result = cs;
  }
  uchardet_delete(ud);
  return result;
}

DecodedText MakeDecoded(std::string utf8, std::string charset, size_t replaced, bool bom) {
  DecodedText d;
  d.text = Utf8Text::TrustValid(std::move(utf8));
  d.charset = std::move(charset);
  d.replaced = replaced;
  d.had_bom = bom;
  return d;
}

}  // namespace

std::string CanonicalCharsetName(std::string_view label) {
  size_t b = 0, e = label.size();
  while (b < e && (label[b] == ' ' || label[b] == '\t' || label[b] == '"' || label[b] == '\'')) ++b;
  while (e > b && (label[e - 1] == ' ' || label[e - 1] == '\t' || label[e - 1] == '"' ||
                   label[e - 1] == '\'' || label[e - 1] == ';'))
    --e;
  std::string l = LowerAscii(label.substr(b, e - b));
  if (l.empty() || l.size() > 64) return {};
  if (l == "utf-8" || l == "utf8") return "UTF-8";
  if (l == "windows-1256" || l == "cp1256" || l == "x-cp1256") return "windows-1256";
  if (l == "iso-8859-6" || l == "iso8859-6" || l == "iso_8859-6" || l == "arabic") return "ISO-8859-6";
  if (l == "us-ascii" || l == "ascii") return "US-ASCII";
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(l.c_str(), &err));
  if (U_FAILURE(err) || !conv) return {};
  err = U_ZERO_ERROR;
  const char* internal = ucnv_getName(conv.get(), &err);
  if (U_FAILURE(err) || !internal) return {};
  for (const char* standard : {"MIME", "IANA"}) {
    UErrorCode e2 = U_ZERO_ERROR;
    const char* n = ucnv_getStandardName(internal, standard, &e2);
    if (U_SUCCESS(e2) && n) return n;
  }
  return internal;
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view hint) {
  // 1. BOMs.
  if (StartsWith(bytes, "\xEF\xBB\xBF")) {
    std::string_view rest = bytes.substr(3);
    if (IsValidUtf8(rest)) return MakeDecoded(std::string(rest), "UTF-8", 0, true);
    Utf8Repair r = RepairUtf8(rest, true);
    return MakeDecoded(std::move(r.out), "UTF-8", r.invalid_bytes, true);
  }
  if (StartsWith(bytes, "\xFF\xFE") || StartsWith(bytes, "\xFE\xFF")) {
    std::string cs = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    auto c = ConvertWithIcu(cs, bytes.substr(2));
    if (!c) return Status::Unsupported("no converter for " + cs);
    return MakeDecoded(std::move(c->utf8), cs, c->replaced, true);
  }
  // 2. Binary data.
  if (auto kind = BinaryKind(bytes))
    return Status::Invalid("binary data, not text (" + *kind + ")");
  // 3. Strict UTF-8.
  if (IsValidUtf8(bytes)) return MakeDecoded(std::string(bytes), "UTF-8", 0, false);
  // 4. Mostly UTF-8.
  Utf8Repair stats = RepairUtf8(bytes, false);
  if (stats.multibyte >= 2 * stats.invalid_bytes) {
    Utf8Repair r = RepairUtf8(bytes, true);
    return MakeDecoded(std::move(r.out), "UTF-8", r.invalid_bytes, false);
  }
  // 5. Legacy single-byte charsets: convert with each candidate, keep the best.
  std::vector<std::string> candidates;
  auto add = [&](std::string cs) {
    if (cs.empty() || cs == "UTF-8" || cs == "US-ASCII" || cs.rfind("UTF-", 0) == 0) return;
    if (std::find(candidates.begin(), candidates.end(), cs) == candidates.end())
      candidates.push_back(std::move(cs));
  };
  if (!hint.empty()) add(CanonicalCharsetName(hint));
  add(CanonicalCharsetName(DetectWithUchardet(bytes)));
  add("windows-1256");
  add("ISO-8859-6");
  std::optional<Converted> best;
  std::string best_name;
  for (const auto& cs : candidates) {
    auto c = ConvertWithIcu(cs, bytes);
    if (!c) continue;
    if (!best || c->score > best->score) {
      best = std::move(c);
      best_name = cs;
    }
  }
  if (!best) {  // cannot happen with ICU's built-in tables; keep UTF-8 as a floor
    Utf8Repair r = RepairUtf8(bytes, true);
    return MakeDecoded(std::move(r.out), "UTF-8", r.invalid_bytes, false);
  }
  return MakeDecoded(std::move(best->utf8), best_name, best->replaced, false);
}

Result<Utf8Text> DecodeDocument(RawDocument& doc) {
  auto r = DecodeToUtf8(doc.content.data, doc.charset_hint);
  if (!r.ok()) return Status(r.status().code(), doc.Where() + ": " + r.status().message());
  DecodedText& d = r.value();
  if (d.charset != "UTF-8") doc.warnings.push_back("decoded from " + d.charset);
  if (d.replaced > 0)
    doc.warnings.push_back(std::to_string(d.replaced) + " invalid byte" + (d.replaced == 1 ? "" : "s") +
                           " replaced by U+FFFD (" + d.charset + ")");
  if (!doc.charset_hint.empty()) {
    std::string declared = CanonicalCharsetName(doc.charset_hint);
    if (!declared.empty() && declared != d.charset && declared != "US-ASCII")
      doc.warnings.push_back("declared charset " + declared + ", detected " + d.charset);
  }
  return std::move(d.text);
}

std::string PrescanHtmlCharset(std::string_view bytes, size_t limit) {
  std::string_view s = bytes.substr(0, limit);
  auto ieq = [&](size_t at, std::string_view word) {
    if (at + word.size() > s.size()) return false;
    for (size_t k = 0; k < word.size(); ++k)
      if (Lower(s[at + k]) != word[k]) return false;
    return true;
  };
  // Value after `key` = ... inside [from, to): the first occurrence followed by '='.
  auto value_after = [&](size_t from, size_t to, std::string_view key) -> std::string {
    for (size_t i = from; i + key.size() <= to; ++i) {
      if (!ieq(i, key)) continue;
      size_t j = i + key.size();
      while (j < to && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
      if (j >= to || s[j] != '=') continue;
      ++j;
      while (j < to && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;
      if (j < to && (s[j] == '"' || s[j] == '\'')) ++j;
      size_t k = j;
      while (k < to && s[k] != '"' && s[k] != '\'' && s[k] != ';' && s[k] != '>' && s[k] != '/' &&
             s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r' && s[k] != '?')
        ++k;
      if (k > j) return LowerAscii(s.substr(j, k - j));
    }
    return {};
  };
  size_t i = 0;
  if (StartsWith(s, "\xEF\xBB\xBF")) i = 3;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) ++i;
  if (ieq(i, "<?xml")) {
    size_t end = s.find("?>", i);
    if (end == std::string_view::npos) end = s.size();
    std::string v = value_after(i, end, "encoding");
    if (!v.empty()) return v;
  }
  for (; i < s.size(); ++i) {
    if (s[i] != '<') continue;
    if (ieq(i, "<!--")) {
      size_t end = s.find("-->", i + 4);
      if (end == std::string_view::npos) return {};
      i = end + 2;
      continue;
    }
    if (ieq(i, "<meta") && i + 5 < s.size() &&
        (s[i + 5] == ' ' || s[i + 5] == '\t' || s[i + 5] == '\n' || s[i + 5] == '\r' || s[i + 5] == '/')) {
      size_t end = s.find('>', i);
      if (end == std::string_view::npos) end = s.size();
      std::string v = value_after(i + 5, end, "charset");
      if (!v.empty()) return v;
      i = end;
    }
  }
  return {};
}

}  // namespace akhbar
