// akhbar/serve.h: `akhbar serve`, an HTTP JSON API over the store.
//
// Endpoints (README "akhbar serve"; the OpenAPI 3 document at
// /api/openapi.json describes each): GET /healthz, /metrics (Prometheus
// text), /api/storylines, /api/storylines/{id}, /api/events/{id},
// /api/articles/{id}, /api/entities/{id}, /api/search, /api/openapi.json,
// /static/{path}; POST /api/ingest (only with allow_ingest).
//
// Every answer is JSON (errors {"error": message} with the status: 400 bad
// parameter, 401 missing or wrong token, 403 ingest disabled, 404 unknown id
// or path, 405 wrong method, 413 body too large, 500 store failure) and
// carries Content-Security-Policy (default-src 'self', no inline scripts),
// X-Content-Type-Options: nosniff, X-Frame-Options: DENY and
// Referrer-Policy: no-referrer. Request bodies, URIs and query parameters
// are bounded; reads and writes time out (a slow client is dropped).
//
// Thread-safety: requests run on a pool of worker threads, each request on
// a read-only Store taken from a pool (one Store per thread at a time);
// ingest opens its own writable Store, one ingest at a time. Stop and Port
// may be called from any thread.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "akhbar/status.h"

namespace akhbar {

// A file served under /static/ from memory (built into the binary).
struct StaticFile {
  std::string content_type;  // e.g. "text/css; charset=utf-8"
  std::string body;
};

// The web page's files, built into the binary (cmake/web_assets.cmake):
// index.html, app.js, app.css, and under lib/ and fonts/ the npm libraries
// and the Arabic font it uses. `akhbar serve` puts them in static_files.
std::map<std::string, StaticFile> BuiltInWebPage();

struct ServeOptions {
  std::string db = "akhbar.db";  // the store (opened read-only for queries)
  std::string host = "127.0.0.1";
  int port = 8080;               // 0: any free port (see Server::Port)
  bool allow_ingest = false;     // POST /api/ingest (default off)
  std::string token;             // bearer token for ingest; required when host is not loopback
  // Worker threads; each serves one connection at a time (keep-alive
  // included), so this bounds the connections served at once (0: 64).
  size_t threads = 0;
  // Requests reading the store at once (answers not in the cache); the
  // others wait in arrival order. 0: the number of hardware threads.
  size_t store_workers = 0;
  size_t max_body_bytes = 64u << 20;  // request body bound (413 above), default 64 MiB
  size_t max_query_bytes = 1024;      // bound of each query parameter value (400 above)
  int read_timeout_seconds = 5;       // a client sending nothing this long is dropped
  int write_timeout_seconds = 5;      // a client reading nothing this long is dropped
  int keep_alive_seconds = 5;
  // Successful answers of the read routes are kept by request target, up
  // to this many bytes, and dropped when the store changes: at once after
  // an ingest by this server, within 20 ms of a commit by another process
  // (the data version is read at most that often). Least recently used
  // answers go first when over budget. 0: no cache. Default 64 MiB (akhbar
  // serve: 256).
  size_t cache_bytes = 64u << 20;
  // Files under /static/: from memory first (path relative to /static/,
  // e.g. "app.js"), else from this folder ("" = none). Paths with `..`, `.`,
  // empty segments, backslashes or control characters are refused (400);
  // a folder file is served only when its real path (symbolic links
  // resolved) lies inside the folder.
  std::map<std::string, StaticFile> static_files;
  std::string static_dir;
  // Where warnings and one line per ingest go (default: stderr).
  std::function<void(const std::string&)> log;
};

// True for "localhost", 127.0.0.0/8 and ::1.
bool IsLoopbackHost(std::string_view host);

// Refuses option sets that are unsafe or meaningless: ingest on a
// non-loopback host without a token, a port outside 0..65535, zero bounds.
Status CheckServeOptions(const ServeOptions& options);

class Server {
 public:
  // Checks the options and opens the store once (read-only) to fail early
  // when it is missing or not an akhbar store. Does not listen yet.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (the port chosen by the system when options.port is 0)
  // and returns the bound port.
  Result<int> Bind();
  // Serves until Stop (blocks). Bind first.
  Status Run();
  void Stop();
  int Port() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace akhbar
