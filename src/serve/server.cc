// `akhbar serve`: the HTTP layer (cpp-httplib) over the JSON answers of
// api.cc. Routing, bounds, timeouts, security headers, metrics, the ingest
// endpoint and /static/.
#include <arpa/inet.h>
#include <sys/socket.h>
#include <httplib.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <list>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <vector>

#include "akhbar/serve.h"
#include "akhbar/store.h"
#include "serve/api.h"
#include "serve/metrics.h"

namespace akhbar {

namespace fs = std::filesystem;
using serve::Json;
using serve::Reply;

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr a4{};
  std::string h(host);
  if (inet_pton(AF_INET, h.c_str(), &a4) == 1) return (ntohl(a4.s_addr) >> 24) == 127;
  return false;
}

Status CheckServeOptions(const ServeOptions& o) {
  if (o.port < 0 || o.port > 65535) return Status::Invalid("--port must be 0..65535");
  if (o.host.empty()) return Status::Invalid("--host is empty");
  if (o.max_body_bytes == 0 || o.max_query_bytes == 0) return Status::Invalid("size bounds must be positive");
  if (o.read_timeout_seconds <= 0 || o.write_timeout_seconds <= 0 || o.keep_alive_seconds <= 0)
    return Status::Invalid("timeouts must be positive");
  if (!o.token.empty()) {
    if (o.token.size() < 16) return Status::Invalid("--token must be at least 16 characters");
    for (char c : o.token)
      if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
        return Status::Invalid("--token must not contain spaces or control characters");
  }
  if (o.allow_ingest && !IsLoopbackHost(o.host) && o.token.empty())
    return Status::Invalid("--allow-ingest on a non-loopback host (" + o.host +
                           ") needs --token: anyone who can reach the port could write to the store");
  return Status::Ok();
}

namespace {

// Headers on every response. The CSP allows scripts, styles, fonts and
// images from the server itself only (no inline scripts or styles, no
// eval), and no framing.
const httplib::Headers kSecurityHeaders = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
     "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
};

constexpr const char* kJsonType = "application/json; charset=utf-8";
constexpr size_t kMaxStaticFileBytes = 32u << 20;

// The route template of a path, for metrics (ids never become labels).
std::string RouteTemplate(const std::string& path) {
  static const char* const kExact[] = {"/healthz",       "/metrics",   "/api/storylines",
                                       "/api/search",    "/api/ingest", "/api/openapi.json"};
  for (const char* e : kExact)
    if (path == e) return e;
  static const std::pair<const char*, const char*> kPrefixes[] = {
      {"/api/storylines/", "/api/storylines/{id}"}, {"/api/events/", "/api/events/{id}"},
      {"/api/articles/", "/api/articles/{id}"},     {"/api/entities/", "/api/entities/{id}"},
      {"/static/", "/static/{path}"}};
  for (const auto& [prefix, name] : kPrefixes)
    if (path.rfind(prefix, 0) == 0) return name;
  return "unmatched";
}

// A path under /static/ (already percent-decoded by the HTTP layer):
// relative, segments of printable characters other than backslash, none
// empty, "." or "..". Checked before any look-up, so that traversal in any
// encoding (decoded once here; a double encoding stays literal) never
// reaches the file system.
bool SafeStaticPath(std::string_view rel) {
  if (rel.empty() || rel.size() > 512 || rel.front() == '/') return false;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    std::string_view seg = rel.substr(start, end - start);
    if (seg.empty() || seg == "." || seg == "..") return false;
    for (char c : seg)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\' || c == ':') return false;
    start = end + 1;
  }
  return true;
}

std::string ContentTypeOf(const fs::path& p) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".json", kJsonType}, {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
      {".woff2", "font/woff2"}, {".woff", "font/woff"}, {".ttf", "font/ttf"}, {".otf", "font/otf"},
      {".txt", "text/plain; charset=utf-8"}, {".map", kJsonType}};
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& [e, t] : kTypes)
    if (ext == e) return t;
  return "application/octet-stream";
}

// Constant-time comparison of a presented secret with the expected one.
bool SameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

void Send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(serve::Dump(r.body), kJsonType);
}

