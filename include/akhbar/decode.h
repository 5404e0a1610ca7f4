// akhbar/decode.h: bytes in any supported charset -> valid UTF-8.
//
// Detects UTF-8 (with or without BOM), UTF-16LE/BE with BOM, windows-1256 and
// ISO-8859-6, using, in this order:
//   1. a BOM (UTF-8, UTF-16LE, UTF-16BE): decisive;
//   2. a binary check on the first 8 KiB (NUL bytes, C0 controls, magic
//      numbers of images/archives): binary data is an error;
//   3. strict UTF-8 validation (fast path, no copy beyond the result);
//   4. "mostly UTF-8" (valid multi-byte sequences outnumber invalid bytes 2 to
//      1): UTF-8 with the invalid bytes replaced;
//   5. otherwise a legacy single-byte charset, chosen among the declared hint,
//      uchardet's guess, windows-1256 and ISO-8859-6 by converting with each
//      and scoring the result (letters, Arabic letters counted twice, minus
//      replacement characters and C1 controls); ties go to the hint, then to
//      uchardet. This catches the common mislabelling of Arabic pages
//      (declared iso-8859-1 or utf-8, really windows-1256).
// Conversion uses ICU (ucnv); bytes that cannot be converted are replaced by
// U+FFFD and counted.
//
// Cost: O(n) time; the legacy path (5) converts up to four times. One output
// buffer. Thread-safe (no shared state; ICU converters are opened per call).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "akhbar/document.h"
#include "akhbar/status.h"
#include "akhbar/text.h"

namespace akhbar {

struct DecodedText {
  Utf8Text text;
  std::string charset;      // canonical name: "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1256", "ISO-8859-6", ...
  size_t replaced = 0;      // count of invalid bytes (or unmappable code units) replaced by U+FFFD
  bool had_bom = false;     // a BOM was found and stripped
};

// `hint` is a charset declared by the container (HTTP header, <meta>), or
// empty; any spelling ICU knows ("cp1256", "arabic", "UTF8") is accepted and
// unknown names are ignored. Fails only for data that is not text at all
// (kInvalidInput, message "binary data, not text (...)"). Empty input gives
// empty text.
Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view hint = {});

// Decodes doc.content with doc.charset_hint, and appends to doc.warnings what
// the caller should know: "3 invalid bytes replaced by U+FFFD", "decoded from
// windows-1256". The error message names the document (doc.Where()).
// doc.content is left as it was.
Result<Utf8Text> DecodeDocument(RawDocument& doc);

// Byte-level prescan for a charset declared inside an HTML page before it is
// decoded: looks in the first `limit` bytes for <meta charset=...>,
// <meta http-equiv="Content-Type" content="...; charset=...">, and an XML
// declaration's encoding="...". A simplification of the WHATWG "prescan a
// byte stream to determine its encoding" algorithm (HTML Living Standard,
// 13.2.3.2): it skips comments, but does not tokenize attributes exactly.
// Returns the declared name as written (lower-cased), or empty. O(limit).
std::string PrescanHtmlCharset(std::string_view bytes, size_t limit = 4096);

// The canonical name of a charset label ("CP1256" -> "windows-1256",
// "utf8" -> "UTF-8"), or empty if ICU does not know the label.
std::string CanonicalCharsetName(std::string_view label);

}  // namespace akhbar
