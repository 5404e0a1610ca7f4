// `akhbar serve`: the HTTP JSON API over the store (akhbar/serve.h).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace akhbar::cli {

struct ServeArgs {
  std::string db = "akhbar.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  bool allow_ingest = false;
  std::string token;
  std::string static_dir;
  size_t threads = 0;
  size_t store_workers = 0;
  size_t cache_mb = 256;
};

void RegisterServe(CLI::App& app, ServeArgs& args);
// Runs the server until SIGINT or SIGTERM; exit code as commands.h.
int RunServe(const ServeArgs& args);

}  // namespace akhbar::cli
