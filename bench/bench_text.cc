// Benchmark: read+decode and normalize+tokenize+stem on the dev corpus.
//
//   build/bench/bench_text [CORPUS]   (default ../shared/corpus/saudinewsnet-dev.jsonl.gz)
//
// Single-threaded (figures are per core). Checks its own results: the number
// of documents read, no failures, and that every document yields tokens and
// stems; exits 1 if a check fails or the target (normalize+tokenize+stem at
// 50 MB/s or more) is missed. Prints one line per phase:
//   phase  docs  MB  seconds  docs/s  MB/s
// then the target's `target:` line.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "akhbar/decode.h"
#include "akhbar/language.h"
#include "akhbar/ingest.h"
#include "akhbar/normalize.h"
#include "akhbar/stem.h"
#include "akhbar/stopwords.h"
#include "akhbar/tokenize.h"

namespace {

using Clock = std::chrono::steady_clock;

void Print(const char* phase, size_t docs, size_t bytes, double secs) {
  std::printf("%-28s %8zu docs %8.1f MB %7.3f s %10.0f docs/s %8.1f MB/s\n", phase, docs, bytes / 1e6, secs,
              docs / secs, bytes / 1e6 / secs);
}

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = argc > 1 ? argv[1] : AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  if (!std::filesystem::exists(corpus)) {
    std::fprintf(stderr, "bench_text: %s not found (../shared is needed)\n", corpus.c_str());
    return 1;
  }
  std::vector<std::string> texts;
  size_t failed = 0, raw_bytes = 0;
  auto t0 = Clock::now();
  akhbar::ReadInputs({corpus}, {}, [&](akhbar::IngestItem&& item) {
    if (!item.doc.ok()) {
      ++failed;
      return;
    }
    raw_bytes += item.doc->content.data.size();
    auto decoded = akhbar::DecodeToUtf8(item.doc->content.data, item.doc->charset_hint);
    if (!decoded.ok()) {
      ++failed;
      return;
    }
    texts.push_back(std::move(decoded->text).release());
  });
  double read_secs = std::chrono::duration<double>(Clock::now() - t0).count();
  Print("read+decode", texts.size(), raw_bytes, read_secs);

  size_t text_bytes = 0;
  for (const auto& t : texts) text_bytes += t.size();

  akhbar::arabic::Normalized norm;
  std::vector<akhbar::arabic::Token> tokens;
  size_t n_tokens = 0, n_stems = 0, stem_bytes = 0, empty_docs = 0;
  t0 = Clock::now();
  for (const auto& t : texts) {
    akhbar::arabic::Normalize(t, akhbar::arabic::Form::kMatch, &norm);
    akhbar::arabic::Tokenize(norm.text, &tokens);
    size_t before = n_tokens;
    for (const auto& tok : tokens) {
      ++n_tokens;
      if (tok.type == akhbar::arabic::TokenType::kArabicWord) {
        std::string_view stem =
            akhbar::arabic::LightStem(std::string_view(norm.text).substr(tok.begin, tok.end - tok.begin));
        stem_bytes += stem.size();
        ++n_stems;
      }
    }
    empty_docs += n_tokens == before;
  }
  double nts_secs = std::chrono::duration<double>(Clock::now() - t0).count();
  Print("normalize+tokenize+stem", texts.size(), text_bytes, nts_secs);

  // The same steps alone, each over the whole corpus (the match key is the
  // normalization without offsets that the cleaner, the signatures and the
  // gazetteers use).
  t0 = Clock::now();
  size_t check = 0;
  for (const auto& t : texts) {
    akhbar::arabic::Normalize(t, akhbar::arabic::Form::kMatch, &norm);
    check += norm.text.size();
  }
  Print("normalize (with offsets)", texts.size(), text_bytes, std::chrono::duration<double>(Clock::now() - t0).count());
  t0 = Clock::now();
  std::string key;
  for (const auto& t : texts) {
    key.clear();
    akhbar::arabic::AppendMatchKey(t, &key);
    check += key.size();
  }
  Print("match key", texts.size(), text_bytes, std::chrono::duration<double>(Clock::now() - t0).count());
  t0 = Clock::now();
  for (const auto& t : texts) {
    akhbar::arabic::Tokenize(t, &tokens);
    check += tokens.size();
  }
  Print("tokenize", texts.size(), text_bytes, std::chrono::duration<double>(Clock::now() - t0).count());
  // The share of Arabic letters (the analysis measures it of every body).
  t0 = Clock::now();
  for (const auto& t : texts) check += akhbar::arabic::MeasureScript(t).arabic_letters;
  Print("script share", texts.size(), text_bytes, std::chrono::duration<double>(Clock::now() - t0).count());
  // The stop-word test of every Arabic word of the kMatch texts (the search
  // terms and the clustering features ask it of every word).
  std::vector<std::string> keys;
  std::vector<std::vector<akhbar::arabic::Token>> words;
  for (const auto& t : texts) {
    key.clear();
    akhbar::arabic::AppendMatchKey(t, &key);
    akhbar::arabic::Tokenize(key, &tokens);
    words.emplace_back();
    for (const auto& tok : tokens)
      if (tok.type == akhbar::arabic::TokenType::kArabicWord) words.back().push_back(tok);
    keys.push_back(key);
  }
  size_t n_words = 0, n_stop = 0;
  t0 = Clock::now();
  for (size_t d = 0; d < keys.size(); ++d) {
    const std::string_view k = keys[d];
    for (const auto& tok : words[d]) n_stop += akhbar::arabic::IsStopword(k.substr(tok.begin, tok.end - tok.begin));
    n_words += words[d].size();
  }
  const double stop_secs = std::chrono::duration<double>(Clock::now() - t0).count();
  Print("stop words", texts.size(), text_bytes, stop_secs);
  std::printf("stop words: %zu of %zu Arabic words, %.1f ns a word\n", n_stop, n_words, stop_secs * 1e9 / n_words);
  std::printf("(checksum %zu)\n", check);
  std::printf("tokens %zu, Arabic stems %zu (%.1f bytes avg), documents without tokens %zu\n", n_tokens, n_stems,
              n_stems ? static_cast<double>(stem_bytes) / n_stems : 0.0, empty_docs);

  bool ok = failed == 0 && n_stems > 0;
  if (argc <= 1) ok = ok && texts.size() == 20329;
  if (!ok) {
    std::fprintf(stderr, "bench_text: check failed: %zu documents, %zu failures\n", texts.size(), failed);
    return 1;
  }
  // The Arabic text layer's target: normalize + tokenize + light stem at
  // 50 MB/s or more on one core.
  const double nts_mb = text_bytes / 1e6 / nts_secs;
  if (!akhbar::bench::IsDevCorpus(corpus)) return 0;
  return akhbar::bench::ReportTarget("normalize+tokenize+stem, MB/s:", nts_mb, 1, ">= 50", nts_mb >= 50) ? 0 : 1;
}
