// Evaluation: how much of an already-extracted corpus the text cleaner keeps.
//
//   build/eval/eval_clean [CORPUS] [--show N]
//
// For each record (default: ../shared/corpus/saudinewsnet-dev.jsonl.gz, whose
// `content` is article text already extracted by a scraper), cleans the text
// with the record's title and metadata, and counts words (tokens other than
// punctuation) of the content that end up in the body, and of those dropped,
// by reason. Prints the totals, the share kept, and the N most common dropped
// lines per reason so that each rule can be checked by eye. Exits 1 if less
// than 99% of the words are kept (the cleaning issue's target).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "akhbar/article.h"
#include "akhbar/decode.h"
#include "akhbar/ingest.h"
#include "akhbar/tokenize.h"

namespace {

size_t Words(std::string_view text) {
  static thread_local std::vector<akhbar::arabic::Token> tokens;
  akhbar::arabic::Tokenize(text, &tokens);
  size_t n = 0;
  for (const auto& t : tokens) n += t.type != akhbar::arabic::TokenType::kPunct;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  size_t show = 8;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--show" && i + 1 < argc) {
      show = std::strtoul(argv[++i], nullptr, 10);
    } else {
      corpus = a;
    }
  }
  if (!std::filesystem::exists(corpus)) {
    std::fprintf(stderr, "eval_clean: %s not found (../shared is needed)\n", corpus.c_str());
    return 1;
  }
  size_t docs = 0, failed = 0, total_words = 0, body_words = 0;
  std::map<std::string, size_t> dropped_words, dropped_lines;
  std::map<std::string, std::unordered_map<std::string, size_t>> examples;
  akhbar::ReadInputs({corpus}, {}, [&](akhbar::IngestItem&& item) {
    if (!item.doc.ok()) {
      ++failed;
      return;
    }
    auto decoded = akhbar::DecodeToUtf8(item.doc->content.data, item.doc->charset_hint);
    if (!decoded.ok()) {
      ++failed;
      return;
    }
    akhbar::PageMeta meta{item.doc->title, item.doc->outlet, item.doc->url, item.doc->published,
                          item.doc->fetched_at};
    akhbar::Article a = akhbar::CleanText(decoded->text.view(), meta, {});
    ++docs;
    total_words += Words(decoded->text.view());
    for (const auto& p : a.body) body_words += Words(p);
    for (const auto& r : a.removed) {
      dropped_words[r.why] += Words(r.text);
      ++dropped_lines[r.why];
      std::string key = r.text.substr(0, 160);
      ++examples[r.why][key];
    }
  });
  double kept = total_words ? static_cast<double>(body_words) / total_words : 1.0;
  std::printf("documents %zu (failed to read %zu)\n", docs, failed);
  std::printf("words in content %zu, kept in body %zu (%.3f%%)\n", total_words, body_words, 100 * kept);
  std::printf("\ndropped by reason: words, lines\n");
  for (const auto& [why, w] : dropped_words)
    std::printf("  %-16s %9zu words (%.3f%%) %7zu lines\n", why.c_str(), w, total_words ? 100.0 * w / total_words : 0,
                dropped_lines[why]);
  for (const auto& [why, ex] : examples) {
    std::vector<std::pair<size_t, std::string>> top;
    for (const auto& [text, n] : ex) top.emplace_back(n, text);
    std::sort(top.rbegin(), top.rend());
    std::printf("\n== %s: most common dropped lines\n", why.c_str());
    for (size_t i = 0; i < top.size() && i < show; ++i) std::printf("  %6zu x %s\n", top[i].first, top[i].second.c_str());
  }
  return kept >= 0.99 ? 0 : 1;
}
