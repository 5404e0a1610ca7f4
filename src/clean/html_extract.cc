// Main-content extraction from HTML pages: CleanHtml (see akhbar/article.h).
//
// Steps, each one linear in the page:
//  1. A byte prescan estimates tag nesting (max depth and summed depth). A
//     page too deep for Gumbo to parse in linear time (its scope checks walk
//     the stack of open elements) takes the fall-back: a linear tag stripper
//     whose lines go through CleanText.
//  2. Gumbo builds the tree into an arena (freed at once, so Gumbo's
//     recursive destructor never runs on deep trees).
//  3. One iterative walk (explicit stack) records the elements in preorder,
//     the head metadata (og:, article:, itemprop, canonical, JSON-LD) and the
//     text runs: one run per block element or <br>-separated text, white
//     space folded, with its link text counted. Boilerplate subtrees (nav,
//     aside, form, script ...; class/id/role tokens such as share, related,
//     comment, cookie ...) contribute no text.
//  4. The content container is chosen in order: itemprop=articleBody, a
//     content class/id (article-body, entry-content ...), <article>, else
//     the element with the best paragraph score (a text-density model after
//     Readability: each run of >= 25 characters scores 1 + commas +
//     min(3, chars/100), times 1 - link density, added to its block's parent
//     and half to the grandparent). A structured candidate must hold at
//     least half of the density winner's text.
//  5. Inside the container, runs that start with a 'read also' cue become
//     teasers (inline link or a whole block), link lists are dropped, and the
//     rest go through CleanText (chrome, date/source/keyword lines, urgency
//     flags, agencies). JSON-LD articleBody replaces the DOM text when the
//     DOM container is missing or much shorter.
//
// Thread-safety: no shared mutable state.
#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/article.h"
#include "akhbar/dates.h"
#include "clean/lines.h"

namespace akhbar {
namespace clean {
namespace {

// ---------------------------------------------------------------------------
// Tunables (one place).
struct Limits {
  static constexpr size_t kMaxDepth = 1000;        // deeper pages take the fall-back
  static constexpr size_t kMaxMeanDepth = 200;     // summed depth / tags above this: fall-back
  static constexpr size_t kMinRunChars = 25;       // runs shorter than this do not score
  static constexpr double kMaxLinkDensity = 0.5;   // body runs with more link text are dropped
  static constexpr double kStructuredShare = 0.5;  // structured candidate vs density winner
  static constexpr double kInnerShare = 0.85;      // prefer a nested candidate holding this share
  static constexpr double kJsonLdShare = 0.8;      // DOM text below this share of articleBody: use JSON-LD
  static constexpr size_t kMaxJsonDepth = 64;      // deeper JSON-LD is ignored
  static constexpr size_t kTeaserMaxExtraWords = 25;
};

// ---------------------------------------------------------------------------
// Arena for Gumbo: bump allocation, no frees; the whole tree is released at
// once. Memory stays O(page) (Gumbo's buffers grow geometrically).
class Arena {
 public:
  static void* Alloc(void* self, size_t n) { return static_cast<Arena*>(self)->Get(n); }
  static void Free(void*, void*) {}

 private:
  void* Get(size_t n) {
    n = (n + 15) & ~size_t{15};
    if (n > left_) {
      size_t size = std::max(n, kBlock);
      blocks_.push_back(std::unique_ptr<char[]>(new char[size]));
      cur_ = blocks_.back().get();
      left_ = size;
    }
    void* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }
  static constexpr size_t kBlock = 256 << 10;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  size_t left_ = 0;
};

// ---------------------------------------------------------------------------
// Small string helpers.

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
std::string ToLower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = Lower(c);
  return r;
}
bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Length of a white-space character at s[i] (ASCII, NBSP, U+2000..U+200B,
// U+200E/F, U+202F, U+205F, U+3000, U+FEFF), or 0.
size_t SpaceLen(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i + 1]), d = static_cast<unsigned char>(s[i + 2]);
    if (b == 0x80 && (d <= 0x8B || d == 0x8E || d == 0x8F || d == 0xAF)) return 3;
    if (b == 0x81 && d == 0x9F) return 3;
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
      static_cast<unsigned char>(s[i + 2]) == 0xBF)
    return 3;
  return 0;
}

// Appends `s` to `out` folding white space; `pending` carries a space across
// calls. Returns the number of code points appended.
size_t AppendFolded(std::string& out, std::string_view s, bool& pending) {
  size_t cps = 0;
  for (size_t i = 0; i < s.size();) {
    if (size_t n = SpaceLen(s, i)) {
      pending = true;
      i += n;
      continue;
    }
    if (pending && !out.empty()) {
      out += ' ';
      ++cps;
    }
    pending = false;
    size_t j = i;
    while (j < s.size() && SpaceLen(s, j) == 0) {
      if ((static_cast<unsigned char>(s[j]) & 0xC0) != 0x80) ++cps;
      ++j;
    }
    out.append(s.substr(i, j - i));
    i = j;
  }
  return cps;
}

std::string Fold(std::string_view s) {
  std::string out;
  bool pending = false;
  AppendFolded(out, s, pending);
  return out;
}

// ---------------------------------------------------------------------------
// Tag and attribute classification.

enum class Kind : uint8_t { kInline, kBlock, kPara, kBreak, kHard, kSoft };

