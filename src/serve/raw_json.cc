// JSON grammar: RFC 8259 (whitespace is space, tab, CR, LF; a string ends at
// the first '"' not escaped by a backslash; a string holds no control
// character below U+0020).
#include "serve/raw_json.h"

#include <cstddef>
#include <string>

namespace akhbar::serve {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && IsSpace(s[i])) ++i;
  return i;
}

// s[i] is '"': the position after the closing quote, or npos.
size_t EndOfString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '"') return i + 1;
    if (c == '\\') {
      if (++i == s.size()) break;
    } else if (c < 0x20) {
      break;
    }
  }
  return std::string_view::npos;
}

// The end of the value starting at s[i] (no leading space), or npos. The
// brackets of containers must balance, each closed by its own kind; scalars
// run to the next separator and are checked by whoever parses them.
size_t EndOfValue(std::string_view s, size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  const char c = s[i];
  if (c == '"') return EndOfString(s, i);
  if (c == '{' || c == '[') {
    std::string open;  // the closers expected, innermost last (short: no allocation)
    while (i < s.size()) {
      const char d = s[i];
      if (d == '"') {
        i = EndOfString(s, i);
        if (i == std::string_view::npos) return i;
        continue;
      }
      if (d == '{' || d == '[') {
        open.push_back(d == '{' ? '}' : ']');
      } else if (d == '}' || d == ']') {
        if (open.empty() || open.back() != d) return std::string_view::npos;
        open.pop_back();
        if (open.empty()) return i + 1;
      }
      ++i;
    }
    return std::string_view::npos;
  }
  if (c == ',' || c == ':' || c == '}' || c == ']' || IsSpace(c)) return std::string_view::npos;
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ':' && s[i] != '"' &&
         s[i] != '{' && s[i] != '[' && !IsSpace(s[i]))
    ++i;
  return i;
}

// Calls item(i) at the start of each element of the container opening at
// s[i0] ('{' or '['); item returns the position after the element or npos.
// True when the container is well formed and only space follows it.
template <typename F>
bool Split(std::string_view s, char opener, F item) {
  size_t i = SkipSpace(s, 0);
  if (i >= s.size() || s[i] != opener) return false;
  const char closer = opener == '{' ? '}' : ']';
  i = SkipSpace(s, i + 1);
  if (i < s.size() && s[i] == closer) return SkipSpace(s, i + 1) == s.size();
  for (;;) {
    i = item(i);
    if (i == std::string_view::npos) return false;
    i = SkipSpace(s, i);
    if (i >= s.size()) return false;
    if (s[i] == closer) return SkipSpace(s, i + 1) == s.size();
    if (s[i] != ',') return false;
    i = SkipSpace(s, i + 1);
  }
}

}  // namespace

bool SplitJsonObject(std::string_view s, std::vector<RawMember>* members) {
  members->clear();
  return Split(s, '{', [&](size_t i) -> size_t {
    if (i >= s.size() || s[i] != '"') return std::string_view::npos;
    const size_t key_end = EndOfString(s, i);
    if (key_end == std::string_view::npos) return key_end;
    size_t j = SkipSpace(s, key_end);
    if (j >= s.size() || s[j] != ':') return std::string_view::npos;
    j = SkipSpace(s, j + 1);
    const size_t end = EndOfValue(s, j);
    if (end == std::string_view::npos) return end;
    members->push_back({s.substr(i + 1, key_end - i - 2), s.substr(j, end - j)});
    return end;
  });
}

bool SplitJsonArray(std::string_view s, std::vector<std::string_view>* elements) {
  elements->clear();
  return Split(s, '[', [&](size_t i) -> size_t {
    const size_t end = EndOfValue(s, i);
    if (end != std::string_view::npos) elements->push_back(s.substr(i, end - i));
    return end;
  });
}

}  // namespace akhbar::serve
