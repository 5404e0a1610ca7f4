// `akhbar ingest | search | export | stats`: the store from the command line.
#include "cli/store_cmds.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "akhbar/dates.h"
#include "akhbar/store.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/progress.h"

namespace akhbar::cli {
namespace {

using Json = nlohmann::json;

constexpr const char* kMarkOpen = "\x01";   // match markers inside the store's snippets,
constexpr const char* kMarkClose = "\x02";  // rendered by the output format

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// Text with \x01..\x02 markers -> the same with `open`/`close`, HTML-escaped
// when `html`.
std::string Render(std::string_view s, std::string_view open, std::string_view close, bool html) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    if (c == kMarkOpen[0]) {
      out.append(open);
    } else if (c == kMarkClose[0]) {
      out.append(close);
    } else if (html && c == '<') {
      out += "&lt;";
    } else if (html && c == '>') {
      out += "&gt;";
    } else if (html && c == '&') {
      out += "&amp;";
    } else if (html && c == '"') {
      out += "&quot;";
    } else if (c == '\n' && !html) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Json ParseArray(const std::string& s) {
  Json j = Json::parse(s, nullptr, false);
  return j.is_discarded() ? Json::array() : j;
}

std::string TsvField(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<Store>> OpenForReading(const StoreArgs& args) {
  StoreOptions options;
  options.read_only = true;
  return OpenSqliteStore(args.db, options);
}

bool CheckDate(const char* flag, const std::string& value) {
  if (value.empty() || ParseIsoDate(value)) return true;
  std::fprintf(stderr, "akhbar: %s %s: expected a date YYYY-MM-DD\n", flag, value.c_str());
  return false;
}

}  // namespace

void RegisterStoreCommands(CLI::App& app, StoreArgs& args) {
  const char* db_help = "the store, an SQLite file (default ./akhbar.db)";
  auto* ingest = app.add_subcommand(
      "ingest",
      "Read documents (the same INPUTs as analyze) and store their clean articles, incrementally:\n"
      "unchanged documents are skipped, changed ones updated. Prints one summary line on stderr.");
  ingest->add_option("INPUT", args.inputs, "files, directories, or - for stdin")->required();
  ingest->add_option("--db", args.db, db_help);
  ingest->add_option("--field", args.fields,
                     "map a JSON field: NAME=FIELD, NAME one of id, content, title, url, outlet, published, "
                     "fetched_at (repeatable)");
  ingest->add_option("--ref-date", args.ref_date,
                     "YYYY-MM-DD: resolve relative dates against this day when a document has no fetch time "
                     "(default: none)");
  ingest->add_option("--batch", args.batch, "documents per transaction (default 1000)")
      ->check(CLI::Range(size_t{1}, size_t{100000}));

  auto* search = app.add_subcommand(
      "search",
      "Full-text search of the stored articles, best first. QUERY: words (all must match),\n"
      "\"a phrase\", prefix*, a OR b, a AND b, a NOT b.");
  search->add_option("QUERY", args.query, "the query (quote it for the shell)")->required();
  search->add_option("--db", args.db, db_help);
  search->add_option("--limit", args.limit, "at most this many results, 1..1000 (default 20)")
      ->check(CLI::Range(size_t{1}, size_t{1000}));
  search->add_flag("--json", args.json, "JSON Lines: one object per result (default: readable text)");
  search->add_option("--from", args.from, "YYYY-MM-DD: articles dated on or after this day");
  search->add_option("--to", args.to, "YYYY-MM-DD: articles dated on or before this day");
  search->add_option("--outlet", args.outlet, "only this outlet (exact name, as `akhbar stats` lists them)");

  auto* exp = app.add_subcommand("export", "Print everything stored, in the documented schema (README).");
  exp->add_option("WHAT", args.what,
                  "what to export: articles (default), events (article, event, storyline), duplicates (near-duplicate "
                  "pairs), entities, quotes, claims")
      ->check(CLI::IsMember({"articles", "events", "duplicates", "entities", "quotes", "claims"}));
  exp->add_option("--db", args.db, db_help);
  exp->add_option("--format", args.format, "jsonl (default) or tsv")->check(CLI::IsMember({"jsonl", "tsv"}));

  auto* stats = app.add_subcommand("stats", "Counts of stored articles per outlet and per day.");
  stats->add_option("--db", args.db, db_help);
  stats->add_flag("--json", args.json, "one JSON object (default: readable text)");
  RegisterStoryCommands(app, args);
}

int RunIngest(const StoreArgs& args) {
  StoreIngestOptions options;
  if (!ParseFieldMappings(args.fields, &options.ingest.field_map)) return kExitUsage;
  if (!args.ref_date.empty()) {
    options.analyze.clean.ref_date = ParseIsoDate(args.ref_date);
    if (!options.analyze.clean.ref_date) {
      std::fprintf(stderr, "akhbar: --ref-date %s: expected a date YYYY-MM-DD\n", args.ref_date.c_str());
      return kExitUsage;
    }
  }
  options.batch_size = args.batch;
  auto store = OpenSqliteStore(args.db);
  if (!store.ok()) {
    std::fprintf(stderr, "akhbar: %s\n", store.status().message().c_str());
    return kExitUsage;
  }
  Progress progress("articles");
  if (progress.enabled()) {
    // On a terminal only: count the documents first for the ETA (reading
    // alone is a small part of the cost of ingesting). Not for stdin.
    bool has_stdin = false;
    for (const auto& in : args.inputs) has_stdin = has_stdin || in == "-";
    if (!has_stdin) {
      size_t total = 0;
      ReadInputs(args.inputs, options.ingest, [&](IngestItem&&) { ++total; });
      progress.SetTotal(total);
    }
  }
  size_t shown_failed = 0;
  options.on_failure = [&](const std::string& where, const std::string& why) {
    progress.Finish();
    Diagnose(where, why);
  };
  options.on_document = [&](const IngestCounts& c) {
    progress.Add(1, c.failed - shown_failed);
    shown_failed = c.failed;
  };
  options.on_clustering = [&] {
    progress.Finish();
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "akhbar ingest: clustering...\n");
  };
  auto start = std::chrono::steady_clock::now();
  IngestCounts counts;
  Status status = IngestIntoStore(**store, args.inputs, options, &counts);
  progress.Finish();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "akhbar ingest: read %zu, new %zu, updated %zu, skipped %zu, failed %zu (%zu teasers stored; "
               "%.1f s, %.0f documents/s)\n",
               counts.read, counts.added, counts.updated, counts.skipped, counts.failed, counts.teasers, secs,
               secs > 0 ? counts.read / secs : 0.0);
  if (status.ok())
    std::fprintf(stderr,
                 "akhbar ingest: clustered %zu articles: %zu near-duplicate pairs, %zu new events, %zu events "
                 "changed; %zu events and %zu storylines in the store (%.1f s: load %.1f, assign %.1f, "
                 "summaries %.1f, storylines %.1f)\n",
                 counts.clusters.clustered, counts.clusters.duplicates, counts.clusters.new_events,
                 counts.clusters.changed_events, counts.clusters.events, counts.clusters.storylines,
                 counts.clusters.load_seconds + counts.clusters.assign_seconds + counts.clusters.summary_seconds +
                     counts.clusters.storyline_seconds,
                 counts.clusters.load_seconds, counts.clusters.assign_seconds, counts.clusters.summary_seconds,
                 counts.clusters.storyline_seconds);
  if (!status.ok()) {
    std::fprintf(stderr, "akhbar: %s\n", status.message().c_str());
    return kExitUsage;
  }
  return counts.failed > 0 ? kExitSomeFailed : kExitOk;
}

