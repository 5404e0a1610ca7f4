// Tagging: features -> emission scores -> Viterbi; mentions from BIO tags.
#include "akhbar/tokenize.h"
#include "ner/internal.h"

namespace akhbar::ner {

struct Tagger::Scratch {
  explicit Scratch(const Model& m)
      : fx(Lexicon::Default(), m.impl().clusters, m.impl().hash_bits) {}
  FeatureExtractor fx;
  std::vector<float> scores, delta;
  std::vector<uint8_t> back;
  std::vector<arabic::Token> tokens;
  std::vector<std::string_view> words;
  std::vector<uint32_t> word_token;  // index into tokens of each word
  std::vector<Tag> tags;
};

Tagger::Tagger(const Model& model) : model_(model), scratch_(std::make_unique<Scratch>(model)) {}
Tagger::~Tagger() = default;

void Tagger::TagTokens(const std::vector<std::string_view>& tokens, std::vector<Tag>* tags) {
  Scratch& s = *scratch_;
  const Model::Impl& m = model_.impl();
  const size_t n = tokens.size();
  s.fx.Extract(tokens);
  s.scores.assign(n * kNumTags, 0.0f);
  const auto& feats = s.fx.feats();
  const auto& off = s.fx.offsets();
  for (size_t i = 0; i < n; ++i) {
    int32_t acc[kNumTags] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
    for (uint32_t k = off[i]; k < off[i + 1]; ++k) {
      uint32_t row = m.row_of[feats[k]];
      if (!row) continue;
      const int16_t* w = &m.qrows[size_t(row - 1) * kNumTags];
      for (int t = 0; t < kNumTags; ++t) acc[t] += w[t];
    }
    float* sc = &s.scores[i * kNumTags];
    for (int t = 0; t < kNumTags; ++t) sc[t] = float(acc[t]) * m.scale;
  }
  Viterbi(s.scores.data(), n, m.trans.data(), &s.delta, &s.back, tags);
}

namespace {

EntityType TypeOfTag(Tag t) { return EntityType((int(t) - 1) / 2); }

bool EndsPiece(std::string_view tok) {
  return tok == "." || tok == "!" || tok == "?" || tok == "\xD8\x9F";  // ؟
}

}  // namespace

std::vector<EntityMention> Tagger::TagEntities(std::string_view text) {
  Scratch& s = *scratch_;
  std::vector<EntityMention> out;
  arabic::Tokenize(text, &s.tokens);
  size_t i = 0;
  const size_t nt = s.tokens.size();
  while (i < nt) {
    s.words.clear();
    s.word_token.clear();
    size_t j = i;
    for (; j < nt && s.words.size() < 256; ++j) {
      const arabic::Token& t = s.tokens[j];
      std::string_view w = text.substr(t.begin, t.end - t.begin);
      s.words.push_back(w);
      s.word_token.push_back(uint32_t(j));
      if (t.type == arabic::TokenType::kPunct && EndsPiece(w)) {
        ++j;
        break;
      }
    }
    TagTokens(s.words, &s.tags);
    for (const Chunk& c : ChunksOf(s.tags)) {
      EntityMention e;
      e.begin = s.tokens[s.word_token[c.begin]].begin;
      e.end = s.tokens[s.word_token[c.end - 1]].end;
      e.type = c.type;
      e.text.assign(text.substr(e.begin, e.end - e.begin));
      out.push_back(std::move(e));
    }
    i = j;
  }
  return out;
}

std::vector<EntityMention> TagEntities(std::string_view utf8_text) {
  thread_local Tagger tagger(Model::Default());
  return tagger.TagEntities(utf8_text);
}

std::vector<Chunk> ChunksOf(const std::vector<Tag>& tags) {
  std::vector<Chunk> out;
  bool open = false;
  Chunk cur;
  for (size_t i = 0; i < tags.size(); ++i) {
    Tag t = tags[i];
    bool is_b = t != Tag::kO && (int(t) & 1);
    bool is_i = t != Tag::kO && !is_b;
    if (open && (t == Tag::kO || is_b || TypeOfTag(t) != cur.type)) {
      cur.end = uint32_t(i);
      out.push_back(cur);
      open = false;
    }
    if (!open && (is_b || is_i)) {
      cur.begin = uint32_t(i);
      cur.type = TypeOfTag(t);
      open = true;
    }
  }
  if (open) {
    cur.end = uint32_t(tags.size());
    out.push_back(cur);
  }
  return out;
}

}  // namespace akhbar::ner