Kind KindOf(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT: case GUMBO_TAG_LABEL: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_MENU: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
      return Kind::kHard;
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FIGURE:
      return Kind::kSoft;  // not body, but read for metadata
    case GUMBO_TAG_BR: case GUMBO_TAG_HR:
      return Kind::kBreak;
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_PRE: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CAPTION:
      return Kind::kPara;
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_DETAILS: case GUMBO_TAG_HGROUP:
      return Kind::kBlock;
    default:
      return Kind::kInline;
  }
}

// Class/id substrings that mark boilerplate (language-independent).
constexpr std::array<std::string_view, 38> kNegativeParts = {
    "share", "sharing", "social", "related", "recommend", "comment", "advert", "newsletter", "breadcrumb",
    "author", "cookie", "consent", "promo", "sidebar", "widget", "footer", "menu", "popup", "subscribe",
    "sponsor", "banner", "most-read", "mostread", "most-viewed", "popular", "trending", "navbar", "navigation",
    "pagination", "print", "rating", "skip-link", "screen-reader", "modal", "toolbar", "tools", "masthead",
    "ticker"};
// Whole class/id tokens (split at - _ and spaces) that mark boilerplate.
constexpr std::array<std::string_view, 14> kNegativeTokens = {
    "ad", "ads", "adv", "tags", "tag", "nav", "more", "login", "topbar", "breaking", "hidden", "gpt",
    "dfp", "banner"};
// Class/id substrings of a content container.
constexpr std::array<std::string_view, 30> kContentParts = {
    "article-body", "articlebody", "article_body", "article__body", "article-content", "article_content",
    "article__content", "article-text", "articletext", "article-details", "entry-content", "post-content",
    "post-body", "postbody", "post-text", "story-body", "storybody", "story-content", "story-text",
    "news-body", "news-text", "news-content", "newsbody", "news-details", "content-body", "td-post-content",
    "single-content", "field-name-body", "field--name-body", "text-content"};

bool HasPart(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

template <size_t N>
bool AnyPart(std::string_view s, const std::array<std::string_view, N>& parts) {
  for (auto p : parts)
    if (HasPart(s, p)) return true;
  return false;
}

bool AnyNegativeToken(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsAsciiAlnum(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && IsAsciiAlnum(s[j])) ++j;
    if (j > i) {
      std::string_view t = s.substr(i, j - i);
      for (auto n : kNegativeTokens)
        if (t == n) return true;
    }
    i = j;
  }
  return false;
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// ---------------------------------------------------------------------------
// 'Read also' cues that start related-story blocks (word keys, see WordKey).
constexpr std::array<std::string_view, 34> kTeaserCues = {
    "اقرا ايضا", "اقرا كذلك", "اقرا المزيد", "قراءه المزيد", "المزيد من الاخبار", "المزيد من المقالات",
    "اخبار ذات صله", "مواضيع ذات صله", "مقالات ذات صله", "موضوعات ذات صله", "اخبار متعلقه",
    "مواضيع متعلقه", "موضوعات متعلقه", "مواد ذات صله", "ذات صله", "الاكثر قراءه", "الاكثر مشاهده",
    "الاكثر تداولا", "الاكثر شعبيه", "اخترنا لك", "قد يهمك ايضا", "قد يهمك", "قد يعجبك ايضا", "شاهد ايضا",
    "طالع ايضا", "اقرا في", "اخبار اخري", "اخر الاخبار", "احدث الاخبار", "تابع ايضا", "read also",
    "read more", "related articles", "related news"};

std::string_view CuePrefix(std::string_view key) {
  std::string_view best;
  for (auto p : kTeaserCues)
    if (p.size() > best.size() && key.size() >= p.size() && key.compare(0, p.size(), p) == 0 &&
        (key.size() == p.size() || key[p.size()] == ' '))
      best = p;
  return best;
}

// ---------------------------------------------------------------------------
// The walk's records.

struct Elem {
  const GumboNode* node = nullptr;
  int32_t parent = -1;
  uint32_t end_elem = 0;   // subtree is [index, end_elem)
  uint32_t first_run = 0;  // runs of the subtree are [first_run, end_run)
  uint32_t end_run = 0;
  uint8_t level = 0;       // 0 body-able, 1 soft (metadata only), 2 hard (no text)
  bool article_body = false;  // itemprop=articleBody
  bool content_class = false;
  bool itemscope_article = false;
  uint64_t chars = 0;       // code points of level-0 runs in the subtree
  uint64_t link_chars = 0;
  double score = 0;
};

struct TextRun {
  std::string text;
  uint32_t owner = 0;  // innermost block element
  uint32_t chars = 0;
  uint32_t link_chars = 0;
  uint8_t level = 0;
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // owner's tag
  double LinkDensity() const { return chars ? static_cast<double>(link_chars) / chars : 0; }
};

struct HeadMeta {
  std::string og_title, og_site, title_tag, canonical, lang, dir;
  std::string published_meta;      // article:published_time and friends
  std::string itemprop_published;  // itemprop=datePublished
  std::string time_datetime;       // first <time datetime> outside hard boilerplate
  std::string meta_keywords;
  std::string itemprop_headline;
  std::string h1;
  // JSON-LD
  std::string ld_headline, ld_published, ld_body, ld_publisher, ld_author, ld_keywords;
};

// ---------------------------------------------------------------------------
// JSON-LD.

bool JsonDepthOk(std::string_view s) {
  size_t depth = 0;
  bool in_str = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_str) {
      if (c == '\\') ++i;
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == '"') in_str = true;
    else if (c == '{' || c == '[') {
      if (++depth > Limits::kMaxJsonDepth) return false;
    } else if ((c == '}' || c == ']') && depth) {
      --depth;
    }
  }
  return true;
}

