// Main-content extraction from HTML pages: CleanHtml (see akhbar/article.h).
//
// Steps, each one linear in the page:
//  1. A byte prescan counts end tags and bounds the attribute work of every
//     start tag (see ParseBudget). libxml2's HTML parser is linear except in
//     two places a hostile page controls: an end tag (and a misplaced <body>)
//     scans the stack of open elements, and a start tag checks each attribute
//     against the ones before it. The prescan turns both into a budget: a page
//     whose attribute pairs exceed it, or whose open-element stack grows past
//     budget / end tags while parsing (checked exactly, in the SAX start-
//     element callback), takes the fall-back: a linear tag stripper whose
//     lines go through CleanText.
//  2. libxml2's HTML parser (htmlCtxtReadMemory, recover mode, no network,
//     no error output, no depth limit) builds the tree; the document is freed
//     by xmlFreeDoc, which is iterative in libxml2 >= 2.9.
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
// libxml2 memory: the only libxml2 allocations held are the parser context
// and the document (both owned by unique_ptrs); attribute values and text are
// read in place from the tree (no xmlGetProp / xmlNodeGetContent copies).
//
// Thread-safety: no shared mutable state (xmlInitParser runs once, which
// libxml2 requires before parsing from several threads).
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
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
  // Parser work budget (element comparisons), see ParseBudget: a fixed part
  // plus a part per input byte.
  // 120M comparisons cost ~0.4 s at worst and let 10,000 properly nested
  // elements parse as a tree.
  static constexpr uint64_t kParseBudget = 120'000'000;
  static constexpr uint64_t kParseBudgetPerByte = 8;
  static constexpr uint64_t kMinDepthLimit = 256;  // open-element depth always allowed
  static constexpr size_t kMinRunChars = 25;       // runs shorter than this do not score
  static constexpr double kMaxLinkDensity = 0.5;   // body runs with more link text are dropped
  static constexpr double kStructuredShare = 0.5;  // structured candidate vs density winner
  static constexpr double kInnerShare = 0.85;      // prefer a nested candidate holding this share
  static constexpr double kJsonLdShare = 0.8;      // DOM text below this share of articleBody: use JSON-LD
  static constexpr size_t kMaxJsonDepth = 64;      // deeper JSON-LD is ignored
  static constexpr size_t kTeaserMaxExtraWords = 25;
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

enum class Tag : uint8_t {
  kOther,  // any element not listed
  kA, kAddress, kArticle, kAside, kAudio, kBlockquote, kBody, kBr, kButton, kCanvas, kCaption, kCenter, kDd,
  kDetails, kDiv, kDl, kDt, kEmbed, kFieldset, kFigcaption, kFigure, kFooter, kForm, kH1, kH2, kH3, kH4, kH5,
  kH6, kHead, kHeader, kHgroup, kHr, kHtml, kIframe, kInput, kLabel, kLi, kLink, kMain, kMath, kMenu, kMeta,
  kNav, kNoscript, kObject, kOl, kP, kPre, kScript, kSection, kSelect, kStyle, kSummary, kSvg, kTable,
  kTbody, kTd, kTemplate, kTextarea, kTfoot, kTh, kThead, kTime, kTitle, kTr, kUl, kVideo,
};

