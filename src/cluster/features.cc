// Article features for event clustering: term, entity and number ids, the
// gazetteer matcher, and document frequencies.
// Inlined: most keys are words, hashed in a few dozen instructions.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cmath>

#include "akhbar/events.h"
#include "akhbar/normalize.h"
#include "akhbar/stem.h"
#include "akhbar/stopwords.h"
#include "akhbar/text.h"
#include "akhbar/tokenize.h"

namespace akhbar::events {

namespace {

// Per-kind seeds keep a word, an entity and a number with the same key apart.
constexpr uint64_t kSeeds[] = {0x616b68626172571dULL, 0x616b686261724e54ULL, 0x616b68626172234eULL};

// CodePointCount(s) < 2, stopping at the second code point.
bool AtMostOneCodePoint(std::string_view s) {
  int starts = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++starts == 2) return false;
  return true;
}

// The content words of kMatch text as light stems, in order. Stop words,
// one-letter stems, punctuation and URLs are dropped. Numbers go to
// `numbers` as digit strings without group separators (10,000 -> 10000).
void ContentWords(std::string_view match_text, const std::vector<arabic::Token>& tokens,
                  std::vector<std::string_view>* words, std::vector<std::string>* numbers) {
  for (const auto& t : tokens) {
    std::string_view w = match_text.substr(t.begin, t.end - t.begin);
    if (t.type == arabic::TokenType::kArabicWord || t.type == arabic::TokenType::kLatinWord) {
      if (arabic::IsStopword(w)) continue;
      // An HTML character reference left in the text (`&quot;`) is not a word.
      if (t.type == arabic::TokenType::kLatinWord && t.begin > 0 && match_text[t.begin - 1] == '&' &&
          t.end < match_text.size() && match_text[t.end] == ';')
        continue;
      std::string_view stem = arabic::LightStem(w);
      if (AtMostOneCodePoint(stem)) continue;
      words->push_back(stem);
    } else if (t.type == arabic::TokenType::kNumber && numbers != nullptr) {
      std::string digits;
      for (char c : w)
        if (c != ',') digits.push_back(c);  // kMatch has ASCII digits; ٫/٬ are rare, kept
      while (digits.size() > 1 && digits[0] == '0' && digits[1] != '.') digits.erase(0, 1);
      numbers->push_back(std::move(digits));
    }
  }
}

// Each word's term id with weight `times`, appended (unmerged) to *out.
void AppendTerms(const std::vector<std::string_view>& words, float times, std::vector<Term>* out) {
  for (auto w : words) out->push_back({MakeTermId(TermKind::kWord, w), times});
}

// *terms merged by id (weights summed), then the `max_terms` heaviest (ties
// by id), sorted by id. The weights are sums of small integers, exact in a
// float whatever the order of addition.
std::vector<Term> SortedTerms(std::vector<Term> terms, size_t max_terms) {
  std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.id < b.id; });
  size_t n = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    if (n > 0 && terms[n - 1].id == terms[i].id) {
      terms[n - 1].weight += terms[i].weight;
    } else {
      terms[n++] = terms[i];
    }
  }
  terms.resize(n);
  if (terms.size() > max_terms) {
    std::nth_element(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(max_terms), terms.end(),
                     [](const Term& a, const Term& b) { return a.weight != b.weight ? a.weight > b.weight : a.id < b.id; });
    terms.resize(max_terms);
    std::sort(terms.begin(), terms.end(), [](const Term& a, const Term& b) { return a.id < b.id; });
  }
  return terms;
}

// A prefix of `body` of at most `max_bytes`, cut at a space or newline when
// one is near, else at a code point boundary.
std::string_view Lead(std::string_view body, size_t max_bytes) {
  if (body.size() <= max_bytes) return body;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
  size_t space = body.find_last_of(" \n", cut);
  if (space != std::string_view::npos && cut - space < 64) cut = space;
  return body.substr(0, cut);
}

}  // namespace

TermId MakeTermId(TermKind kind, std::string_view key) {
  return XXH3_64bits_withSeed(key.data(), key.size(), kSeeds[static_cast<int>(kind)]);
}

TermId EntityId(std::string_view canonical) { return MakeTermId(TermKind::kEntity, arabic::MatchKey(canonical)); }

ArticleFeatures ExtractFeatures(std::string_view id, std::string_view title, std::string_view body,
                                std::optional<CivilDate> date, const std::vector<TermId>& entity_ids,
                                const FeatureOptions& options) {
  ArticleFeatures f;
  f.id = std::string(id);
  f.date = date;
  std::string title_key, lead_key;
  std::vector<arabic::Token> title_tokens, lead_tokens;
  // Line by line from the per-thread cache of keyed lines (the store's
  // search index keyed the title's and body's lines just before).
  arabic::MatchKeyLines(title, &title_key, &title_tokens);
  arabic::MatchKeyLines(Lead(body, options.lead_bytes), &lead_key, &lead_tokens);
  std::vector<std::string_view> title_words, lead_words;
  std::vector<std::string> numbers;
  ContentWords(title_key, title_tokens, &title_words, &numbers);
  ContentWords(lead_key, lead_tokens, &lead_words, &numbers);

  std::vector<Term> terms;
  terms.reserve(title_words.size() + lead_words.size());
  AppendTerms(title_words, 1.0f, &terms);
  f.title = SortedTerms(terms, SIZE_MAX);
  for (Term& t : terms) t.weight = static_cast<float>(options.title_repeat);
  AppendTerms(lead_words, 1.0f, &terms);
  f.text = SortedTerms(std::move(terms), options.max_text_terms);

  for (const auto& n : numbers) f.numbers.push_back(MakeTermId(TermKind::kNumber, n));
  std::sort(f.numbers.begin(), f.numbers.end());
  f.numbers.erase(std::unique(f.numbers.begin(), f.numbers.end()), f.numbers.end());
  f.entities = entity_ids;
  std::sort(f.entities.begin(), f.entities.end());
  f.entities.erase(std::unique(f.entities.begin(), f.entities.end()), f.entities.end());
  return f;
}

