// akhbar/store.h: the article store, and incremental ingest into it.
//
// The store keeps cleaned articles under their stable global ids (DocId from
// the input; a teaser is `<page id>#t1`, `#t2`, ... of kind "teaser" linked
// to its page by parent_id) with a content hash, and answers full-text
// searches. `Store` is a small abstract interface: SQLite (OpenSqliteStore)
// is its first implementation; no caller sees SQL or row numbers.
//
// SQLite implementation guarantees (src/store/sqlite_store.cc):
//  - One file, WAL journal, foreign keys on, synchronous=NORMAL, every
//    statement prepared with bound parameters. With WAL, a transaction that
//    has committed survives the writing process being killed (kill -9); only
//    an operating-system crash or power loss may lose the last commits
//    (never corrupt the file).
//  - The file carries PRAGMA application_id 0x616B6862 ("akhb") and its
//    schema version in PRAGMA user_version; numbered migrations run on open.
//    A file from a newer akhbar, or a SQLite file that is not an akhbar
//    store, fails to open with a message saying so.
//  - PutBatch is one transaction: all of a batch or none of it.
//  - Readers on other connections (other Store objects, other processes)
//    see the last committed batch, never part of one, while a writer runs.
//
// Thread-safety: one Store object is used by one thread at a time; open one
// Store per thread (or process) for concurrency. Free functions are
// reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "akhbar/analyze.h"
#include "akhbar/ingest.h"
#include "akhbar/status.h"

