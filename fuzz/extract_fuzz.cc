// Fuzzes akhbar::ExtractText (NER, gazetteer matching, quotes, claims) and
// checks its invariants: every span lies in the input on code point
// boundaries and reads as the text it reports; the stored JSON arrays
// (code point offsets) read back to the same byte offsets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "akhbar/analyze.h"
#include "akhbar/extract.h"
#include "akhbar/text.h"

namespace {
bool Boundary(std::string_view s, uint32_t i) {
  return i == s.size() || (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80);
}
void Check(std::string_view s, uint32_t b, uint32_t e, std::string_view text) {
  if (b > e || e > s.size() || !Boundary(s, b) || !Boundary(s, e) || s.substr(b, e - b) != text) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  akhbar::ExtractOptions options;
  options.use_ner = size % 2 == 0;  // half the inputs without the tagger (faster, deeper)
  akhbar::Extraction x = akhbar::ExtractText(s, options);
  for (const auto& e : x.entities) {
    if (e.id.empty() || e.mentions.empty()) std::abort();
    for (const auto& m : e.mentions) Check(s, m.begin, m.end, m.text);
  }
  for (const auto& q : x.quotes) Check(s, q.begin, q.end, q.text);
  for (const auto& c : x.claims) Check(s, c.begin, c.end, c.text);
  if (!akhbar::IsValidUtf8(s)) return 0;  // the store holds valid UTF-8 only
  auto back = akhbar::ExtractionFromJson(akhbar::ExtractionArraysToJson(x, s), s);
  if (!back.ok() || back->entities.size() != x.entities.size() || back->quotes.size() != x.quotes.size() ||
      back->claims.size() != x.claims.size())
    std::abort();
  auto moved = [](const auto& a, const auto& b) { return a.begin != b.begin || a.end != b.end; };
  for (size_t i = 0; i < x.entities.size(); ++i) {
    if (back->entities[i].mentions.size() != x.entities[i].mentions.size()) std::abort();
    for (size_t m = 0; m < x.entities[i].mentions.size(); ++m)
      if (moved(back->entities[i].mentions[m], x.entities[i].mentions[m])) std::abort();
  }
  for (size_t i = 0; i < x.quotes.size(); ++i)
    if (moved(back->quotes[i], x.quotes[i])) std::abort();
  for (size_t i = 0; i < x.claims.size(); ++i)
    if (moved(back->claims[i], x.claims[i])) std::abort();
  (void)akhbar::PhoneticKey(s);
  (void)akhbar::CountedLemma(s);
  return 0;
}
