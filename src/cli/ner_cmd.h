// `akhbar ner`: tag tokens (CoNLL) or running text with the named-entity tagger.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace akhbar::cli {

struct NerArgs {
  std::string conll;   // --conll FILE ("-" = stdin): one token per line, optional gold tag
  bool eval = false;   // --eval: with gold tags, print conlleval-style scores on stderr
  std::string text;    // --text FILE ("-" = stdin): running text, one document per line
};

void RegisterNer(CLI::App& app, NerArgs& args);
int RunNer(const NerArgs& args);

}  // namespace akhbar::cli
