// Fuzzes the event clustering's text-facing code: ExtractFeatures and the
// gazetteer (Parse and Find) on arbitrary bytes, and EventClusterer::Add on
// the features. Input: valid UTF-8 split at the first NUL into a gazetteer
// TSV and an article text (the first line is the title).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "akhbar/events.h"
#include "akhbar/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  if (!akhbar::IsValidUtf8(in)) return 0;
  size_t nul = in.find('\0');
  std::string_view tsv = nul == std::string_view::npos ? std::string_view() : in.substr(0, nul);
  std::string_view text = nul == std::string_view::npos ? in : in.substr(nul + 1);
  size_t nl = text.find('\n');
  std::string_view title = nl == std::string_view::npos ? text : text.substr(0, nl);
  std::string_view body = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  std::vector<akhbar::events::TermId> ents;
  auto g = akhbar::events::Gazetteer::Parse(tsv);
  if (g.ok()) g->Find(text, &ents);
  auto f = akhbar::events::ExtractFeatures("a", title, body, akhbar::CivilDate{2015, 7, 21}, ents);
  akhbar::events::EventClusterer c;
  c.Add(f);
  f.id = "b";
  f.date.reset();
  c.Add(f);
  return 0;
}