// Element names as libxml2 gives them (lower case), sorted for binary search.
constexpr std::pair<std::string_view, Tag> kTagNames[] = {
    {"a", Tag::kA}, {"address", Tag::kAddress}, {"article", Tag::kArticle}, {"aside", Tag::kAside},
    {"audio", Tag::kAudio}, {"blockquote", Tag::kBlockquote}, {"body", Tag::kBody}, {"br", Tag::kBr},
    {"button", Tag::kButton}, {"canvas", Tag::kCanvas}, {"caption", Tag::kCaption}, {"center", Tag::kCenter},
    {"dd", Tag::kDd}, {"details", Tag::kDetails}, {"div", Tag::kDiv}, {"dl", Tag::kDl}, {"dt", Tag::kDt},
    {"embed", Tag::kEmbed}, {"fieldset", Tag::kFieldset}, {"figcaption", Tag::kFigcaption},
    {"figure", Tag::kFigure}, {"footer", Tag::kFooter}, {"form", Tag::kForm}, {"h1", Tag::kH1},
    {"h2", Tag::kH2}, {"h3", Tag::kH3}, {"h4", Tag::kH4}, {"h5", Tag::kH5}, {"h6", Tag::kH6},
    {"head", Tag::kHead}, {"header", Tag::kHeader}, {"hgroup", Tag::kHgroup}, {"hr", Tag::kHr},
    {"html", Tag::kHtml}, {"iframe", Tag::kIframe}, {"input", Tag::kInput}, {"label", Tag::kLabel},
    {"li", Tag::kLi}, {"link", Tag::kLink}, {"main", Tag::kMain}, {"math", Tag::kMath}, {"menu", Tag::kMenu},
    {"meta", Tag::kMeta}, {"nav", Tag::kNav}, {"noscript", Tag::kNoscript}, {"object", Tag::kObject},
    {"ol", Tag::kOl}, {"p", Tag::kP}, {"pre", Tag::kPre}, {"script", Tag::kScript}, {"section", Tag::kSection},
    {"select", Tag::kSelect}, {"style", Tag::kStyle}, {"summary", Tag::kSummary}, {"svg", Tag::kSvg},
    {"table", Tag::kTable}, {"tbody", Tag::kTbody}, {"td", Tag::kTd}, {"template", Tag::kTemplate},
    {"textarea", Tag::kTextarea}, {"tfoot", Tag::kTfoot}, {"th", Tag::kTh}, {"thead", Tag::kThead},
    {"time", Tag::kTime}, {"title", Tag::kTitle}, {"tr", Tag::kTr}, {"ul", Tag::kUl}, {"video", Tag::kVideo},
};

Tag TagOf(const xmlNode* n) {
  if (n->name == nullptr) return Tag::kOther;
  std::string_view name = reinterpret_cast<const char*>(n->name);
  auto it = std::lower_bound(std::begin(kTagNames), std::end(kTagNames), name,
                             [](const std::pair<std::string_view, Tag>& e, std::string_view k) { return e.first < k; });
  return it != std::end(kTagNames) && it->first == name ? it->second : Tag::kOther;
}
static_assert(std::is_sorted(std::begin(kTagNames), std::end(kTagNames),
                             [](const auto& a, const auto& b) { return a.first < b.first; }));

enum class Kind : uint8_t { kInline, kBlock, kPara, kBreak, kHard, kSoft };

Kind KindOf(Tag t) {
  switch (t) {
    case Tag::kScript: case Tag::kStyle: case Tag::kNoscript: case Tag::kIframe:
    case Tag::kTemplate: case Tag::kNav: case Tag::kFooter: case Tag::kAside:
    case Tag::kForm: case Tag::kObject: case Tag::kEmbed: case Tag::kSvg:
    case Tag::kMath: case Tag::kCanvas: case Tag::kSelect: case Tag::kButton:
    case Tag::kTextarea: case Tag::kInput: case Tag::kLabel: case Tag::kHead:
    case Tag::kMenu: case Tag::kVideo: case Tag::kAudio:
      return Kind::kHard;
    case Tag::kHeader: case Tag::kFigure:
      return Kind::kSoft;  // not body, but read for metadata
    case Tag::kBr: case Tag::kHr:
      return Kind::kBreak;
    case Tag::kP: case Tag::kH1: case Tag::kH2: case Tag::kH3: case Tag::kH4:
    case Tag::kH5: case Tag::kH6: case Tag::kLi: case Tag::kBlockquote: case Tag::kDd:
    case Tag::kDt: case Tag::kTd: case Tag::kTh: case Tag::kPre: case Tag::kFigcaption:
    case Tag::kAddress: case Tag::kSummary: case Tag::kCaption:
      return Kind::kPara;
    case Tag::kDiv: case Tag::kSection: case Tag::kArticle: case Tag::kMain:
    case Tag::kBody: case Tag::kHtml: case Tag::kUl: case Tag::kOl: case Tag::kDl:
    case Tag::kTable: case Tag::kTbody: case Tag::kThead: case Tag::kTfoot: case Tag::kTr:
    case Tag::kCenter: case Tag::kFieldset: case Tag::kDetails: case Tag::kHgroup:
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

// The value of attribute `name` (lower case) of element `n`: nullptr when
// absent, "" when present without a value. The pointer lives as long as the
// document, or as `store` for a value libxml2 split into several nodes.
const char* Attr(const xmlNode* n, std::string_view name, std::deque<std::string>& store) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (!a->name || name != reinterpret_cast<const char*>(a->name)) continue;  // libxml2 lower-cases names
    const xmlNode* c = a->children;
    if (c == nullptr) return "";
    if (c->next == nullptr) return c->content ? reinterpret_cast<const char*>(c->content) : "";
    std::string v;
    for (; c; c = c->next)
      if (c->content) v += reinterpret_cast<const char*>(c->content);
    store.push_back(std::move(v));
    return store.back().c_str();
  }
  return nullptr;
}

