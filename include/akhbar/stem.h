// akhbar/stem.h: stemmers for matching Arabic words.
//
// Two stemmers with different trade-offs (figures from
// src/arabic/stem_conflation_test.cc, see the README):
//  - LightStem: removes only proclitics and suffixes, guarded by length so
//    that names survive; precise, no allocation. Use it for search keys,
//    near-duplicate shingles and entity matching.
//  - SnowballStemmer: Snowball's Arabic stemmer (libstemmer); more
//    aggressive (normalizes and strips more affixes), more recall and more
//    over-stemming. Use it where recall matters more than precision, such as
//    topic terms of an event.
#pragma once

#include <string_view>

struct sb_stemmer;

namespace akhbar::arabic {

// The light stem of one kMatch-normalized word (see normalize.h), as a view
// into `word`. Words with any code point outside U+0600..U+06FF (Latin
// words, numbers, emoji) are returned unchanged.
//
// Algorithm (after Larkey, Ballesteros and Connell, "Light Stemming for
// Arabic Information Retrieval", 2007, light10; and the prefix/suffix sets
// of Lucene's ArabicStemmer, which implements light10): proclitics are
// removed from the front one at a time, each removal allowed only when the
// rest, after its own suffixes would be removed ("core"), keeps enough
// letters:
//   ال, لل (ل + ال)          core >= 3
//   بال, كال                 core >= 3
//   و (conjunction)          core >= 4
//   ف (conjunction)          core >= 5, and the rest does not begin with ي,
//                            nor with ل unless with لل (فلسطين, فيديو,
//                            فرنسا survive)
//   ب, ك, ل (prepositions)   core >= 5 and the rest begins with neither ي
//                            nor و (بيونغ, بوتين, كوريا, بولندا);
//                            core >= 6 if it begins with ا (so لافروف,
//                            بيونغ, ليبيا, باريس, لاعب survive while
//                            بأوكرانيا and لاستخدام lose the preposition)
// Because every removal restarts the loop on the rest, stem(p + w) ==
// stem(w) whenever p is removable: وبالصواريخ, بالصواريخ, الصواريخ and
// صواريخ all give صواريخ, and a name changed at all changes the same way
// with any proclitic. Then at most one pronoun suffix (هما كما ها هم هن
// نا: stem >= 3; كم كن: stem >= 4; a ت left before it is ta marbuta and is
// removed too), then inflection suffixes (ون ين ان: stem >= 4; ات يه ه ي:
// stem >= 3) are removed from the end while one applies, so a nisba plural
// and its singular meet (مصريين, مصري -> مصر; فلسطين, فلسطيني, فلسطينيين
// -> فلسط: over-stemmed but consistent).
// Broken plurals (صاروخ/صواريخ) are not conflated.
//
// Cost: O(length of the word), no allocation. Thread-safe.
std::string_view LightStem(std::string_view match_word);

// RAII wrapper over libstemmer's Arabic Snowball stemmer. One instance is
// NOT thread-safe (libstemmer keeps per-instance buffers): use one per
// thread. Cheap to create (a few small allocations).
class SnowballStemmer {
 public:
  SnowballStemmer();
  ~SnowballStemmer();
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  // False if libstemmer has no Arabic stemmer (then Stem returns its input).
  bool ok() const { return stemmer_ != nullptr; }

  // The Snowball stem of one word (valid UTF-8). The view is valid until the
  // next call on this instance or its destruction. Snowball's Arabic stemmer
  // does its own normalization (diacritics, hamza forms, presentation forms),
  // so the input may be any normalized form.
  std::string_view Stem(std::string_view word);

 private:
  sb_stemmer* stemmer_ = nullptr;
};

}  // namespace akhbar::arabic