namespace akhbar {

// One stored article: a page, or a teaser found on a page. Field names are
// the column names and the export schema (README, "akhbar export").
struct StoredArticle {
  std::string id;              // global id (the page's DocId; teasers "<page id>#tN")
  std::string kind;            // "page" or "teaser"
  std::string parent_id;       // the page of a teaser; "" for a page
  std::string input;           // the INPUT it was read from
  std::string locator;         // line / record / path inside the input
  std::string url;
  std::string outlet;
  std::string title;
  std::string body;            // paragraphs joined by blank lines
  std::string author;
  std::string published_date;  // "YYYY-MM-DD" or ""
  std::string published_kind;  // "absolute", "relative", "weekday", "unknown"
  std::string published_text;  // the text the date was read from, or ""
  std::string date;            // published_date, else the day of fetched_at, else ""
  std::string fetched_at;      // as given by the input
  std::string flags_json;      // JSON array of strings
  std::string keywords_json;   // JSON array of strings
  std::string agencies_json;   // JSON array of {name, latin, mentions}
  std::string language;        // "ar" or "und"
  std::string warnings_json;   // JSON array of strings (analysis warnings)
  std::string content_hash;    // 32 hex digits, XXH3-128 of the content fields
  std::string ingested_at;     // UTC "YYYY-MM-DDTHH:MM:SSZ" of the last write (set by the store)
  // Extraction (pages only; teasers have none): the day the reported
  // happening took place (stories::ArticleHappeningDate) or "", and the
  // entities, quotes and claims as the JSON arrays of `akhbar analyze`.
  // Derived from the content: not part of content_hash.
  std::string happened;
  std::string entities_json = "[]";
  std::string quotes_json = "[]";
  std::string claims_json = "[]";
  // The ids of entities_json's entities (indexed by the store; filled by
  // ToStoredArticles, else read from entities_json).
  std::vector<std::string> entity_ids;
  // Set by the store when clustering has run (read-only for writers).
  std::optional<int64_t> event_id;  // nullopt: not clustered yet
  std::string dup_of;               // representative of its near-duplicate group, or ""
};

// The content hash of `a`: XXH3-128 (hex) over every field except input,
// locator, content_hash and ingested_at (so reading the same document from
// a moved file is not a change). Deterministic across runs and machines.
std::string ContentHash(const StoredArticle& a);

// The page and its teasers (`#t1`, `#t2`, ... in page order), each with
// its content hash set. Pure.
std::vector<StoredArticle> ToStoredArticles(const AnalyzedDocument& doc);

// What happened to one document (a page with its teasers) in PutBatch.
enum class PutOutcome {
  kNew,      // the page was not stored before
  kUpdated,  // stored before, and the page or one of its teasers changed
  kSkipped,  // stored before with the same content hashes: nothing written
};

// A document to store: its page first, then its teasers (ToStoredArticles).
using StoredDocument = std::vector<StoredArticle>;

struct SearchQuery {
  // User syntax (README "Search syntax"): words (implicit AND), "a phrase",
  // prefix*, AND, OR, NOT (upper case). Translated by the store, never
  // passed to the engine as is.
  std::string text;
  size_t limit = 20;            // default 20; at most 1000
  std::string from;             // "YYYY-MM-DD" inclusive on `date`, or "" (default: none)
  std::string to;               // "YYYY-MM-DD" inclusive on `date`, or "" (default: none)
  std::string outlet;           // exact outlet, or "" (default: any)
  std::string entity;           // only articles mentioning this entity id, or "" (default: any)
  std::string mark_open = "[";  // put before each matched word in snippets (default "[")
  std::string mark_close = "]"; // put after it (default "]")
  size_t snippet_tokens = 16;   // words per snippet, 1..64 (default 16)
};

struct SearchHit {
  std::string id;
  std::string kind;
  std::string title;        // the original title, matches marked
  std::string outlet;
  std::string date;
  std::string snippet;      // a window of the original body, matches marked, "…" at cuts
  double score = 0;         // BM25 (title weight 3, body 1); lower is better
};

struct PrecomputedClusterInputs;  // internal (store/cluster_input.h)

struct StoreStats {
  size_t pages = 0, teasers = 0;
  std::vector<std::pair<std::string, size_t>> per_outlet;  // by outlet ("" unknown), sorted
  std::vector<std::pair<std::string, size_t>> per_day;     // by `date` ("" unknown), sorted
  int schema_version = 0;
};

// ---- Clustering (near-duplicates, events, storylines) ---------------------

struct ClusterCounts {
  size_t clustered = 0;       // articles clustered by this call
  size_t duplicates = 0;      // near-duplicate pairs found by this call
  size_t new_events = 0;      // events started by this call
  size_t changed_events = 0;  // events that gained articles (summaries recomputed)
  size_t merged_events = 0;   // events merged into another (second chance; their rows removed)
  size_t events = 0;          // events in the store afterwards
  size_t storylines = 0;      // storylines in the store afterwards
  // Wall-clock seconds of the phases (for benchmarks): loading the state
  // and the unclustered articles with their features and signatures,
  // near-duplicate and event assignment, event summaries, storylines.
  double load_seconds = 0, assign_seconds = 0, summary_seconds = 0, storyline_seconds = 0;
  // Memory of the clustering state while it ran (estimates from capacities):
  // the event clusterer (EventClusterer::MemoryBytes) and the near-duplicate
  // index (NearDupIndex::MemoryUse), and the articles they hold.
  size_t event_state_bytes = 0, neardup_bytes = 0, state_articles = 0;
};

// One storyline as stored (`akhbar storylines`). detail_json: {"entities":
// [{id,type,canonical,latin,weight,articles}], "volume": [[day, n]...],
// "events": [ids]} (README "akhbar storylines").
struct StorylineRow {
  int64_t id = 0;             // the smallest event id among its events (stable while that event exists)
  std::string title;
  std::string first_date;     // "" when every event is undated
  std::string last_date;
  size_t events = 0, articles = 0;
  std::string detail_json;
};

// One event as stored. summary_json is the event's summary (README
// "akhbar timeline": date, headline, summary sentences, outlets, entities,
// quotes, claims with their sources, conflicts).
struct EventRow {
  int64_t id = 0;
  std::optional<int64_t> storyline_id;
  std::string date;           // "" = undated
  std::string last_date;
  std::string headline;
  size_t articles = 0, outlets = 0;
  std::string summary_json;
};

// Which storylines ListStorylines returns; empty fields do not filter.
struct StorylineFilter {
  std::string entity;  // an article of the storyline names this entity id
  std::string outlet;  // an article of the storyline comes from this outlet (exact name)
  std::string from;    // "YYYY-MM-DD": the storyline ends on or after this day (undated ones never match)
  std::string to;      // "YYYY-MM-DD": the storyline starts on or before this day (undated ones never match)
};

struct StoreOptions {
  bool read_only = false;       // default false (read-only never creates or migrates)
  int busy_timeout_ms = 10000;  // wait for another writer's lock (default 10 s)
};

class Store {
 public:
  virtual ~Store() = default;

