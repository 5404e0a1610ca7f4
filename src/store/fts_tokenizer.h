// Internal: the Arabic FTS5 tokenizer of the SQLite store, and the term
// generator it shares with the query translator.
//
// Terms (the same for documents and queries, so that both meet):
//  - Text is normalized to arabic::Form::kMatch (normalize.h: Persian
//    letters, hamza carriers, alef maqsura, ta marbuta and Latin case folded;
//    diacritics and tatweel removed; Eastern digits -> ASCII) and tokenized
//    (tokenize.h).
//  - Arabic words: stop words (stopwords.h) produce no term, in documents and
//    in queries, so a phrase with a stop word inside matches the text with
//    the same or another stop word there; the rest give arabic::LightStem
//    (proclitics و ف ب ك ل ال and suffixes removed: الجنود, وجنود -> جنود).
//  - Latin words: lower-cased. Numbers: digits with thousands separators
//    (, ٬) removed and the Arabic decimal sign ٫ as '.' (١٠٬٠٠٠ -> 10000).
//  - Hashtags and mentions: the words inside them (#كوريا_الشمالية gives the
//    terms of كوريا and الشمالية).
//  - URLs, e-mail addresses, punctuation, emoji and other scripts: no term.
//    Terms longer than kMaxTermBytes: dropped.
//  - A prefix query term (FTS5_TOKENIZE_PREFIX, `كوري*`) is stemmed too:
//    LightStem only removes affixes, so the stem of a prefix is a prefix of
//    the stems it should match (a superset, never a miss); stop words are
//    kept for prefixes.
// Offsets reported to FTS5 are byte offsets in the ORIGINAL text (through
// the normalizer's offset map), so snippet() and highlight() mark the text
// as stored, diacritics and Persian letters included. Except for a
// document being indexed (FTS5_TOKENIZE_DOCUMENT alone): FTS5 keeps its
// tokens' positions, never their offsets, so it is normalized without an
// offset map and its terms are reported at offset 0 (the same terms).
//
// Cost: linear in the text. Thread-safety: ForEachTerm is reentrant; one
// FTS5 tokenizer instance belongs to one connection (SQLite serializes it).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "akhbar/status.h"

namespace akhbar::store {

inline constexpr size_t kMaxTermBytes = 120;

// Name under which the tokenizer is registered (`tokenize='akhbar'`).
inline constexpr const char* kTokenizerName = "akhbar";

// Calls fn(term, begin, end) for each term of `text` (valid UTF-8) in order;
// [begin, end) is the source span in `text`. `prefix`: the text is a prefix
// query term (see above). Stops early when fn returns false.
// `aux`: as FTS5 tokenizes for an auxiliary function (highlight(),
// akhbar_snippet): the same tokens at the same offsets, Arabic words
// unstemmed, long lines read piece by piece so that stopping early is cheap.
using TermFn = std::function<bool(std::string_view term, uint32_t begin, uint32_t end)>;
void ForEachTerm(std::string_view text, bool prefix, const TermFn& fn, bool aux = false);

// The terms of document texts computed ahead, on other threads, for the
// tokenizer of a writing connection to take instead of tokenizing the text
// again: the store's PutBatch and IndexNewRows run on one thread, and an
// ingest's analysis threads can prepare their documents' terms beside it.
// The same terms as the tokenizer's (ForEachTerm of a document), so the
// index is the same whether a text was prepared or not.
//  - Content-addressed: a text is found by its XXH3-128 hash and length
//    (the chance that two different texts of one ingest collide is about
//    n^2 / 2^129, nil for any real batch).
//  - Each prepared text is taken once (a second row with the same text is
//    tokenized as usual); Forget() and Clear() drop what nobody will take
//    (the texts of rows left unchanged).
//  - Bounded: beyond max_bytes of terms held, Add prepares nothing.
// Thread-safety: every method may be called from any thread concurrently.
class PreparedTerms {
 public:
  explicit PreparedTerms(size_t max_bytes = size_t{64} << 20) : max_bytes_(max_bytes) {}
  void Add(std::string_view text);
  // Calls fn(term) for each prepared term of `text` in order and forgets
  // them; false (fn not called) when `text` was not prepared. Stops early
  // when fn returns false.
  bool Take(std::string_view text, const std::function<bool(std::string_view term)>& fn);
  // Forgets the prepared terms of `text` (a row its writer left unchanged).
  void Forget(std::string_view text) {
    Take(text, [](std::string_view) { return false; });
  }
  void Clear();
  size_t bytes() const;

 private:
  struct Key {
    uint64_t lo, hi, size;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return static_cast<size_t>(k.lo); }
  };
  static Key KeyOf(std::string_view text);
  static constexpr size_t kBuckets = size_t{1} << 16;
  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<Key, std::string, KeyHash> terms_;  // each term: a length byte, then its bytes
  size_t bytes_ = 0;
};

// Registers the tokenizer on `db` (needed on every connection before the
// FTS table is used). `prepared` (may be null; must outlive the
// connection): where the tokenizer looks for a document's terms first.
Status RegisterArabicTokenizer(sqlite3* db, PreparedTerms* prepared = nullptr);

// Registers akhbar_snippet(table, column, open, close, ellipsis, tokens)
// (fts_snippet.cc): `tokens` tokens of the column from a little before its
// first match, matches (a phrase's words together) between open and close,
// ellipsis where text was cut. Called by RegisterArabicTokenizer.
Status RegisterSnippetFunction(fts5_api* api);

// Registers akhbar_bm25(table, weight...) (fts_rank.cc): bm25() with the
// rows' token counts kept in memory on a read-only connection `db`.
// Called by RegisterArabicTokenizer. Searches rank with kRank.
Status RegisterRankFunction(fts5_api* api, sqlite3* db);
inline constexpr const char* kRank = "akhbar_bm25(3.0, 1.0)";  // title hits weigh 3, body hits 1

}  // namespace akhbar::store
