// The store commands alone, wired as src/cli/main.cc wires them into
// `akhbar`: the test program of store_cli_test.cc.
#include <CLI/CLI.hpp>

#include "cli/store_cmds.h"

int main(int argc, char** argv) {
  CLI::App app{"akhbar store commands (test build)"};
  app.require_subcommand(1);
  akhbar::cli::StoreArgs store_args;
  akhbar::cli::RegisterStoreCommands(app, store_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 1;
  }
  int rc = akhbar::cli::RunStoreCommand(app, store_args);
  return rc < 0 ? 1 : rc;
}
