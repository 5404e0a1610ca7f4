// libFuzzer target: charset detection and conversion, and the <meta> prescan.
// The first byte picks a declared charset hint.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "akhbar/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* kHints[] = {"", "utf-8", "windows-1256", "iso-8859-6", "utf-16le", "latin1", "bogus"};
  if (size == 0) return 0;
  const char* hint = kHints[data[0] % 7];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto r = akhbar::DecodeToUtf8(bytes, hint);
  if (r.ok() && !akhbar::IsValidUtf8(r->text.view())) __builtin_trap();
  (void)akhbar::PrescanHtmlCharset(bytes);
  (void)akhbar::CanonicalCharsetName(bytes.substr(0, 40));
  return 0;
}
