// libFuzzer target for CleanHtml (src/clean/html_extract.cc): any valid UTF-8
// page must be cleaned without crashing, leaking or hanging.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "akhbar/article.h"
#include "akhbar/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  if (!akhbar::IsValidUtf8(html)) return 0;
  akhbar::PageMeta meta;
  meta.fetched_at = "2025-01-01";
  akhbar::Article a = akhbar::CleanHtml(html, meta, akhbar::CleanOptions{});
  (void)a.BodyText();
  return 0;
}
