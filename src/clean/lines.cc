#include "clean/lines.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_set>

#include "akhbar/normalize.h"
#include "akhbar/tokenize.h"
#include "core/embedded.h"
#include "core/table.h"
#include "core/utf8.h"

namespace akhbar::clean {

namespace {

// The bytes of token `t` that go into a word key (a hashtag or mention
// without its sign; nothing of punctuation, emoji and other symbols):
// [*b, t.end), false when empty.
bool KeySpan(const arabic::Token& t, size_t* b) {
  if (t.type == arabic::TokenType::kPunct || t.type == arabic::TokenType::kEmoji ||
      t.type == arabic::TokenType::kOther)
    return false;
  *b = t.begin + (t.type == arabic::TokenType::kHashtag || t.type == arabic::TokenType::kMention);
  return *b < t.end;
}

// The word key of `text`, and what its tokens say (hashtags, URLs), from one
// normalization and one tokenization.
void KeyAndStats(std::string_view text, std::string* out, size_t* hashtags, bool* has_url) {
  const arabic::KeyedText& keyed = arabic::MatchKeyTokens(text);  // the search index keys the same lines again
  const std::string& key = keyed.key;
  const std::vector<arabic::Token>& tokens = keyed.tokens;
  // Two passes over the tokens: the key's exact size, then its bytes
  // written in place (no append call per word).
  size_t size = 0, kept = 0, b = 0;
  for (const auto& t : tokens) {
    if (hashtags) *hashtags += t.type == arabic::TokenType::kHashtag;
    if (has_url) *has_url = *has_url || t.type == arabic::TokenType::kUrl;
    if (!KeySpan(t, &b)) continue;
    size += t.end - b;
    ++kept;
  }
  out->resize(kept == 0 ? 0 : size + kept - 1);
  char* p = out->data();
  for (const auto& t : tokens) {
    if (!KeySpan(t, &b)) continue;
    if (p != out->data()) *p++ = ' ';
    std::memcpy(p, key.data() + b, t.end - b);
    p += t.end - b;
  }
}

}  // namespace

std::string WordKey(std::string_view text) {
  std::string out;
  KeyAndStats(text, &out, nullptr, nullptr);
  return out;
}

namespace {

// Bytes of a leading/trailing "space" at s[i..]: ASCII space, tab, CR, NBSP
// (C2 A0), LRM/RLM (E2 80 8E/8F), ZWSP (E2 80 8B), BOM (EF BB BF).
size_t SpaceAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    if (d == 0x8B || d == 0x8E || d == 0x8F || d == 0xAF) return 3;
  }
  if (c == 0xEF && s.substr(i, 3) == "\xEF\xBB\xBF") return 3;
  return 0;
}

size_t SpaceBefore(std::string_view s, size_t end) {
  if (end >= 1 && SpaceAt(s, end - 1) == 1) return 1;
  if (end >= 2 && SpaceAt(s, end - 2) == 2) return 2;
  if (end >= 3 && SpaceAt(s, end - 3) == 3) return 3;
  return 0;
}

}  // namespace

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t n = SpaceAt(s, b);
    if (n == 0) break;
    b += n;
  }
  while (e > b) {
    size_t n = SpaceBefore(s.substr(0, e), e);
    if (n == 0) break;
    e -= n;
  }
  return s.substr(b, e - b);
}

void Line::Reset(std::string_view t) {
  text = Trim(t);
  hashtags = 0;
  has_url = false;
  KeyAndStats(text, &key, &hashtags, &has_url);
  words = CountWords(key);
}

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view t = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    if (t.empty()) continue;
    Line line;
    line.Reset(t);
    lines.push_back(std::move(line));
  }
  return lines;
}

namespace {

constexpr std::array<std::string_view, 22> kPunctuation = {
    ":", "-", ".", ",", ";", "/", "|", "\"", "'", "(", ")", "*", "\xD8\x8C" /* ، */, "\xD8\x9B" /* ؛ */,
    "\xE2\x80\x93" /* – */, "\xE2\x80\x94" /* — */, "\xE2\x80\x9C" /* “ */, "\xE2\x80\x9D" /* ” */,
    "\xC2\xAB" /* « */, "\xC2\xBB" /* » */, "\xE2\x80\xA6" /* … */, "\xD9\x80" /* tatweel */};

size_t PunctAt(std::string_view s, size_t i) {
  for (auto p : kPunctuation)
    if (s.substr(i, p.size()) == p) return p.size();
  return SpaceAt(s, i);
}

}  // namespace

std::string_view TrimPunctuation(std::string_view s) {
  size_t b = 0;
  while (b < s.size()) {
    size_t n = PunctAt(s, b);
    if (n == 0) break;
    b += n;
  }
  s.remove_prefix(b);
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (auto p : kPunctuation)
      if (EndsWith(s, p)) {
        s.remove_suffix(p.size());
        changed = true;
      }
    size_t n = SpaceBefore(s, s.size());
    if (n > 0) {
      s.remove_suffix(n);
      changed = true;
    }
  }
  return s;
}