bool IsArticleType(const nlohmann::json& t) {
  auto one = [](const nlohmann::json& v) {
    if (!v.is_string()) return false;
    const std::string& s = v.get_ref<const std::string&>();
    return s == "NewsArticle" || s == "Article" || s == "ReportageNewsArticle" || s == "AnalysisNewsArticle" ||
           s == "BlogPosting" || s == "OpinionNewsArticle" || s == "BackgroundNewsArticle" ||
           s == "ReviewNewsArticle" || s == "LiveBlogPosting" || s == "Report" || s == "WebPage" ? true : false;
  };
  if (t.is_array()) {
    for (const auto& v : t)
      if (one(v)) return true;
    return false;
  }
  return one(t);
}

std::string NameOf(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object()) {
    auto it = v.find("name");
    if (it != v.end() && it->is_string()) return it->get<std::string>();
  }
  if (v.is_array() && !v.empty() && !v.front().is_array()) return NameOf(v.front());  // depth 1 only
  return {};
}

std::string StringOf(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& x : v)
      if (x.is_string()) {
        if (!out.empty()) out += ", ";
        out += x.get<std::string>();
      }
    return out;
  }
  return {};
}

void ReadJsonLd(std::string_view text, HeadMeta& m) {
  if (text.size() > (8u << 20) || !JsonDepthOk(text)) return;
  nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return;
  std::vector<const nlohmann::json*> stack{&doc};
  bool have_article = !m.ld_body.empty() || !m.ld_headline.empty();
  while (!stack.empty()) {
    const nlohmann::json* v = stack.back();
    stack.pop_back();
    if (v->is_array()) {
      for (auto it = v->rbegin(); it != v->rend(); ++it)
        if (it->is_structured()) stack.push_back(&*it);
      continue;
    }
    if (!v->is_object()) continue;
    auto type = v->find("@type");
    if (type != v->end() && IsArticleType(*type)) {
      bool webpage = type->is_string() && type->get_ref<const std::string&>() == "WebPage";
      auto get = [&](const char* key) -> const nlohmann::json* {
        auto it = v->find(key);
        return it == v->end() ? nullptr : &*it;
      };
      const nlohmann::json* body = get("articleBody");
      // A real article object wins over a WebPage one; the first article wins.
      if (!webpage || !have_article) {
        bool replace = !have_article || (body && m.ld_body.empty());
        if (replace) {
          if (auto* h = get("headline"); h && h->is_string()) m.ld_headline = h->get<std::string>();
          if (auto* d = get("datePublished"); d && d->is_string()) m.ld_published = d->get<std::string>();
          if (body && body->is_string()) m.ld_body = body->get<std::string>();
          if (auto* p = get("publisher")) m.ld_publisher = NameOf(*p);
          if (auto* a = get("author")) m.ld_author = NameOf(*a);
          if (auto* k = get("keywords")) m.ld_keywords = StringOf(*k);
          if (!webpage) have_article = true;
        }
      }
    }
    for (auto it = v->begin(); it != v->end(); ++it)
      if (it->is_structured()) stack.push_back(&*it);
  }
}

// ---------------------------------------------------------------------------
// Fall-back for pages Gumbo cannot parse in linear time: a linear tag
// stripper (script/style/comment contents dropped, block tags end lines, the
// common entities decoded).

std::string DecodeEntity(std::string_view name) {
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  if (name == "nbsp") return " ";
  if (name.size() > 1 && name[0] == '#') {
    uint32_t cp = 0;
    bool hex = name[1] == 'x' || name[1] == 'X';
    for (size_t i = hex ? 2 : 1; i < name.size(); ++i) {
      char c = name[i];
      int d = (c >= '0' && c <= '9') ? c - '0' : hex && Lower(c) >= 'a' && Lower(c) <= 'f' ? Lower(c) - 'a' + 10 : -1;
      if (d < 0 || cp > 0x10FFFF) return {};
      cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    std::string out;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
  }
  return {};
}

// Lines of text of `html` (see above); also the <title> text.
std::string StripTags(std::string_view s, std::string* title) {
  std::string out, line;
  bool pending = false;
  auto flush = [&]() {
    if (!line.empty()) {
      out += line;
      out += '\n';
      line.clear();
    }
    pending = false;
  };
  bool in_title = false;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '<') {
      if (s.compare(i, 4, "<!--") == 0) {
        size_t e = s.find("-->", i + 4);
        i = e == std::string_view::npos ? s.size() : e + 3;
        continue;
      }
      size_t j = i + 1;
      bool end = j < s.size() && s[j] == '/';
      if (end) ++j;
      size_t n0 = j;
      while (j < s.size() && IsAsciiAlnum(s[j])) ++j;
      std::string name = ToLower(s.substr(n0, j - n0));
      size_t gt = s.find('>', j);
      if (gt == std::string_view::npos) break;
      i = gt + 1;
      if (name.empty()) continue;
      if (!end && (name == "script" || name == "style" || name == "noscript" || name == "template")) {
        std::string close = "</" + name;
        size_t k = i;
        for (;;) {
          size_t e = s.find("</", k);
          if (e == std::string_view::npos) {
            i = s.size();
            break;
          }
          if (ToLower(s.substr(e, close.size())) == close) {
            size_t g = s.find('>', e);
            i = g == std::string_view::npos ? s.size() : g + 1;
            break;
          }
          k = e + 2;
        }
        continue;
      }
      if (name == "title") {
        if (!end && title && title->empty()) in_title = true;
        else if (end && in_title) {
          in_title = false;
          *title = Fold(line);
          line.clear();
        }
        continue;
      }
      static constexpr std::array<std::string_view, 24> kBlocks = {
          "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "section", "article",
          "blockquote", "ul", "ol", "table", "header", "footer", "nav", "aside", "hr", "main"};
      if (std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end() && !in_title) flush();
      continue;
    }
    if (c == '&') {
      size_t semi = s.find(';', i + 1);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string d = DecodeEntity(s.substr(i + 1, semi - i - 1));
        if (!d.empty()) {
          AppendFolded(line, d, pending);
          i = semi + 1;
          continue;
        }
      }
    }
    size_t j = i + 1;
    while (j < s.size() && s[j] != '<' && s[j] != '&') ++j;
    AppendFolded(line, s.substr(i, j - i), pending);
    i = j;
  }
  flush();
  return out;
}

