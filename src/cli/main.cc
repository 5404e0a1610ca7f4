// The akhbar command line. Results go to stdout, diagnostics to stderr.
// Exit codes: 0 every document succeeded; 1 usage error or a fatal problem;
// 2 some documents failed (each reported on stderr, the rest processed).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "cli/extract_cmd.h"
#include "cli/ner_cmd.h"
#include "cli/serve_cmd.h"
#include "cli/store_cmds.h"

int main(int argc, char** argv) {
  CLI::App app{"akhbar: Arabic news pages -> clean articles, events, storylines and timelines"};
  app.set_version_flag("--version", std::string("akhbar ") + AKHBAR_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);

  akhbar::cli::AnalyzeArgs analyze_args;
  akhbar::cli::RegisterAnalyze(app, analyze_args);
  akhbar::cli::StoreArgs store_args;
  akhbar::cli::RegisterStoreCommands(app, store_args);
  akhbar::cli::ExtractArgs extract_args;
  akhbar::cli::RegisterExtract(app, extract_args);
  akhbar::cli::NerArgs ner_args;
  akhbar::cli::RegisterNer(app, ner_args);
  akhbar::cli::ServeArgs serve_args;
  akhbar::cli::RegisterServe(app, serve_args);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 1;
  }
  if (app.got_subcommand("analyze")) return akhbar::cli::RunAnalyze(analyze_args);
  if (int rc = akhbar::cli::RunStoreCommand(app, store_args); rc >= 0) return rc;
  if (app.got_subcommand("extract")) return akhbar::cli::RunExtract(extract_args);
  if (app.got_subcommand("ner")) return akhbar::cli::RunNer(ner_args);
  if (app.got_subcommand("serve")) return akhbar::cli::RunServe(serve_args);
  return 1;
}
