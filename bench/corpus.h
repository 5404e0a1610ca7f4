// bench/corpus.h: the texts a benchmark runs on, read with the project's own
// readers (ReadInputs + DecodeToUtf8), so every benchmark reads its corpus
// the same way. Header-only; benchmarks only.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "akhbar/decode.h"
#include "akhbar/ingest.h"

namespace akhbar::bench {

// The corpus named on the command line (argv[1]), else the dev corpus in
// ../shared. Empty string (and a message on stderr) if it does not exist.
inline std::string CorpusPath(int argc, char** argv, const char* program) {
  std::string path = argc > 1 ? argv[1] : AKHBAR_SHARED_DIR "/corpus/saudinewsnet-dev.jsonl.gz";
  if (!std::filesystem::exists(path)) {
    std::fprintf(stderr, "%s: %s not found (../shared is needed)\n", program, path.c_str());
    return {};
  }
  return path;
}

// Whether `path` is the dev corpus, on which the issues state their speed
// targets: a benchmark judges its target only there.
inline bool IsDevCorpus(const std::string& path) {
  return std::filesystem::path(path).filename() == "saudinewsnet-dev.jsonl.gz";
}

// Prints `target: WHAT VALUE (target GOAL): met` (or MISSED); returns `met`.
inline bool ReportTarget(const char* what, double value, int decimals, const char* goal, bool met) {
  std::printf("target: %s %.*f (target %s): %s\n", what, decimals, value, goal, met ? "met" : "MISSED");
  return met;
}

// The decoded text of every document of `path` (at most max_docs if > 0);
// documents that fail to read or decode are left out.
inline std::vector<std::string> LoadCorpusTexts(const std::string& path, size_t max_docs = 0) {
  std::vector<std::string> texts;
  ReadInputs({path}, {}, [&](IngestItem&& item) {
    if (!item.doc.ok() || (max_docs > 0 && texts.size() >= max_docs)) return;
    auto decoded = DecodeToUtf8(item.doc->content.data, item.doc->charset_hint);
    if (decoded.ok()) texts.push_back(std::move(decoded->text).release());
  });
  return texts;
}

}  // namespace akhbar::bench
