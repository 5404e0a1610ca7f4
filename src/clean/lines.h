// Line-level helpers of the text cleaner: splitting a page into trimmed
// lines with their match keys, and the small string utilities the rules use.
// Internal to src/clean.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace akhbar::clean {

// Match key of `text` reduced to its words: MatchKey (letters folded,
// digits ASCII, Latin lowercase), punctuation dropped, words joined by one
// space. `إقرأ أيضاً:` -> `اقرا ايضا`.
std::string WordKey(std::string_view text);

struct Line {
  std::string_view text;  // trimmed of spaces, tabs, NBSP and bidi marks
  std::string key;        // WordKey(text)
  size_t words = 0;       // words in key
  size_t hashtags = 0;    // #tags in text
  bool has_url = false;
  void Reset(std::string_view t);
};

// The non-empty lines of `text`, trimmed. Views into `text`.
std::vector<Line> SplitLines(std::string_view text);

std::string_view Trim(std::string_view s);
// Trims spaces and punctuation (: - – — . , ، ؛ / and quotes) at both ends.
std::string_view TrimPunctuation(std::string_view s);
// Trims trailing spaces and closing quotes (" ” » ').
std::string_view TrimClosingQuotes(std::string_view s);
bool StartsWith(std::string_view s, std::string_view p);
bool EndsWith(std::string_view s, std::string_view p);
// The first whitespace-delimited word of s.
std::string_view FirstWord(std::string_view s);
// s after its first n whitespace-delimited words.
std::string_view AfterWords(std::string_view s, size_t n);
size_t CountWords(std::string_view key);    // words in a key (space separated)
size_t CountWordsIn(std::string_view text);  // whitespace-delimited words
// Length of a separator at the start of s: `..`, `...`, `:`, `-`, `–`, `—`,
// `|`, `/`; 0 if none.
size_t SeparatorLength(std::string_view s);

// `صراحة نيوز- text` / `الثورة نت /.. text` -> {"صراحة نيوز", "text"}.
// With require_outlet_word, a `-` dateline counts only when its name has an
// outlet word (نيوز، نت، بوابة، صحيفة، ...), so `الرياض - ...` is left alone;
// a `/..` dateline always counts. {"", s} when there is none.
std::pair<std::string_view, std::string_view> SplitDateline(std::string_view s, bool require_outlet_word);

// Tags of a keywords line: split at separators (، , | ؛ ; #) when present,
// else segmented (adjectives such as الشمالية stay with their noun, known
// multi-word names stay whole). Display-normalized (Persian letters folded).
std::vector<std::string> SplitKeywords(std::string_view value);

// Scrapers often leave HTML character references in text (`&quot;`,
// `&amp;`, `&#1605;`). Returns true and the text with the common named
// references and every numeric one decoded into `out` when `text` has any;
// false (and `out` untouched) when it has none. Invalid numeric references
// become U+FFFD; unknown names are left as written. O(n).
bool DecodeCharacterReferences(std::string_view text, std::string* out);

// The site of a URL (`https://www.example.com/a` -> `example.com`), or "".
std::string OutletFromUrl(std::string_view url);

}  // namespace akhbar::clean