  // Stores the documents in one transaction. outcomes->at(i) says what
  // happened to docs[i]. Same page id and same hashes: skipped, nothing
  // written. New content: the rows are replaced (the search index follows)
  // and teasers the page no longer has are deleted. On failure nothing of
  // the batch is written. Cost: one indexed look-up per row, plus the
  // writes and index updates of the new or changed rows.
  virtual Status PutBatch(const std::vector<StoredDocument>& docs, std::vector<PutOutcome>* outcomes) = 0;

  // Work on a document that can be done before PutBatch, on any thread,
  // concurrently with other calls and with PutBatch (IngestIntoStore calls
  // it on its analysis threads): the SQLite store computes the terms of its
  // search index here, which its writing thread would compute otherwise.
  // Optional: PutBatch stores the same either way (a row it leaves
  // unchanged drops what was prepared for it). DropPrepared forgets what
  // was prepared and never stored (a batch that failed, a stopped ingest).
  virtual void Prepare(const StoredDocument& doc) { (void)doc; }
  virtual void DropPrepared() {}

  // The stored article with this id, or nullopt.
  virtual Result<std::optional<StoredArticle>> Get(std::string_view id) = 0;

  // Ranked matches (best first). A query with nothing searchable in it (only
  // syntax characters, only stop words) is kInvalidInput with a message; a
  // bad date filter too.
  virtual Result<std::vector<SearchHit>> Search(const SearchQuery& query) = 0;

  // Calls `fn` for every stored article in id order, from one consistent
  // snapshot; stops early when fn returns false.
  virtual Status ForEach(const std::function<bool(const StoredArticle&)>& fn) = 0;

  virtual Result<StoreStats> Stats() = 0;

  // Clusters every stored article not clustered yet, in time order
  // (events::MakeOrderKey: publication date, else fetch day; undated
  // last): near-duplicates (MinHash/LSH, exact Jaccard check), then online
  // events (resuming the stored clusterer state), then the summaries of the
  // events that changed and the storylines over all events. One
  // transaction: all of it or nothing. Articles already clustered keep their
  // event even when their content is later updated.
  // `pre` (may be null): inputs IngestIntoStore computed in parallel while
  // analyzing; used for the articles it has (and moved from), the others
  // are computed from their stored rows.
  virtual Status UpdateClusters(ClusterCounts* counts, PrecomputedClusterInputs* pre = nullptr) = 0;
  // With `defer`, PutBatch leaves its new rows out of the search index
  // (listed durably as not indexed yet) and the next UpdateClusters indexes
  // them; IngestIntoStore defers while it clusters. Off by default.
  virtual void DeferSearchIndex(bool defer) { (void)defer; }

  // Storylines, largest (articles) first, ties by id.
  virtual Result<std::vector<StorylineRow>> Storylines() = 0;
  // The events of a storyline (or, with nullopt, every event): dated ones
  // by date then id, undated ones after them by id.
  virtual Result<std::vector<EventRow>> Events(std::optional<int64_t> storyline) = 0;
  virtual Result<std::optional<EventRow>> Event(int64_t id) = 0;
  // Every clustered article: (article id, event id, storyline id or -1), by article id.
  virtual Status ForEachAssignment(
      const std::function<bool(const std::string&, int64_t, int64_t)>& fn) = 0;
  // Every near-duplicate pair (id_a < id_b) with its Jaccard, by id_a, id_b.
  virtual Status ForEachDuplicate(const std::function<bool(const std::string&, const std::string&, double)>& fn) = 0;

