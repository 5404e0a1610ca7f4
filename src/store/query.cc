#include "store/query.h"

#include <vector>

#include "akhbar/text.h"
#include "store/fts_tokenizer.h"

namespace akhbar::store {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

enum class Op { kNone, kAnd, kOr, kNot };

struct Item {
  Op op = Op::kNone;   // kNone: a term
  std::string fts;     // the FTS5 text of a term
};

// The terms of `text` as one FTS5 string: the source spans of its terms,
// separated by spaces, inside double quotes. Source spans hold no '"' (the
// tokenizer never makes a term of punctuation), so the string cannot end
// early. Empty when the text has no term.
std::string QuotedTerms(std::string_view text, bool prefix) {
  std::string out;
  ForEachTerm(text, prefix, [&](std::string_view, uint32_t b, uint32_t e) {
    std::string_view span = text.substr(b, e - b);
    for (char c : span)
      if (c == '"') return true;  // cannot happen (see above); never emit a quote
    out += out.empty() ? "\"" : " ";
    out.append(span);
    return true;
  });
  if (!out.empty()) out += '"';
  return out;
}

}  // namespace

Result<std::string> TranslateQuery(std::string_view q) {
  if (q.size() > kMaxQueryBytes)
    return Status::TooLarge("query longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  if (!IsValidUtf8(q)) return Status::Invalid("query is not valid UTF-8");
  std::vector<Item> items;
  size_t i = 0;
  while (i < q.size()) {
    if (IsSpace(q[i])) {
      ++i;
      continue;
    }
    Item item;
    if (q[i] == '"') {
      size_t close = q.find('"', i + 1);
      if (close == std::string_view::npos) close = q.size();
      std::string_view phrase = q.substr(i + 1, close - i - 1);
      i = close + 1;
      item.fts = QuotedTerms(phrase, false);
      if (i < q.size() && q[i] == '*' && !item.fts.empty()) {  // "a phrase"*: prefix on its last word
        item.fts = QuotedTerms(phrase, true) + " *";
        ++i;
      }
    } else {
      size_t end = i;
      while (end < q.size() && !IsSpace(q[end]) && q[end] != '"') ++end;
      std::string_view word = q.substr(i, end - i);
      i = end;
      if (word == "AND") {
        item.op = Op::kAnd;
      } else if (word == "OR") {
        item.op = Op::kOr;
      } else if (word == "NOT") {
        item.op = Op::kNot;
      } else {
        bool prefix = false;
        while (!word.empty() && word.back() == '*') {
          word.remove_suffix(1);
          prefix = true;
        }
        item.fts = QuotedTerms(word, prefix);
        if (prefix && !item.fts.empty()) item.fts += " *";
      }
    }
    if (item.op == Op::kNone && item.fts.empty()) continue;  // nothing searchable
    items.push_back(std::move(item));
  }

  // Operators need a term on both sides; runs of operators collapse (NOT
  // wins over OR, OR over AND: "a AND NOT b" is "a NOT b").
  std::string out;
  Op pending = Op::kNone;
  size_t terms = 0;
  bool leading_not = false;
  for (const Item& it : items) {
    if (it.op != Op::kNone) {
      if (terms == 0) {
        leading_not = leading_not || it.op == Op::kNot;
        continue;
      }
      if (it.op == Op::kNot || (it.op == Op::kOr && pending != Op::kNot) || pending == Op::kNone) pending = it.op;
      continue;
    }
    if (terms > 0) {
      out += pending == Op::kOr ? " OR " : pending == Op::kNot ? " NOT " : " AND ";
    } else if (leading_not) {
      return Status::Invalid("NOT needs a term before it (as in: روسيا NOT أوكرانيا)");
    }
    pending = Op::kNone;
    out += it.fts;
    if (++terms > kMaxQueryTerms)
      return Status::TooLarge("query has more than " + std::to_string(kMaxQueryTerms) + " terms");
  }
  if (terms == 0) return Status::Invalid(std::string(kNoSearchableWord));
  return out;
}

}  // namespace akhbar::store
