// Internal: translation of the user's search syntax into an FTS5 query.
//
// User syntax (README, "Search syntax"):
//   word word        both (implicit AND)
//   "a phrase"       the words in this order, adjacent (stop words skipped)
//   word*            any word whose stem starts with the stem of `word`
//   a OR b, a AND b, a NOT b   (upper case; precedence as FTS5: NOT, AND, OR)
// Everything else is text: parentheses, colons, carets, NEAR, column
// filters and stray quotes or stars have no syntax meaning. Each term
// becomes an FTS5 string ("..." with only letters/digits of the user's term,
// never an FTS5 operator), so no user input can reach FTS5 as syntax.
// Terms with nothing searchable (punctuation only, stop words only) are
// dropped; a query left with no term is an error. Operators with no term on
// one side are dropped, except a leading NOT (an error: FTS5 has no unary
// NOT).
//
// Cost: linear in the query (capped at kMaxQueryBytes). Reentrant.
#pragma once

#include <string>
#include <string_view>

#include "akhbar/status.h"

namespace akhbar::store {

inline constexpr size_t kMaxQueryBytes = 2000;
inline constexpr size_t kMaxQueryTerms = 64;
// The error message of a query with nothing searchable in it (only stop
// words or punctuation): `akhbar search` reports it; the HTTP API answers
// such a query with no results.
inline constexpr std::string_view kNoSearchableWord = "query has no searchable word";

Result<std::string> TranslateQuery(std::string_view user_query);

}  // namespace akhbar::store