std::string_view TrimClosingQuotes(std::string_view s) {
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (std::string_view q : {"\"", "'", "\xE2\x80\x9D", "\xC2\xBB", "\xE2\x80\x99", " "})
      if (EndsWith(s, q)) {
        s.remove_suffix(q.size());
        changed = true;
      }
  }
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view FirstWord(std::string_view s) {
  size_t e = s.find(' ');
  return s.substr(0, e);
}

std::string_view AfterWords(std::string_view s, size_t n) {
  size_t i = 0;
  for (size_t w = 0; w < n; ++w) {
    while (i < s.size() && s[i] == ' ') ++i;
    // A word ends at a space or at ASCII/Arabic punctuation (`المصدر:`).
    while (i < s.size() && s[i] != ' ' && s[i] != ':' && s[i] != '-' && s.substr(i, 2) != "\xD8\x9B") ++i;
  }
  return s.substr(i);
}

size_t CountWords(std::string_view key) {
  if (key.empty()) return 0;
  return static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

size_t CountWordsIn(std::string_view text) {
  size_t n = 0;
  bool in = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

size_t SeparatorLength(std::string_view s) {
  if (StartsWith(s, "...")) return 3;
  if (StartsWith(s, "..")) return 2;
  if (StartsWith(s, "\xE2\x80\xA6")) return 3;  // …
  if (StartsWith(s, "\xE2\x80\x93") || StartsWith(s, "\xE2\x80\x94")) return 3;
  if (!s.empty() && (s[0] == ':' || s[0] == '-' || s[0] == '|' || s[0] == '/')) return 1;
  return 0;
}

std::pair<std::string_view, std::string_view> SplitDateline(std::string_view s, bool require_outlet_word) {
  // The name: at most 4 words and 60 bytes before the separator.
  size_t limit = std::min<size_t>(s.size(), 70);
  for (size_t i = 1; i < limit; ++i) {
    bool slash = s.substr(i, 3) == "/.." || s.substr(i, 2) == "/.";
    bool dash = s[i] == '-' || s.substr(i, 3) == "\xE2\x80\x93" || s.substr(i, 3) == "\xE2\x80\x94";
    if (!slash && !dash) continue;
    std::string_view name = Trim(s.substr(0, i));
    size_t words = CountWordsIn(name);
    if (name.empty() || words > 4) return {{}, s};
    std::string key = WordKey(name);
    if (key.empty() || key.find_first_of("0123456789") != std::string::npos) return {{}, s};
    if (dash && require_outlet_word) {
      static constexpr std::array<std::string_view, 22> kOutletWords = {
          "نيوز", "نت", "بوابه", "صحيفه", "جريده", "موقع", "برس", "تايمز", "اونلاين", "الاخباريه", "بوست",
          "news", "press", "times", "online", "post", "tv", "24", "الان", "انفو", "ميديا", "اليوم"};
      bool outlet = false;
      for (auto w : kOutletWords)
        for (auto kw = key.find(w); kw != std::string::npos; kw = key.find(w, kw + 1)) {
          bool start = kw == 0 || key[kw - 1] == ' ';
          bool end = kw + w.size() == key.size() || key[kw + w.size()] == ' ';
          outlet = outlet || (start && end);
        }
      if (!outlet) return {{}, s};
    }
    size_t j = i + (s[i] == '-' ? 1 : dash ? 3 : 1);
    while (j < s.size() && (s[j] == ' ' || s[j] == '.' || s[j] == '/')) ++j;
    return {name, s.substr(j)};
  }
  return {{}, s};
}

namespace {

// Multi-word names from the gazetteer, as word keys, so that a keywords
// line `كيم جونج أون موسكو` keeps the name whole.
const std::unordered_set<std::string>& MultiwordNames() {
  static const std::unordered_set<std::string> names = [] {
    std::unordered_set<std::string> set;
    data::ForEachRow(data::Gazetteer(), [&](const std::vector<std::string_view>& row) {
      for (std::string_view v : data::SplitFields(row.back(), '|')) {
        std::string key = WordKey(v);
        if (key.find(' ') != std::string::npos) set.insert(std::move(key));
      }
    });
    return set;
  }();
  return names;
}

// A word that qualifies the noun before it in a tag: a definite nisba
// adjective (الكوري، الشمالية) or a direction (الشمال).
bool IsAttributive(std::string_view key_word) {
  if (!StartsWith(key_word, "\xD8\xA7\xD9\x84")) return false;  // ال
  std::string_view stem = key_word.substr(4);
  if (stem.size() < 4) return false;
  if (EndsWith(stem, "\xD9\x8A") || EndsWith(stem, "\xD9\x8A\xD9\x87")) return true;  // ي, يه (ية folded)
  static constexpr std::array<std::string_view, 6> kDirections = {"شمال", "جنوب", "شرق", "غرب", "اوسط", "متحده"};
  return std::find(kDirections.begin(), kDirections.end(), stem) != kDirections.end();
}

std::string DisplayForm(std::string_view s) {
  return std::string(Trim(arabic::Normalize(s, arabic::Form::kDisplay).text));
}

}  // namespace

std::vector<std::string> SplitKeywords(std::string_view value) {
  std::vector<std::string> tags;
  auto add = [&](std::string_view t) {
    std::string d = DisplayForm(TrimPunctuation(t));
    if (!d.empty() && std::find(tags.begin(), tags.end(), d) == tags.end()) tags.push_back(std::move(d));
  };
  // Explicit separators first.
  static constexpr std::array<std::string_view, 7> kSeps = {"\xD8\x8C", ",", "|", "\xD8\x9B", ";", "#", "\n"};
  bool has_sep = false;
  for (auto sep : kSeps) has_sep = has_sep || value.find(sep) != std::string_view::npos;
  if (has_sep) {
    size_t pos = 0;
    while (pos < value.size()) {
      size_t next = value.size(), len = 0;
      for (auto sep : kSeps) {
        size_t f = value.find(sep, pos);
        if (f < next) {
          next = f;
          len = sep.size();
        }
      }
      add(value.substr(pos, next - pos));
      pos = next + len;
    }
    return tags;
  }
  // Space-separated: segment. Words as written, with their keys.
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < value.size()) {
    while (pos < value.size() && value[pos] == ' ') ++pos;
    size_t e = value.find(' ', pos);
    if (e == std::string_view::npos) e = value.size();
    if (e > pos) words.push_back(value.substr(pos, e - pos));
    pos = e;
  }
  std::vector<std::string> keys;
  for (auto w : words) keys.push_back(WordKey(w));
  const auto& names = MultiwordNames();
  size_t i = 0;
  while (i < words.size()) {
    // Longest known multi-word name starting here (up to 6 words).
    size_t take = 1;
    std::string k = keys[i];
    for (size_t n = 2; n <= 6 && i + n <= words.size(); ++n) {
      k += " " + keys[i + n - 1];
      if (names.count(k)) take = n;
    }
    // Attributive adjectives stay with their noun.
    while (i + take < words.size() && IsAttributive(keys[i + take])) ++take;
    const char* b = words[i].data();
    const char* e = words[i + take - 1].data() + words[i + take - 1].size();
    add(std::string_view(b, static_cast<size_t>(e - b)));
    i += take;
  }
  return tags;
}

namespace {

// The character references scraped news text carries in practice (HTML
// Living Standard, "Named character references").
struct NamedRef {
  std::string_view name;
  uint32_t cp;
};
constexpr std::array<NamedRef, 16> kNamedRefs = {{{"amp", '&'},
                                                  {"lt", '<'},
                                                  {"gt", '>'},
                                                  {"quot", '"'},
                                                  {"apos", '\''},
                                                  {"nbsp", 0xA0},
                                                  {"laquo", 0xAB},
                                                  {"raquo", 0xBB},
                                                  {"hellip", 0x2026},
                                                  {"ndash", 0x2013},
                                                  {"mdash", 0x2014},
                                                  {"lsquo", 0x2018},
                                                  {"rsquo", 0x2019},
                                                  {"ldquo", 0x201C},
                                                  {"rdquo", 0x201D},
                                                  {"zwnj", 0x200C}}};

}  // namespace

bool DecodeCharacterReferences(std::string_view text, std::string* out) {
  size_t amp = text.find('&');
  if (amp == std::string_view::npos) return false;
  std::string result;
  result.reserve(text.size());
  size_t pos = 0;
  bool changed = false;
  while (amp != std::string_view::npos) {
    result.append(text, pos, amp - pos);
    size_t semi = text.find(';', amp + 1);
    size_t consumed = 0;
    if (semi != std::string_view::npos && semi - amp <= 10) {
      std::string_view ref = text.substr(amp + 1, semi - amp - 1);
      if (ref.size() >= 2 && ref[0] == '#') {
        bool hex = ref[1] == 'x' || ref[1] == 'X';
        std::string_view digits = ref.substr(hex ? 2 : 1);
        uint32_t cp = 0;
        bool ok = !digits.empty();
        for (char c : digits) {
          int d = c >= '0' && c <= '9' ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                : -1;
          if (d < 0) ok = false;
          if (ok) cp = std::min<uint32_t>(cp * (hex ? 16 : 10) + static_cast<uint32_t>(d), 0x110000);
        }
        if (ok) {
          AppendUtf8(cp, &result);
          consumed = semi - amp + 1;
        }
      } else {
        for (const auto& r : kNamedRefs)
          if (r.name == ref) {
            AppendUtf8(r.cp, &result);
            consumed = semi - amp + 1;
            break;
          }
      }
    }
    if (consumed == 0) {
      result.push_back('&');
      consumed = 1;
    } else {
      changed = true;
    }
    pos = amp + consumed;
    amp = text.find('&', pos);
  }
  if (!changed) return false;
  result.append(text, pos, std::string_view::npos);
  *out = std::move(result);
  return true;
}

std::string OutletFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#:"));
  if (StartsWith(host, "www.")) host.remove_prefix(4);
  std::string out(host);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace akhbar::clean