  // ---- Read queries for `akhbar serve` (src/store/serve_queries.cc) ----
  // One storyline, or nullopt.
  virtual Result<std::optional<StorylineRow>> Storyline(int64_t id) = 0;
  // The articles clustered into an event, by date ("" last) then id.
  virtual Status ForEachArticleOfEvent(int64_t event_id, const std::function<bool(const StoredArticle&)>& fn) = 0;
  // The articles whose extraction names the entity (its Entity::id), by
  // date ("" last) then id.
  virtual Status ForEachArticleOfEntity(std::string_view entity_id,
                                        const std::function<bool(const StoredArticle&)>& fn) = 0;
  // Ids of the storylines with an article naming the entity, ascending.
  virtual Result<std::vector<int64_t>> StorylinesWithEntity(std::string_view entity_id) = 0;
  // A page of storylines in Storylines() order (largest first, ties by id)
  // among those matching `filter`; *total = how many match.
  virtual Result<std::vector<StorylineRow>> ListStorylines(const StorylineFilter& filter, size_t limit,
                                                           size_t offset, size_t* total) = 0;
  // Stored pages and teasers (cheap: two counts).
  virtual Result<std::pair<size_t, size_t>> CountArticles() = 0;
  // A number that changes when another connection (another Store, another
  // process) has committed since the previous call on this Store (SQLite's
  // PRAGMA data_version); for caches of read results.
  virtual Result<int64_t> DataVersion() = 0;
};

// Opens (creating unless read_only) the SQLite store at `path` and brings
// its schema up to date.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options = {});

// The newest schema version this build knows.
int StoreSchemaVersion();

// ---------------------------------------------------------------------------
// Ingest: ReadInputs -> AnalyzeDocument (on a second thread) -> PutBatch.

struct IngestCounts {
  size_t read = 0;      // documents read (including failures)
  size_t added = 0;     // new
  size_t updated = 0;
  size_t skipped = 0;   // unchanged
  size_t failed = 0;    // could not be read or analyzed (or their batch failed)
  size_t teasers = 0;   // teaser rows among the stored documents
  ClusterCounts clusters;  // what clustering did (when options.cluster)
  // CPU seconds of the calling (writer) thread (for benchmarks): writing
  // the analyzed batches (PutBatch) and clustering (UpdateClusters).
  double write_cpu_seconds = 0, cluster_cpu_seconds = 0;
};

struct StoreIngestOptions {
  IngestOptions ingest;      // readers (field mappings, size bound)
  // Analysis (reference date, extraction, ...). Default: AnalyzeOptions{}
  // (extraction on: the store keeps entities, quotes and claims).
  AnalyzeOptions analyze;
  size_t batch_size = 1000;  // documents per transaction (default 1000)
  size_t queue_depth = 4096; // analyzed documents buffered between the threads (default 4096)
  // Called on the calling thread for every failed document: where and why.
  std::function<void(const std::string& where, const std::string& reason)> on_failure;  // default none
  // Called on the calling thread after each committed batch with the running counts.
  std::function<void(const IngestCounts&)> on_commit;  // default none
  // Cluster after storing (Store::UpdateClusters), also when every document
  // was skipped (articles left unclustered by an interrupted run). Default true.
  bool cluster = true;
  // Analysis threads (0: one per core, at least 1). Default 0.
  size_t threads = 0;
  // Called on the calling thread once the articles are stored, before
  // clustering starts (for progress display). Default none.
  std::function<void()> on_clustering;
  // Called on the calling thread for each document as it is read (before
  // analysis completes) with the running counts; for progress display.
  std::function<void(const IngestCounts&)> on_document;  // default none
};

// Reads INPUTs and stores every document. Reading and analysis run on a
// worker thread; writes happen on the calling thread, in batches of
// batch_size documents, each one transaction. Returns a failed Status only
// when the store itself fails (disk full, locked beyond the timeout); *counts
// then covers what was committed before. Bad documents are counted in
// `failed` and reported to on_failure; the run goes on.
Status IngestIntoStore(Store& store, const std::vector<std::string>& inputs, const StoreIngestOptions& options,
                       IngestCounts* counts);

}  // namespace akhbar
