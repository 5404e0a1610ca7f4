// The store commands: `akhbar ingest`, `akhbar search`, `akhbar export`,
// `akhbar stats`. Exit codes as commands.h (0 ok, 1 usage or fatal, 2 some
// documents failed).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace akhbar::cli {

struct StoreArgs {
  std::string db = "akhbar.db";  // --db PATH (default ./akhbar.db)
  // ingest
  std::vector<std::string> inputs;
  std::vector<std::string> fields;  // NAME=FIELD
  std::string ref_date;             // YYYY-MM-DD or empty
  size_t batch = 1000;              // documents per transaction
  // search
  std::string query;
  size_t limit = 20;
  bool json = false;
  std::string from, to, outlet;
  // export
  std::string what = "articles";
  std::string format = "jsonl";  // jsonl | tsv
  // storylines, timeline
  std::string bidi = "auto";     // auto | visual | logical
  int64_t storyline = -1;        // timeline STORYLINE_ID
};

// Registers ingest, search, export and stats on `app`, all filling `args`.
void RegisterStoreCommands(CLI::App& app, StoreArgs& args);

int RunIngest(const StoreArgs& args);
int RunSearch(const StoreArgs& args);
int RunExport(const StoreArgs& args);
int RunStats(const StoreArgs& args);

// storylines and timeline (story_cmds.cc), registered by RegisterStoreCommands.
void RegisterStoryCommands(CLI::App& app, StoreArgs& args);
int RunStorylines(const StoreArgs& args);
int RunTimeline(const StoreArgs& args);
// export events | duplicates | entities | quotes | claims
int RunExportDerived(const StoreArgs& args);

// Runs whichever of the four commands `app` parsed; -1 if none of them.
int RunStoreCommand(const CLI::App& app, const StoreArgs& args);

}  // namespace akhbar::cli
