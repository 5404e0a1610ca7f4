// Tag names, the CoNLL reader and the conlleval-style scorer.
#include <cstdio>

#include "akhbar/text.h"
#include "ner/internal.h"

namespace akhbar::ner {

namespace {
constexpr const char* kTagNames[kNumTags] = {"O",     "B-PERS", "I-PERS", "B-LOC", "I-LOC",
                                             "B-ORG", "I-ORG",  "B-MISC", "I-MISC"};
constexpr const char* kTypeNames[4] = {"PER", "LOC", "ORG", "MISC"};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }
}  // namespace

const char* EntityTypeName(EntityType type) { return kTypeNames[int(type) & 3]; }
const char* TagName(Tag tag) { return kTagNames[int(tag) % kNumTags]; }

bool ParseTag(std::string_view name, Tag* out) {
  for (int t = 0; t < kNumTags; ++t)
    if (name == kTagNames[t]) {
      *out = Tag(t);
      return true;
    }
  // Common spellings of the same labels in other corpora.
  if (name == "B-PER") return *out = Tag::kBPers, true;
  if (name == "I-PER") return *out = Tag::kIPers, true;
  return false;
}

Result<std::vector<ConllSentence>> ReadConll(std::string_view text, const ConllOptions& options) {
  std::vector<ConllSentence> out;
  ConllSentence cur;
  size_t pos = 0, line_no = 0;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur));
    cur.clear();
  };
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!IsValidUtf8(line)) return Status::Invalid("line " + std::to_string(line_no) + ": not valid UTF-8");
    // Trim trailing blanks; an all-blank line ends a sentence.
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    if (line.empty()) {
      if (!cur.empty()) ++cur.back().blank_lines_after;
      else if (!out.empty()) ++out.back().back().blank_lines_after;
      flush();
      continue;
    }
    ConllToken tok;
    size_t sp = line.size();
    while (sp > 0 && !IsSpace(line[sp - 1])) --sp;
    if (sp == 0) {
      tok.word.assign(line);
    } else {
      std::string_view tag = line.substr(sp);
      size_t wend = sp;
      while (wend > 0 && IsSpace(line[wend - 1])) --wend;
      Tag t;
      if (ParseTag(tag, &t)) {
        tok.word.assign(line.substr(0, wend));
        tok.has_gold = true;
        tok.gold = t;
      } else if (options.strict_tags) {
        return Status::Invalid("line " + std::to_string(line_no) + ": unknown tag '" + std::string(tag) + "'");
      } else {
        tok.word.assign(line);
      }
    }
    bool ends = options.period_ends_sentence && tok.word == ".";
    cur.push_back(std::move(tok));
    if (ends) flush();
  }
  flush();
  return out;
}

void Evaluation::Add(const std::vector<Tag>& gold, const std::vector<Tag>& predicted) {
  size_t n = std::min(gold.size(), predicted.size());
  tokens += n;
  for (size_t i = 0; i < n; ++i) tokens_correct += gold[i] == predicted[i];
  std::vector<Chunk> g = ChunksOf(gold), p = ChunksOf(predicted);
  for (const Chunk& c : g) ++by_type[int(c.type)].gold;
  for (const Chunk& c : p) ++by_type[int(c.type)].predicted;
  // Both lists are sorted by begin and non-overlapping: merge.
  size_t a = 0, b = 0;
  while (a < g.size() && b < p.size()) {
    if (g[a] == p[b]) {
      ++by_type[int(g[a].type)].correct;
      ++a;
      ++b;
    } else if (g[a].begin < p[b].begin || (g[a].begin == p[b].begin && g[a].end < p[b].end)) {
      ++a;
    } else {
      ++b;
    }
  }
}

TypeScore Evaluation::Micro(bool with_misc) const {
  TypeScore s;
  for (int t = 0; t < 4; ++t) {
    if (!with_misc && t == int(EntityType::kMisc)) continue;
    s.gold += by_type[t].gold;
    s.predicted += by_type[t].predicted;
    s.correct += by_type[t].correct;
  }
  return s;
}

std::string Evaluation::Report() const {
  std::string out;
  char buf[160];
  auto row = [&](const char* name, const TypeScore& s) {
    std::snprintf(buf, sizeof buf, "%-12s P %6.2f  R %6.2f  F1 %6.2f  (gold %zu, predicted %zu, correct %zu)\n", name,
                  100 * s.Precision(), 100 * s.Recall(), 100 * s.F1(), s.gold, s.predicted, s.correct);
    out += buf;
  };
  std::snprintf(buf, sizeof buf, "tokens %zu, token accuracy %.2f%%\n", tokens,
                tokens ? 100.0 * double(tokens_correct) / double(tokens) : 0.0);
  out += buf;
  row("micro", Micro(true));
  row("micro-MISC", Micro(false));
  for (int t = 0; t < 4; ++t) row(kTypeNames[t], by_type[t]);
  return out;
}

}  // namespace akhbar::ner