std::vector<Term> TextTerms(std::string_view text, const FeatureOptions& options) {
  thread_local std::string key;
  thread_local std::vector<arabic::Token> tokens;
  thread_local std::vector<std::string_view> words;
  key.clear();
  words.clear();
  // What MatchKeyLines gives, keyed whole (akhbar/tokenize.h).
  arabic::AppendMatchKey(Lead(text, options.lead_bytes), &key);
  arabic::Tokenize(key, &tokens);
  ContentWords(key, tokens, &words, nullptr);
  std::vector<Term> terms;
  terms.reserve(words.size());
  AppendTerms(words, 1.0f, &terms);
  return SortedTerms(std::move(terms), options.max_text_terms);
}

// ---- Gazetteer ---------------------------------------------------------------

namespace {

uint64_t WordHash(std::string_view stem) { return XXH3_64bits(stem.data(), stem.size()); }

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    size_t e = s.find(sep, pos);
    out.push_back(s.substr(pos, e == std::string_view::npos ? std::string_view::npos : e - pos));
    if (e == std::string_view::npos) break;
    pos = e + 1;
  }
  return out;
}

// Light stems of every word of a kMatch text (stop words kept: variants such
// as `عبد الله` must match word by word).
void AllStems(std::string_view match_text, const std::vector<arabic::Token>& tokens, std::vector<uint64_t>* out) {
  out->clear();
  for (const auto& t : tokens) {
    if (t.type != arabic::TokenType::kArabicWord && t.type != arabic::TokenType::kLatinWord) continue;
    out->push_back(WordHash(arabic::LightStem(match_text.substr(t.begin, t.end - t.begin))));
  }
}

}  // namespace

Result<Gazetteer> Gazetteer::Parse(std::string_view tsv) {
  Gazetteer g;
  size_t line_no = 0;
  std::vector<uint64_t> stems;
  std::string key;
  std::vector<arabic::Token> tokens;
  for (std::string_view line : SplitOn(tsv, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (!IsValidUtf8(line)) return Status::Invalid("gazetteer line " + std::to_string(line_no) + ": invalid UTF-8");
    auto fields = SplitOn(line, '\t');
    if (fields.size() < 2 || fields[1].empty())
      return Status::Invalid("gazetteer line " + std::to_string(line_no) + ": expected type<TAB>canonical...");
    TermId entity = EntityId(fields[1]);
    ++g.canonical_count_;
    std::vector<std::string_view> variants{fields[1]};
    if (fields.size() >= 5)
      for (auto v : SplitOn(fields[4], '|')) variants.push_back(v);
    for (auto v : variants) {
      arabic::MatchKeyLines(v, &key, &tokens);
      AllStems(key, tokens, &stems);
      if (stems.empty()) continue;
      Variant var{std::vector<uint64_t>(stems.begin() + 1, stems.end()), entity};
      auto& list = g.by_first_[stems[0]];
      bool dup = false;
      for (const auto& x : list) dup |= x.words == var.words && x.entity == var.entity;
      if (!dup) list.push_back(std::move(var));
    }
  }
  for (auto& [k, list] : g.by_first_)  // longest variants first
    std::stable_sort(list.begin(), list.end(),
                     [](const Variant& a, const Variant& b) { return a.words.size() > b.words.size(); });
  return g;
}

void Gazetteer::Find(std::string_view text, std::vector<TermId>* out) const {
  if (by_first_.empty()) return;
  thread_local std::string key;
  thread_local std::vector<arabic::Token> tokens;
  thread_local std::vector<uint64_t> stems;
  arabic::MatchKeyLines(text, &key, &tokens);
  AllStems(key, tokens, &stems);
  for (size_t i = 0; i < stems.size(); ++i) {
    auto it = by_first_.find(stems[i]);
    if (it == by_first_.end()) continue;
    for (const auto& v : it->second) {
      if (i + 1 + v.words.size() > stems.size()) continue;
      if (!std::equal(v.words.begin(), v.words.end(), stems.begin() + static_cast<std::ptrdiff_t>(i + 1))) continue;
      out->push_back(v.entity);
      i += v.words.size();
      break;
    }
  }
}

// ---- Document frequencies ------------------------------------------------------

void DocumentFrequencies::Add(const ArticleFeatures& a) {
  ++docs;
  for (const auto& t : a.text) ++df[t.id];
  for (auto e : a.entities) ++df[e];
  for (auto n : a.numbers) ++df[n];
}

double DocumentFrequencies::Idf(TermId id) const {
  const uint32_t* n = df.find(id);
  double d = n == nullptr ? 0.0 : *n;
  return std::log((static_cast<double>(docs) + 1.0) / (d + 1.0)) + 1.0;
}

size_t DocumentFrequencies::MemoryBytes() const { return sizeof(*this) + df.MemoryBytes(); }

}  // namespace akhbar::events
