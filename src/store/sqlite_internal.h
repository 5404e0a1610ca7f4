// Internal: the SQLite implementation of Store, shared by its source files
// (sqlite_store.cc: articles and search; clustering.cc: near-duplicates,
// events and storylines).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <vector>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>

#include "akhbar/events.h"
#include "akhbar/store.h"
#include "akhbar/storylines.h"
#include "store/fts_tokenizer.h"
#include "store/schema.h"

namespace akhbar::store {

struct ClusterInput;

// The name of a VFS (registered on first call; nullptr if that failed)
// that is SQLite's default one except that the writes of a write-ahead log
// are gathered into larger ones, each transaction in the file before it
// can be seen (wal_vfs.cc). For connections that write.
const char* WalBufferingVfs();


// A prepared statement, reset after each use.
class Stmt {
 public:
  Stmt() = default;
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  int Prepare(sqlite3* db, const char* sql) {
    sqlite3_finalize(st_);
    st_ = nullptr;
    return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr);
  }
  void Finalize() {
    sqlite3_finalize(st_);
    st_ = nullptr;
  }
  sqlite3_stmt* get() const { return st_; }
  void Bind(int i, std::string_view s) {
    sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  // The text must outlive the step (SQLITE_STATIC): binding a temporary
  // string is a compile error; BindCopy copies.
  void Bind(int i, std::string&& s) = delete;
  void BindCopy(int i, std::string_view s) {
    sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void BindNullable(int i, std::string_view s) {
    if (s.empty()) {
      sqlite3_bind_null(st_, i);
    } else {
      Bind(i, s);
    }
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(st_, i, v); }
  int Step() { return sqlite3_step(st_); }
  void Reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(st_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string();
  }
  int64_t Int(int col) const { return sqlite3_column_int64(st_, col); }
  double Double(int col) const { return sqlite3_column_double(st_, col); }

 private:
  sqlite3_stmt* st_ = nullptr;
};

// Resets a statement when leaving a scope.
struct ResetOnExit {
  Stmt& s;
  ~ResetOnExit() { s.Reset(); }
};

inline constexpr const char* kArticleColumns =
    "id, kind, parent_id, input, locator, url, outlet, title, body, author, published_date, published_kind, "
    "published_text, date, fetched_at, flags, keywords, agencies, language, warnings, content_hash, ingested_at, "
    "happened, entities, quotes, claims, (SELECT event_id FROM clusters c WHERE c.seq = articles.seq), "
    "(SELECT dup_of FROM clusters c WHERE c.seq = articles.seq)";

inline std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Frees what it is handed on a thread of its own, all joined when it is
// destroyed. The clustering's large structures at its end (the event
// summaries, the storylines and their JSON, the clusterer) are freed while
// the SQLite thread writes the last rows and commits, instead of on it:
// the dev ingest's storyline stage took 0.39 to 0.41 s against 0.44 to 0.45.
class Disposal {
 public:
  Disposal() = default;
  Disposal(const Disposal&) = delete;
  Disposal& operator=(const Disposal&) = delete;
  ~Disposal() {
    for (std::thread& t : threads_) t.join();
  }
  // Takes the values (moved in) and destroys them on a new thread.
  template <class... T>
  void Drop(T... values) {
    threads_.emplace_back([... v = std::move(values)]() mutable { (Destroy(std::move(v)), ...); });
  }

 private:
  template <class U>
  static void Destroy(U&& value) {
    [[maybe_unused]] std::decay_t<U> gone = std::move(value);
  }
  std::vector<std::thread> threads_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    // Statements first, then the connection.
    for (Stmt* s : {&get_hash_, &insert_, &update_, &children_, &family_, &delete_, &get_, &begin_, &commit_,
                    &rollback_, &delete_entities_, &delete_cluster_, &delete_signature_, &insert_entity_, &index_new_,
                    &read_text_, &index_one_, &list_unindexed_, &take_unindexed_})
      s->Finalize();
    sqlite3_close_v2(db_);
  }

  Status Init(const StoreOptions& options);
  Status PutBatch(const std::vector<StoredDocument>& docs, std::vector<PutOutcome>* outcomes) override;
  Result<std::optional<StoredArticle>> Get(std::string_view id) override;
  Result<std::vector<SearchHit>> Search(const SearchQuery& query) override;
  Status ForEach(const std::function<bool(const StoredArticle&)>& fn) override;
  Result<StoreStats> Stats() override;
  Status UpdateClusters(ClusterCounts* counts, PrecomputedClusterInputs* pre) override;
  void DeferSearchIndex(bool defer) override { defer_index_ = defer; }
  void Prepare(const StoredDocument& doc) override;
  void DropPrepared() override {
    if (prepared_) prepared_->Clear();
  }
  Result<std::vector<StorylineRow>> Storylines() override;
  Result<std::vector<EventRow>> Events(std::optional<int64_t> storyline) override;
  Result<std::optional<EventRow>> Event(int64_t id) override;
  Status ForEachAssignment(const std::function<bool(const std::string&, int64_t, int64_t)>& fn) override;
  Status ForEachDuplicate(const std::function<bool(const std::string&, const std::string&, double)>& fn) override;
  // Read queries for `akhbar serve` (serve_queries.cc).
  Result<std::optional<StorylineRow>> Storyline(int64_t id) override;
  Status ForEachArticleOfEvent(int64_t event_id, const std::function<bool(const StoredArticle&)>& fn) override;
  Status ForEachArticleOfEntity(std::string_view entity_id,
                                const std::function<bool(const StoredArticle&)>& fn) override;
  Result<std::vector<int64_t>> StorylinesWithEntity(std::string_view entity_id) override;
  Result<std::vector<StorylineRow>> ListStorylines(const StorylineFilter& filter, size_t limit, size_t offset,
                                                   size_t* total) override;
  Result<std::pair<size_t, size_t>> CountArticles() override;
  Result<int64_t> DataVersion() override;

 private:
  Status Error(std::string_view what) const {
    return Status::Io(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
  }
  Status Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      Status s = Status::Io(path_ + ": " + (err ? err : sqlite3_errmsg(db_)));
      sqlite3_free(err);
      return s;
    }
    return Status::Ok();
  }
  Result<int64_t> PragmaInt(const char* sql) {
    Stmt s;
    if (s.Prepare(db_, sql) != SQLITE_OK || s.Step() != SQLITE_ROW) return Error(sql);
    return s.Int(0);
  }
  Status Migrate(bool read_only);
  // Runs body inside BEGIN IMMEDIATE .. COMMIT (ROLLBACK when it fails).
  Status Transaction(const std::function<Status()>& body);
  // `disposal` frees what the clustering leaves (joined after the commit).
  Status ClusterPending(ClusterCounts* counts, PrecomputedClusterInputs* pre, Disposal* disposal);
  // Work a thread takes up a step at a time whenever it would otherwise
  // wait (the clustering's search indexing): `step` does a bit of it and
  // says whether any is left; `left` is false once none is, or once a step
  // failed (Run returns the failure).
  struct IdleWork {
    std::function<Result<bool>()> step;
    bool left = true;
    Status Run() {
      auto more = step();
      left = more.ok() && *more;
      return more.ok() ? Status::Ok() : more.status();
    }
  };
  // A recomputed event summary and its JSON, not written yet.
  struct FreshSummary {
    stories::EventSummary summary;
    std::string json;
  };
  // The summaries of the `changed` events into *fresh (by event id);
  // RelinkStorylines writes them. `inputs`: the cluster inputs of the
  // articles clustered by this run, by id (their features' title and text
  // terms are reused, their extraction results moved out when present).
  // While the reading waits for the summaries, and once the members are
  // read, this thread runs `idle` (if any) a step at a time while any is
  // left.
  Status SummarizeEvents(const std::set<uint32_t>& changed,
                         const std::unordered_map<std::string_view, ClusterInput*>& inputs,
                         std::unordered_map<uint32_t, FreshSummary>* fresh, IdleWork* idle = nullptr);
  // Links every event into storylines (the summaries of the events not in
  // *fresh are read back), then writes each event row once (the fresh ones
  // with their summary, the others when their storyline changed) and the
  // storylines.
  // `meanwhile` (SQLite work of the caller's) runs while the storylines
  // are being linked, before their rows are written; then, while their
  // partition is not known yet, `idle` (if any) a step at a time while any
  // is left.
  Status RelinkStorylines(ClusterCounts* counts, std::unordered_map<uint32_t, FreshSummary>* fresh,
                          Disposal* disposal, const std::function<Status()>& meanwhile,
                          IdleWork* idle = nullptr);
  Status PrepareWriteStatements();
  Status PutRow(const StoredArticle& a, bool* changed, bool* existed);
  // Queues the article_entities rows of one article (after deleting its
  // old ones, when it was there before); WriteEntities writes the queue.
  Status IndexEntities(int64_t seq, const StoredArticle& a, bool inserted);
  Status WriteEntities();
  Status DeleteArticle(const std::string& id);
  // Indexes for search the rows of new_rows_ and, with `listed`, those
  // listed in `unindexed` (by any writer: needed before an article is
  // updated or deleted); inside a write transaction.
  Status IndexNewRows(bool listed = true);
  // The same in steps, so that a thread can index between other work:
  // TakeNewRows moves the rows to index (as IndexNewRows would find them)
  // into *backlog, IndexSome indexes up to `rows` of it and says whether
  // any is left. Every row taken must be indexed in the same transaction
  // (a backlog is dropped with a failed one).
  struct IndexBacklog {
    std::vector<std::string> lists;  // lists of seqs as `unindexed` holds them
    size_t list = 0, pos = 1;        // the one being indexed, and where in it
    // Once all are indexed, FTS5 writes the terms it holds now, as it would
    // at COMMIT (in a savepoint: see IndexSome), on this thread's time
    // rather than the commit's.
    bool write_terms = false;
  };
  Status TakeNewRows(IndexBacklog* backlog, bool listed = true);
  Result<bool> IndexSome(IndexBacklog* backlog, size_t rows);
  // Lists new_rows_ in `unindexed` instead (PutBatch with defer_index_).
  Status ListNewRows();
  static StoredArticle ReadArticle(const Stmt& s);

