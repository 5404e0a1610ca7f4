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
#include <string>
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
  friend bool operator==(const Token&, const Token&) = default;
};

// Replaces *out with the tokens of `text` (valid UTF-8, < 4 GiB).
void Tokenize(std::string_view text, std::vector<Token>* out);

// A text's match key (AppendMatchKey, akhbar/normalize.h) and the tokens of
// that key.
struct KeyedText {
  std::string key;
  std::vector<Token> tokens;
};
// KeyedText of `text` (valid UTF-8), from a cache of this thread's recent
// texts (up to 1,024 of at most 4 KiB each, found by their XXH3 and compared
// byte for byte), else computed and kept. An ingest keys the same lines more
// than once on a thread: the cleaner every line of a page, then the search
// index, the near-duplicate shingles and the event features the lines of
// the stored title and body. The reference stays valid until the next call
// on this thread.
const KeyedText& MatchKeyTokens(std::string_view text);
// The match key of a whole text (lines and all) into *key, and, when
// `tokens` is not null, the tokens of that key: built line by line from
// MatchKeyTokens, which gives what AppendMatchKey and Tokenize of the whole
// give, as both are line-local (an ASCII byte is a normalization boundary,
// and no token spans a line break or looks past one).
void MatchKeyLines(std::string_view text, std::string* key, std::vector<Token>* tokens = nullptr);

}  // namespace akhbar::arabic