int RunSearch(const StoreArgs& args) {
  if (!CheckDate("--from", args.from) || !CheckDate("--to", args.to)) return kExitUsage;
  auto store = OpenForReading(args);
  if (!store.ok()) {
    std::fprintf(stderr, "akhbar: %s\n", store.status().message().c_str());
    return kExitUsage;
  }
  SearchQuery q;
  q.text = args.query;
  q.limit = args.limit;
  q.from = args.from;
  q.to = args.to;
  q.outlet = args.outlet;
  q.mark_open = kMarkOpen;
  q.mark_close = kMarkClose;
  auto hits = (*store)->Search(q);
  if (!hits.ok()) {
    std::fprintf(stderr, "akhbar: search: %s\n", hits.status().message().c_str());
    return kExitUsage;
  }
  Output out;
  size_t rank = 0;
  for (const SearchHit& h : *hits) {
    ++rank;
    if (args.json) {
      Json j;
      j["rank"] = rank;
      j["id"] = h.id;
      j["kind"] = h.kind;
      j["title"] = Render(h.title, "", "", false);
      j["outlet"] = h.outlet;
      j["date"] = h.date.empty() ? Json(nullptr) : Json(h.date);
      j["score"] = h.score;
      j["title_html"] = Render(h.title, "<mark>", "</mark>", true);
      j["snippet_html"] = Render(h.snippet, "<mark>", "</mark>", true);
      out.Line(Dump(j));
    } else {
      out.Line(std::to_string(rank) + ". " + h.id + " | " + (h.date.empty() ? "-" : h.date) + " | " +
               (h.outlet.empty() ? "-" : h.outlet));
      out.Line("   " + Render(h.title, "[", "]", false));
      out.Line("   " + Render(h.snippet, "[", "]", false));
    }
  }
  out.Flush();
  if (hits->empty() && !args.json) std::fprintf(stderr, "akhbar search: no match\n");
  return kExitOk;
}