// Max nesting and mean nesting of start tags, over-estimated (end tags
// omitted by the page are not subtracted; void and self-closing elements
// that close their siblings are ignored). Linear.
bool TooDeepForTree(std::string_view s) {
  size_t depth = 0, tags = 0;
  uint64_t sum = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '<') continue;
    char c = s[i + 1];
    if (c == '!') {
      if (s.compare(i, 4, "<!--") == 0) {
        size_t e = s.find("-->", i + 4);
        if (e == std::string_view::npos) break;
        i = e + 2;
      }
      continue;
    }
    if (c == '/') {
      if (depth) --depth;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) continue;
    size_t j = i + 1;
    while (j < s.size() && IsAsciiAlnum(s[j])) ++j;
    std::string name = ToLower(s.substr(i + 1, j - i - 1));
    static constexpr std::array<std::string_view, 22> kNoDepth = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "option", "td", "tr", "th", "dd", "dt"};
    ++tags;
    if (std::find(kNoDepth.begin(), kNoDepth.end(), name) == kNoDepth.end()) {
      ++depth;
      if (depth > Limits::kMaxDepth) return true;
    }
    sum += depth;
    i = j - 1;
    if (name == "script" || name == "style") {
      size_t e = s.find("</", j);
      while (e != std::string_view::npos && ToLower(s.substr(e + 2, name.size())) != name) e = s.find("</", e + 2);
      if (e == std::string_view::npos) break;
      i = e - 1;
    }
  }
  return tags > 0 && sum / tags > Limits::kMaxMeanDepth;
}

// ---------------------------------------------------------------------------
// Title and metadata helpers.

// Removes a site-name segment at either end of a <title> (`X - site`,
// `site | X`). The segment removed is the site name when it matches one of
// `sites`, else a short end segment (<= 4 words, the rest longer). Returns
// the title and, through *site, the segment dropped.
std::string StripSiteName(std::string_view title, const std::vector<std::string>& sites, std::string* site) {
  static constexpr std::array<std::string_view, 7> kSeps = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                                            " :: ", " \xC2\xBB ", " \xC2\xAB "};
  std::string t = Fold(title);
  std::vector<std::string> site_keys;
  for (const auto& s : sites)
    if (!s.empty()) site_keys.push_back(WordKey(s));
  for (int round = 0; round < 2; ++round) {
    // Last separator and first separator.
    size_t last = std::string::npos, last_len = 0, first = std::string::npos, first_len = 0;
    for (auto sep : kSeps) {
      size_t p = t.rfind(sep);
      if (p != std::string::npos && (last == std::string::npos || p > last)) last = p, last_len = sep.size();
      size_t q = t.find(sep);
      if (q != std::string::npos && (first == std::string::npos || q < first)) first = q, first_len = sep.size();
    }
    if (last == std::string::npos) break;
    std::string head = t.substr(0, first), tail = t.substr(last + last_len);
    std::string head_key = WordKey(head), tail_key = WordKey(tail);
    bool tail_site = false, head_site = false;
    for (const auto& k : site_keys) {
      if (!k.empty() && (tail_key == k || (tail_key.find(k) != std::string::npos && CountWords(tail_key) <= 6)))
        tail_site = true;
      if (!k.empty() && (head_key == k || (head_key.find(k) != std::string::npos && CountWords(head_key) <= 6)))
        head_site = true;
    }
    if (!tail_site && !head_site && site_keys.empty()) {
      size_t rest_words = CountWords(WordKey(t.substr(0, last)));
      if (CountWords(tail_key) <= 4 && rest_words > CountWords(tail_key)) tail_site = true;
    }
    if (tail_site) {
      if (site && site->empty()) *site = std::string(Trim(tail));
      t = std::string(Trim(std::string_view(t).substr(0, last)));
    } else if (head_site) {
      if (site && site->empty()) *site = std::string(Trim(head));
      t = std::string(Trim(std::string_view(t).substr(first + first_len)));
    } else {
      break;
    }
  }
  return t;
}

