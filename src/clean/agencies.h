// The table of news agencies (data/agencies.tsv, compiled in) and the search
// for agencies cited in a text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "akhbar/article.h"

namespace akhbar::clean {

class AgencyIndex {
 public:
  // The index built once from the embedded table. Thread-safe.
  static const AgencyIndex& Get();

  // Every agency cited in `text` (any UTF-8), in order of first mention,
  // each with the surface forms found. Variants marked ambiguous in the table
  // count only inside parentheses or right after وكالة. O(n * longest variant).
  std::vector<AgencyCitation> Find(std::string_view text) const;

  // The agency whose variant is exactly `name` (e.g. the X of `المصدر: X`),
  // or nullptr.
  const AgencyCitation* Lookup(std::string_view name) const;

 private:
  AgencyIndex();
  struct Variant {
    size_t agency;
    bool ambiguous;
  };
  std::vector<AgencyCitation> agencies_;  // mentions empty: name and latin only
  std::unordered_map<std::string, Variant> variants_;  // match key of the variant
  size_t max_words_ = 1;
};

// Splits a match key into words (ASCII space separated).
std::vector<std::string_view> SplitWords(std::string_view key);

}  // namespace akhbar::clean