int RunExport(const StoreArgs& args) {
  if (args.what != "articles") return RunExportDerived(args);
  auto store = OpenForReading(args);
  if (!store.ok()) {
    std::fprintf(stderr, "akhbar: %s\n", store.status().message().c_str());
    return kExitUsage;
  }
  Output out;
  bool tsv = args.format == "tsv";
  static const char* const kColumns[] = {
      "id",       "kind",           "parent_id",      "input",          "locator", "url",
      "outlet",   "title",          "body",           "author",         "published_date", "published_kind",
      "published_text", "date",     "fetched_at",     "flags",          "keywords", "agencies",
      "language", "warnings",       "content_hash",   "ingested_at"};
  if (tsv) {
    std::string header;
    for (const char* c : kColumns) {
      if (!header.empty()) header += '\t';
      header += c;
    }
    out.Line(header);
  }
  auto opt = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  Status s = (*store)->ForEach([&](const StoredArticle& a) {
    if (tsv) {
      const std::string* f[] = {&a.id,          &a.kind,           &a.parent_id,      &a.input,
                                &a.locator,     &a.url,            &a.outlet,         &a.title,
                                &a.body,        &a.author,         &a.published_date, &a.published_kind,
                                &a.published_text, &a.date,        &a.fetched_at,     &a.flags_json,
                                &a.keywords_json, &a.agencies_json, &a.language,      &a.warnings_json,
                                &a.content_hash, &a.ingested_at};
      std::string line;
      for (const std::string* v : f) {
        if (v != f[0]) line += '\t';
        line += TsvField(*v);
      }
      out.Line(line);
      return true;
    }
    Json j;
    j["id"] = a.id;
    j["kind"] = a.kind;
    j["parent_id"] = opt(a.parent_id);
    j["input"] = a.input;
    j["locator"] = a.locator;
    j["url"] = opt(a.url);
    j["outlet"] = opt(a.outlet);
    j["title"] = a.title;
    j["body"] = a.body;
    j["author"] = opt(a.author);
    j["published"] = {{"date", opt(a.published_date)}, {"kind", a.published_kind}, {"text", opt(a.published_text)}};
    j["date"] = opt(a.date);
    j["fetched_at"] = opt(a.fetched_at);
    j["flags"] = ParseArray(a.flags_json);
    j["keywords"] = ParseArray(a.keywords_json);
    j["agencies"] = ParseArray(a.agencies_json);
    j["language"] = a.language;
    j["warnings"] = ParseArray(a.warnings_json);
    j["content_hash"] = a.content_hash;
    j["ingested_at"] = a.ingested_at;
    out.Line(Dump(j));
    return true;
  });
  out.Flush();
  if (!s.ok()) {
    std::fprintf(stderr, "akhbar: %s\n", s.message().c_str());
    return kExitUsage;
  }
  return kExitOk;
}

int RunStats(const StoreArgs& args) {
  auto store = OpenForReading(args);
  if (!store.ok()) {
    std::fprintf(stderr, "akhbar: %s\n", store.status().message().c_str());
    return kExitUsage;
  }
  auto st = (*store)->Stats();
  if (!st.ok()) {
    std::fprintf(stderr, "akhbar: %s\n", st.status().message().c_str());
    return kExitUsage;
  }
  Output out;
  if (args.json) {
    Json outlets = Json::object(), days = Json::object();
    for (const auto& [k, v] : st->per_outlet) outlets[k] = v;
    for (const auto& [k, v] : st->per_day) days[k] = v;
    out.Line(Dump(Json{{"schema_version", st->schema_version},
                       {"pages", st->pages},
                       {"teasers", st->teasers},
                       {"per_outlet", outlets},
                       {"per_day", days}}));
    return kExitOk;
  }
  out.Line("pages\t" + std::to_string(st->pages));
  out.Line("teasers\t" + std::to_string(st->teasers));
  out.Line("");
  out.Line("outlet\tpages");
  for (const auto& [k, v] : st->per_outlet) out.Line((k.empty() ? "(unknown)" : k) + "\t" + std::to_string(v));
  out.Line("");
  out.Line("day\tpages");
  for (const auto& [k, v] : st->per_day) out.Line((k.empty() ? "(unknown)" : k) + "\t" + std::to_string(v));
  return kExitOk;
}

int RunStoreCommand(const CLI::App& app, const StoreArgs& args) {
  if (app.got_subcommand("ingest")) return RunIngest(args);
  if (app.got_subcommand("search")) return RunSearch(args);
  if (app.got_subcommand("export")) return RunExport(args);
  if (app.got_subcommand("stats")) return RunStats(args);
  if (app.got_subcommand("storylines")) return RunStorylines(args);
  if (app.got_subcommand("timeline")) return RunTimeline(args);
  return -1;
}

}  // namespace akhbar::cli
