// `akhbar ner`: the named-entity tagger on CoNLL tokens or running text.
#include "cli/ner_cmd.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "akhbar/ner.h"
#include "akhbar/text.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace akhbar::cli {

namespace {

bool ReadAll(const std::string& path, std::string* out) {
  std::stringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    ss << in.rdbuf();
  }
  *out = ss.str();
  return true;
}

int RunConll(const NerArgs& args) {
  std::string text;
  if (!ReadAll(args.conll, &text)) {
    Diagnose(args.conll, "cannot read");
    return kExitUsage;
  }
  auto read = ner::ReadConll(text);
  if (!read.ok()) {
    Diagnose(args.conll, read.status().message());
    return kExitUsage;
  }
  ner::Tagger tagger(ner::Model::Default());
  ner::Evaluation ev;
  Output out;
  std::vector<std::string_view> words;
  std::vector<ner::Tag> gold, pred;
  bool any_gold = false;
  std::string line;
  for (const ner::ConllSentence& s : read.value()) {
    words.clear();
    gold.clear();
    for (const auto& t : s) {
      words.push_back(t.word);
      gold.push_back(t.gold);
      any_gold = any_gold || t.has_gold;
    }
    tagger.TagTokens(words, &pred);
    for (size_t i = 0; i < s.size(); ++i) {
      line.assign(s[i].word);
      line.push_back('\t');
      line += ner::TagName(pred[i]);
      out.Line(line);
      for (uint32_t b = 0; b < s[i].blank_lines_after; ++b) out.Line("");
    }
    ev.Add(gold, pred);
  }
  out.Flush();
  if (args.eval) {
    if (!any_gold) {
      Diagnose(args.conll, "--eval: the input has no gold tags");
      return kExitUsage;
    }
    std::fputs(ev.Report().c_str(), stderr);
  }
  return kExitOk;
}

int RunText(const NerArgs& args) {
  std::string text;
  if (!ReadAll(args.text, &text)) {
    Diagnose(args.text, "cannot read");
    return kExitUsage;
  }
  Output out;
  int status = kExitOk;
  size_t pos = 0, line_no = 0;
  std::string json;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line = std::string_view(text).substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!IsValidUtf8(line)) {
      Diagnose(args.text + ":" + std::to_string(line_no), "not valid UTF-8");
      out.Line("{\"error\":\"not valid UTF-8\",\"entities\":[]}");
      status = kExitSomeFailed;
      continue;
    }
    json.assign("{\"entities\":[");
    bool first = true;
    for (const auto& m : ner::TagEntities(line)) {
      if (!first) json.push_back(',');
      first = false;
      json += "{\"type\":\"";
      json += ner::EntityTypeName(m.type);
      json += "\",\"start\":" + std::to_string(m.begin) + ",\"end\":" + std::to_string(m.end) + ",\"text\":";
      AppendJsonString(m.text, &json);
      json.push_back('}');
    }
    json += "]}";
    out.Line(json);
  }
  return status;
}

}  // namespace

void RegisterNer(CLI::App& app, NerArgs& args) {
  auto* cmd = app.add_subcommand(
      "ner",
      "Named-entity tagging with the shipped model.\n"
      "--conll FILE: one token per line (optional gold tag in a second column; empty lines and `.`\n"
      "lines end sentences); prints `token<TAB>tag` in ANERcorp's BIO labels (B-PERS, I-LOC, ...).\n"
      "--text FILE: one document per line; prints one JSON object per line:\n"
      "{\"entities\":[{\"type\",\"start\",\"end\",\"text\"}]} with byte offsets into the line.");
  auto* conll = cmd->add_option("--conll", args.conll, "CoNLL token file, or - for stdin");
  auto* text = cmd->add_option("--text", args.text, "running text, one document per line, or - for stdin");
  conll->excludes(text);
  cmd->add_flag("--eval", args.eval,
                "with --conll and gold tags: print entity-level precision/recall/F1 (conlleval-style) on "
                "stderr (default: off)");
}

int RunNer(const NerArgs& args) {
  if (!args.conll.empty()) return RunConll(args);
  if (!args.text.empty()) return RunText(args);
  std::fprintf(stderr, "akhbar ner: give --conll FILE or --text FILE\n");
  return kExitUsage;
}

}  // namespace akhbar::cli
