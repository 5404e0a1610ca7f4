// libFuzzer target: the top-level JSON splitter of the server
// (src/serve/raw_json.h), checked against nlohmann's parser: text that
// parses as an object (array) splits into the same members (elements), each
// piece parsing to the same value. Linear time is the splitter's contract.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "serve/raw_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using Json = nlohmann::ordered_json;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<akhbar::serve::RawMember> members;
  std::vector<std::string_view> elements;
  const bool object = akhbar::serve::SplitJsonObject(text, &members);
  const bool array = akhbar::serve::SplitJsonArray(text, &elements);
  for (const auto& m : members)
    if (m.value.data() < text.data() || m.value.data() + m.value.size() > text.data() + text.size()) __builtin_trap();
  const Json whole = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  // nlohmann skips a BOM and ends its input at a NUL byte; stored JSON has neither.
  if (whole.is_discarded() || text.substr(0, 3) == "\xEF\xBB\xBF" || text.find('\0') != text.npos) return 0;
  if (whole.is_object()) {
    if (!object) __builtin_trap();
    // Repeated keys: nlohmann keeps one; the splitter reports each.
    if (members.size() != whole.size()) return 0;
    size_t i = 0;
    for (const auto& [key, value] : whole.items()) {
      const Json piece = Json::parse(members[i].value.begin(), members[i].value.end(), nullptr, false);
      if (piece.is_discarded() || piece != value) __builtin_trap();
      ++i;
    }
  } else if (whole.is_array()) {
    if (!array || elements.size() != whole.size()) __builtin_trap();
    for (size_t i = 0; i < elements.size(); ++i) {
      const Json piece = Json::parse(elements[i].begin(), elements[i].end(), nullptr, false);
      if (piece.is_discarded() || piece != whole[i]) __builtin_trap();
    }
  }
  return 0;
}
