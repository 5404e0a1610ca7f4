// akhbar_snippet(): an FTS5 auxiliary function that cuts a search snippet
// around the first match, tokenizing the column only as far as the window's
// end. FTS5's own snippet() tokenizes the whole column of every result (twice:
// to score windows, then to mark one), which was half the cost of a search
// on news bodies of a few thousand bytes; a news article's first match is
// nearly always in its opening paragraphs.
//
// Auxiliary function API: https://www.sqlite.org/fts5.html#custom_auxiliary_functions
// (xInstCount/xInst give each phrase match as column and token offset;
// xTokenize runs the table's tokenizer, and a callback result other than
// SQLITE_OK stops it).
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/fts_tokenizer.h"

namespace akhbar::store {
namespace {

struct Window {
  int first = 0;  // token index of the window's first token
  int last = 0;   // and of its last
  // Matches as token ranges [first, last], ascending and disjoint (a
  // phrase's tokens are one range, so "كيم جونغ أون" is marked as one).
  std::vector<std::pair<int, int>> ranges;
  size_t range = 0;  // the first range not yet passed
  int index = 0;     // the current token index
  int begin_byte = -1, end_byte = -1;
  std::vector<std::pair<int, int>> marks;  // byte ranges to mark
};

int OnToken(void* ctx, int /*flags*/, const char*, int, int start, int end) {
  auto* w = static_cast<Window*>(ctx);
  const int i = w->index++;
  if (i < w->first) return SQLITE_OK;
  if (w->begin_byte < 0) w->begin_byte = start;
  w->end_byte = end;
  while (w->range < w->ranges.size() && w->ranges[w->range].second < i) ++w->range;
  if (w->range < w->ranges.size() && w->ranges[w->range].first <= i) {
    const bool continues = i > w->ranges[w->range].first && i > w->first && !w->marks.empty();
    if (continues) {
      w->marks.back().second = end;
    } else {
      w->marks.emplace_back(start, end);
    }
  }
  return i >= w->last ? SQLITE_DONE : SQLITE_OK;
}

std::string_view Text(sqlite3_value* v) {
  const unsigned char* p = sqlite3_value_text(v);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(v)))
           : std::string_view();
}

// akhbar_snippet(table, column, open, close, ellipsis, tokens)
void Snippet(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* out, int argc, sqlite3_value** argv) {
  if (argc != 5) {
    sqlite3_result_error(out, "akhbar_snippet: expected (table, column, open, close, ellipsis, tokens)", -1);
    return;
  }
  const int column = sqlite3_value_int(argv[0]);
  const std::string_view open = Text(argv[1]), close = Text(argv[2]), ellipsis = Text(argv[3]);
  const int tokens = std::clamp(sqlite3_value_int(argv[4]), 1, 64);

  const char* text = nullptr;
  int n = 0;
  if (api->xColumnText(fts, column, &text, &n) != SQLITE_OK) {
    sqlite3_result_error(out, "akhbar_snippet: cannot read the column", -1);
    return;
  }
  if (text == nullptr || n <= 0) {
    sqlite3_result_text(out, "", 0, SQLITE_STATIC);
    return;
  }
  int count = 0;
  if (api->xInstCount(fts, &count) != SQLITE_OK) count = 0;
  Window w;
  for (int i = 0; i < count; ++i) {
    int phrase = 0, col = 0, off = 0;
    if (api->xInst(fts, i, &phrase, &col, &off) != SQLITE_OK || col != column) continue;
    const int size = std::max(1, api->xPhraseSize(fts, phrase));
    w.ranges.emplace_back(off, off + size - 1);
  }
  std::sort(w.ranges.begin(), w.ranges.end());
  // Overlapping or touching matches become one range.
  size_t kept = 0;
  for (size_t i = 0; i < w.ranges.size(); ++i) {
    if (kept > 0 && w.ranges[i].first <= w.ranges[kept - 1].second + 1) {
      w.ranges[kept - 1].second = std::max(w.ranges[kept - 1].second, w.ranges[i].second);
    } else {
      w.ranges[kept++] = w.ranges[i];
    }
  }
  w.ranges.resize(kept);
  // A quarter of the window before the first match, for context.
  w.first = w.ranges.empty() ? 0 : std::max(0, w.ranges.front().first - tokens / 4);
  w.last = w.first + tokens - 1;
  const int rc = api->xTokenize(fts, text, n, &w, OnToken);
  if (rc != SQLITE_OK && rc != SQLITE_DONE) {
    sqlite3_result_error_code(out, rc);
    return;
  }
  std::string s;
  if (w.begin_byte < 0) {  // no token in the window (the column is all stop words or punctuation)
    sqlite3_result_text(out, "", 0, SQLITE_STATIC);
    return;
  }
  if (w.begin_byte > 0) s += ellipsis;
  int at = w.begin_byte;
  for (auto [b, e] : w.marks) {
    s.append(text + at, static_cast<size_t>(b - at));
    s += open;
    s.append(text + b, static_cast<size_t>(e - b));
    s += close;
    at = e;
  }
  s.append(text + at, static_cast<size_t>(w.end_byte - at));
  if (w.end_byte < n) s += ellipsis;
  sqlite3_result_text(out, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

}  // namespace

Status RegisterSnippetFunction(fts5_api* api) {
  int rc = api->xCreateFunction(api, "akhbar_snippet", nullptr, Snippet, nullptr);
  if (rc != SQLITE_OK) return Status::Io(std::string("cannot register akhbar_snippet: ") + sqlite3_errstr(rc));
  return Status::Ok();
}

}  // namespace akhbar::store