const char* StatusMessage(int status) {
  switch (status) {
    case 400: return "bad request";
    case 401: return "missing or wrong bearer token";
    case 403: return "forbidden";
    case 404: return "no such path";
    case 405: return "method not allowed";
    case 408: return "request timeout";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 431: return "request headers too large";
    case 500: return "internal error";
    case 503: return "store unavailable";
    default: return "error";
  }
}

// When the current request started (set by the pre-routing handler on the
// worker thread that also runs the logger for it).
thread_local std::chrono::steady_clock::time_point tl_start{};

}  // namespace

struct Server::Impl {
  ServeOptions options;
  serve::ApiLimits limits;
  fs::path static_root;  // canonical, or empty
  httplib::Server http;
  serve::Metrics metrics;
  int port = -1;
  int listen_fd = -1;  // the listening socket (set when it is created)

  std::mutex pool_mu;
  std::vector<std::unique_ptr<Store>> pool;  // idle read-only stores
  std::mutex ingest_mu;                      // one ingest at a time

  void Log(const std::string& line) const {
    if (options.log) {
      options.log(line);
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }

  // Admits at most `limit` holders at once, in arrival order (each waiter
  // has its own condition variable: a release wakes exactly the next one).
  class FifoGate {
   public:
    void SetLimit(size_t limit) { free_ = limit; }
    void Enter() {
      std::unique_lock<std::mutex> lock(mu_);
      if (free_ > 0 && waiters_.empty()) {
        --free_;
        return;
      }
      Waiter w;
      waiters_.push_back(&w);
      w.cv.wait(lock, [&w] { return w.admitted; });
    }
    void Leave() {
      std::lock_guard<std::mutex> lock(mu_);
      if (waiters_.empty()) {
        ++free_;
        return;
      }
      Waiter* w = waiters_.front();
      waiters_.pop_front();
      w->admitted = true;
      w->cv.notify_one();  // under the lock: *w lives until its owner sees `admitted`
    }

   private:
    struct Waiter {
      std::condition_variable cv;
      bool admitted = false;
    };
    std::mutex mu_;
    size_t free_ = 0;
    std::deque<Waiter*> waiters_;
  };
  // Store work (every answer not in the cache) runs at most
  // ServeOptions::store_workers requests at a time; the others wait their
  // turn. Two cores gain nothing from 64 requests reading the store at once,
  // and lose much: each has its own connection, page cache and mapping of
  // the file to fault in, and a long answer is slowed by all the others.
  FifoGate store_gate;

  // A read-only store for one request (holding a place in store_gate),
  // returned to the pool afterwards.
  struct Lease {
    Impl* impl = nullptr;
    std::unique_ptr<Store> store;
    ~Lease() {
      if (store) {
        std::lock_guard<std::mutex> lock(impl->pool_mu);
        impl->pool.push_back(std::move(store));
      }
      impl->store_gate.Leave();
    }
  };
  Result<std::unique_ptr<Lease>> Take() {
    store_gate.Enter();
    auto lease = std::make_unique<Lease>();
    lease->impl = this;  // from here on, the lease gives the place back
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!pool.empty()) {
        lease->store = std::move(pool.back());
        pool.pop_back();
        return lease;
      }
    }
    StoreOptions so;
    so.read_only = true;
    auto opened = OpenSqliteStore(options.db, so);
    if (!opened.ok()) return opened.status();
    lease->store = std::move(*opened);
    return lease;
  }

  // The answer cache (ServeOptions::cache_bytes). The store's data version
  // (PRAGMA data_version on a connection of its own) is read by the first
  // request after kVersionCheck has passed since the last read, and at once
  // after this server's own ingest: a change empties the cache and bumps
  // `generation`, and an answer computed while the generation moved on is
  // not kept. So an answer can lag a commit by another process by at most
  // kVersionCheck. (Reading the version on every request, under the cache
  // lock, made 64 connections queue on that lock: a third of the requests
  // per second of cached answers.)
  static constexpr std::chrono::milliseconds kVersionCheck{20};
  std::mutex version_mu;                  // guards version_store and version
  std::unique_ptr<Store> version_store;   // only for DataVersion
  std::optional<int64_t> version;
  std::atomic<int64_t> next_version_check{0};  // steady_clock nanoseconds
  std::mutex cache_mu;  // guards generation, lru, cache, cache_used
  uint64_t generation = 0;
  // Least recently used first in `lru`; `cache` maps a request target to
  // its entry. Over the budget, the least recently used answers go.
  // Answers are shared, so that a hit copies a pointer under the lock and
  // the body (up to a few hundred KB for a long timeline) outside it.
  using Answer = std::shared_ptr<const std::string>;
  std::list<std::pair<std::string, Answer>> lru;
  std::unordered_map<std::string_view, std::list<std::pair<std::string, Answer>>::iterator> cache;
  size_t cache_used = 0;

  // Reads the store's data version when it is due (or `now_`), emptying the
  // cache when it changed. False when the version cannot be read: answers
  // are then not cached.
  bool CacheCurrent(bool now_ = false) {
    const int64_t t = std::chrono::duration_cast<std::chrono::nanoseconds>(
                          std::chrono::steady_clock::now().time_since_epoch()).count();
    if (!now_ && t < next_version_check.load(std::memory_order_relaxed)) return true;
    std::unique_lock<std::mutex> check(version_mu, std::defer_lock);
    if (now_) {
      check.lock();
    } else if (!check.try_lock()) {
      return true;  // another request is reading it
    }
    auto v = version_store->DataVersion();
    if (!v.ok()) {
      next_version_check.store(0, std::memory_order_relaxed);
      return false;
    }
    if (version && *version != *v) {
      std::list<std::pair<std::string, Answer>> dropped;  // freed after the lock
      std::lock_guard<std::mutex> lock(cache_mu);
      cache.clear();
      dropped.swap(lru);
      cache_used = 0;
      ++generation;
    }
    version = *v;
    next_version_check.store(t + std::chrono::nanoseconds(kVersionCheck).count(), std::memory_order_relaxed);
    return true;
  }

  // A handler answering from a store; `cached` routes go through the cache.
  template <typename F>
  httplib::Server::Handler Api(F f, bool cached = true) {
    return [this, f, cached](const httplib::Request& req, httplib::Response& res) {
      bool cacheable = cached && options.cache_bytes > 0;
      uint64_t gen = 0;
      if (cacheable && (cacheable = CacheCurrent())) {
        Answer hit;
        {
          std::lock_guard<std::mutex> lock(cache_mu);
          gen = generation;
          if (auto it = cache.find(req.target); it != cache.end()) {
            lru.splice(lru.end(), lru, it->second);  // now the most recently used
            hit = it->second->second;
          }
        }
        if (hit) {
          res.status = 200;
          res.set_header("Cache-Control", "no-store");
          res.set_content(*hit, kJsonType);
          return;
        }
      }
      auto lease = Take();
      if (!lease.ok()) {
        Send(res, serve::Error(503, "store: " + lease.status().message()));
        return;
      }
      Reply r = f(*(*lease)->store, req);
      lease.value().reset();  // back to the pool
      Send(res, r);
      if (cacheable && r.status == 200 && res.body.size() <= options.cache_bytes / 8) {
        const bool current = CacheCurrent();
        auto answer = std::make_shared<const std::string>(res.body);
        std::lock_guard<std::mutex> lock(cache_mu);
        if (current && generation == gen && !cache.count(req.target)) {
          const size_t cost = res.body.size() + 2 * req.target.size() + 96;
          while (!lru.empty() && cache_used + cost > options.cache_bytes) {
            cache_used -= lru.front().second->size() + 2 * lru.front().first.size() + 96;
            cache.erase(lru.front().first);
            lru.pop_front();
          }
          lru.emplace_back(req.target, std::move(answer));
          cache.emplace(lru.back().first, std::prev(lru.end()));
          cache_used += cost;
        }
      }
    };
  }

  // Answers ingest requests that must not go on to read their body
  // (disabled, missing or wrong token); nullopt lets them pass. (A body over
  // the bound is answered 413 by the HTTP layer, which discards it unread.)
  std::optional<Reply> IngestGate(const httplib::Request& req) const {
    if (!options.allow_ingest)
      return serve::Error(403, "ingest is disabled (start akhbar serve with --allow-ingest)");
    if (!options.token.empty()) {
      const std::string auth = req.get_header_value("Authorization");
      constexpr std::string_view kBearer = "Bearer ";
      if (auth.size() <= kBearer.size() || auth.compare(0, kBearer.size(), kBearer) != 0 ||
          !SameSecret(std::string_view(auth).substr(kBearer.size()), options.token))
        return serve::Error(401, "ingest needs the header Authorization: Bearer <token given to --token>");
    }
    return std::nullopt;
  }

  Reply Ingest(const httplib::Request& req) {
    if (req.body.empty()) return serve::Error(400, "empty body: send JSON Lines, one document per line");
    std::lock_guard<std::mutex> lock(ingest_mu);
    // The body becomes a file named by its hash, so that documents without
    // an id get the same ids ("http-<hash>.jsonl:<line>") when the same body
    // is sent again (then skipped as unchanged).
    char name[64];
    std::snprintf(name, sizeof name, "http-%016llx.jsonl",
                  static_cast<unsigned long long>(XXH3_64bits(req.body.data(), req.body.size())));
    std::error_code ec;
    std::string tmpl = (fs::temp_directory_path(ec) / "akhbar-ingest-XXXXXX").string();
    if (ec || !mkdtemp(tmpl.data())) return serve::Error(500, "cannot create a temporary folder");
    const fs::path dir(tmpl);
    const fs::path file = dir / name;
    struct Cleanup {
      fs::path dir;
      ~Cleanup() {
        std::error_code e;
        fs::remove_all(dir, e);
      }
    } cleanup{dir};
    {
      std::ofstream out(file, std::ios::binary);
      out.write(req.body.data(), static_cast<std::streamsize>(req.body.size()));
      if (!out) return serve::Error(500, "cannot write a temporary file");
    }
    auto store = OpenSqliteStore(options.db);
    if (!store.ok()) return serve::Error(503, "store: " + store.status().message());
    StoreIngestOptions io;
    Json failures = Json::array();
    size_t failed_reported = 0;
    io.on_failure = [&](const std::string& where, const std::string& reason) {
      if (failed_reported++ < 100) failures.push_back(Json{{"where", where}, {"reason", reason}});
    };
    IngestCounts counts;
    Status s = IngestIntoStore(**store, {file.string()}, io, &counts);
    if (options.cache_bytes > 0) CacheCurrent(/*now_=*/true);  // answers from before the ingest go now
    if (!s.ok()) return serve::Error(500, "ingest: " + s.message());
    Reply r;
    r.body["read"] = counts.read;
    r.body["added"] = counts.added;
    r.body["updated"] = counts.updated;
    r.body["skipped"] = counts.skipped;
    r.body["failed"] = counts.failed;
    r.body["teasers"] = counts.teasers;
    r.body["failures"] = std::move(failures);
    r.body["clusters"] = Json{{"clustered", counts.clusters.clustered},
                              {"duplicates", counts.clusters.duplicates},
                              {"new_events", counts.clusters.new_events},
                              {"events", counts.clusters.events},
                              {"storylines", counts.clusters.storylines}};
    Log("akhbar serve: ingest from " + req.remote_addr + ": " + std::to_string(counts.read) + " read, " +
        std::to_string(counts.added) + " added, " + std::to_string(counts.updated) + " updated, " +
        std::to_string(counts.skipped) + " skipped, " + std::to_string(counts.failed) + " failed");
    return r;
  }

  void Static(const httplib::Request& req, httplib::Response& res) {
    const std::string rel = req.matches.size() > 1 ? req.matches[1].str() : std::string();
    if (!SafeStaticPath(rel)) {
      Send(res, serve::Error(400, "bad static path"));
      return;
    }
    auto it = options.static_files.find(rel);
    if (it != options.static_files.end()) {
      // Built into the binary: the same bytes until the binary changes, so
      // the browser may keep them for an hour without asking.
      res.set_header("Cache-Control", "public, max-age=3600");
      res.set_content(it->second.body, it->second.content_type.c_str());
      return;
    }
    if (!static_root.empty()) {
      std::error_code ec;
      fs::path real = fs::canonical(static_root / rel, ec);
      if (!ec) {
        auto [a, b] = std::mismatch(static_root.begin(), static_root.end(), real.begin(), real.end());
        const bool inside = a == static_root.end() && b != real.end();
        if (inside && fs::is_regular_file(real, ec) && fs::file_size(real, ec) <= kMaxStaticFileBytes && !ec) {
          std::ifstream in(real, std::ios::binary);
          std::ostringstream body;
          body << in.rdbuf();
          if (in) {
            res.set_content(body.str(), ContentTypeOf(real).c_str());
            return;
          }
        }
      }
    }
    Send(res, serve::Error(404, "no such file"));
  }

  void Routes() {
    auto method_not_allowed = [](const char* allow) {
      return [allow](const httplib::Request&, httplib::Response& res) {
        res.set_header("Allow", allow);
        Send(res, serve::Error(405, std::string("method not allowed (allowed: ") + allow + ")"));
      };
    };
    http.Get("/healthz", Api([](Store& s, const httplib::Request&) { return serve::Health(s); }, /*cached=*/false));
    http.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
      std::optional<std::pair<size_t, size_t>> articles;
      if (auto lease = Take(); lease.ok()) {
        if (auto n = (*lease)->store->CountArticles(); n.ok()) articles = *n;
      }
      res.set_content(metrics.Render(articles), "text/plain; version=0.0.4; charset=utf-8");
    });
    http.Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(serve::OpenApiDocument()), kJsonType);
    });
    http.Get("/api/storylines", Api([this](Store& s, const httplib::Request& req) {
               return serve::ListStorylines(s, req.params, limits);
             }));
    http.Get("/api/storylines/([^/]+)", Api([](Store& s, const httplib::Request& req) {
               return serve::GetStoryline(s, req.matches[1].str());
             }));
    http.Get("/api/events/([^/]+)",
             Api([](Store& s, const httplib::Request& req) { return serve::GetEvent(s, req.matches[1].str()); }));
    // Article ids may contain '/' (paths inside a WARC or folder).
    http.Get("/api/articles/(.+)",
             Api([](Store& s, const httplib::Request& req) { return serve::GetArticle(s, req.matches[1].str()); }));
    http.Get("/api/entities/([^/]+)",
             Api([](Store& s, const httplib::Request& req) { return serve::GetEntity(s, req.matches[1].str()); }));
    http.Get("/api/search", Api([this](Store& s, const httplib::Request& req) {
               return serve::SearchArticles(s, req.params, limits);
             }));
    http.Get("/static/(.*)", [this](const httplib::Request& req, httplib::Response& res) { Static(req, res); });
    // The web page: one HTML file whose script routes on the URL's fragment
    // (#/storylines/12), so every view is this same document.
    http.Get("/", [this](const httplib::Request&, httplib::Response& res) {
      auto it = options.static_files.find("index.html");
      if (it == options.static_files.end()) {
        Send(res, serve::Error(404, "no web page in this server; the API is at /api/ (see /api/openapi.json)"));
        return;
      }
      res.set_header("Cache-Control", "no-cache");
      res.set_content(it->second.body, it->second.content_type.c_str());
    });
    http.Get("/api/ingest", method_not_allowed("POST"));
    http.Post("/api/ingest", [this](const httplib::Request& req, httplib::Response& res) {
      if (auto gate = IngestGate(req)) {
        Send(res, *gate);
        return;
      }
      Send(res, Ingest(req));
    });
    // Other methods on the read-only routes.
    const char* kReadOnly = "/(|healthz|metrics|api/(storylines|events|articles|entities|search|openapi\\.json)(/.*)?|static/.*)";
    using Register = httplib::Server& (httplib::Server::*)(const std::string&, httplib::Server::Handler);
    const Register kOthers[] = {&httplib::Server::Put, &httplib::Server::Patch, &httplib::Server::Delete};
    http.Post(kReadOnly, method_not_allowed("GET, HEAD"));
    for (Register add : kOthers) {
      (http.*add)(kReadOnly, method_not_allowed("GET, HEAD"));
      (http.*add)("/api/ingest", method_not_allowed("POST"));
    }
  }

  void Configure() {
    const size_t threads = options.threads ? options.threads : 64;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_default_headers(kSecurityHeaders);
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(options.read_timeout_seconds, 0);
    http.set_write_timeout(options.write_timeout_seconds, 0);
    http.set_keep_alive_timeout(options.keep_alive_seconds);
    // A connection is closed after this many requests (and after
    // keep_alive_seconds idle): a client that closes the socket as the
    // server does can lose a request in flight, so not too often.
    http.set_keep_alive_max_count(1000);
    // cpp-httplib's own socket options (SO_REUSEPORT: another process could
    // bind the same port and take connections) replaced by SO_REUSEADDR;
    // the socket is kept for Bind to widen its backlog.
    http.set_socket_options([this](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listen_fd = sock;
    });
    // Headers and body go out in separate writes: without TCP_NODELAY,
    // Nagle's algorithm holds the body until the client's delayed ACK
    // (about 40 ms on Linux) on every kept-alive request.
    http.set_tcp_nodelay(true);
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      tl_start = std::chrono::steady_clock::now();
      // Refuse ingest before its body is read (and close the connection:
      // the unread body must not be taken for the next request).
      if (req.method == "POST" && req.path == "/api/ingest") {
        if (auto gate = IngestGate(req)) {
          if (gate->status == 401) res.set_header("WWW-Authenticate", "Bearer");
          res.set_header("Connection", "close");
          Send(res, *gate);
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
      if (res.body.empty()) {
        Send(res, serve::Error(res.status, StatusMessage(res.status)));
      }
      return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      Log("akhbar serve: " + req.method + " " + req.path + ": " + what);
      Send(res, serve::Error(500, "internal error"));
    });
    // Recorded after routing, just before the response is written (not in
    // the logger, which runs after the client may already have it): a
    // client that got an answer finds it counted in /metrics.
    http.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      double seconds = 0;
      if (tl_start != std::chrono::steady_clock::time_point{})
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - tl_start).count();
      tl_start = {};
      metrics.Record(RouteTemplate(req.path), res.status, seconds);
    });
    Routes();
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  if (Status s = CheckServeOptions(options); !s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->limits.max_query_bytes = options.max_query_bytes;
  if (!options.static_dir.empty()) {
    std::error_code ec;
    impl->static_root = fs::canonical(options.static_dir, ec);
    if (ec || !fs::is_directory(impl->static_root))
      return Status::NotFound("static folder " + options.static_dir + ": not a folder");
  }
  {
    // Fail early on a missing or foreign file; the store is kept for the pool.
    StoreOptions so;
    so.read_only = true;
    auto store = OpenSqliteStore(options.db, so);
    if (!store.ok()) return store.status();
    impl->pool.push_back(std::move(*store));
    if (options.cache_bytes > 0) {
      auto version_store = OpenSqliteStore(options.db, so);
      if (!version_store.ok()) return version_store.status();
      impl->version_store = std::move(*version_store);
    }
  }
  if (!IsLoopbackHost(options.host))
    impl->Log("akhbar serve: warning: listening on " + options.host +
              ", not a loopback address: anyone who can reach this port can read the store" +
              (options.allow_ingest ? " (ingest needs the token)" : ""));
  size_t workers = options.store_workers ? options.store_workers : std::thread::hardware_concurrency();
  impl->store_gate.SetLimit(std::max<size_t>(1, workers));
  impl->Configure();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  Impl& m = *impl_;
  if (m.options.port == 0) {
    int port = m.http.bind_to_any_port(m.options.host);
    if (port <= 0) return Status::Io("cannot listen on " + m.options.host);
    m.port = port;
  } else {
    if (!m.http.bind_to_port(m.options.host, m.options.port))
      return Status::Io("cannot listen on " + m.options.host + ":" + std::to_string(m.options.port) +
                        " (in use, or not an address of this machine)");
    m.port = m.options.port;
  }
  // cpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG,
  // fixed in Debian's compiled library): when the accepting thread waits
  // for a core, connections beyond 5 are dropped and their clients retry
  // after 1 s, then 3 s (seen as 5 s timeouts under load). Listening again
  // on the same socket sets the backlog (listen(2): Linux updates it).
  if (m.listen_fd >= 0) ::listen(m.listen_fd, SOMAXCONN);
  return m.port;
}

Status Server::Run() {
  if (impl_->port < 0) return Status::Invalid("Server::Run before Bind");
  if (!impl_->http.listen_after_bind()) return Status::Io("the server stopped with an error");
  return Status::Ok();
}

void Server::Stop() {
  if (impl_) impl_->http.stop();
}

int Server::Port() const { return impl_->port; }

}  // namespace akhbar
