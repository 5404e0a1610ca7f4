// akhbar/stopwords.h: stop words of news Arabic.
//
// The list (src/arabic/stopwords.cc) is written for news text: prepositions
// and their pronoun-suffixed forms (فيه, منها, عليهم), conjunctions and
// particles (إن أن قد لم لن ...), pronouns, demonstratives, relatives, كان
// and its sisters, the attribution verbs that carry no content in news
// (قال أضاف أكد أشار أوضح تابع لفت ذكر and their feminine/imperfect forms;
// أعلن is kept: it is often the news itself), and discourse adverbs (أيضا
// كذلك حاليا). Each is also listed with the conjunctions و and ف attached
// (وفي, فإن, وقال). Entries are stored in kMatch form (normalize.h), so
// على and the name علي share a key and علي is a stop word: a known cost of
// folding ى -> ي.
//
// Thread-safety: the set is built once (function-local static) and is
// immutable afterwards. Cost: one hash lookup.
#pragma once

#include <string_view>

namespace akhbar::arabic {

// True if the kMatch-normalized word is a stop word.
bool IsStopword(std::string_view match_normalized_word);

// Number of distinct stop words (for tests and documentation).
size_t StopwordCount();

}  // namespace akhbar::arabic
