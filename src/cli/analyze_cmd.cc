// `akhbar analyze`: ingest .. signature on documents, JSON Lines on stdout.
#include <cstdio>
#include <map>
#include <string>

#include "akhbar/analyze.h"
#include "akhbar/ingest.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/progress.h"

namespace akhbar::cli {

void RegisterAnalyze(CLI::App& app, AnalyzeArgs& args) {
  auto* cmd = app.add_subcommand(
      "analyze",
      "Read documents and print one JSON object per document (JSON Lines) on stdout.\n"
      "INPUT is a file, a directory (recursed in sorted order) or - for stdin; text, HTML,\n"
      "JSON Lines, JSON arrays, WARC, and any of these gzip-compressed.");
  cmd->add_option("INPUT", args.inputs, "files, directories, or - for stdin")->required();
  cmd->add_option("--field", args.fields,
                  "map a JSON field: NAME=FIELD, NAME one of id, content, title, url, outlet, "
                  "published, fetched_at (repeatable; default: the usual field names)");
  cmd->add_flag("--explain", args.explain,
                "add `removed`: every line removed from the page and why (default: off)");
  cmd->add_option("--ref-date", args.ref_date,
                  "YYYY-MM-DD: resolve relative dates (منذ 3 أيام) against this day when a document has no "
                  "fetch time (default: none, relative dates stay unresolved)");
  cmd->add_flag("--summary", args.summary,
                "print a readable table (id, language, tokens, title) instead of JSON (default: off)");
}

int RunAnalyze(const AnalyzeArgs& args) {
  IngestOptions ingest;
  if (!ParseFieldMappings(args.fields, &ingest.field_map)) return kExitUsage;
  AnalyzeOptions options;
  if (!args.ref_date.empty()) {
    options.clean.ref_date = ParseIsoDate(args.ref_date);
    if (!options.clean.ref_date) {
      std::fprintf(stderr, "akhbar: --ref-date %s: expected a date YYYY-MM-DD\n", args.ref_date.c_str());
      return kExitUsage;
    }
  }
  Output out;
  Progress progress("docs");
  size_t ok = 0, failed = 0;
  std::map<std::string, size_t> formats, charsets, languages;
  size_t tokens = 0;

  ReadInputs(args.inputs, ingest, [&](IngestItem&& item) {
    if (!item.doc.ok()) {
      ++failed;
      progress.Finish();
      Diagnose(item.where, item.doc.status().message());
      if (!args.summary) out.Line(FailureToJson("", item.where, "", item.doc.status().message()));
      progress.Add(1, 1);
      return;
    }
    RawDocument doc = std::move(item.doc).value();
    std::string id = doc.id.str(), where = doc.Where(), input = doc.input, locator = doc.locator;
    auto result = AnalyzeDocument(std::move(doc), options);
    if (!result.ok()) {
      ++failed;
      progress.Finish();
      Diagnose(where, result.status().message());
      if (!args.summary) out.Line(FailureToJson(id, input, locator, result.status().message()));
      progress.Add(1, 1);
      return;
    }
    ++ok;
    ++formats[ContentFormatName(result->format)];
    ++charsets[result->charset];
    ++languages[result->language];
    tokens += result->tokens;
    if (args.summary) {
      out.Line(SummaryRow(*result));
    } else {
      out.Line(AnalyzedToJson(*result, args.explain));
    }
    progress.Add(1, 0);
  });
  progress.Finish();
  out.Flush();
  if (args.summary || progress.enabled()) {
    std::string line = "akhbar analyze: " + std::to_string(ok + failed) + " documents, " + std::to_string(ok) +
                       " ok, " + std::to_string(failed) + " failed; " + std::to_string(tokens) + " tokens";
    for (const auto* m : {&formats, &charsets, &languages}) {
      line += ";";
      for (const auto& [k, v] : *m) line += " " + k + "=" + std::to_string(v);
    }
    std::fprintf(args.summary ? stdout : stderr, "%s\n", line.c_str());
  }
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace akhbar::cli
