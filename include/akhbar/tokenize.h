// akhbar/tokenize.h: a tokenizer for Arabic news text with byte offsets.
//
// Works on original or normalized text (both are valid UTF-8). Tokens are
// maximal runs, in order, non-overlapping; whitespace, zero-width and bidi
// controls outside words produce no token.
//  - kArabicWord: Arabic letters (Arabic, Arabic Supplement, Extended-A,
//    presentation forms, Persian/Urdu letters), with diacritics, Quranic
//    marks and tatweel inside, and ZWNJ (U+200C) when an Arabic letter or
//    mark follows it.
//  - kLatinWord: Latin letters (ASCII, Latin-1, Latin Extended-A/B and
//    Additional) with combining marks, ASCII digits after the first letter
//    (G20, F16), and an apostrophe between letters (O'Brien).
//  - kNumber: digits of any of ASCII, Arabic-Indic, Extended Arabic-Indic,
//    with one of . , ٫ ٬ between two digits (2.5, 10,000, ١٩٫٥).
//  - kUrl: http://, https:// (any case) or www. followed by URL characters,
//    and bare host names whose last label is a common TLD (pic.twitter.com/x);
//    trailing . , ; : ! ? ' " ) are not part of it.
//  - kEmail: local@host.tld (ASCII).
//  - kHashtag: # + letters/digits/underscores/marks with at least one
//    letter, not preceded by a letter or digit. kMention: @ + the same.
//  - kPunct: one punctuation code point (Unicode category P*).
//  - kEmoji: an emoji sequence (Extended_Pictographic base with variation
//    selectors, skin tones, ZWJ joins; a pair of regional indicators).
//  - kOther: anything else (a run of letters of other scripts, a symbol, a
//    stray mark).
//
// Cost: linear in the input (each byte is examined a bounded number of
// times); no allocation besides growing *out. Thread-safe (shares only
// immutable tables built once).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace akhbar::arabic {

enum class TokenType {
  kArabicWord,
  kLatinWord,
  kNumber,
  kUrl,
  kEmail,
  kHashtag,
  kMention,
  kPunct,
  kEmoji,
  kOther,
};

const char* TokenTypeName(TokenType type);

struct Token {
  TokenType type;
  uint32_t begin;  // byte offset in the tokenized text
  uint32_t end;    // one past the last byte
};

// Replaces *out with the tokens of `text` (valid UTF-8, < 4 GiB).
void Tokenize(std::string_view text, std::vector<Token>* out);

}  // namespace akhbar::arabic