void AddKeywords(std::vector<std::string>& out, std::string_view value) {
  for (auto& k : SplitKeywords(value))
    if (!k.empty() && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(std::move(k));
}

// ---------------------------------------------------------------------------
// The extractor.

class Extractor {
 public:
  Extractor(const PageMeta& meta, const CleanOptions& options) : meta_(meta), options_(options) {}

  Article Run(std::string_view html) {
    if (TooDeepForTree(html)) return FallBack(html);
    Arena arena;
    GumboOptions gopt = kGumboDefaultOptions;
    gopt.allocator = &Arena::Alloc;
    gopt.deallocator = &Arena::Free;
    gopt.userdata = &arena;
    gopt.max_errors = 0;
    GumboOutput* out = gumbo_parse_with_options(&gopt, html.data(), html.size());
    if (out == nullptr) return FallBack(html);
    Walk(out->document);
    Article a = Build();
    // The arena releases the tree; gumbo_destroy_output is not called.
    return a;
  }

 private:
  // ---- the walk --------------------------------------------------------
  struct Frame {
    const GumboNode* node;
    int32_t elem;  // index in elems_ (for exit frames)
    bool exit;
  };

  void Flush() {
    if (!cur_.text.empty() && !elems_.empty()) {
      cur_.owner = static_cast<uint32_t>(block_stack_.empty() ? 0 : block_stack_.back());
      cur_.tag = elems_[cur_.owner].node->v.element.tag;
      runs_.push_back(std::move(cur_));
    }
    cur_ = TextRun();
    pending_space_ = false;
  }

  uint8_t LevelOf(const GumboElement& e, uint8_t parent_level) {
    Kind k = KindOf(e.tag);
    uint8_t level = parent_level;
    if (k == Kind::kHard) return 2;
    if (k == Kind::kSoft) level = std::max<uint8_t>(level, 1);
    if (e.tag == GUMBO_TAG_H1) level = std::max<uint8_t>(level, 1);
    if (const char* hidden = Attr(e, "hidden"); hidden) return 2;
    if (const char* style = Attr(e, "style")) {
      std::string st = ToLower(style);
      st.erase(std::remove(st.begin(), st.end(), ' '), st.end());
      if (HasPart(st, "display:none") || HasPart(st, "visibility:hidden")) return 2;
    }
    if (const char* role = Attr(e, "role")) {
      std::string r = ToLower(role);
      if (r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" || r == "search" ||
          r == "dialog" || r == "menu" || r == "menubar" || r == "alertdialog")
        return 2;
    }
    if (e.tag == GUMBO_TAG_HTML || e.tag == GUMBO_TAG_BODY || e.tag == GUMBO_TAG_MAIN || e.tag == GUMBO_TAG_ARTICLE)
      return level;
    std::string cls;
    if (const char* c = Attr(e, "class")) cls = ToLower(c);
    if (const char* id = Attr(e, "id")) {
      cls += ' ';
      cls += ToLower(id);
    }
    if (cls.empty()) return level;
    if (AnyPart(cls, kContentParts)) return level;
    if (AnyPart(cls, kNegativeParts) || AnyNegativeToken(cls)) return 2;
    return level;
  }

  void ReadHeadElement(const GumboElement& e) {
    if (e.tag == GUMBO_TAG_META) {
      const char* content = Attr(e, "content");
      if (!content) return;
      std::string key;
      if (const char* p = Attr(e, "property")) key = ToLower(p);
      else if (const char* n = Attr(e, "name")) key = ToLower(n);
      if (const char* ip = Attr(e, "itemprop")) {
        std::string v = ToLower(ip);
        if (v == "datepublished" && head_.itemprop_published.empty()) head_.itemprop_published = content;
        if (v == "headline" && head_.itemprop_headline.empty()) head_.itemprop_headline = Fold(content);
      }
      if (key == "og:title" && head_.og_title.empty()) head_.og_title = Fold(content);
      else if (key == "og:site_name" && head_.og_site.empty()) head_.og_site = Fold(content);
      else if ((key == "article:published_time" || key == "og:published_time" || key == "pubdate" ||
                key == "publishdate" || key == "publish-date" || key == "date" || key == "dc.date.issued" ||
                key == "sailthru.date" || key == "parsely-pub-date") &&
               head_.published_meta.empty())
        head_.published_meta = content;
      else if ((key == "keywords" || key == "news_keywords") && head_.meta_keywords.empty())
        head_.meta_keywords = content;
      return;
    }
    if (e.tag == GUMBO_TAG_LINK) {
      const char* rel = Attr(e, "rel");
      const char* href = Attr(e, "href");
      if (rel && href && ToLower(rel) == "canonical" && head_.canonical.empty()) head_.canonical = href;
      return;
    }
    if (e.tag == GUMBO_TAG_SCRIPT) {
      const char* type = Attr(e, "type");
      if (type && ToLower(type) == "application/ld+json") {
        for (unsigned i = 0; i < e.children.length; ++i) {
          auto* k = static_cast<const GumboNode*>(e.children.data[i]);
          if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_CDATA) ReadJsonLd(k->v.text.text, head_);
        }
      }
      return;
    }
    if (e.tag == GUMBO_TAG_TITLE && head_.title_tag.empty()) {
      for (unsigned i = 0; i < e.children.length; ++i) {
        auto* k = static_cast<const GumboNode*>(e.children.data[i]);
        if (k->type == GUMBO_NODE_TEXT) head_.title_tag += k->v.text.text;
      }
      head_.title_tag = Fold(head_.title_tag);
      return;
    }
    if (e.tag == GUMBO_TAG_HTML) {
      if (const char* l = Attr(e, "lang")) head_.lang = l;
      if (const char* d = Attr(e, "dir")) head_.dir = d;
    }
  }

  void Walk(const GumboNode* root) {
    std::vector<Frame> stack;
    std::vector<uint8_t> levels;  // level of each open element, parallel to open_
    stack.push_back({root, -1, false});
    int32_t open = -1;  // innermost open element
    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      const GumboNode* n = f.node;
      if (f.exit) {
        Elem& e = elems_[static_cast<size_t>(f.elem)];
        Kind k = KindOf(n->v.element.tag);
        if (k != Kind::kInline) Flush();
        if (k == Kind::kPara || k == Kind::kBlock || k == Kind::kSoft || k == Kind::kHard) block_stack_.pop_back();
        if (n->v.element.tag == GUMBO_TAG_A) --in_link_;
        e.end_elem = static_cast<uint32_t>(elems_.size());
        e.end_run = static_cast<uint32_t>(runs_.size());
        open = e.parent;
        continue;
      }
      switch (n->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE: {
          uint8_t level = open >= 0 ? elems_[static_cast<size_t>(open)].level : 0;
          if (level >= 2) continue;
          std::string_view t = n->v.text.text;
          size_t cps = AppendFolded(cur_.text, t, pending_space_);
          cur_.chars += static_cast<uint32_t>(cps);
          if (in_link_ > 0) cur_.link_chars += static_cast<uint32_t>(cps);
          cur_.level = std::max(cur_.level, level);
          continue;
        }
        case GUMBO_NODE_DOCUMENT: {
          const GumboVector& kids = n->v.document.children;
          for (unsigned i = kids.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), -1, false});
          continue;
        }
        case GUMBO_NODE_ELEMENT:
          break;
        default:
          continue;
      }
      const GumboElement& el = n->v.element;
      ReadHeadElement(el);
      Kind k = KindOf(el.tag);
      if (k == Kind::kBreak) {
        Flush();
        continue;
      }
      Elem e;
      e.node = n;
      e.parent = open;
      uint8_t parent_level = open >= 0 ? elems_[static_cast<size_t>(open)].level : 0;
      e.level = parent_level >= 2 ? 2 : LevelOf(el, parent_level);
      if (const char* ip = Attr(el, "itemprop")) {
        std::string v = ToLower(ip);
        if (v == "articlebody") e.article_body = true;
        if (v == "datepublished" && head_.itemprop_published.empty()) {
          if (const char* dt = Attr(el, "datetime")) head_.itemprop_published = dt;
          else if (const char* c = Attr(el, "content")) head_.itemprop_published = c;
        }
      }
      if (el.tag == GUMBO_TAG_TIME && e.level < 2 && head_.time_datetime.empty()) {
        if (const char* dt = Attr(el, "datetime")) head_.time_datetime = dt;
      }
      {
        std::string cls;
        if (const char* c = Attr(el, "class")) cls = ToLower(c);
        if (const char* id = Attr(el, "id")) {
          cls += ' ';
          cls += ToLower(id);
        }
        e.content_class = !cls.empty() && AnyPart(cls, kContentParts);
      }
      if (const char* it = Attr(el, "itemtype")) {
        std::string_view t = it;
        e.itemscope_article = HasPart(t, "Article") || HasPart(t, "BlogPosting");
      }
      if (k != Kind::kInline) Flush();
      e.first_run = static_cast<uint32_t>(runs_.size());
      int32_t idx = static_cast<int32_t>(elems_.size());
      elems_.push_back(e);
      if (k == Kind::kPara || k == Kind::kBlock || k == Kind::kSoft || k == Kind::kHard) block_stack_.push_back(idx);
      if (el.tag == GUMBO_TAG_A) ++in_link_;
      open = idx;
      stack.push_back({n, idx, true});
      if (e.level >= 2 && el.tag != GUMBO_TAG_HEAD && el.tag != GUMBO_TAG_SCRIPT) {
        // Hard boilerplate: no text, but <time> and itemprop inside still
        // count for metadata? No: skip the subtree entirely (cheaper).
        continue;
      }
      if (el.tag == GUMBO_TAG_SCRIPT || el.tag == GUMBO_TAG_STYLE) continue;
      const GumboVector& kids = el.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), -1, false});
    }
    Flush();
  }

  // ---- choosing the container ------------------------------------------
  void Aggregate() {
    for (const TextRun& r : runs_) {
      if (r.level != 0) continue;
      Elem& e = elems_[r.owner];
      e.chars += r.chars;
      e.link_chars += r.link_chars;
      if (r.chars < Limits::kMinRunChars) continue;
      double s = 1.0 + std::min(3.0, r.chars / 100.0);
      // Commas (Arabic and Latin) mark real sentences.
      for (size_t i = 0; i < r.text.size(); ++i) {
        if (r.text[i] == ',') s += 1;
        else if (r.text.compare(i, 2, "\xD8\x8C") == 0) s += 1, ++i;
      }
      s *= 1.0 - r.LinkDensity();
      // A paragraph scores for its container; text directly in a div scores
      // for the div.
      int32_t target = KindOf(e.node->v.element.tag) == Kind::kPara ? e.parent : static_cast<int32_t>(r.owner);
      if (target < 0) continue;
      elems_[static_cast<size_t>(target)].score += s;
      int32_t gp = elems_[static_cast<size_t>(target)].parent;
      if (gp >= 0) elems_[static_cast<size_t>(gp)].score += s / 2;
    }
    for (size_t i = elems_.size(); i-- > 1;) {
      const Elem& e = elems_[i];
      if (e.parent >= 0) {
        elems_[static_cast<size_t>(e.parent)].chars += e.chars;
        elems_[static_cast<size_t>(e.parent)].link_chars += e.link_chars;
      }
    }
  }

  double Good(const Elem& e) const {
    if (e.chars == 0) return 0;
    return static_cast<double>(e.chars - std::min(e.chars, e.link_chars));
  }

  bool IsInside(size_t inner, size_t outer) const { return inner >= outer && inner < elems_[outer].end_elem; }

  // The best element among those `pick` accepts, descending into a nested
  // accepted one that holds most of its text. -1 if none.
  template <typename Pick>
  int32_t BestOf(Pick pick) const {
    int32_t best = -1;
    for (size_t i = 0; i < elems_.size(); ++i) {
      if (elems_[i].level >= 2 || !pick(elems_[i])) continue;
      if (best < 0 || Good(elems_[i]) > Good(elems_[static_cast<size_t>(best)])) best = static_cast<int32_t>(i);
    }
    if (best < 0) return -1;
    // One pass: the subtree of a new best starts right after it.
    for (size_t i = static_cast<size_t>(best) + 1; i < elems_[static_cast<size_t>(best)].end_elem; ++i) {
      if (elems_[i].level >= 2 || !pick(elems_[i])) continue;
      if (Good(elems_[i]) >= Limits::kInnerShare * Good(elems_[static_cast<size_t>(best)]))
        best = static_cast<int32_t>(i);
    }
    return best;
  }

  int32_t ChooseContainer() {
    Aggregate();
    int32_t dense = -1;
    double best_score = 0;
    for (size_t i = 0; i < elems_.size(); ++i) {
      const Elem& e = elems_[i];
      if (e.level >= 2 || e.score <= 0) continue;
      double ld = e.chars ? static_cast<double>(e.link_chars) / static_cast<double>(e.chars) : 0;
      double s = e.score * (1 - ld);
      if (s > best_score) best_score = s, dense = static_cast<int32_t>(i);
    }
    double dense_good = dense >= 0 ? Good(elems_[static_cast<size_t>(dense)]) : 0;
    auto accept = [&](int32_t c) {
      return c >= 0 && Good(elems_[static_cast<size_t>(c)]) > 0 &&
             Good(elems_[static_cast<size_t>(c)]) >= Limits::kStructuredShare * dense_good;
    };
    int32_t c = BestOf([](const Elem& e) { return e.article_body; });
    if (accept(c)) return c;
    c = BestOf([](const Elem& e) { return e.content_class; });
    if (accept(c)) return c;
    c = BestOf([](const Elem& e) { return e.node->v.element.tag == GUMBO_TAG_ARTICLE || e.itemscope_article; });
    if (accept(c)) return c;
    return dense;
  }

  // ---- building the article --------------------------------------------
  void Removed(Article& a, std::string_view text, const char* why) { a.removed.push_back({std::string(text), why}); }

  // Body lines of the container; teasers are collected into `teasers`.
  std::string BodyLines(int32_t container, Article& a, std::vector<Teaser>& teasers) {
    std::string lines;
    const Elem& c = elems_[static_cast<size_t>(container)];
    for (uint32_t i = c.first_run; i < c.end_run; ++i) {
      const TextRun& r = runs_[i];
      if (r.level == 2) continue;
      std::string key = WordKey(r.text);
      std::string_view cue = CuePrefix(key);
      if (!cue.empty() && CountWords(key) <= CountWords(cue) + Limits::kTeaserMaxExtraWords) {
        std::string_view rest = TrimPunctuation(AfterWords(r.text, CountWords(cue)));
        if (!rest.empty()) {  // inline teaser: `اقرأ أيضا: title`
          Removed(a, r.text, why::kTeaserMarker);
          Teaser t;
          t.title = std::string(rest);
          teasers.push_back(std::move(t));
          continue;
        }
        // A block that starts with the cue: the smallest element holding
        // more than this run (the container at most).
        Removed(a, r.text, why::kTeaserMarker);
        size_t b = r.owner;
        while (static_cast<int32_t>(b) != container && elems_[b].end_run - elems_[b].first_run <= 1 &&
               elems_[b].parent >= 0)
          b = static_cast<size_t>(elems_[b].parent);
        uint32_t end = std::max(elems_[b].end_run, i + 1);
        Teaser cur;
        auto flush = [&]() {
          if (!cur.title.empty() || !cur.text.empty()) teasers.push_back(std::move(cur));
          cur = Teaser();
        };
        for (uint32_t j = i + 1; j < end; ++j) {
          const TextRun& t = runs_[j];
          if (t.level == 2) continue;
          Removed(a, t.text, why::kTeaser);
          if (t.LinkDensity() > Limits::kMaxLinkDensity || cur.title.empty()) {
            flush();
            cur.title = t.text;
          } else {
            if (!cur.text.empty()) cur.text += "\n\n";
            cur.text += t.text;
          }
        }
        flush();
        i = end - 1;
        continue;
      }
      if (r.level != 0) continue;
      if (r.LinkDensity() > Limits::kMaxLinkDensity) {
        Removed(a, r.text, why::kChrome);
        continue;
      }
      lines += r.text;
      lines += '\n';
    }
    return lines;
  }

  // Metadata lines near the container: the runs of the enclosing article
  // (or the container's parent) outside the container.
  std::string MetaLines(int32_t container) {
    std::string lines;
    int32_t scope = container;
    for (int32_t p = container; p >= 0; p = elems_[static_cast<size_t>(p)].parent) {
      const Elem& e = elems_[static_cast<size_t>(p)];
      if (e.node->v.element.tag == GUMBO_TAG_ARTICLE || e.itemscope_article) {
        scope = p;
        break;
      }
    }
    if (scope == container && elems_[static_cast<size_t>(container)].parent >= 0)
      scope = elems_[static_cast<size_t>(container)].parent;
    const Elem& s = elems_[static_cast<size_t>(scope)];
    const Elem& c = elems_[static_cast<size_t>(container)];
    size_t n = 0;
    for (uint32_t i = s.first_run; i < s.end_run && n < 40; ++i) {
      if (i >= c.first_run && i < c.end_run) continue;
      const TextRun& r = runs_[i];
      if (r.level == 2 || r.chars > 300) continue;
      lines += r.text;
      lines += '\n';
      ++n;
    }
    return lines;
  }

  std::string ChooseTitle(std::string* site_from_title) {
    std::vector<std::string> sites = {meta_.outlet, head_.og_site, head_.ld_publisher};
    std::string title_tag = StripSiteName(head_.title_tag, sites, site_from_title);
    if (!meta_.title.empty()) return Fold(meta_.title);
    if (!head_.og_title.empty()) return StripSiteName(head_.og_title, sites, nullptr);
    if (!head_.ld_headline.empty()) return Fold(head_.ld_headline);
    if (!head_.itemprop_headline.empty()) return head_.itemprop_headline;
    for (const TextRun& r : runs_)
      if (r.tag == GUMBO_TAG_H1 && r.level < 2 && !r.text.empty()) return r.text;
    return title_tag;
  }

  void SetDate(Article& a, std::string_view value, const char* source) {
    if (a.published.date) return;
    if (auto d = ParseIsoDate(value)) {
      a.published.date = d;
      a.published.kind = DateKind::kAbsolute;
      a.published.text = std::string(Trim(value));
      a.published.source = source;
    }
  }

  Article Build() {
    std::string site_from_title;
    std::string title = ChooseTitle(&site_from_title);
    int32_t container = ChooseContainer();

    Article a;
    std::vector<Teaser> teasers;
    std::string body_lines = container >= 0 ? BodyLines(container, a, teasers) : std::string();
    // JSON-LD articleBody when the DOM gives nothing or much less.
    if (!head_.ld_body.empty()) {
      std::string ld = head_.ld_body;
      if (ld.find('<') != std::string::npos) ld = StripTags(ld, nullptr);
      size_t ld_words = CountWordsIn(ld), dom_words = CountWordsIn(body_lines);
      if (static_cast<double>(dom_words) < Limits::kJsonLdShare * static_cast<double>(ld_words)) {
        body_lines = ld;
        teasers.clear();
      }
    }
    PageMeta m;
    m.title = title;
    m.fetched_at = meta_.fetched_at;
    Article text = CleanText(body_lines, m, options_);
    a.title = std::move(text.title);
    a.flags = std::move(text.flags);
    a.body = std::move(text.body);
    a.teasers = std::move(teasers);
    for (auto& t : text.teasers) a.teasers.push_back(std::move(t));
    a.agencies = std::move(text.agencies);
    a.keywords = std::move(text.keywords);
    a.author = std::move(text.author);
    for (auto& r : text.removed) a.removed.push_back(std::move(r));

    // Dates: structured first, then the text rules, then the container.
    SetDate(a, head_.ld_published, "json-ld");
    SetDate(a, head_.published_meta, "html-meta");
    SetDate(a, head_.itemprop_published, "html-meta");
    SetDate(a, head_.time_datetime, "html-time");
    Article near;
    if (container >= 0) near = CleanText(MetaLines(container), PageMeta{title, "", "", "", meta_.fetched_at}, options_);
    if (!a.published.date) {
      if (near.published.date || (near.published.kind != DateKind::kUnknown && a.published.kind == DateKind::kUnknown))
        a.published = near.published;
      else if (text.published.date || (text.published.kind != DateKind::kUnknown && a.published.kind == DateKind::kUnknown))
        a.published = text.published;
    }
    SetDate(a, meta_.published, "record");

    // Outlet: container, page metadata, text credits, <title> suffix, URL.
    a.outlet = meta_.outlet;
    if (a.outlet.empty()) a.outlet = head_.og_site;
    if (a.outlet.empty()) a.outlet = Fold(head_.ld_publisher);
    if (a.outlet.empty()) a.outlet = text.outlet;
    if (a.outlet.empty()) a.outlet = near.outlet;
    if (a.outlet.empty()) a.outlet = site_from_title;
    if (a.outlet.empty()) a.outlet = OutletFromUrl(head_.canonical.empty() ? meta_.url : head_.canonical);
    if (a.outlet.empty()) a.outlet = OutletFromUrl(meta_.url);

    if (a.author.empty()) a.author = Fold(head_.ld_author);
    if (a.author.empty()) a.author = near.author;
    if (!head_.ld_keywords.empty()) AddKeywords(a.keywords, head_.ld_keywords);
    else if (!head_.meta_keywords.empty()) AddKeywords(a.keywords, head_.meta_keywords);
    for (auto& k : near.keywords)
      if (std::find(a.keywords.begin(), a.keywords.end(), k) == a.keywords.end()) a.keywords.push_back(k);
    return a;
  }

  Article FallBack(std::string_view html) {
    std::string title;
    std::string text = StripTags(html, &title);
    std::string site;
    PageMeta m = meta_;
    if (m.title.empty()) m.title = StripSiteName(title, {meta_.outlet}, &site);
    if (m.outlet.empty()) m.outlet = site;
    return CleanText(text, m, options_);
  }

  const PageMeta& meta_;
  const CleanOptions& options_;
  HeadMeta head_;
  std::vector<Elem> elems_;
  std::vector<TextRun> runs_;
  std::vector<int32_t> block_stack_;
  TextRun cur_;
  bool pending_space_ = false;
  int in_link_ = 0;
};

}  // namespace
}  // namespace clean

Article CleanHtml(std::string_view utf8_html, const PageMeta& meta, const CleanOptions& options) {
  return clean::Extractor(meta, options).Run(utf8_html);
}

}  // namespace akhbar
