// Reading the tab-separated data tables under data/ (compiled in with
// akhbar_embed): `#` lines are comments, empty lines are skipped, fields are
// separated by tabs, list fields by `|`.
#pragma once

#include <string_view>
#include <vector>

namespace akhbar::data {

// Splits `s` at every `sep`, keeping empty pieces. Views into `s`.
std::vector<std::string_view> SplitFields(std::string_view s, char sep);

// Calls f(fields) for every data row of `table`, fields split at tabs.
template <typename F>
void ForEachRow(std::string_view table, F&& f) {
  size_t pos = 0;
  while (pos < table.size()) {
    size_t nl = table.find('\n', pos);
    if (nl == std::string_view::npos) nl = table.size();
    std::string_view line = table.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> fields = SplitFields(line, '\t');
    f(fields);
  }
}

}  // namespace akhbar::data
