// akhbar/decode.h: bytes in any supported charset -> valid UTF-8.
//
// Detects UTF-8 (with or without BOM), UTF-16LE/BE with BOM, windows-1256 and
// ISO-8859-6, using BOMs, strict UTF-8 validation, a declared charset hint
// when it is plausible, and uchardet; converts with ICU. Bytes that cannot be
// converted are replaced by U+FFFD and counted.
//
// Cost: O(n) time, one output buffer. Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "akhbar/status.h"
#include "akhbar/text.h"

namespace akhbar {

struct DecodedText {
  Utf8Text text;
  std::string charset;      // canonical name: "UTF-8", "UTF-16LE", "windows-1256", ...
  size_t replaced = 0;      // count of invalid sequences replaced by U+FFFD
  bool had_bom = false;
};

// `hint` is a charset declared by the container (HTTP header, <meta>), or
// empty. Fails only for data that is not text at all (binary: NUL bytes or
// control characters dominate), with a message that says so.
Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view hint = {});

}  // namespace akhbar
