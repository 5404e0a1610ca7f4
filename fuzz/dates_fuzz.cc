// libFuzzer target for the dates stage: FindDates and ParseDateLine on valid
// UTF-8 (with and without a reference date), ParseIsoDate on anything.
// Checks: spans in range, non-empty, ordered, non-overlapping, on code point
// boundaries; range ends after their start.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "akhbar/dates.h"
#include "akhbar/text.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckMentions(std::string_view text, const akhbar::DateContext& ctx) {
  uint32_t last = 0;
  for (const akhbar::DateMention& m : akhbar::FindDates(text, ctx)) {
    Check(m.begin < m.end);
    Check(m.end <= text.size());
    Check(m.begin >= last);
    Check(akhbar::IsValidUtf8(text.substr(m.begin, m.end - m.begin)));
    if (m.range_end) Check(m.date.has_value() && *m.date < *m.range_end);
    if (ctx.reference == std::nullopt && m.kind != akhbar::DateKind::kAbsolute)
      Check(!m.date.has_value());  // never invent a date
    last = m.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)akhbar::ParseIsoDate(text);
  if (!akhbar::IsValidUtf8(text)) return 0;
  CheckMentions(text, {});
  akhbar::DateContext ctx;
  ctx.reference = akhbar::CivilDate{2025, 1, 5};
  CheckMentions(text, ctx);
  if (auto m = akhbar::ParseDateLine(text, ctx)) Check(m->end <= text.size());
  return 0;
}
