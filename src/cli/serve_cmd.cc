// `akhbar serve [--db PATH] [--host H] [--port N] [--allow-ingest] [--token T]`.
#include "cli/serve_cmd.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <thread>

#include "akhbar/serve.h"
#include "cli/commands.h"

namespace akhbar::cli {

void RegisterServe(CLI::App& app, ServeArgs& args) {
  auto* serve = app.add_subcommand(
      "serve",
      "Serve the store as an HTTP JSON API (storylines, timelines, events, articles, entities, search;\n"
      "OpenAPI document at /api/openapi.json) until interrupted. Listens on 127.0.0.1 unless --host says otherwise.");
  serve->add_option("--db", args.db, "the store, an SQLite file (default ./akhbar.db)");
  serve->add_option("--host", args.host,
                    "address to listen on (default 127.0.0.1; another address prints a warning: anyone who can "
                    "reach it can read the store)");
  serve->add_option("--port", args.port, "TCP port (default 8080; 0 = any free port, printed)")
      ->check(CLI::Range(0, 65535));
  serve->add_flag("--allow-ingest", args.allow_ingest,
                  "accept POST /api/ingest (a JSON Lines body, stored like akhbar ingest); default off");
  serve->add_option("--token", args.token,
                    "bearer token POST /api/ingest must present (Authorization: Bearer TOKEN); at least 16 "
                    "characters; required with --allow-ingest on a non-loopback --host. Default: the environment "
                    "variable AKHBAR_TOKEN, else none");
  serve->add_option("--static", args.static_dir,
                    "a further folder served under /static/ (default none; the web page's own files are built in)");
  serve->add_option("--threads", args.threads, "worker threads, each serving one connection at a time (default 0: 64)")
      ->check(CLI::Range(size_t{0}, size_t{256}));
  serve->add_option("--store-workers", args.store_workers,
                    "requests answered from the store at once; the others wait their turn (default 0: the number "
                    "of hardware threads)")
      ->check(CLI::Range(size_t{0}, size_t{256}));
  serve->add_option("--cache-mb", args.cache_mb,
                    "memory for answers kept until the store changes (default 256 MiB; 0 = answer every request "
                    "from the store)")
      ->check(CLI::Range(size_t{0}, size_t{1} << 20));
}

int RunServe(const ServeArgs& args) {
  ServeOptions options;
  options.db = args.db;
  options.host = args.host;
  options.port = args.port;
  options.allow_ingest = args.allow_ingest;
  options.token = args.token;
  if (options.token.empty()) {
    // A token on the command line is visible to other users (ps); the
    // environment is not.
    if (const char* env = std::getenv("AKHBAR_TOKEN")) options.token = env;
  }
  options.static_dir = args.static_dir;
  options.static_files = BuiltInWebPage();
  options.threads = args.threads;
  options.store_workers = args.store_workers;
  options.cache_bytes = args.cache_mb << 20;

  // SIGINT and SIGTERM are taken by this thread (sigwait) and stop the
  // server; the server's threads, started after this, inherit the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = Server::Create(options);
  if (!server.ok()) {
    std::fprintf(stderr, "akhbar serve: %s\n", server.status().message().c_str());
    return kExitUsage;
  }
  auto port = (*server)->Bind();
  if (!port.ok()) {
    std::fprintf(stderr, "akhbar serve: %s\n", port.status().message().c_str());
    return kExitUsage;
  }
  const bool v6 = options.host.find(':') != std::string::npos;
  std::fprintf(stderr,
               "akhbar serve: %s on http://%s%s%s:%d/ (web page at /, API at /api/, OpenAPI at /api/openapi.json%s); "
               "Ctrl-C stops\n",
               options.db.c_str(), v6 ? "[" : "", options.host.c_str(), v6 ? "]" : "", *port,
               options.allow_ingest ? ", ingest on" : "");
  Status run_status;
  std::thread runner([&] {
    run_status = (*server)->Run();
    if (!run_status.ok()) kill(getpid(), SIGTERM);  // wakes the sigwait below
  });
  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::fprintf(stderr, "akhbar serve: stopping\n");
  (*server)->Stop();
  runner.join();
  if (!run_status.ok()) {
    std::fprintf(stderr, "akhbar serve: %s\n", run_status.message().c_str());
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace akhbar::cli
