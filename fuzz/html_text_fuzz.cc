// libFuzzer target: HTML to text (input made valid UTF-8 first, as decode does).
#include <cstddef>
#include <cstdint>
#include <string>

#include "akhbar/decode.h"
#include "akhbar/html_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto text = akhbar::Utf8Text::Validate(bytes);
  if (!text) {
    auto d = akhbar::DecodeToUtf8(bytes, "UTF-8");
    if (!d.ok()) return 0;
    text = std::move(d->text);
  }
  auto r = akhbar::HtmlToText(*text);
  if (r.ok() && (!akhbar::IsValidUtf8(r->text.view()) || !akhbar::IsValidUtf8(r->title.view()))) __builtin_trap();
  return 0;
}
