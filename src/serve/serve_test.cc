// `akhbar serve` end to end: a Server on an ephemeral port in this process,
// over a store built from examples/corpus, asked with httplib::Client (and
// raw sockets where the exact bytes on the wire matter).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "akhbar/serve.h"
#include "akhbar/store.h"
#include "testing.h"

namespace akhbar {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr size_t kBodyLimit = 1u << 20;  // the test servers' body bound
constexpr const char* kToken = "test-token-0123456789abcdef";

// An article whose title and body carry markup that must never reach a
// page unescaped.
constexpr const char* kXssRecord =
    R"({"id": "xss-1", "source": "موقع الاختبار", "url": "https://test.example/xss", "date_extracted": "2024-12-03 10:00:00", )"
    R"("title": "تجربة <script>alert(1)</script> زلزلة", )"
    R"("content": "تجربة زلزلة في النص <img src=x onerror=alert(2)> ورابط <a href=\"javascript:alert(3)\">هنا</a> والمزيد من الكلمات العربية في هذا الخبر الطويل."})";

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "akhbar-serve-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A server running on its own thread until destroyed.
class Running {
 public:
  explicit Running(const ServeOptions& options) {
    auto created = Server::Create(options);
    EXPECT_TRUE(created.ok()) << created.status().message();
    if (!created.ok()) return;
    server_ = std::move(*created);
    auto port = server_->Bind();
    EXPECT_TRUE(port.ok()) << port.status().message();
    port_ = port.ok() ? *port : -1;
    thread_ = std::thread([this] { (void)server_->Run(); });
    // Wait until the accept loop runs (Stop before that would be lost).
    httplib::Client c("127.0.0.1", port_);
    for (int i = 0; i < 200; ++i) {
      if (c.Get("/healthz")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~Running() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = -1;
};

// Sends `request` as is and returns everything the server sends back
// before closing (or before 5 s of silence). The request says
// "Connection: close"; the socket is not half-closed (the server then
// drops error answers).
std::string Raw(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)!write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

int RawStatus(const std::string& response) {
  // "HTTP/1.1 404 Not Found"
  if (response.size() < 12 || response.rfind("HTTP/1.", 0) != 0) return -1;
  return std::atoi(response.c_str() + 9);
}

// Percent-encodes everything but unreserved characters (RFC 3986 2.3).
std::string PathEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

class ServeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = (dir_->path() / "store.db").string();
    const fs::path xss = dir_->path() / "xss.jsonl";
    std::ofstream(xss) << kXssRecord << "\n";
    auto store = OpenSqliteStore(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    IngestCounts counts;
    Status s = IngestIntoStore(**store, {(testing::SourceDir() / "examples/corpus").string(), xss.string()}, {},
                               &counts);
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_GT(counts.added, 20u);
    ASSERT_GT(counts.clusters.storylines, 0u);
    store->reset();
    ServeOptions o;
    o.db = db_;
    o.port = 0;
    o.threads = 4;
    o.max_body_bytes = kBodyLimit;
    o.read_timeout_seconds = 1;
    o.static_files = BuiltInWebPage();
    o.static_files["test.css"] = StaticFile{"text/css; charset=utf-8", "body{direction:rtl}"};
    server_ = new Running(o);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static Json GetJson(const std::string& path, int expect_status) {
    auto c = server_->Client();
    auto res = c.Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return Json();
    EXPECT_EQ(res->status, expect_status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    Json j = Json::parse(res->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << res->body;
    if (expect_status >= 400) {
      EXPECT_TRUE(j.contains("error") && j["error"].is_string()) << path << ": " << res->body;
    }
    return j;
  }

  static Json FirstStoryline() {
    Json list = GetJson("/api/storylines?limit=1", 200);
    return list["storylines"].at(0);
  }

  static inline TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline Running* server_ = nullptr;
};

TEST_F(ServeTest, HealthAndSecurityHeaders) {
  auto c = server_->Client();
  for (const char* path : {"/healthz", "/api/storylines", "/no/such/path", "/metrics", "/static/app.css"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
  }
  Json h = GetJson("/healthz", 200);
  EXPECT_EQ(h["status"], "ok");
  EXPECT_GT(h["pages"].get<int>(), 20);
}

TEST_F(ServeTest, StorylinesPagedAndFiltered) {
  Json all = GetJson("/api/storylines?limit=200", 200);
  const size_t total = all["total"].get<size_t>();
  ASSERT_GT(total, 0u);
  ASSERT_EQ(all["storylines"].size(), std::min<size_t>(total, 200));
  // Largest first.
  for (size_t i = 1; i < all["storylines"].size(); ++i)
    EXPECT_GE(all["storylines"][i - 1]["articles"].get<int>(), all["storylines"][i]["articles"].get<int>());
  Json page = GetJson("/api/storylines?limit=1&offset=1", 200);
  if (total > 1) {
    ASSERT_EQ(page["storylines"].size(), 1u);
    EXPECT_EQ(page["storylines"][0]["id"], all["storylines"][1]["id"]);
  }
  EXPECT_TRUE(GetJson("/api/storylines?offset=" + std::to_string(total), 200)["storylines"].empty());

  // Entity filter: the storylines naming an entity of the first one include it.
  const Json& first = all["storylines"][0];
  ASSERT_FALSE(first["entities"].empty());
  const std::string entity = first["entities"][0]["id"];
  Json with_entity = GetJson("/api/storylines?limit=200&entity=" + PathEncode(entity), 200);
  bool found = false;
  for (const Json& s : with_entity["storylines"]) found = found || s["id"] == first["id"];
  EXPECT_TRUE(found);
  EXPECT_LE(with_entity["total"].get<size_t>(), total);
  EXPECT_EQ(GetJson("/api/storylines?entity=per:0000000000000000", 200)["total"], 0);

  // Outlet filter: an outlet of the first storyline's first event.
  Json detail = GetJson("/api/storylines/" + std::to_string(first["id"].get<int64_t>()), 200);
  const Json& events = detail["timeline"].empty() ? detail["undated"] : detail["timeline"];
  const std::string outlet = events[0]["outlets"][0];
  Json with_outlet = GetJson("/api/storylines?limit=200&outlet=" + PathEncode(outlet), 200);
  found = false;
  for (const Json& s : with_outlet["storylines"]) found = found || s["id"] == first["id"];
  EXPECT_TRUE(found) << outlet;
  EXPECT_EQ(GetJson("/api/storylines?outlet=no-such-outlet", 200)["total"], 0);

  // Date filter: every storyline returned overlaps the range.
  Json dated = GetJson("/api/storylines?limit=200&from=2024-12-01&to=2024-12-02", 200);
  for (const Json& s : dated["storylines"]) {
    ASSERT_TRUE(s["first_date"].is_string());
    EXPECT_LE(s["first_date"].get<std::string>(), "2024-12-02");
    EXPECT_GE(s["last_date"].get<std::string>(), "2024-12-01");
  }
  EXPECT_EQ(GetJson("/api/storylines?from=1990-01-01&to=1990-01-02", 200)["total"], 0);

  for (const char* bad : {"limit=0", "limit=201", "limit=abc", "limit=-1", "offset=x", "from=2024-13-40",
                          "to=yesterday", "from=2024-12-05&to=2024-12-01", "colour=red", "limit=1&limit=2"})
    GetJson(std::string("/api/storylines?") + bad, 400);
  GetJson("/api/storylines?outlet=" + std::string(2000, 'x'), 400);
}

TEST_F(ServeTest, StorylineTimeline) {
  Json first = FirstStoryline();
  const int64_t id = first["id"];
  Json s = GetJson("/api/storylines/" + std::to_string(id), 200);
  EXPECT_EQ(s["id"], id);
  EXPECT_EQ(s["title"], first["title"]);
  EXPECT_EQ(s["timeline"].size() + s["undated"].size(), s["events"].get<size_t>());
  std::string last;
  for (const Json& e : s["timeline"]) {
    ASSERT_TRUE(e["date"].is_string());
    EXPECT_GE(e["date"].get<std::string>(), last);
    last = e["date"];
    EXPECT_EQ(e["storyline_id"], id);
    EXPECT_TRUE(e["headline"].is_string());
    EXPECT_TRUE(e["outlets"].is_array());
    EXPECT_TRUE(e["quotes"].is_array());
    EXPECT_TRUE(e["claims"].is_array());
    for (const Json& c : e["claims"]) EXPECT_FALSE(c["sources"].empty());
  }
  for (const Json& e : s["undated"]) EXPECT_TRUE(e["date"].is_null());
  EXPECT_TRUE(s["entities"].is_array());
  EXPECT_TRUE(s["volume"].is_array());
  EXPECT_TRUE(s["claims"].is_array());

  GetJson("/api/storylines/987654321", 404);
  GetJson("/api/storylines/abc", 400);
  GetJson("/api/storylines/-3", 400);
  GetJson("/api/storylines/99999999999999999999999", 400);
}

TEST_F(ServeTest, EventWithDuplicateGroups) {
  Json s = GetJson("/api/storylines/" + std::to_string(FirstStoryline()["id"].get<int64_t>()), 200);
  const Json& events = s["timeline"].empty() ? s["undated"] : s["timeline"];
  const int64_t id = events[0]["id"];
  Json e = GetJson("/api/events/" + std::to_string(id), 200);
  EXPECT_EQ(e["id"], id);
  EXPECT_EQ(e["headline"], events[0]["headline"]);
  std::set<std::string> grouped;
  for (const Json& g : e["duplicate_groups"]) {
    ASSERT_FALSE(g["articles"].empty());
    for (const Json& a : g["articles"]) {
      grouped.insert(a["id"].get<std::string>());
      EXPECT_TRUE(a["title"].is_string());
    }
  }
  std::set<std::string> members;
  for (const Json& a : e["articles"]) members.insert(a.get<std::string>());
  EXPECT_EQ(grouped, members);
  EXPECT_EQ(e["article_count"].get<size_t>(), members.size());
  GetJson("/api/events/987654321", 404);
  GetJson("/api/events/x1", 400);
}

TEST_F(ServeTest, Article) {
  Json s = GetJson("/api/storylines/" + std::to_string(FirstStoryline()["id"].get<int64_t>()), 200);
  const Json& events = s["timeline"].empty() ? s["undated"] : s["timeline"];
  const int64_t event = events[0]["id"];
  // A timeline event names its headline's article (its full list of
  // articles is at /api/events/{id}).
  EXPECT_FALSE(events[0].contains("articles"));
  EXPECT_LE(events[0]["quotes"].size(), 5u);
  EXPECT_LE(events[0]["claims"].size(), 8u);
  const std::string id = events[0]["headline_article"];
  Json a = GetJson("/api/articles/" + PathEncode(id), 200);
  EXPECT_EQ(a["id"], id);
  EXPECT_EQ(a["event_id"], event);
  EXPECT_EQ(a["storyline_id"], s["id"]);
  EXPECT_FALSE(a["body"].get<std::string>().empty());
  EXPECT_TRUE(a["entities"].is_array());
  EXPECT_TRUE(a["quotes"].is_array());
  EXPECT_TRUE(a["claims"].is_array());

  // The stored markup comes back as JSON text, never anything else.
  auto c = server_->Client();
  auto res = c.Get("/api/articles/xss-1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_NE(Json::parse(res->body)["title"].get<std::string>().find("<script>"), std::string::npos);

  GetJson("/api/articles/no-such-article", 404);
  GetJson("/api/articles/" + std::string(1500, 'a'), 400);
}

TEST_F(ServeTest, Entity) {
  // An entity named in a stored article.
  auto store = OpenSqliteStore(db_, StoreOptions{true, 10000});
  ASSERT_TRUE(store.ok());
  std::string entity, article, mention;
  ASSERT_TRUE((*store)->ForEach([&](const StoredArticle& a) {
    Json es = Json::parse(a.entities_json);
    for (const Json& e : es) {
      if (e["type"] == "PER" && !e["mentions"].empty()) {
        entity = e["id"];
        article = a.id;
        mention = e["mentions"][0]["text"];
        return false;
      }
    }
    return true;
  }).ok());
  ASSERT_FALSE(entity.empty());
  Json j = GetJson("/api/entities/" + PathEncode(entity), 200);
  EXPECT_EQ(j["id"], entity);
  EXPECT_EQ(j["type"], "PER");
  EXPECT_GE(j["article_count"].get<int>(), 1);
  bool has_article = false, has_variant = false;
  for (const Json& a : j["articles"]) has_article = has_article || a["id"] == article;
  for (const Json& v : j["variants"]) has_variant = has_variant || v["text"] == mention;
  EXPECT_TRUE(has_article);
  EXPECT_TRUE(has_variant) << mention;
  EXPECT_TRUE(j["storylines"].is_array());
  EXPECT_TRUE(j["quotes"].is_array());
  for (const Json& q : j["quotes"]) EXPECT_FALSE(q["text"].get<std::string>().empty());
  GetJson("/api/entities/per:0000000000000000", 404);
  GetJson("/api/entities/" + std::string(300, 'e'), 400);
}

TEST_F(ServeTest, SearchRankedMarkedAndEscaped) {
  Json r = GetJson("/api/search?q=" + PathEncode("الكوليرا"), 200);
  ASSERT_GT(r["count"].get<int>(), 0);
  for (const Json& h : r["results"]) {
    const std::string marked = h["title"].get<std::string>() + h["snippet"].get<std::string>();
    EXPECT_NE(marked.find("<mark>"), std::string::npos) << marked;
  }
  for (size_t i = 1; i < r["results"].size(); ++i)
    EXPECT_LE(r["results"][i - 1]["score"].get<double>(), r["results"][i]["score"].get<double>());

  // Markup in stored text comes back escaped; only <mark> is markup.
  Json x = GetJson("/api/search?q=" + PathEncode("زلزلة"), 200);
  bool found = false;
  for (const Json& h : x["results"]) {
    if (h["id"] != "xss-1") continue;
    found = true;
    const std::string text = h["title"].get<std::string>() + h["snippet"].get<std::string>();
    EXPECT_EQ(text.find("<script"), std::string::npos) << text;
    EXPECT_EQ(text.find("<img"), std::string::npos) << text;
    EXPECT_EQ(text.find("<a "), std::string::npos) << text;
    EXPECT_NE(text.find("&lt;script&gt;"), std::string::npos) << text;
    std::string rest = text;
    for (const char* tag : {"<mark>", "</mark>"})
      for (size_t p; (p = rest.find(tag)) != std::string::npos;) rest.erase(p, std::string(tag).size());
    EXPECT_EQ(rest.find('<'), std::string::npos) << text;
  }
  EXPECT_TRUE(found);

  // Filters.
  Json limited = GetJson("/api/search?limit=1&q=" + PathEncode("الكوليرا"), 200);
  EXPECT_EQ(limited["count"], 1);
  const std::string outlet = r["results"][0]["outlet"];
  Json by_outlet = GetJson("/api/search?q=" + PathEncode("الكوليرا") + "&outlet=" + PathEncode(outlet), 200);
  ASSERT_GT(by_outlet["count"].get<int>(), 0);
  for (const Json& h : by_outlet["results"]) EXPECT_EQ(h["outlet"], outlet);
  EXPECT_EQ(GetJson("/api/search?q=" + PathEncode("الكوليرا") + "&from=1990-01-01&to=1990-12-31", 200)["count"], 0);
  Json article = GetJson("/api/articles/" + PathEncode(r["results"][0]["id"].get<std::string>()), 200);
  if (!article["entities"].empty()) {
    const std::string entity = article["entities"][0]["id"];
    Json by_entity = GetJson("/api/search?q=" + PathEncode("الكوليرا") + "&entity=" + PathEncode(entity), 200);
    bool has = false;
    for (const Json& h : by_entity["results"]) has = has || h["id"] == article["id"];
    EXPECT_TRUE(has);
    EXPECT_EQ(GetJson("/api/search?q=" + PathEncode("الكوليرا") + "&entity=per:0000000000000000", 200)["count"], 0);
  }

  GetJson("/api/search", 400);
  GetJson("/api/search?q=", 400);
  // Only stop words: no results, not an error.
  Json stop = GetJson("/api/search?q=" + PathEncode("في من على"), 200);
  EXPECT_EQ(stop["count"], 0);
  EXPECT_TRUE(stop["results"].empty());
  GetJson("/api/search?q=" + std::string(1500, 'a'), 400);
  GetJson("/api/search?q=x&limit=0", 400);
  GetJson("/api/search?q=x&limit=101", 400);
  GetJson("/api/search?q=x&from=2024-02-30", 400);
  GetJson("/api/search?q=x&sort=date", 400);
  EXPECT_EQ(GetJson("/api/search?q=" + PathEncode("\"\"*"), 200)["count"], 0);  // nothing searchable
  GetJson("/api/search?q=" + PathEncode("NOT روسيا"), 400);                     // a query error stays 400
}

TEST_F(ServeTest, CachedAnswersAreTheSame) {
  auto c = server_->Client();
  const std::string path = "/api/storylines?limit=3&offset=1";
  auto first = c.Get(path);
  auto second = c.Get(path);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(first->body, second->body);
  EXPECT_EQ(second->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(second->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServeTest, OpenApiNamesEveryRoute) {
  auto c = server_->Client();
  auto res = c.Get("/api/openapi.json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  Json doc = Json::parse(res->body, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* p : {"/healthz", "/metrics", "/api/storylines", "/api/storylines/{id}", "/api/events/{id}",
                        "/api/articles/{id}", "/api/entities/{id}", "/api/search", "/api/ingest", "/api/openapi.json"})
    EXPECT_TRUE(doc["paths"].contains(p)) << p;
}

TEST_F(ServeTest, Metrics) {
  GetJson("/api/events/987654321", 404);
  GetJson("/healthz", 200);
  auto c = server_->Client();
  auto res = c.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const std::string& m = res->body;
  EXPECT_NE(m.find("# TYPE akhbar_http_requests_total counter"), std::string::npos);
  EXPECT_NE(m.find("akhbar_http_requests_total{route=\"/api/events/{id}\",status=\"404\"}"), std::string::npos) << m;
  EXPECT_NE(m.find("akhbar_http_requests_total{route=\"/healthz\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(m.find("akhbar_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(m.find("akhbar_http_request_duration_seconds_count{route=\"/healthz\"}"), std::string::npos);
  Json h = GetJson("/healthz", 200);
  EXPECT_NE(m.find("akhbar_articles_stored{kind=\"page\"} " + std::to_string(h["pages"].get<int>()) + "\n"),
            std::string::npos);
  // No raw ids in labels.
  EXPECT_EQ(m.find("987654321"), std::string::npos);
}

TEST_F(ServeTest, IngestDisabledAndWrongMethods) {
  auto c = server_->Client();
  auto res = c.Post("/api/ingest", std::string(kXssRecord) + "\n", "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_TRUE(Json::parse(res->body).contains("error"));
  res = c.Get("/api/ingest");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  res = c.Post("/api/storylines", "x", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  res = c.Delete("/api/articles/xss-1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  // A body over the bound is refused whatever the route.
  res = c.Post("/api/storylines", std::string(kBodyLimit + 1, 'x'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(ServeTest, UnknownPathsAndTraversal) {
  GetJson("/api/nothing", 404);
  GetJson("/index.php", 404);
  for (const char* target :
       {"/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/%2E%2E/%2E%2E/etc/passwd",
        "/static/..%2f..%2fetc%2fpasswd", "/static/%252e%252e/%252e%252e/etc/passwd", "/static/./../etc/passwd",
        "/static//etc/passwd", "/static/..\\..\\etc\\passwd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/api/../../etc/passwd", "/static/app.css/../../../etc/passwd", "/static/%00", "/static/"}) {
    const std::string response = Raw(server_->port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const int status = RawStatus(response);
    EXPECT_TRUE(status == 400 || status == 404) << target << ": " << response.substr(0, 200);
    EXPECT_EQ(response.find("root:"), std::string::npos) << target;
  }
  // An embedded file is served.
  auto c = server_->Client();
  auto res = c.Get("/static/test.css");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "body{direction:rtl}");
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/css; charset=utf-8");
  // An over-long request line is refused.
  res = c.Get("/api/search?q=" + std::string(10000, 'a'));
  ASSERT_TRUE(res);
  EXPECT_GE(res->status, 400);
}

TEST_F(ServeTest, StaticFolderStaysInside) {
  TempDir d;
  fs::create_directories(d.path() / "web" / "css");
  std::ofstream(d.path() / "web" / "css" / "a.css") << "p{}";
  std::ofstream(d.path() / "secret.txt") << "root:secret";
  fs::create_symlink(d.path() / "secret.txt", d.path() / "web" / "link.txt");
  ServeOptions o;
  o.db = db_;
  o.port = 0;
  o.static_dir = (d.path() / "web").string();
  Running r(o);
  auto c = r.Client();
  auto res = c.Get("/static/css/a.css");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "p{}");
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/css; charset=utf-8");
  for (const char* target : {"/static/link.txt", "/static/../secret.txt", "/static/%2e%2e/secret.txt",
                             "/static/css/%2e%2e/%2e%2e/secret.txt", "/static/css", "/static/missing.js"}) {
    const std::string response = Raw(r.port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const int status = RawStatus(response);
    EXPECT_TRUE(status == 400 || status == 404) << target << ": " << response.substr(0, 200);
    EXPECT_EQ(response.find("root:"), std::string::npos) << target;
  }
}

TEST_F(ServeTest, SlowClientTimesOut) {
  // Half a request line, then silence: the server (read timeout 1 s) hangs up.
  const auto start = std::chrono::steady_clock::now();
  const std::string response = Raw(server_->port(), "GET /api/storyl");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 4.5) << "the server kept a silent client";
  EXPECT_EQ(response.find("200 OK"), std::string::npos);
}

TEST_F(ServeTest, IngestWithToken) {
  TempDir d;
  const std::string db = (d.path() / "ingest.db").string();
  {
    auto store = OpenSqliteStore(db);  // an empty store
    ASSERT_TRUE(store.ok());
  }
  ServeOptions o;
  o.db = db;
  o.port = 0;
  o.allow_ingest = true;
  o.token = kToken;
  o.max_body_bytes = kBodyLimit;
  o.log = [](const std::string&) {};
  Running r(o);
  auto c = r.Client();
  const std::string body = std::string(kXssRecord) + "\n";
  // Asked before the ingest (the answer is cached), and after it below.
  const std::string search = "/api/search?q=" + PathEncode("زلزلة");
  auto before = c.Get(search);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);
  EXPECT_EQ(Json::parse(before->body)["count"], 0);
  auto res = c.Post("/api/ingest", body, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("WWW-Authenticate"), "Bearer");
  res = c.Post("/api/ingest", {{"Authorization", "Bearer wrong-token-0123456789"}}, body, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  res = c.Post("/api/ingest", auth, body, "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  Json j = Json::parse(res->body);
  EXPECT_EQ(j["read"], 1);
  EXPECT_EQ(j["added"], 1);
  res = c.Get("/api/articles/xss-1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  res = c.Get(search);  // the cached answer was dropped when the ingest committed
  ASSERT_TRUE(res);
  EXPECT_EQ(Json::parse(res->body)["count"], 1);
  res = c.Post("/api/ingest", auth, body, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(Json::parse(res->body)["skipped"], 1);
  // A line that is not a document is reported, the rest stored.
  res = c.Post("/api/ingest", auth, "{not json\n", "application/x-ndjson");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Json::parse(res->body)["failed"], 1);
  EXPECT_FALSE(Json::parse(res->body)["failures"].empty());
  res = c.Post("/api/ingest", auth, "", "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = c.Post("/api/ingest", auth, std::string(kBodyLimit + 1, '\n'), "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

// The web page: `/` is index.html, and every file it names (scripts,
// styles, and the fonts named by the style sheet) is built into the binary
// and served with its content type.
TEST_F(ServeTest, WebPageAndItsFiles) {
  auto c = server_->Client();
  auto res = c.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  const std::string html = res->body;
  EXPECT_NE(html.find("dir=\"rtl\""), std::string::npos);
  EXPECT_NE(html.find("lang=\"ar\""), std::string::npos);
  // No inline script: every <script> has a src.
  for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1))
    EXPECT_NE(html.substr(at, html.find('>', at) - at).find(" src=\""), std::string::npos) << html.substr(at, 80);
  std::vector<std::string> named;
  for (const std::string attr : {"src=\"", "href=\""})
    for (size_t at = html.find(attr); at != std::string::npos; at = html.find(attr, at + 1)) {
      const size_t begin = at + attr.size(), end = html.find('"', begin);
      const std::string path = html.substr(begin, end - begin);
      if (path.rfind("/static/", 0) == 0) named.push_back(path);
    }
  auto css = c.Get("/static/app.css");
  ASSERT_TRUE(css);
  ASSERT_EQ(css->status, 200);
  for (size_t at = css->body.find("url(\""); at != std::string::npos; at = css->body.find("url(\"", at + 1)) {
    const size_t begin = at + 5, end = css->body.find('"', begin);
    named.push_back(css->body.substr(begin, end - begin));
  }
  EXPECT_GE(named.size(), 8u);  // 3 own files, 4 library files, the fonts
  for (const std::string& path : named) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_GT(r->body.size(), 100u) << path;
    const std::string type = r->get_header_value("Content-Type");
    const std::string ext = path.substr(path.rfind('.'));
    if (ext == ".js") {
      EXPECT_EQ(type, "text/javascript; charset=utf-8") << path;
    }
    if (ext == ".css") {
      EXPECT_EQ(type, "text/css; charset=utf-8") << path;
    }
    if (ext == ".woff2") {
      EXPECT_EQ(type, "font/woff2") << path;
      EXPECT_EQ(r->body.substr(0, 4), "wOF2") << path;
    }
  }
  // Another method on the page is refused.
  auto post = c.Post("/", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

// Many connections, one store worker, no cache: every request waits its
// turn at the store and every answer comes (the turns are handed over, never
// lost).
TEST_F(ServeTest, OneStoreWorkerServesManyConnections) {
  ServeOptions o;
  o.db = db_;
  o.port = 0;
  o.threads = 12;
  o.store_workers = 1;
  o.cache_bytes = 0;
  o.log = [](const std::string&) {};
  Running r(o);
  const Json first = FirstStoryline();
  const std::vector<std::string> paths = {"/api/storylines", "/api/storylines/" + first["id"].dump(),
                                          "/api/search?q=" + PathEncode("كوريا"), "/healthz"};
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t)
    clients.emplace_back([&, t] {
      auto c = r.Client();
      for (int i = 0; i < 20; ++i) {
        auto res = c.Get(paths[static_cast<size_t>(t + i) % paths.size()]);
        if (res && res->status == 200) ++ok;
      }
    });
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), 8 * 20);
}

TEST(ServeOptionsTest, Loopback) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.4"));
  EXPECT_FALSE(IsLoopbackHost("::"));
  EXPECT_FALSE(IsLoopbackHost("example.org"));
}

TEST(ServeOptionsTest, IngestOffLoopbackNeedsToken) {
  ServeOptions o;
  o.host = "0.0.0.0";
  EXPECT_TRUE(CheckServeOptions(o).ok());
  o.allow_ingest = true;
  EXPECT_FALSE(CheckServeOptions(o).ok());
  o.token = "short";
  EXPECT_FALSE(CheckServeOptions(o).ok());
  o.token = kToken;
  EXPECT_TRUE(CheckServeOptions(o).ok());
  o.host = "127.0.0.1";
  o.token.clear();
  EXPECT_TRUE(CheckServeOptions(o).ok());
  o.port = 70000;
  EXPECT_FALSE(CheckServeOptions(o).ok());
  // Creating the server refuses too, and so does a missing store.
  o.port = 0;
  o.host = "0.0.0.0";
  EXPECT_FALSE(Server::Create(o).ok());
  o.host = "127.0.0.1";
  o.db = "/nonexistent/dir/store.db";
  EXPECT_FALSE(Server::Create(o).ok());
}

}  // namespace
}  // namespace akhbar
