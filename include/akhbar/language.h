// akhbar/language.h: is this text Arabic? A script count.
//
// Letters are counted by script: Arabic (Arabic, Arabic Supplement,
// Extended-A and presentation-form letters, not marks or digits), Latin
// (ASCII and the Latin blocks), and other (any other alphabetic code point).
// Digits, punctuation, marks and symbols are not letters.
//
// IsArabic: at least one Arabic letter and arabic_share >= 0.5. The
// threshold says "Arabic is the main script": a news article with English
// names, agency credits or a quoted tweet stays well above it (typical
// shares are 0.85..1.0), while an English page with an Arabic title falls
// below it. Cost: O(n), no allocation. Thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace akhbar::arabic {

struct ScriptShare {
  size_t arabic_letters = 0;
  size_t latin_letters = 0;
  size_t other_letters = 0;
  double arabic_share = 0.0;  // arabic / all letters; 0 when there are none
};

// `text` is valid UTF-8.
ScriptShare MeasureScript(std::string_view text);

inline constexpr double kMinArabicShare = 0.5;

bool IsArabic(const ScriptShare& share);

}  // namespace akhbar::arabic
