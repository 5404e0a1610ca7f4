// Fuzz target for the named-entity tagger's parsers and tagging: the bytes
// are read as a model file (Model::Parse must fail cleanly or give a model
// that tags), as a CoNLL file (ReadConll), and, when valid UTF-8, as running
// text for TagEntities. Traps when an invariant breaks: one tag per token,
// valid BIO transitions, mention spans ordered, inside the text and equal to
// the mention text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/ner.h"
#include "akhbar/text.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace akhbar::ner;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto model = Model::Parse(in);
  if (model.ok()) {
    Tagger t(model.value());
    std::vector<Tag> tags;
    t.TagTokens({"الرئيس", "بوتين"}, &tags);
    Check(tags.size() == 2);
  }
  auto conll = ReadConll(in);
  static Tagger* tagger = new Tagger(Model::Default());
  if (conll.ok()) {
    std::vector<std::string_view> words;
    std::vector<Tag> tags;
    for (const auto& s : conll.value()) {
      words.clear();
      for (const auto& tok : s) words.push_back(tok.word);
      tagger->TagTokens(words, &tags);
      Check(tags.size() == words.size());
      for (const Chunk& c : ChunksOf(tags)) Check(c.begin < c.end && c.end <= tags.size());
    }
  }
  if (!akhbar::IsValidUtf8(in)) return 0;
  uint32_t prev = 0;
  for (const auto& m : tagger->TagEntities(in)) {
    Check(m.begin >= prev && m.begin < m.end && m.end <= size);
    Check(in.substr(m.begin, m.end - m.begin) == m.text);
    prev = m.end;
  }
  return 0;
}
