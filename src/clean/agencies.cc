#include "clean/agencies.h"
#include "clean/lines.h"

#include <algorithm>

#include "akhbar/normalize.h"
#include "akhbar/tokenize.h"
#include "core/embedded.h"
#include "core/table.h"

namespace akhbar::clean {

namespace {

// A 16-bit fingerprint of a word: its first two and last two bytes and its
// length, mixed (a multiplicative hash). Arabic words share their first two
// bytes too often (the و and ال prefixes) for those alone to filter well.
size_t PairOf(std::string_view w) {
  const size_t n = w.size();
  const uint32_t a = n == 0 ? 0 : static_cast<unsigned char>(w[0]);
  const uint32_t b = n < 2 ? 0 : static_cast<unsigned char>(w[1]);
  const uint32_t y = n < 2 ? 0 : static_cast<unsigned char>(w[n - 2]);
  const uint32_t z = n == 0 ? 0 : static_cast<unsigned char>(w[n - 1]);
  uint32_t h = ((a << 24) | (b << 16) | (y << 8) | z) ^ (static_cast<uint32_t>(n) * 0x9E3779B1u);
  h *= 0x85EBCA6Bu;
  return h >> 16;
}

}  // namespace

std::vector<std::string_view> SplitWords(std::string_view key) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < key.size()) {
    size_t sp = key.find(' ', pos);
    if (sp == std::string_view::npos) sp = key.size();
    if (sp > pos) words.push_back(key.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return words;
}

const AgencyIndex& AgencyIndex::Get() {
  static const AgencyIndex index;
  return index;
}

AgencyIndex::AgencyIndex() {
  data::ForEachRow(data::Agencies(), [&](const std::vector<std::string_view>& row) {
    if (row.size() < 3) return;
    AgencyCitation a;
    a.name = std::string(row[0]);
    a.latin = std::string(row[1]);
    size_t index = agencies_.size();
    agencies_.push_back(std::move(a));
    for (std::string_view v : data::SplitFields(row[2], '|')) {
      bool ambiguous = !v.empty() && v[0] == '~';
      if (ambiguous) v.remove_prefix(1);
      std::string key = WordKey(v);
      if (key.empty()) continue;
      auto inserted = variants_.emplace(std::move(key), Variant{index, ambiguous});
      auto words = SplitWords(inserted.first->first);  // views into the map's own key
      max_words_ = std::max(max_words_, words.size());
      first_words_.insert(words[0]);
      first_pairs_.set(PairOf(words[0]));
    }
  });
}

bool AgencyIndex::IsFirstWord(std::string_view w) const {
  return first_pairs_.test(PairOf(w)) && first_words_.count(w) > 0;
}

bool AgencyIndex::MayCite(std::string_view word_key) const {
  // Words are a few bytes: a byte loop finds their ends (a memchr call a
  // word cost more than the scan).
  const char* s = word_key.data();
  const size_t n = word_key.size();
  size_t pos = 0;
  while (pos < n) {
    size_t sp = pos;
    while (sp < n && s[sp] != ' ') ++sp;
    if (IsFirstWord(word_key.substr(pos, sp - pos))) return true;
    pos = sp + 1;
  }
  return false;
}

void AgencyIndex::FindInto(std::string_view text, std::vector<AgencyCitation>* out) const {
  for (auto& found : Find(text)) {
    auto it = std::find_if(out->begin(), out->end(), [&](const AgencyCitation& a) { return a.name == found.name; });
    if (it == out->end()) {
      out->push_back(std::move(found));
      continue;
    }
    for (auto& m : found.mentions)
      if (std::find(it->mentions.begin(), it->mentions.end(), m) == it->mentions.end()) it->mentions.push_back(m);
  }
}

const AgencyCitation* AgencyIndex::Lookup(std::string_view name) const {
  auto it = variants_.find(WordKey(name));
  return it == variants_.end() ? nullptr : &agencies_[it->second.agency];
}

std::vector<AgencyCitation> AgencyIndex::Find(std::string_view text) const {
  arabic::Normalized norm;
  arabic::Normalize(text, arabic::Form::kMatch, &norm);
  std::vector<arabic::Token> tokens;
  arabic::Tokenize(norm.text, &tokens);
  // Word tokens only, remembering the punctuation around them.
  struct Word {
    std::string_view text;
    uint32_t begin, end;  // in norm.text
  };
  std::vector<Word> words;
  for (const auto& t : tokens) {
    if (t.type == arabic::TokenType::kPunct || t.type == arabic::TokenType::kEmoji) continue;
    words.push_back({std::string_view(norm.text).substr(t.begin, t.end - t.begin), t.begin, t.end});
  }
  std::vector<AgencyCitation> found;
  std::vector<int> slot(agencies_.size(), -1);
  std::string key;
  for (size_t i = 0; i < words.size(); ++i) {
    // Most words start no variant: one set look-up rules them out.
    if (!IsFirstWord(words[i].text)) continue;
    // Longest variant starting at word i.
    size_t best_len = 0;
    const Variant* best = nullptr;
    key.clear();
    for (size_t n = 1; n <= max_words_ && i + n <= words.size(); ++n) {
      if (n > 1) key.push_back(' ');
      key.append(words[i + n - 1].text);
      auto it = variants_.find(key);
      if (it != variants_.end()) {
        best = &it->second;
        best_len = n;
      }
    }
    if (best == nullptr) continue;
    uint32_t b = words[i].begin, e = words[i + best_len - 1].end;
    if (best->ambiguous) {
      bool after_agency = i > 0 && (words[i - 1].text == "وكاله" || words[i - 1].text == "لوكاله" ||
                                    words[i - 1].text == "بوكاله" || words[i - 1].text == "ووكاله");
      size_t l = b, r = e;
      while (l > 0 && norm.text[l - 1] == ' ') --l;
      while (r < norm.text.size() && norm.text[r] == ' ') ++r;
      bool parenthesised = l > 0 && r < norm.text.size() && norm.text[l - 1] == '(' && norm.text[r] == ')';
      if (!after_agency && !parenthesised) continue;
    }
    int& s = slot[best->agency];
    if (s < 0) {
      s = static_cast<int>(found.size());
      found.push_back(agencies_[best->agency]);
    }
    std::string surface(text.substr(norm.offsets[b], norm.offsets[e] - norm.offsets[b]));
    auto& mentions = found[static_cast<size_t>(s)].mentions;
    if (std::find(mentions.begin(), mentions.end(), surface) == mentions.end()) mentions.push_back(surface);
    i += best_len - 1;
  }
  return found;
}

}  // namespace akhbar::clean
