// akhbar/article.h: a page turned into an article.
//
// An Article is the headline once, the article's own paragraphs in order, the
// unrelated teasers the site appended (each another story), the metadata the
// page states, and an account of every line removed and why.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/dates.h"

namespace akhbar {

// Why a line of the page is not part of the body. Stable strings (shown by
// `akhbar analyze --explain`).
namespace why {
inline constexpr const char* kChrome = "chrome";              // close, شارك, print/follow lines
inline constexpr const char* kCommentForm = "comment-form";   // اترك تعليقاً, the e-mail notice
inline constexpr const char* kRelativeDate = "relative-date"; // منذ 2 شهور
inline constexpr const char* kDateLine = "date-line";         // تاريخ النشر: ...
inline constexpr const char* kSocialEmbed = "social-embed";   // pic.twitter.com, — Name (@handle) date
inline constexpr const char* kHashtags = "hashtags";          // a line of hashtags
inline constexpr const char* kSourceLine = "source-line";     // المصدر: ...
inline constexpr const char* kKeywordsLine = "keywords-line"; // كلمات دلالية: ...
inline constexpr const char* kByline = "byline";              // بقلم: ...
inline constexpr const char* kTitle = "title";                // the headline line itself
inline constexpr const char* kRepeatedTitle = "repeated-title";
inline constexpr const char* kDateline = "dateline";          // صراحة نيوز- (outlet prefix)
inline constexpr const char* kUrgencyMarker = "urgency-marker";  // عاجل.. before the title
inline constexpr const char* kTeaserMarker = "teaser-marker";    // إقرأ أيضاً:
inline constexpr const char* kTeaser = "teaser";              // moved into a teaser item
}  // namespace why

struct RemovedText {
  std::string text;
  std::string why;  // one of the why:: codes
};

struct Teaser {
  std::string title;
  std::string text;    // its paragraphs joined by "\n\n"
  std::string outlet;  // when the teaser names its own (e.g. `الثورة نت /..`)
};

struct AgencyCitation {
  std::string name;   // canonical Arabic name (data/agencies.tsv)
  std::string latin;  // e.g. "AFP"
  std::vector<std::string> mentions;  // surface forms as written
};

struct PublishedDate {
  std::optional<CivilDate> date;  // resolved date, if any
  DateKind kind = DateKind::kUnknown;
  std::string text;  // the text it was read from ("" when unknown)
  std::string source;  // "text", "record", "html-meta", ... ("" when unknown)
};

struct Article {
  std::string title;
  std::vector<std::string> flags;  // "breaking", "exclusive", "video", "photos", "live", "updated"
  std::vector<std::string> body;   // paragraphs, in order
  std::vector<Teaser> teasers;
  std::string outlet;              // "" when unknown
  std::vector<AgencyCitation> agencies;
  std::vector<std::string> keywords;  // display-normalized tags
  std::string author;
  PublishedDate published;
  std::vector<RemovedText> removed;

  // The body joined by blank lines.
  std::string BodyText() const;
};

// What the container said about the page (JSON fields, WARC headers).
struct PageMeta {
  std::string title;
  std::string outlet;
  std::string url;
  std::string published;   // as given
  std::string fetched_at;  // as given
};

struct CleanOptions {
  // Reference date for relative dates when the page has no fetch time
  // (`--ref-date`). Default: none.
  std::optional<CivilDate> ref_date;
};

// Cleans scraped text (one article per document, lines as the scraper left
// them). Pure; O(n) in the text size apart from the per-line table look-ups.
// Thread-safe.
Article CleanText(std::string_view utf8_text, const PageMeta& meta, const CleanOptions& options);

// Cleans an HTML page (valid UTF-8): main content from the DOM (JSON-LD
// articleBody, itemprop=articleBody, <article>, then a block model with link
// and text density), metadata from og:/JSON-LD/<time>/<title>, and the text
// rules of CleanText as fall-back. Linear in the page size; never recursive
// on nesting depth. Thread-safe. Implemented in src/clean/html_extract.cc.
Article CleanHtml(std::string_view utf8_html, const PageMeta& meta, const CleanOptions& options);

}  // namespace akhbar
