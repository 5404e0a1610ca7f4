// Fuzz target: the scraped-text cleaner on arbitrary valid UTF-8. Checks that
// it terminates, and that every paragraph and teaser is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "akhbar/article.h"
#include "akhbar/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!akhbar::IsValidUtf8(text)) return 0;
  akhbar::PageMeta meta;
  akhbar::CleanOptions options;
  options.ref_date = akhbar::CivilDate{2025, 1, 15};
  akhbar::Article a = akhbar::CleanText(text, meta, options);
  if (!akhbar::IsValidUtf8(a.title)) __builtin_trap();
  for (const auto& p : a.body)
    if (!akhbar::IsValidUtf8(p)) __builtin_trap();
  for (const auto& t : a.teasers)
    if (!akhbar::IsValidUtf8(t.title) || !akhbar::IsValidUtf8(t.text)) __builtin_trap();
  return 0;
}
