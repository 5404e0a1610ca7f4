// akhbar/normalize.h: Arabic text normalization with an offset map back to
// the original bytes.
//
// Normalization table (applied in this order; kDisplay applies rows 1-10,
// kMatch applies all rows):
//
//  | #  | input                                              | output              | forms   |
//  |----|----------------------------------------------------|---------------------|---------|
//  | 1  | any text                                           | Unicode NFC         | both    |
//  | 2  | presentation forms U+FB50..U+FDFF, U+FE70..U+FEFE  | NFKC of the char,   | both    |
//  |    | (e.g. U+FEFB lam-alef ligature -> ل ا)              | then rows 3-12      |         |
//  | 3  | diacritics U+064B..U+065F, U+0670 (superscript      | removed             | both    |
//  |    | alef), tatweel U+0640                               |                     |         |
//  | 4  | Persian/Urdu letters ک ګ گ                           | ك                   | both    |
//  |    | ی ې ۍ                                                | ي                   | both    |
//  |    | ە ۀ                                                  | ه                   | both    |
//  |    | پ -> ب, چ -> ج, ژ -> ز, ڤ -> ف                       |                     | both    |
//  | 5  | Arabic-Indic digits U+0660..U+0669 and Extended     | ASCII 0..9          | both    |
//  |    | Arabic-Indic digits U+06F0..U+06F9                  |                     |         |
//  | 6  | Arabic comma ، semicolon ؛ question mark ؟          | , ; ?               | both    |
//  | 7  | typographic double quotes “ ” „ ‟ and « »           | ASCII "             | both    |
//  | 8  | typographic single quotes ‘ ’ ‚ ‛ and ‹ ›           | ASCII '             | both    |
//  | 9  | zero-width and bidi controls U+200B..U+200F,        | removed             | both    |
//  |    | U+202A..U+202E, U+2066..U+2069, U+FEFF (BOM)        |                     |         |
//  | 10 | everything else                                     | unchanged           | both    |
//  | 11 | hamza carriers أ إ آ ٱ -> ا, ؤ -> و, ئ -> ي           | folded              | kMatch  |
//  | 12 | alef maqsura ى -> ي, ta marbuta ة -> ه               | folded              | kMatch  |
//  | 13 | ASCII A..Z                                          | a..z                | kMatch  |
//
// So `کوریا الشمالیة` and `كوريا الشمالية` have the same match key, and the
// display form of `الشمالیة` is `الشمالية` (ة kept).
//
// Offsets: Normalized::offsets has text.size() + 1 entries; offsets[i] is the
// byte offset in the source of the code point that produced byte i of text
// (for a composed or reordered segment, the start of that segment), and
// offsets.back() == source size. The map is non-decreasing, so the
// normalized span [b, e) comes from the source span [offsets[b], offsets[e]).
//
// Cost: one pass over code points with a table built once from ICU (lazily,
// thread-safe, about a millisecond); ICU's NFC is called only on the rare
// segments that contain a character needing composition or reordering
// (e.g. alef + U+0654 hamza above). Thread-safety: all functions are
// reentrant; they share only the immutable table.
//
// Precondition everywhere: the input is valid UTF-8 (akhbar::Utf8Text or a
// string_view promised valid). Output is valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace akhbar::arabic {

enum class Form {
  kDisplay,  // rows 1-10: for showing text and extracting spans
  kMatch,    // rows 1-13: for keys, search, shingles and stemming
};

struct Normalized {
  std::string text;
  std::vector<uint32_t> offsets;  // text.size() + 1 entries, see above
};

// Normalizes `src` into `out`, reusing out's buffers. Sources larger than
// 4 GiB - 1 are a programmer error (offsets are 32-bit).
void Normalize(std::string_view src, Form form, Normalized* out);
Normalized Normalize(std::string_view src, Form form);

// The kMatch form of `src` without offsets (faster).
std::string MatchKey(std::string_view src);
// Same, appending to *out (not cleared).
void AppendMatchKey(std::string_view src, std::string* out);

}  // namespace akhbar::arabic