// The text children of `n` concatenated (CDATA children too when `cdata`:
// libxml2 gives <script> content as CDATA sections).
std::string ChildText(const xmlNode* n, bool cdata) {
  std::string out;
  for (const xmlNode* c = n->children; c; c = c->next)
    if (c->content && (c->type == XML_TEXT_NODE || (cdata && c->type == XML_CDATA_SECTION_NODE)))
      out += reinterpret_cast<const char*>(c->content);
  return out;
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
  Tag tag = Tag::kOther;
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
  Tag tag = Tag::kOther;  // owner's tag
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
// Fall-back for pages libxml2 cannot parse in linear time: a linear tag
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

// What the parse of a page may cost (see step 1 at the top). libxml2 2.9's
// HTML parser (HTMLparser.c) does two things that are not linear:
//  - an end tag (htmlParseEndTag, htmlAutoCloseOnClose) and a <body> start
//    tag search the stack of open elements: cost <= depth per such tag;
//  - a start tag compares each attribute name with all the earlier ones
//    (duplicate check): cost = attributes^2 / 2 per tag.
// Both were measured quadratic (40,000 open <div> + 40,000 stray </i>: 2.5 s;
// one tag with 40,000 attributes: 18 s). The budget is
// kParseBudget + kParseBudgetPerByte * bytes comparisons.
struct ParseBudget {
  bool attributes_ok = true;  // summed attribute pairs within the budget
  uint64_t max_depth = 0;     // open-element depth allowed while parsing
};

bool IsBlankByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c == '.'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-'; }

// One linear pass. Counts every `</` and `<body` (an over-estimate of the
// stack searches) and, for every `<` + name start, the attributes as
// libxml2's start-tag loop reads them (name [= value], quoted values up to
// the same quote, bogus tokens up to a blank), over-estimated: text inside
// <script> and comments is read as tags too.
ParseBudget PrescanBudget(std::string_view s) {
  const uint64_t budget = Limits::kParseBudget + Limits::kParseBudgetPerByte * s.size();
  uint64_t searches = 0, pairs = 0;
  const size_t n = s.size();
  for (size_t i = 0; i + 1 < n; ++i) {
    if (s[i] != '<') continue;
    if (s[i + 1] == '/') {
      ++searches;
      continue;
    }
    if (!IsNameStart(s[i + 1])) continue;
    size_t j = i + 1;
    while (j < n && IsNameChar(s[j])) ++j;
    // libxml2 reads names in pieces of at most 1000 bytes (HTML_MAX_NAMELEN);
    // the pieces after the first become attributes.
    uint64_t attrs = (j - i - 1) / 1000;
    if (j - i - 1 == 4 && Lower(s[i + 1]) == 'b' && Lower(s[i + 2]) == 'o' && Lower(s[i + 3]) == 'd' &&
        Lower(s[i + 4]) == 'y')
      ++searches;
    for (;;) {
      while (j < n && IsBlankByte(s[j])) ++j;
      if (j >= n || s[j] == '>' || (s[j] == '/' && j + 1 < n && s[j + 1] == '>')) break;
      if (IsNameStart(s[j])) {
        size_t k = j;
        while (j < n && IsNameChar(s[j])) ++j;
        attrs += 1 + (j - k) / 1000;
        while (j < n && IsBlankByte(s[j])) ++j;
        if (j < n && s[j] == '=') {
          ++j;
          while (j < n && IsBlankByte(s[j])) ++j;
          if (j < n && (s[j] == '"' || s[j] == '\'')) {
            size_t q = s.find(s[j], j + 1);
            j = q == std::string_view::npos ? n : q + 1;
          } else {
            while (j < n && !IsBlankByte(s[j]) && s[j] != '>') ++j;
          }
        }
      } else {
        ++j;  // libxml2 skips a bogus token up to a blank or the end of the tag
        while (j < n && !IsBlankByte(s[j]) && s[j] != '>' && !(s[j] == '/' && j + 1 < n && s[j + 1] == '>')) ++j;
      }
    }
    pairs += attrs * attrs / 2;
    i = j > i ? j - 1 : i;  // the '>' (or the end) is examined next
  }
  ParseBudget b;
  b.attributes_ok = pairs <= budget;
  b.max_depth = std::max<uint64_t>(Limits::kMinDepthLimit, budget / std::max<uint64_t>(searches, 1));
  return b;
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
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });
    if (html.empty()) return FallBack(html);
    if (html.size() > static_cast<size_t>(INT_MAX)) return FallBack(html);
    ParseBudget budget = PrescanBudget(html);
    if (!budget.attributes_ok) return FallBack(html);
    std::unique_ptr<htmlParserCtxt, CtxtFree> ctxt(htmlNewParserCtxt());
    if (!ctxt || !ctxt->sax) return FallBack(html);
    DepthGuard guard{budget.max_depth, false};
    ctxt->_private = &guard;  // libxml2 never touches _private
    ctxt->sax->startElement = &DepthGuard::StartElement;
    // RECOVER: a tree from any input; NOERROR/NOWARNING: never print; NONET:
    // no network; HUGE: no depth limit (the default halts at depth 256 and
    // drops the rest; the depth is bounded by DepthGuard instead);
    // IGNORE_ENC: the input is UTF-8 whatever its <meta charset> says.
    // Implied <html>/<head>/<body> are kept (no NOIMPLIED): the tree then
    // has the shape the walk expects (head metadata under <head>).
    const int flags = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
    std::unique_ptr<xmlDoc, DocFree> doc(
        htmlCtxtReadMemory(ctxt.get(), html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", flags));
    if (guard.exceeded || !doc) return FallBack(html);
    Walk(doc.get());
    return Build();
  }

 private:
  struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
  };
  struct CtxtFree {
    void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
  };

  // Start-element callback: stops the parser when the stack of open
  // elements (ctxt->nameNr, what an end tag searches) passes the limit.
  struct DepthGuard {
    uint64_t max_depth;
    bool exceeded;
    static void StartElement(void* ctx, const xmlChar* name, const xmlChar** atts) {
      auto* ctxt = static_cast<htmlParserCtxt*>(ctx);
      auto* self = static_cast<DepthGuard*>(ctxt->_private);
      if (self != nullptr && static_cast<uint64_t>(std::max(ctxt->nameNr, 0)) > self->max_depth) {
        self->exceeded = true;
        xmlStopParser(ctxt);
        return;
      }
      xmlSAX2StartElement(ctx, name, atts);
    }
  };

  // An element of the tree with its classified tag.
  struct El {
    const xmlNode* node;
    Tag tag;
  };
  const char* Attr(const El& e, std::string_view name) { return clean::Attr(e.node, name, attr_store_); }

  // ---- the walk --------------------------------------------------------
  struct Frame {
    const xmlNode* node;
    int32_t elem;  // index in elems_ (for exit frames)
    bool exit;
  };

  void Flush() {
    if (!cur_.text.empty() && !elems_.empty()) {
      cur_.owner = static_cast<uint32_t>(block_stack_.empty() ? 0 : block_stack_.back());
      cur_.tag = elems_[cur_.owner].tag;
      runs_.push_back(std::move(cur_));
    }
    cur_ = TextRun();
    pending_space_ = false;
  }

  uint8_t LevelOf(const El& e, uint8_t parent_level) {
    Kind k = KindOf(e.tag);
    uint8_t level = parent_level;
    if (k == Kind::kHard) return 2;
    if (k == Kind::kSoft) level = std::max<uint8_t>(level, 1);
    if (e.tag == Tag::kH1) level = std::max<uint8_t>(level, 1);
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
    if (e.tag == Tag::kHtml || e.tag == Tag::kBody || e.tag == Tag::kMain || e.tag == Tag::kArticle)
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

  void ReadHeadElement(const El& e) {
    if (e.tag == Tag::kMeta) {
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
    if (e.tag == Tag::kLink) {
      const char* rel = Attr(e, "rel");
      const char* href = Attr(e, "href");
      if (rel && href && ToLower(rel) == "canonical" && head_.canonical.empty()) head_.canonical = href;
      return;
    }
    if (e.tag == Tag::kScript) {
      const char* type = Attr(e, "type");
      if (type && ToLower(type) == "application/ld+json") ReadJsonLd(ChildText(e.node, true), head_);
      return;
    }
    if (e.tag == Tag::kTitle && head_.title_tag.empty()) {
      head_.title_tag = Fold(ChildText(e.node, false));
      return;
    }
    if (e.tag == Tag::kHtml) {
      if (const char* l = Attr(e, "lang")) head_.lang = l;
      if (const char* d = Attr(e, "dir")) head_.dir = d;
    }
  }

  // Preorder over the tree from `doc`, iterative: the stack holds at most the
  // children of the open elements plus one exit frame per open element.
  void Walk(const xmlDoc* doc) {
    std::vector<Frame> stack;
    for (const xmlNode* c = doc->last; c; c = c->prev) stack.push_back({c, -1, false});
    int32_t open = -1;  // innermost open element
    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      const xmlNode* n = f.node;
      if (f.exit) {
        Elem& e = elems_[static_cast<size_t>(f.elem)];
        Kind k = KindOf(e.tag);
        if (k != Kind::kInline) Flush();
        if (k == Kind::kPara || k == Kind::kBlock || k == Kind::kSoft || k == Kind::kHard) block_stack_.pop_back();
        if (e.tag == Tag::kA) --in_link_;
        e.end_elem = static_cast<uint32_t>(elems_.size());
        e.end_run = static_cast<uint32_t>(runs_.size());
        open = e.parent;
        continue;
      }
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        uint8_t level = open >= 0 ? elems_[static_cast<size_t>(open)].level : 0;
        if (level >= 2 || n->content == nullptr) continue;
        std::string_view t = reinterpret_cast<const char*>(n->content);
        size_t cps = AppendFolded(cur_.text, t, pending_space_);
        cur_.chars += static_cast<uint32_t>(cps);
        if (in_link_ > 0) cur_.link_chars += static_cast<uint32_t>(cps);
        cur_.level = std::max(cur_.level, level);
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;  // comments, PIs, the DTD
      const El el{n, TagOf(n)};
      ReadHeadElement(el);
      Kind k = KindOf(el.tag);
      if (k == Kind::kBreak) {
        Flush();
        continue;
      }
      Elem e;
      e.tag = el.tag;
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
      if (el.tag == Tag::kTime && e.level < 2 && head_.time_datetime.empty()) {
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
      if (el.tag == Tag::kA) ++in_link_;
      open = idx;
      stack.push_back({n, idx, true});
      if (e.level >= 2 && el.tag != Tag::kHead && el.tag != Tag::kScript) {
        // Hard boilerplate: no text, but <time> and itemprop inside still
        // count for metadata? No: skip the subtree entirely (cheaper).
        continue;
      }
      if (el.tag == Tag::kScript || el.tag == Tag::kStyle) continue;
      for (const xmlNode* c = n->last; c; c = c->prev) stack.push_back({c, -1, false});
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
      int32_t target = KindOf(e.tag) == Kind::kPara ? e.parent : static_cast<int32_t>(r.owner);
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
    c = BestOf([](const Elem& e) { return e.tag == Tag::kArticle || e.itemscope_article; });
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
      if (e.tag == Tag::kArticle || e.itemscope_article) {
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
      if (r.tag == Tag::kH1 && r.level < 2 && !r.text.empty()) return r.text;
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
  std::deque<std::string> attr_store_;  // attribute values libxml2 split into several nodes
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
