// libFuzzer target for FindNumbers: any bytes (invalid UTF-8 must give no
// mentions). Checks: spans non-empty, in range, ordered, non-overlapping, on
// code point boundaries; vague amounts have a qualifier; values are finite.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "akhbar/numbers.h"
#include "akhbar/text.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto mentions = akhbar::FindNumbers(text);
  if (!akhbar::IsValidUtf8(text)) {
    Check(mentions.empty());
    return 0;
  }
  uint32_t last = 0;
  for (const akhbar::NumberMention& m : mentions) {
    Check(m.begin < m.end);
    Check(m.end <= text.size());
    Check(m.begin >= last);
    Check(akhbar::IsValidUtf8(text.substr(m.begin, m.end - m.begin)));
    if (m.value) {
      Check(std::isfinite(*m.value));
    } else {
      Check(!m.qualifier.empty());
    }
    last = m.end;
  }
  return 0;
}