  sqlite3* db_;
  std::string path_;
  bool read_only_ = false;
  // Terms of the search index computed ahead by Prepare (a writing store
  // only); the connection's tokenizer takes them. Declared before the
  // statements: it outlives the connection, closed when they are.
  std::unique_ptr<PreparedTerms> prepared_;
  // Read-side statements prepared on first use (a server asks them on every
  // request: preparing was 8% of a search).
  Stmt search_, data_version_;
  bool write_prepared_ = false;
  std::string now_;
  Stmt get_hash_, insert_, update_, children_, family_, delete_, get_, begin_, commit_, rollback_;
  Stmt delete_entities_, delete_cluster_, delete_signature_, insert_entity_;
  Stmt index_new_, read_text_, index_one_, list_unindexed_, take_unindexed_;
  bool defer_index_ = false;
  // Seqs of the rows PutBatch inserted and has not indexed for search yet,
  // as a JSON array being built ("[" when none).
  std::string new_rows_ = "[";
  // The article_entities rows PutBatch has queued: (entity id, seq, the
  // article's id for an error), written in key order at the end of the
  // batch, or before anything that deletes such rows.
  struct EntityRow {
    std::string entity;
    int64_t seq;
    const std::string* article;
  };
  std::vector<EntityRow> entity_rows_;
};

// The columns every storyline query selects, in this order, and the row
// read from a statement stepped onto one.
inline constexpr const char* kStorylineColumns = "id, title, first_date, last_date, events, articles, detail";
StorylineRow ReadStorylineRow(const Stmt& s);

}  // namespace akhbar::store
