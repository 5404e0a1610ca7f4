// Internal: JSON text split at its top level without building values, so
// that a reader of a large stored object (an event summary of 100 KB whose
// timeline form needs a tenth of it) parses only the members and array
// elements it keeps. Linear in the text; the pieces are views into it.
//
// The splitter checks structure only (strings closed, brackets balanced,
// separators in place); the pieces are parsed by the caller, which sees any
// other error then. Fuzzed by fuzz/raw_json_fuzz.cc against nlohmann's
// parser: whatever it parses as an object or array splits into the same
// members or elements.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace akhbar::serve {

// A top-level member: its key as written between the quotes (escapes not
// decoded) and its value's text.
struct RawMember {
  std::string_view key;
  std::string_view value;
};

// The members of the object that `s` holds (whitespace around it allowed);
// false when `s` is not one object.
bool SplitJsonObject(std::string_view s, std::vector<RawMember>* members);

// The elements of the array that `s` holds; false when it is not one array.
bool SplitJsonArray(std::string_view s, std::vector<std::string_view>* elements);

}  // namespace akhbar::serve
