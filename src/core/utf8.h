// Internal UTF-8 helpers shared by the stages (see akhbar/text.h for the
// public validation functions).
#pragma once

#include <cstdint>
#include <string>

namespace akhbar {

// Appends code point `cp` as UTF-8. Values that are not Unicode scalar values
// (0, surrogates, above U+10FFFF) become U+FFFD, so the output stays valid.
void AppendUtf8(uint32_t cp, std::string* out);

}  // namespace akhbar
