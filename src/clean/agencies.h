// The table of news agencies (data/agencies.tsv, compiled in) and the search
// for agencies cited in a text.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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

  // True if some word of `word_key` (a WordKey: match-normalized words
  // joined by spaces) can start an agency name: a cheap filter before Find.
  bool MayCite(std::string_view word_key) const;

  // Adds the citations found in `text` to `out`, merging by agency.
  void FindInto(std::string_view text, std::vector<AgencyCitation>* out) const;

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
  std::unordered_set<std::string_view> first_words_;    // views into variants_ keys
  std::bitset<65536> first_pairs_;  // fingerprint (PairOf) of every first word: a filter before hashing
  bool IsFirstWord(std::string_view w) const;
  size_t max_words_ = 1;
};

// Splits a match key into words (ASCII space separated).
std::vector<std::string_view> SplitWords(std::string_view key);

}  // namespace akhbar::clean
