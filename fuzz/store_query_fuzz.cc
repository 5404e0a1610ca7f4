// Fuzz target: the search query translator and the FTS5 tokenizer's term
// generator on arbitrary bytes. Checks that a translated query never holds
// an FTS5 operator outside quoted strings other than AND/OR/NOT and a
// prefix star, and that term offsets stay inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "akhbar/text.h"
#include "store/fts_tokenizer.h"
#include "store/query.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto q = akhbar::store::TranslateQuery(in);
  if (q.ok()) {
    bool quoted = false;
    for (char c : *q) {
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '(' || c == ')' || c == ':' || c == '^' || c == '{' || c == '+' || c == '-')) {
        std::abort();
      }
    }
    if (quoted) std::abort();
  }
  if (akhbar::IsValidUtf8(in)) {
    for (bool prefix : {false, true}) {
      akhbar::store::ForEachTerm(in, prefix, [&](std::string_view term, uint32_t b, uint32_t e) {
        if (b > e || e > in.size() || term.empty()) std::abort();
        return true;
      });
    }
  }
  return 0;
}
