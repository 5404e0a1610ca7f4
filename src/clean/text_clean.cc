// Cleaning scraped text: the line rules of the cleaning stage.
//
// The page is read as lines. Each line is classified (chrome, comment form,
// metadata, social embed, ...) by table look-ups on its match key; the first
// substantive line is the headline unless the container gave one; a 'read
// also' marker ends the article and starts the teasers. Everything removed is
// recorded with its reason. One pass over the lines, O(n) overall.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/article.h"
#include "akhbar/normalize.h"
#include "akhbar/tokenize.h"
#include "clean/agencies.h"
#include "clean/lines.h"

namespace akhbar {

std::string Article::BodyText() const {
  std::string out;
  for (const auto& p : body) {
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

namespace clean {
namespace {

// Whole-line site chrome, as word keys (see LineKey).
constexpr std::array<std::string_view, 56> kChromeLines = {
    "close", "x", "share", "tweet", "print", "email", "facebook", "twitter", "whatsapp", "telegram",
    "linkedin", "pinterest", "comments", "comment", "more", "home", "menu", "search", "subscribe", "login",
    "شارك", "شاركها", "مشاركه", "شارك الخبر", "شارك المقال", "شارك علي", "مشاركه الخبر", "طباعه",
    "طباعه الخبر", "ارسال", "ارسل لصديق", "تعليقات", "التعليقات", "تعليق", "اضف تعليق", "اضف تعليقك",
    "فيسبوك", "تويتر", "واتساب", "واتس اب", "تلغرام", "تليجرام", "انستغرام",
    "لينكدان", "نسخ الرابط", "الرابط المختصر", "حفظ", "تابعنا", "تابعونا", "اشترك", "الرئيسيه",
    "حجم الخط", "ا ا", "تكبير الخط", "تصغير الخط", "اخبار"};

// Lines that start with these word keys are chrome when short (<= 12 words).
constexpr std::array<std::string_view, 20> kChromePrefixes = {
    "تابعونا علي", "تابعنا علي", "تابعوا", "شارك علي", "شارك عبر", "شارك هذا", "شارك هذه",
    "مشاركه عبر", "انشر علي", "اشترك في", "اشترك الان", "جميع الحقوق محفوظه", "حقوق النشر",
    "follow us", "share on", "share this", "all rights reserved", "لمتابعه اخر", "انقر هنا",
    "اضغط هنا"};

// Comment forms: lines that start with these.
constexpr std::array<std::string_view, 9> kCommentPrefixes = {
    "اترك تعليقا", "اترك ردا", "اضف تعليق", "لن يتم نشر عنوان بريدك", "الحقول الالزاميه",
    "الحقول المطلوبه", "يجب عليك تسجيل الدخول", "your email address will not be published",
    "leave a reply"};

// 'Read also' markers (word keys), longest first where one extends another.
constexpr std::array<std::string_view, 28> kTeaserMarkers = {
    "اقرا ايضا", "اقرا كذلك", "اقرا المزيد", "قراءه المزيد", "المزيد من الاخبار", "المزيد من المقالات",
    "اخبار ذات صله", "مواضيع ذات صله", "مقالات ذات صله", "اخبار متعلقه", "مواضيع متعلقه",
    "مواد ذات صله", "ذات صله", "الاكثر قراءه", "الاكثر مشاهده", "الاكثر تداولا", "اخترنا لك",
    "قد يهمك ايضا", "قد يهمك", "قد يعجبك ايضا", "شاهد ايضا", "طالع ايضا", "اقرا في", "اخبار اخري",
    "read also", "read more", "related articles", "related news"};

constexpr std::array<std::string_view, 6> kSourceLabels = {"المصدر", "مصدر الخبر", "المصدر الاصلي",
                                                           "نقلا عن", "source", "المصادر"};
constexpr std::array<std::string_view, 9> kKeywordLabels = {
    "كلمات دلاليه", "الكلمات الدلاليه", "كلمات مفتاحيه", "الكلمات المفتاحيه", "الوسوم", "وسوم", "tags",
    "الكلمات الداله", "مواضيع"};
constexpr std::array<std::string_view, 8> kBylineLabels = {"بقلم", "كتب", "كتبت", "الكاتب", "اعداد",
                                                           "تحرير", "by", "author"};

// Urgency markers before a headline, and the flag each becomes.
struct Marker {
  std::string_view key;
  const char* flag;
};
constexpr std::array<Marker, 12> kUrgency = {{{"عاجل", "breaking"},
                                              {"خاص", "exclusive"},
                                              {"حصري", "exclusive"},
                                              {"بالفيديو", "video"},
                                              {"فيديو", "video"},
                                              {"شاهد", "video"},
                                              {"بالصور", "photos"},
                                              {"صور", "photos"},
                                              {"مباشر", "live"},
                                              {"تحديث", "updated"},
                                              {"محدث", "updated"},
                                              {"انفوجرافيك", "photos"}}};

template <size_t N>
bool KeyIn(std::string_view key, const std::array<std::string_view, N>& table) {
  return std::find(table.begin(), table.end(), key) != table.end();
}

// True if `key` starts with `prefix` at a word boundary.
bool StartsWithWords(std::string_view key, std::string_view prefix) {
  return key.size() >= prefix.size() && key.compare(0, prefix.size(), prefix) == 0 &&
         (key.size() == prefix.size() || key[prefix.size()] == ' ');
}

template <size_t N>
std::string_view PrefixIn(std::string_view key, const std::array<std::string_view, N>& table) {
  std::string_view best;
  for (auto p : table)
    if (p.size() > best.size() && StartsWithWords(key, p)) best = p;
  return best;
}

// `LABEL: value` (also `LABEL - value`, `LABEL : value`): the value, or
// nullopt if the line does not start with one of the labels.
template <size_t N>
std::optional<std::string_view> LabelledValue(const Line& line, const std::array<std::string_view, N>& labels) {
  std::string_view label = PrefixIn(line.key, labels);
  if (label.empty()) return std::nullopt;
  std::string_view rest = AfterWords(line.text, CountWords(label));
  // The label must be followed by a separator.
  size_t i = 0;
  while (i < rest.size() && rest[i] == ' ') ++i;
  if (i >= rest.size() || (rest[i] != ':' && rest[i] != '-' && rest.substr(i, 3) != "\xE2\x80\x93" &&
                           rest.substr(i, 2) != "\xD8\x9B")) {
    return std::nullopt;
  }
  rest.remove_prefix(i);
  rest = TrimPunctuation(rest);
  return rest;
}

// A comment form: its heading lines, and short field labels marked
// required (`الاسم *`).
bool IsCommentFormLine(const Line& line) {
  if (!PrefixIn(line.key, kCommentPrefixes).empty()) return true;
  static constexpr std::array<std::string_view, 9> kFields = {
      "الاسم", "البريد الالكتروني", "التعليق", "الموقع الالكتروني", "ارسال التعليق", "ارسال",
      "الموقع", "name", "email"};
  if (KeyIn(line.key, kFields)) return true;
  return line.words <= 4 && EndsWith(line.text, "*");
}

// `صوت الخليج | اقتصاد`, `الرئيسية » أخبار » العالم`: a site name or a trail
// of sections, each part at most two words.
bool IsBreadcrumb(const Line& line) {
  if (line.words > 8 || line.key.find_first_of("0123456789") != std::string::npos) return false;
  size_t parts = 1, words_in_part = 0;
  std::string_view t = line.text;
  for (size_t i = 0; i < t.size();) {
    size_t sep = 0;
    if (t[i] == '|' || t[i] == '>') sep = 1;
    else if (t.substr(i, 2) == "\xC2\xBB" || t.substr(i, 2) == "\xC2\xAB") sep = 2;  // » «
    else if (t.substr(i, 3) == "\xE2\x80\xBA") sep = 3;                            // ›
    if (sep > 0) {
      if (words_in_part == 0 || words_in_part > 2) return false;
      ++parts;
      words_in_part = 0;
      i += sep;
      continue;
    }
    if (t[i] != ' ' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '|' || t[i - 1] == '>')) ++words_in_part;
    ++i;
  }
  return parts >= 2 && words_in_part > 0 && words_in_part <= 2;
}

bool IsTitleLike(const Line& line) {
  if (line.text.size() > 300 || line.words == 0 || line.words > 30) return false;
  if (line.has_url || line.hashtags > 0) return false;
  std::string_view t = TrimClosingQuotes(line.text);
  if (t.empty()) return false;
  char last = t.back();
  if (last == '.' || last == ':' || last == ',' || last == ';') return false;
  if (EndsWith(t, "\xD8\x8C") /* ، */ || EndsWith(t, "\xE2\x80\xA6") /* … */) return false;
  return true;
}

class Cleaner {
 public:
  Cleaner(const PageMeta& meta, const CleanOptions& options) : meta_(meta), options_(options) {}

  Article Run(std::string_view text) {
    if (DecodeCharacterReferences(text, &decoded_)) text = decoded_;
    lines_ = SplitLines(text);
    if (!meta_.outlet.empty()) article_.outlet = meta_.outlet;
    ResolveReference();
    size_t i = 0;
    // Headline: from the container, else the first substantive line.
    std::string title_key;
    if (!meta_.title.empty()) {
      SetTitle(meta_.title);
      title_key = WordKey(article_.title);
    }
    bool have_title = !meta_.title.empty();
    size_t body_lines = 0;
    for (; i < lines_.size(); ++i) {
      Line& line = lines_[i];
      if (ClassifyMetaOrChrome(line)) continue;
      if (IsTeaserMarker(line)) {
        ReadTeasers(i);
        break;
      }
      if (!have_title) {
        SetTitle(std::string(line.text));
        Remove(line.text, why::kTitle);
        title_from_line_ = true;
        title_key = WordKey(article_.title);
        have_title = true;
        continue;
      }
      // line.key is WordKey(line.text): the line without its urgency marker
      // needs a key of its own only when there was a marker to strip.
      if (body_lines == 0 && !title_key.empty() && (line.key == title_key || [&] {
            std::string_view stripped = StripUrgency(line.text);
            return stripped.size() != line.text.size() && WordKey(stripped) == title_key;
          }())) {
        Remove(line.text, meta_.title.empty() ? why::kRepeatedTitle : why::kTitle);
        continue;
      }
      std::string paragraph(line.text);
      if (body_lines == 0) paragraph = StripDateline(paragraph);
      // Agencies are looked for in the line as written (a dateline credit
      // such as `الرياض - واس:` counts), only where one may be named.
      if (AgencyIndex::Get().MayCite(line.key)) AgencyIndex::Get().FindInto(line.text, &article_.agencies);
      if (!paragraph.empty()) {
        article_.body.push_back(std::move(paragraph));
        ++body_lines;
      }
    }
    // A one-line document: its line is both the headline and the text.
    if (article_.body.empty() && title_from_line_) article_.body.push_back(article_.title);
    FinishMetadata();
    return std::move(article_);
  }

 private:
  void Remove(std::string_view text, const char* reason) {
    article_.removed.push_back({std::string(text), reason});
  }

  void ResolveReference() {
    if (auto d = ParseIsoDate(meta_.fetched_at)) {
      reference_ = d;
    } else if (options_.ref_date) {
      reference_ = options_.ref_date;
    }
  }

  void SetTitle(std::string title) {
    std::string_view stripped = StripUrgency(title, &article_.flags);
    if (stripped.size() != title.size()) Remove(title.substr(0, title.size() - stripped.size()), why::kUrgencyMarker);
    article_.title = std::string(stripped);
  }

  // `عاجل.. X`, `بالفيديو: X`, `خاص | X` -> X, adding the flag.
  static std::string_view StripUrgency(std::string_view title, std::vector<std::string>* flags = nullptr) {
    std::string_view rest = title;
    for (int round = 0; round < 2; ++round) {
      // The marker word ends at a space or a separator (`عاجل..`, `عاجل:`).
      size_t wend = 0;
      while (wend < rest.size() && rest[wend] != ' ' && SeparatorLength(rest.substr(wend)) == 0) ++wend;
      std::string_view first = rest.substr(0, wend);
      std::string key = WordKey(first);
      const Marker* m = nullptr;
      for (const auto& u : kUrgency)
        if (key == u.key) m = &u;
      if (m == nullptr) break;
      std::string_view after = rest.substr(first.size());
      size_t i = 0;
      while (i < after.size() && after[i] == ' ') ++i;
      size_t sep = SeparatorLength(after.substr(i));
      if (sep == 0) break;
      i += sep;
      while (i < after.size() && after[i] == ' ') ++i;
      if (i >= after.size()) break;
      rest = after.substr(i);
      if (flags && std::find(flags->begin(), flags->end(), m->flag) == flags->end()) flags->push_back(m->flag);
    }
    return rest;
  }

  // Lines that are metadata or chrome anywhere before the teasers: removed
  // and recorded; metadata is kept. Returns true if the line is consumed.
  bool ClassifyMetaOrChrome(Line& line) {
    if (line.key.empty()) {
      Remove(line.text, why::kChrome);
      return true;
    }
    if (KeyIn(line.key, kChromeLines) ||
        (line.words <= 12 && !PrefixIn(line.key, kChromePrefixes).empty())) {
      Remove(line.text, why::kChrome);
      return true;
    }
    if (IsCommentFormLine(line)) {
      Remove(line.text, why::kCommentForm);
      return true;
    }
    if (IsBreadcrumb(line)) {
      Remove(line.text, why::kChrome);
      return true;
    }
    if (IsSocialEmbed(line)) {
      std::string_view rest = AfterTweetAttribution(line.text);
      if (!rest.empty() && rest.size() < line.text.size()) {
        Remove(line.text.substr(0, line.text.size() - rest.size()), why::kSocialEmbed);
        line.Reset(rest);
        return false;
      }
      Remove(line.text, why::kSocialEmbed);
      return true;
    }
    if (auto v = LabelledValue(line, kSourceLabels); v && CountWordsIn(*v) <= 6) {
      if (source_line_outlet_.empty()) {
        // `المصدر: الوادي اليوم + وكالات`: the outlet is the first credit.
        std::string_view first = *v;
        for (std::string_view sep : {"+", "/", "\xD9\x88\xD9\x83\xD8\xA7\xD9\x84\xD8\xA7\xD8\xAA" /* وكالات */}) {
          size_t at = first.find(sep);
          if (at != std::string_view::npos && at > 0) first = first.substr(0, at);
        }
        first = TrimPunctuation(first);
        source_line_outlet_ = std::string(first.empty() ? *v : first);
      }
      Remove(line.text, why::kSourceLine);
      return true;
    }
    if (auto v = LabelledValue(line, kKeywordLabels)) {
      AddKeywords(*v);
      Remove(line.text, why::kKeywordsLine);
      return true;
    }
    if (auto v = LabelledValue(line, kBylineLabels); v && line.words <= 8) {
      if (article_.author.empty()) article_.author = std::string(*v);
      Remove(line.text, why::kByline);
      return true;
    }
    if (line.hashtags > 0 && line.hashtags * 2 >= line.words) {
      Remove(line.text, why::kHashtags);
      return true;
    }
    if (line.words <= 14) {
      if (auto date = DateLine(line)) {
        bool relative = date->kind == DateKind::kRelative;
        Remove(line.text, relative ? why::kRelativeDate : why::kDateLine);
        if (article_.published.kind == DateKind::kUnknown ||
            (article_.published.kind != DateKind::kAbsolute && date->kind == DateKind::kAbsolute)) {
          article_.published.kind = date->kind;
          article_.published.date = date->date;
          article_.published.text = std::string(line.text.substr(date->begin, date->end - date->begin));
          article_.published.source = "text";
        }
        return true;
      }
    }
    return false;
  }

  // A line that is only a date (with an optional label such as `تاريخ
  // النشر:` and a time).
  std::optional<DateMention> DateLine(const Line& line) const {
    DateContext ctx;
    ctx.reference = reference_;
    auto mentions = FindDates(line.text, ctx);
    if (mentions.empty()) return std::nullopt;
    // What is left once the dates are cut out must be labels and clock words.
    std::string rest;
    size_t pos = 0;
    for (const auto& m : mentions) {
      if (m.begin > pos) rest.append(line.text.substr(pos, m.begin - pos));
      rest.push_back(' ');
      pos = m.end;
    }
    rest.append(line.text.substr(pos));
    size_t leftover = 0;
    const std::string rest_key = WordKey(rest);
    for (auto w : SplitWords(rest_key)) {
      static constexpr std::array<std::string_view, 27> kAllowed = {
          "تاريخ", "النشر", "نشر", "في", "بتاريخ", "اخر", "تحديث", "تم", "التحديث", "منذ", "قبل", "يوم",
          "gmt", "utc", "ص", "م", "مساء", "صباحا", "الساعه", "published", "updated", "on", "at", "am",
          "pm", "التاريخ", "هـ"};
      bool digits = std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == ':'; });
      if (!digits && std::find(kAllowed.begin(), kAllowed.end(), w) == kAllowed.end()) ++leftover;
    }
    if (leftover > 0) return std::nullopt;
    // Prefer an absolute date among several (`الأحد 19 يناير 2025`).
    const DateMention* best = &mentions[0];
    for (const auto& m : mentions)
      if (m.kind == DateKind::kAbsolute && m.date && best->kind != DateKind::kAbsolute) best = &m;
    return *best;
  }

  bool IsSocialEmbed(const Line& line) const {
    std::string_view t = line.text;
    // A tweet or post quoted by the page: a short line carrying the post's
    // link. A long paragraph that mentions a link is article text.
    if (line.words <= 40 &&
        (t.find("pic.twitter.com") != std::string_view::npos || t.find("twitter.com/") != std::string_view::npos ||
         t.find("instagram.com/p/") != std::string_view::npos || t.find("t.co/") != std::string_view::npos)) {
      return true;
    }
    return !AfterTweetAttribution(t).data() ? false : AfterTweetAttribution(t).size() < t.size();
  }

  // `— Name (@handle) March 25, 2025<rest>`: returns <rest> (possibly empty)
  // when the line starts with a tweet attribution, else the whole line.
  static std::string_view AfterTweetAttribution(std::string_view t) {
    std::string_view s = t;
    if (StartsWith(s, "\xE2\x80\x94")) s.remove_prefix(3);        // —
    else if (StartsWith(s, "\xE2\x80\x93")) s.remove_prefix(3);   // –
    else if (StartsWith(s, "-")) s.remove_prefix(1);
    else return t;
    size_t at = s.find("(@");
    if (at == std::string_view::npos || at > 200) return t;
    size_t close = s.find(')', at);
    if (close == std::string_view::npos) return t;
    // An English date `Month d, yyyy` follows.
    size_t p = close + 1;
    while (p < s.size() && s[p] == ' ') ++p;
    static constexpr std::array<std::string_view, 12> kMonths = {"January", "February", "March", "April",
                                                                 "May", "June", "July", "August",
                                                                 "September", "October", "November", "December"};
    bool month = false;
    for (auto m : kMonths)
      if (s.substr(p, m.size()) == m) {
        p += m.size();
        month = true;
        break;
      }
    if (!month) return t;
    // ` 25, 2025`
    while (p < s.size() && (s[p] == ' ' || (s[p] >= '0' && s[p] <= '9') || s[p] == ',')) {
      bool year_end = p >= 4 && s[p - 1] >= '0' && s[p - 1] <= '9' && s[p - 4] >= '0' && s[p - 4] <= '9' &&
                      (s[p] < '0' || s[p] > '9') && s[p - 5] == ' ';
      if (year_end) break;
      ++p;
    }
    std::string_view rest = s.substr(p);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return rest;
  }

  bool IsTeaserMarker(const Line& line) const {
    std::string_view marker = PrefixIn(line.key, kTeaserMarkers);
    if (marker.empty()) return false;
    // The marker alone, or the marker then a separator and a title.
    return line.key.size() == marker.size() || line.words <= CountWords(marker) + 25;
  }

  // Lines after a marker: split into teaser items (title line, then text).
  void ReadTeasers(size_t marker_index) {
    Line& marker_line = lines_[marker_index];
    Remove(marker_line.text, why::kTeaserMarker);
    std::string_view marker = PrefixIn(marker_line.key, kTeaserMarkers);
    std::string_view inline_title = TrimPunctuation(AfterWords(marker_line.text, CountWords(marker)));
    Teaser current;
    bool has_text = false;
    auto flush = [&]() {
      if (!current.title.empty() || !current.text.empty()) article_.teasers.push_back(std::move(current));
      current = Teaser();
      has_text = false;
    };
    if (!inline_title.empty()) current.title = std::string(inline_title);
    for (size_t i = marker_index + 1; i < lines_.size(); ++i) {
      const Line& line = lines_[i];
      Remove(line.text, why::kTeaser);
      if (line.key.empty() || KeyIn(line.key, kChromeLines) || IsSocialEmbed(line) ||
          !PrefixIn(line.key, kTeaserMarkers).empty() || IsCommentFormLine(line) || IsBreadcrumb(line)) {
        // Social embeds glued to text keep the text.
        std::string_view rest = AfterTweetAttribution(line.text);
        if (rest.size() < line.text.size() && !rest.empty()) AppendText(current, rest, has_text);
        continue;
      }
      if (auto outlet = DatelineOnly(line.text)) {
        if (current.outlet.empty()) current.outlet = std::string(*outlet);
        continue;
      }
      if (IsTitleLike(line)) {
        if (!current.title.empty() && WordKey(current.title) == line.key) continue;  // repeated title
        if (current.title.empty() && !has_text) {
          current.title = std::string(line.text);
          continue;
        }
        if (has_text || !current.title.empty()) {
          flush();
          current.title = std::string(line.text);
          continue;
        }
      }
      AppendText(current, line.text, has_text);
    }
    flush();
  }

  static void AppendText(Teaser& t, std::string_view text, bool& has_text) {
    if (!t.text.empty()) t.text += "\n\n";
    t.text.append(text);
    has_text = true;
  }

  // `الثورة نت /..` or `صراحة نيوز-` standing alone: the outlet name.
  static std::optional<std::string_view> DatelineOnly(std::string_view text) {
    auto [name, rest] = SplitDateline(text, /*require_outlet_word=*/false);
    if (name.empty() || !TrimPunctuation(rest).empty()) return std::nullopt;
    return name;
  }

  // A first paragraph starting `صراحة نيوز- ...` or `الثورة نت /.. ...`:
  // records the outlet and returns the paragraph without the prefix. City
  // datelines (`الرياض - ...`) stay in the text.
  std::string StripDateline(const std::string& paragraph) {
    auto [name, rest] = SplitDateline(paragraph, /*require_outlet_word=*/true);
    if (name.empty()) {
      // `جدة - صوت الخليج: ...`: a city, then who reports, then a colon.
      auto [city, after_city] = SplitDateline(paragraph, /*require_outlet_word=*/false);
      size_t colon = after_city.find(':');
      if (city.empty() || CountWordsIn(city) > 2 || colon == std::string_view::npos || colon == 0) return paragraph;
      std::string_view credit = Trim(after_city.substr(0, colon));
      if (credit.empty() || CountWordsIn(credit) > 3 || credit.find_first_of(".,") != std::string_view::npos)
        return paragraph;
      if (AgencyIndex::Get().Lookup(credit) == nullptr && dateline_outlet_.empty())
        dateline_outlet_ = std::string(credit);
      std::string_view body = Trim(after_city.substr(colon + 1));
      Remove(std::string_view(paragraph).substr(0, paragraph.size() - body.size()), why::kDateline);
      return std::string(body);
    }
    if (dateline_outlet_.empty()) dateline_outlet_ = std::string(name);
    Remove(std::string_view(paragraph).substr(0, paragraph.size() - rest.size()), why::kDateline);
    return std::string(rest);
  }

  void AddKeywords(std::string_view value) {
    for (auto& k : SplitKeywords(value))
      if (std::find(article_.keywords.begin(), article_.keywords.end(), k) == article_.keywords.end())
        article_.keywords.push_back(std::move(k));
  }

  void FinishMetadata() {
    if (article_.outlet.empty()) article_.outlet = source_line_outlet_;
    if (article_.outlet.empty()) article_.outlet = dateline_outlet_;
    if (article_.outlet.empty()) article_.outlet = OutletFromUrl(meta_.url);
    if (article_.published.kind == DateKind::kUnknown || !article_.published.date) {
      // The container's publication date wins over an unresolved text date.
      if (auto d = ParseIsoDate(meta_.published)) {
        article_.published = {d, DateKind::kAbsolute, meta_.published, "record"};
      }
    }
    if (article_.published.kind == DateKind::kRelative && !article_.published.date && reference_) {
      DateContext ctx;
      ctx.reference = reference_;
      auto again = FindDates(article_.published.text, ctx);
      if (!again.empty() && again[0].date) article_.published.date = again[0].date;
    }
  }

  const PageMeta& meta_;
  const CleanOptions& options_;
  std::optional<CivilDate> reference_;
  std::string decoded_;  // the text with character references decoded, when it had any
  std::vector<Line> lines_;
  Article article_;
  std::string source_line_outlet_, dateline_outlet_;
  bool title_from_line_ = false;
};

}  // namespace
}  // namespace clean

Article CleanText(std::string_view utf8_text, const PageMeta& meta, const CleanOptions& options) {
  return clean::Cleaner(meta, options).Run(utf8_text);
}

}  // namespace akhbar
