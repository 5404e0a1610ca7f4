// Store::UpdateClusters and the read side of clustering (contract in
// akhbar/store.h; tables in store/schema.h, version 2).
//
// UpdateClusters, in one write transaction:
//  1. resumes the event clusterer from cluster_state and rebuilds the
//     near-duplicate index from the stored signatures, in the order the
//     articles were clustered (the order is the clusterer's article list), so
//     that a resumed run decides exactly as one long run would;
//  2. reads the articles without a clusters row, computes their features and
//     signatures, sorts them in time order (events::MakeOrderKey) and adds
//     them one by one: near-duplicate pairs and groups, then the event;
//  3. recomputes the summaries of the events that gained articles
//     (stories::SummarizeEvent, on every core, reusing the articles'
//     clustering features) and links every event into storylines
//     (stories::LinkStorylines; the summaries of unchanged events are read
//     back from events.summary), then writes each changed event row once;
//  4. writes the clusterer state back.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <future>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "akhbar/events.h"
#include "akhbar/neardup.h"
#include "akhbar/signature.h"
#include "akhbar/storylines.h"
#include "core/embedded.h"
#include "store/cluster_input.h"
#include "store/cluster_state.h"
#include "store/sqlite_internal.h"

namespace akhbar::store {
namespace {

constexpr const char* kStateName = "events";
// Entities of the extraction stage count for clustering when mentioned in
// the lead (the same window ExtractFeatures reads, FeatureOptions::lead_bytes).
constexpr uint32_t kLeadBytes = 1500;

const events::Gazetteer& ClusterGazetteer() {
  static const events::Gazetteer g = [] {
    auto parsed = events::Gazetteer::Parse(data::Gazetteer());
    return parsed.ok() ? std::move(parsed).value() : events::Gazetteer();
  }();
  return g;
}

std::string_view BlobView(const Stmt& s, int col) {
  const void* p = sqlite3_column_blob(s.get(), col);
  int n = sqlite3_column_bytes(s.get(), col);
  return p ? std::string_view(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string_view();
}

template <typename T>
std::vector<T> FromBlob(std::string_view b) {
  std::vector<T> v(b.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), b.data(), v.size() * sizeof(T));
  return v;
}
template <typename T>
std::string_view ToBlob(const std::vector<T>& v) {
  return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)};
}

// The shingle sets of the clustered articles, read back from the
// signatures table for the near-duplicate index's exact checks. Not
// thread-safe: used on the thread that adds to the index.
class StoredShingles : public ShingleSource {
 public:
  explicit StoredShingles(sqlite3* db) {
    ok_ = read_.Prepare(db, "SELECT s.shingles FROM articles a JOIN signatures s ON s.seq = a.seq WHERE a.id = ?1") ==
          SQLITE_OK;
  }
  bool ok() const { return ok_; }
  // The sets of the articles this run adds, at hand in memory: read from
  // there (their rows are written after the near-duplicate loop).
  void Fresh(const std::string& id, const std::vector<uint32_t>* shingles) { fresh_[id] = shingles; }
  void ForgetFresh() { fresh_.clear(); }
  Status Load(const DocId& id, std::vector<uint32_t>* out) const override {
    if (auto it = fresh_.find(id.str()); it != fresh_.end()) {
      *out = *it->second;
      return Status::Ok();
    }
    ResetOnExit reset{read_};
    read_.Bind(1, id.str());
    const int rc = read_.Step();
    if (rc != SQLITE_ROW) {
      return Status::Invalid("the stored signature of '" + id.str() + "' " +
                             (rc == SQLITE_DONE ? "is missing" : "cannot be read"));
    }
    *out = FromBlob<uint32_t>(BlobView(read_, 0));
    return Status::Ok();
  }

 private:
  mutable Stmt read_;
  bool ok_ = false;
  std::unordered_map<std::string_view, const std::vector<uint32_t>*> fresh_;  // keys: ids in `pending`
};

struct Pending {
  int64_t seq = 0;
  std::string id;
  ClusterInput in;
};

std::optional<CivilDate> Day(const std::string& s) { return s.empty() ? std::nullopt : ParseIsoDate(s); }

}  // namespace

ClusterInput MakeClusterInput(const std::string& id, std::string_view title, std::string_view body,
                              const std::string& date_text, const std::string& fetched_at,
                              const std::vector<Entity>& entities) {
  ClusterInput in;
  std::optional<CivilDate> date = Day(date_text);
  std::vector<events::TermId> entity_ids;
  ClusterGazetteer().Find(title, &entity_ids);
  ClusterGazetteer().Find(body.substr(0, std::min<size_t>(body.size(), kLeadBytes)), &entity_ids);
  for (const auto& e : entities)
    for (const auto& m : e.mentions)
      if (m.begin < kLeadBytes) {
        entity_ids.push_back(events::EntityId(e.id));
        break;
      }
  in.features = events::ExtractFeatures(id, title, body, date, entity_ids);
  in.key = events::MakeOrderKey(date, fetched_at, id);
  std::string text;
  text.reserve(title.size() + 1 + body.size());
  text.append(title).append("\n").append(body);
  ComputeSignature(text, SignatureOptions{}, &in.signature);
  return in;
}

Status SqliteStore::Transaction(const std::function<Status()>& body) {
  if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Status s = body();
  if (s.ok()) s = Exec("COMMIT");
  if (!s.ok()) Exec("ROLLBACK");
  return s;
}

Status SqliteStore::UpdateClusters(ClusterCounts* counts, PrecomputedClusterInputs* pre) {
  *counts = ClusterCounts{};
  if (read_only_) return Status::Invalid(path_ + ": opened read-only");
  Disposal disposal;  // joined when this returns: after the commit
  Status s = Transaction([&] { return ClusterPending(counts, pre, &disposal); });
  // The transaction may have grown the WAL far beyond the autocheckpoint
  // size: move it into the database now (readers are never blocked by a
  // passive checkpoint), so the file is cut back to journal_size_limit.
  if (s.ok()) sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return s;
}

Status SqliteStore::ClusterPending(ClusterCounts* counts, PrecomputedClusterInputs* pre, Disposal* disposal) {
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  auto lap = [&t0] {
    auto t = Clock::now();
    double s = std::chrono::duration<double>(t - t0).count();
    t0 = t;
    return s;
  };
  // Nothing to cluster (a re-ingest of unchanged documents): leave the
  // state, the events and the storylines as they are, without loading them.
  {
    Stmt any;
    if (any.Prepare(db_,
                    "SELECT EXISTS (SELECT 1 FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM clusters c WHERE c.seq = a.seq))") != SQLITE_OK ||
        any.Step() != SQLITE_ROW)
      return Error("count unclustered articles");
    if (any.Int(0) == 0) {
      if (Status s = IndexNewRows(); !s.ok()) return s;  // rows an earlier ingest left unindexed
      Stmt n;
      if (n.Prepare(db_, "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM storylines)") == SQLITE_OK &&
          n.Step() == SQLITE_ROW) {
        counts->events = static_cast<size_t>(n.Int(0));
        counts->storylines = static_cast<size_t>(n.Int(1));
      }
      return Status::Ok();
    }
  }
  // 1. The clusterer and the near-duplicate index as the last run left them.
  events::EventState state;
  {
    Stmt s;
    if (s.Prepare(db_, "SELECT version, data FROM cluster_state WHERE name = ?1") != SQLITE_OK)
      return Error("prepare");
    s.Bind(1, std::string_view(kStateName));
    int rc = s.Step();
    if (rc == SQLITE_ROW) {
      auto decoded = DecodeEventState(BlobView(s, 1));
      if (!decoded.ok()) return Status::Invalid(path_ + ": " + decoded.status().message());
      state = std::move(decoded).value();
    } else if (rc != SQLITE_DONE) {
      return Error("read cluster state");
    }
  }
  // The near-duplicate index keeps the sizes of the shingle sets, not the
  // sets: it reads a candidate's set back from the signatures table (written
  // in this transaction for the articles added in it), which saves some 1.2
  // KB per article for as long as the clustering runs.
  StoredShingles stored(db_);
  if (!stored.ok()) return Error("prepare");
  NearDupIndex neardup(NearDupOptions{}, &stored);
  {
    // One article at a time, in clustering order: only one set in memory.
    Stmt s;
    if (s.Prepare(db_, "SELECT s.minhash, s.shingles FROM articles a JOIN signatures s ON s.seq = a.seq "
                       "WHERE a.id = ?1") != SQLITE_OK)
      return Error("prepare");
    Signature sig;
    for (const auto& id : state.article_ids) {
      ResetOnExit reset{s};
      s.Bind(1, id);
      const int rc = s.Step();
      if (rc == SQLITE_DONE) continue;  // deleted since (a dropped teaser)
      if (rc != SQLITE_ROW) return Error("read signatures");
      sig.minhash = FromBlob<uint32_t>(BlobView(s, 0));
      sig.shingles = FromBlob<uint32_t>(BlobView(s, 1));
      if (sig.shingles.empty()) continue;
      sig.content_hash = ShingleSetHash(sig.shingles);
      auto added = neardup.Add(DocId(id), sig);
      if (!added.ok()) return Status::Invalid(path_ + ": signature of " + id + ": " + added.status().message());
    }
  }
  // A new store starts from the shipped idf prior (events::ShippedIdfPrior);
  // afterwards the prior is part of the stored state's table.
  const bool fresh = state.article_ids.empty() && state.df.docs == 0;
  events::EventClusterer clusterer = fresh ? events::EventClusterer({}, events::ShippedIdfPrior())
                                           : events::EventClusterer::FromState(std::move(state));

  // 2. The articles not clustered yet, in time order.
  std::vector<Pending> pending;
  {
    // Ids first (the article rows are wide: their text is read only for
    // the articles whose inputs were not computed ahead).
    Stmt s, row;
    if (s.Prepare(db_,
                  "SELECT seq, id FROM articles a "
                  "WHERE NOT EXISTS (SELECT 1 FROM clusters c WHERE c.seq = a.seq)") != SQLITE_OK ||
        row.Prepare(db_, "SELECT title, body, date, fetched_at, entities FROM articles WHERE seq = ?1") != SQLITE_OK)
      return Error("prepare");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      Pending p;
      p.seq = s.Int(0);
      p.id = s.Text(1);
      if (pre) {
        if (auto it = pre->by_id.find(p.id); it != pre->by_id.end()) {
          p.in = std::move(it->second);
          pending.push_back(std::move(p));
          continue;
        }
      }
      ResetOnExit reset{row};
      row.Bind(1, p.seq);
      if (row.Step() != SQLITE_ROW) return Error("read unclustered articles");
      std::string body = row.Text(1);
      auto x = ExtractionFromJson({row.Text(4), "[]", "[]"}, body);
      p.in = MakeClusterInput(p.id, row.Text(0), body, row.Text(2), row.Text(3),
                              x.ok() ? x->entities : std::vector<Entity>{});
      pending.push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return Error("read unclustered articles");
  }
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) { return a.in.key < b.in.key; });
  counts->load_seconds = lap();

  Stmt set_event, set_dup, put_sig, put_pair, move_event, drop_event;
  if (set_event.Prepare(db_,
                        "INSERT INTO clusters(seq, event_id) VALUES (?1, ?2) "
                        "ON CONFLICT(seq) DO UPDATE SET event_id = ?2") != SQLITE_OK ||
      move_event.Prepare(db_, "SELECT seq FROM clusters WHERE event_id = ?1") != SQLITE_OK ||
      drop_event.Prepare(db_, "DELETE FROM events WHERE id = ?1") != SQLITE_OK ||
      set_dup.Prepare(db_, "UPDATE clusters SET dup_of = ?2 WHERE seq = (SELECT seq FROM articles WHERE id = ?1)") !=
          SQLITE_OK ||
      put_sig.Prepare(db_, "INSERT OR REPLACE INTO signatures(seq, minhash, shingles) VALUES (?1, ?2, ?3)") !=
          SQLITE_OK ||
      put_pair.Prepare(db_, "INSERT OR REPLACE INTO duplicates(id_a, id_b, jaccard) VALUES (?1, ?2, ?3)") != SQLITE_OK)
    return Error("prepare");
  const size_t events_before = clusterer.state().events.size();
  // The event clusterer runs on its own thread (it is sequential, the
  // longest part), while this thread adds the signatures to the
  // near-duplicate index and writes them and the pairs found; then the
  // event assignments are written in the same order as they were made.
  std::vector<events::Assignment> assigned(pending.size());
  // assigned[0, made) are final; this thread writes them while the next
  // ones are made (woken every kWake articles and at the end).
  std::atomic<size_t> made{0};
  constexpr size_t kWake = 64;
  std::thread assign_events([&] {
    for (size_t i = 0; i < pending.size(); ++i) {
      assigned[i] = clusterer.Add(pending[i].in.features);
      made.store(i + 1, std::memory_order_release);
      if ((i + 1) % kWake == 0 || i + 1 == pending.size()) made.notify_one();
    }
  });
  std::vector<size_t> grouped;  // pending articles that matched earlier ones
  // The articles added to the index, whose signature rows are written after
  // the loop in the order of their seq, so that each row goes at the end of
  // the table's b-tree (clustering order is nearly but not quite seq order);
  // meanwhile the index reads this run's sets from memory. On the dev
  // ingest, 3 runs each: the loop 0.046 to 0.051 s and the rows 0.094 to
  // 0.109 s, against 0.053 to 0.058 s and 0.113 to 0.119 s written one by
  // one in the loop. This is the thread whose SQLite work (this, the search
  // index, the event assignments) the event clusterer's thread waits for.
  std::vector<size_t> signed_rows;
  Status near = [&]() -> Status {
    for (size_t i = 0; i < pending.size(); ++i) {
      const Pending& p = pending[i];
      if (p.in.signature.shingles.empty() || neardup.Contains(DocId(p.id))) continue;
      auto r = neardup.Add(DocId(p.id), p.in.signature);
      if (!r.ok()) return Status::Invalid(p.id + ": " + r.status().message());
      stored.Fresh(p.id, &p.in.signature.shingles);
      signed_rows.push_back(i);
      if (r->matches.empty()) continue;
      grouped.push_back(i);
      for (const auto& m : r->matches) {
        const std::string& other = m.id.str();
        ResetOnExit reset{put_pair};
        put_pair.Bind(1, std::min(other, p.id));
        put_pair.Bind(2, std::max(other, p.id));
        sqlite3_bind_double(put_pair.get(), 3, m.jaccard);
        if (put_pair.Step() != SQLITE_DONE) return Error("write duplicates");
        ++counts->duplicates;
      }
    }
    std::sort(signed_rows.begin(), signed_rows.end(),
              [&](size_t a, size_t b) { return pending[a].seq < pending[b].seq; });
    for (size_t i : signed_rows) {
      const Pending& p = pending[i];
      ResetOnExit reset{put_sig};
      put_sig.Bind(1, p.seq);
      std::string_view mh = ToBlob(p.in.signature.minhash), sh = ToBlob(p.in.signature.shingles);
      sqlite3_bind_blob(put_sig.get(), 2, mh.data(), static_cast<int>(mh.size()), SQLITE_STATIC);
      sqlite3_bind_blob(put_sig.get(), 3, sh.data(), static_cast<int>(sh.size()), SQLITE_STATIC);
      if (put_sig.Step() != SQLITE_DONE) return Error("write signatures");
    }
    return Status::Ok();
  }();
  stored.ForgetFresh();
  // The signatures are stored: their memory is reused by the search index
  // (the clusterer thread reads only the features of `pending`).
  for (Pending& p : pending) p.in.signature = Signature();
  // The rows stored but not indexed for search yet (IngestIntoStore defers
  // it to here): this thread's work whenever it would otherwise wait, from
  // now until the commit. Indexing them all before writing the assignments
  // kept the summaries waiting for this thread after the clusterer had
  // ended (0.2 to 0.3 s on the dev ingest), while it waits for the
  // storylines' linking later on (about as long). On the dev ingest, 6
  // rounds alternated (bench_store's `clustering` line): near-dup+events
  // 0.91 to 1.42 s against 1.00 to 1.45, summaries 0.00 to 0.07 s longer,
  // in all 1.81 to 2.56 s against 1.90 to 2.62 (shorter in 5 rounds; the
  // tables, the search index's included, the same bytes). No statement that may
  // change several rows runs until the backlog is done: FTS5 would write
  // what it holds at its statement savepoint, making a segment more (the
  // terms of a transaction are written once, at COMMIT, otherwise).
  IndexBacklog backlog;
  backlog.write_terms = true;
  const Status taken = near.ok() ? TakeNewRows(&backlog) : near;
  if (!taken.ok()) {
    assign_events.join();
    return taken;
  }
  // Rows indexed between two looks at the clusterer's progress (about 40
  // microseconds a row on the dev ingest; the clusterer takes about as long
  // for an article).
  constexpr size_t kIndexStep = 16;
  IdleWork indexing{[&] { return IndexSome(&backlog, kIndexStep); }};
  std::set<uint32_t> changed;
  // The assignments in the order they were made, written as they come.
  auto write_assignment = [&](size_t i) -> Status {
    const events::Assignment& a = assigned[i];
    changed.insert(a.event);
    {
      ResetOnExit reset{set_event};
      set_event.Bind(1, pending[i].seq);
      set_event.Bind(2, static_cast<int64_t>(a.event));
      if (set_event.Step() != SQLITE_DONE) return Error("write events of articles");
    }
    // Events the clusterer merged into this one (second chance): their
    // articles move, their rows go. Row by row: a statement that may change
    // several rows (UPDATE .. WHERE event_id = ?) runs in a statement
    // savepoint, at which FTS5 writes the search terms it holds as a
    // segment, and the search index is still being written (see above).
    for (uint32_t gone : a.merged) {
      changed.erase(gone);
      std::vector<int64_t> moved;
      {
        ResetOnExit r{move_event};
        move_event.Bind(1, static_cast<int64_t>(gone));
        int rc;
        while ((rc = move_event.Step()) == SQLITE_ROW) moved.push_back(move_event.Int(0));
        if (rc != SQLITE_DONE) return Error("merge events");
      }
      for (int64_t seq : moved) {
        ResetOnExit r{set_event};
        set_event.Bind(1, seq);
        set_event.Bind(2, static_cast<int64_t>(a.event));
        if (set_event.Step() != SQLITE_DONE) return Error("merge events");
      }
      ResetOnExit r{drop_event};
      drop_event.Bind(1, static_cast<int64_t>(gone));
      if (drop_event.Step() != SQLITE_DONE) return Error("merge events");
      ++counts->merged_events;
    }
    return Status::Ok();
  };
  Status written;
  for (size_t i = 0; i < pending.size() && written.ok();) {
    const size_t ready = made.load(std::memory_order_acquire);
    if (ready == i) {
      if (indexing.left) {
        written = indexing.Run();
      } else {
        made.wait(i, std::memory_order_acquire);
      }
      continue;
    }
    for (; i < ready && written.ok(); ++i) written = write_assignment(i);
  }
  assign_events.join();
  if (!written.ok()) return written;
  // Every member of a near-duplicate group that gained articles names its
  // representative (groups only grow and merge, so the final groups say it
  // all).
  {
    std::set<std::string> reps;
    for (size_t i : grouped)
      if (auto rep = neardup.Representative(DocId(pending[i].id))) reps.insert(rep->str());
    for (const std::string& rep : reps) {
      for (const DocId& member : neardup.Group(DocId(rep))) {
        ResetOnExit reset{set_dup};
        set_dup.Bind(1, member.str());
        set_dup.Bind(2, rep);
        if (set_dup.Step() != SQLITE_DONE) return Error("write duplicate groups");
      }
    }
  }
  counts->clustered = pending.size();
  counts->new_events = clusterer.state().events.size() - events_before;
  counts->event_state_bytes = clusterer.MemoryBytes();
  counts->neardup_bytes = neardup.MemoryUse().total();
  counts->state_articles = clusterer.state().article_ids.size();
  counts->events = 0;
  for (const auto& e : clusterer.state().events) counts->events += !e.members.empty();
  counts->changed_events = changed.size();
  counts->assign_seconds = lap();

  // 3. Summaries of the changed events, then storylines over all events.
  std::unordered_map<uint32_t, FreshSummary> summaries;
  {
    std::unordered_map<std::string_view, ClusterInput*> inputs;
    inputs.reserve(pending.size());
    for (Pending& p : pending) inputs.emplace(p.id, &p.in);
    if (Status s = SummarizeEvents(changed, inputs, &summaries, &indexing); !s.ok()) return s;
  }
  // What is left of the inputs is not needed any more: its memory goes to
  // the summaries' JSON and the storylines rather than new pages.
  std::vector<Pending>().swap(pending);
  counts->summary_seconds = lap();
  // The clusterer's state is final: encoded on another core while the
  // storylines are linked; this thread writes it while it waits for their
  // partition.
  std::string blob;
  std::thread encode_state([&] { blob = EncodeEventState(clusterer.state()); });
  auto write_state = [&]() -> Status {
    encode_state.join();
    Stmt put_state;
    // (An upsert: INSERT OR REPLACE would run in a statement savepoint.)
    if (put_state.Prepare(db_,
                          "INSERT INTO cluster_state(name, version, data) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT(name) DO UPDATE SET version = ?2, data = ?3") != SQLITE_OK)
      return Error("prepare");
    put_state.Bind(1, std::string_view(kStateName));
    put_state.Bind(2, static_cast<int64_t>(events::EventState::kVersion));
    sqlite3_bind_blob(put_state.get(), 3, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
    if (put_state.Step() != SQLITE_DONE) return Error("write cluster state");
    return Status::Ok();
  };
  Status linked = RelinkStorylines(counts, &summaries, disposal, write_state, &indexing);
  if (encode_state.joinable()) encode_state.join();
  if (!linked.ok()) return linked;
  if (auto more = IndexSome(&backlog, SIZE_MAX); !more.ok()) return more.status();
  counts->storyline_seconds = lap();
  disposal->Drop(std::move(clusterer), std::move(neardup));
  return Status::Ok();
}

namespace {

// Joins a thread when the scope ends (an early return included).
struct JoinOnExit {
  std::thread& t;
  ~JoinOnExit() {
    if (t.joinable()) t.join();
  }
};

// Runs fn(i) for i in [0, n) on every core (fn must be safe to run
// concurrently for distinct i); returns when all are done.
void ParallelFor(size_t n, const std::function<void(size_t)>& fn) {
  const size_t threads = std::min<size_t>(n, std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next++) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
}

// The columns of one event member as read (parsed on the worker threads).
struct MemberRow {
  std::string id, outlet, title, body, published, fetched, happened, dup_of, entities, quotes, claims;
  ClusterInput* input = nullptr;  // when clustered by this run
};

}  // namespace

Status SqliteStore::SummarizeEvents(const std::set<uint32_t>& changed,
                                    const std::unordered_map<std::string_view, ClusterInput*>& inputs,
                                    std::unordered_map<uint32_t, FreshSummary>* fresh, IdleWork* idle) {
  // The extraction JSON (wide) is read only for the members whose analysis
  // results are not at hand.
  Stmt members, extraction;
  if (members.Prepare(db_,
                      "SELECT a.id, a.outlet, a.title, a.body, a.published_date, a.fetched_at, a.happened, c.dup_of, "
                      "a.seq FROM clusters c JOIN articles a ON a.seq = c.seq "
                      "WHERE c.event_id = ?1 ORDER BY a.id") != SQLITE_OK ||
      extraction.Prepare(db_, "SELECT entities, quotes, claims FROM articles WHERE seq = ?1") != SQLITE_OK)
    return Error("prepare");
  // The members are read on this thread (SQLite), event after event;
  // parsing their extraction JSON, the summaries (SummarizeEvent is pure)
  // and their JSON are computed by a worker per core, which take the events
  // in order as soon as they are read (this thread joins them when it has
  // read all). No event waits for a batch of others: with chunks of 1,024
  // events handed over at once, the cores waited for each chunk's slowest
  // event and for the first chunk's reading. RelinkStorylines writes them.
  const std::vector<uint32_t> ids(changed.begin(), changed.end());
  const size_t n = ids.size();
  std::vector<std::vector<MemberRow>> rows(n);
  std::vector<std::string> errors(n);
  std::vector<FreshSummary> out(n);
  // Events [0, read) are read (kStopped: reading failed at `failed_at`);
  // next: the first not taken by a worker; done: how many are summarized.
  // Reading stays at most kAhead events ahead of the summaries (their rows
  // hold the articles' text).
  constexpr size_t kAhead = 2048, kStopped = SIZE_MAX;
  std::atomic<size_t> read{0}, next{0}, done{0}, failed_at{n};
  auto summarize = [&](size_t i) {
    std::vector<stories::ArticleView> views;
    views.reserve(rows[i].size());
    for (MemberRow& r : rows[i]) {
      stories::ArticleView v;
      v.id = std::move(r.id);
      v.outlet = std::move(r.outlet);
      v.title = std::move(r.title);
      v.body = std::move(r.body);
      v.published = Day(r.published);
      if (r.fetched.size() >= 10) v.fetched = ParseIsoDate(std::string_view(r.fetched).substr(0, 10));
      v.happened = Day(r.happened);
      v.dup_group = r.dup_of.empty() ? v.id : std::move(r.dup_of);
      if (r.input) {  // each article is in one event: moved once
        v.has_terms = true;
        v.title_terms = std::move(r.input->features.title);
        v.text_terms = std::move(r.input->features.text);
      }
      if (r.input && r.input->has_extraction) {
        v.entities = std::move(r.input->entities);
        v.quotes = std::move(r.input->quotes);
        v.claims = std::move(r.input->claims);
      } else {
        auto x = ExtractionFromJson({std::move(r.entities), std::move(r.quotes), std::move(r.claims)}, v.body);
        if (!x.ok()) {
          errors[i] = v.id + ": " + x.status().message();
          return;
        }
        v.entities = std::move(x->entities);
        v.quotes = std::move(x->quotes);
        v.claims = std::move(x->claims);
      }
      views.push_back(std::move(v));
    }
    std::vector<MemberRow>().swap(rows[i]);
    out[i].summary = stories::SummarizeEvent(ids[i], views);
    out[i].json = EncodeSummary(out[i].summary);
  };
  // Takes events until none is left (or reading failed before them).
  auto work = [&] {
    for (size_t i; (i = next++) < n;) {
      size_t r;
      while ((r = read.load(std::memory_order_acquire)) <= i) read.wait(r, std::memory_order_acquire);
      if (r == kStopped && i >= failed_at.load()) return;
      summarize(i);
      done.fetch_add(1, std::memory_order_release);
      done.notify_one();
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) workers.emplace_back(work);
  Status status = [&]() -> Status {
    for (size_t k = 0; k < n; ++k) {
      for (size_t d = done.load(std::memory_order_acquire); k >= d + kAhead;
           d = done.load(std::memory_order_acquire)) {
        if (idle && idle->left) {
          if (Status s = idle->Run(); !s.ok()) return s;
        } else {
          done.wait(d, std::memory_order_acquire);
        }
      }
      ResetOnExit reset_members{members};
      members.Bind(1, static_cast<int64_t>(ids[k]));
      int rc;
      while ((rc = members.Step()) == SQLITE_ROW) {
        MemberRow r;
        std::string* cols[] = {&r.id,       &r.outlet, &r.title,    &r.body,   &r.published, &r.fetched,
                               &r.happened, &r.dup_of, &r.entities, &r.quotes, &r.claims};
        const auto it = inputs.find(members.Text(0));
        r.input = it == inputs.end() ? nullptr : it->second;
        for (int i = 0; i < 8; ++i) *cols[i] = members.Text(i);
        if (!r.input || !r.input->has_extraction) {
          ResetOnExit reset_extraction{extraction};
          extraction.Bind(1, members.Int(8));
          if (extraction.Step() != SQLITE_ROW) return Error("read event members");
          for (int i = 0; i < 3; ++i) *cols[8 + i] = extraction.Text(i);
        }
        rows[k].push_back(std::move(r));
      }
      if (rc != SQLITE_DONE) return Error("read event members");
      read.store(k + 1, std::memory_order_release);
      read.notify_all();
    }
    return Status::Ok();
  }();
  if (status.ok()) {
    // The caller's work while the workers summarize (as while the reading
    // waits for them above; the two share the cores: the other places for
    // it are the clusterer's stage, which waited for it, and the
    // storylines' linking, whose wait is shorter); then this thread helps
    // with the summaries left.
    while (status.ok() && idle && idle->left && done.load(std::memory_order_acquire) < n) status = idle->Run();
    work();
  } else {
    failed_at.store(read.load());
    read.store(kStopped, std::memory_order_release);
    read.notify_all();
  }
  for (auto& t : workers) t.join();
  // The first error in reading order (the events read before a read error
  // are all summarized).
  for (size_t i = 0; i < n; ++i)
    if (!errors[i].empty()) return Status::Invalid(path_ + ": " + errors[i]);
  if (!status.ok()) return status;
  fresh->reserve(fresh->size() + n);
  for (size_t i = 0; i < n; ++i) (*fresh)[ids[i]] = std::move(out[i]);
  return Status::Ok();
}

Status SqliteStore::RelinkStorylines(ClusterCounts* counts, std::unordered_map<uint32_t, FreshSummary>* fresh,
                                     Disposal* disposal, const std::function<Status()>& meanwhile,
                                     IdleWork* idle) {
  // Every event's summary, by id: those just computed from memory, the
  // others decoded from events.summary (on every core).
  std::vector<stories::EventSummary> summaries;
  std::vector<std::optional<int64_t>> old_line;  // each event's storyline before (nullopt: none or new)
  std::vector<const std::string*> json;           // each event's new summary JSON (nullptr: unchanged)
  {
    std::vector<std::pair<uint32_t, std::string>> stored;  // (event, JSON) of the events not in *fresh
    std::map<uint32_t, std::optional<int64_t>> rows;      // every event id -> its storyline before
    Stmt s;
    if (s.Prepare(db_, "SELECT id, storyline_id, summary FROM events ORDER BY id") != SQLITE_OK)
      return Error("prepare");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      const auto id = static_cast<uint32_t>(s.Int(0));
      std::optional<int64_t> line;
      if (sqlite3_column_type(s.get(), 1) != SQLITE_NULL) line = s.Int(1);
      rows.emplace(id, line);
      if (!fresh->count(id)) stored.emplace_back(id, s.Text(2));
    }
    if (rc != SQLITE_DONE) return Error("read events");
    for (const auto& [id, f] : *fresh) rows.emplace(id, std::nullopt);  // new events
    std::vector<Result<stories::EventSummary>> decoded(stored.size(), Status::Invalid(""));
    ParallelFor(stored.size(), [&](size_t i) { decoded[i] = DecodeSummary(stored[i].second); });
    summaries.reserve(rows.size());
    size_t next = 0;
    for (const auto& [id, line] : rows) {
      old_line.push_back(line);
      auto it = fresh->find(id);
      if (it != fresh->end()) {
        summaries.push_back(std::move(it->second.summary));
        json.push_back(&it->second.json);
      } else {
        Result<stories::EventSummary>& d = decoded[next++];
        if (!d.ok()) return Status::Invalid(path_ + ": event " + std::to_string(id) + ": " + d.status().message());
        summaries.push_back(std::move(d).value());
        json.push_back(nullptr);
      }
      summaries.back().event = id;
    }
  }
  // The storylines are linked on another thread (on every core where it
  // can), which hands over the partition as soon as it is known (each
  // event's storyline: the smallest event id of its line), then describes
  // the storylines and computes their detail JSON while this thread writes
  // the event rows.
  std::unordered_map<uint32_t, size_t> index_of;  // event id -> index in summaries
  for (size_t i = 0; i < summaries.size(); ++i) index_of[summaries[i].event] = i;
  std::vector<stories::Storyline> lines;
  std::vector<std::string> details;
  std::promise<std::vector<uint32_t>> partition;
  std::thread link_thread([&] {
    lines = stories::LinkStorylines(summaries, {}, [&](std::vector<uint32_t> line_of) {
      partition.set_value(std::move(line_of));
    });
    details.resize(lines.size());
    ParallelFor(lines.size(), [&](size_t i) {
      const stories::Storyline& line = lines[i];
      if (line.events.empty()) return;
      // Stored per storyline: its 20 most central entities and 40 claims
      // (most independent sources first).
      constexpr size_t kEntities = 20, kClaims = 40;
      std::vector<const stories::EventSummary*> members;
      for (uint32_t e : line.events)
        if (auto it = index_of.find(e); it != index_of.end()) members.push_back(&summaries[it->second]);
      std::vector<stories::MergedClaim> claims = MergeEventClaims(members);
      if (claims.size() > kClaims) claims.resize(kClaims);
      details[i] = EncodeStorylineDetail(line, kEntities, claims, stories::FindConflicts(claims));
    });
  });
  JoinOnExit join_link{link_thread};
  if (meanwhile)
    if (Status s = meanwhile(); !s.ok()) return s;
  std::vector<std::optional<int64_t>> new_line(summaries.size());
  {
    std::future<std::vector<uint32_t>> ready = partition.get_future();
    // Until the partition is known, the caller's work (a step at a time).
    while (idle && idle->left && ready.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
      if (Status s = idle->Run(); !s.ok()) return s;
    const std::vector<uint32_t> line_of = ready.get();
    for (size_t i = 0; i < line_of.size(); ++i) new_line[i] = line_of[i];
  }
  // Each event row is written once: the changed events with their summary
  // and storyline, the others only when their storyline changed.
  Stmt put, link;
  if (put.Prepare(db_,
                  "INSERT INTO events(id, storyline_id, date, last_date, headline, articles, outlets, summary) "
                  "VALUES (?1, ?8, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET date = ?2, "
                  "last_date = ?3, headline = ?4, articles = ?5, outlets = ?6, summary = ?7, storyline_id = ?8") !=
          SQLITE_OK ||
      link.Prepare(db_, "UPDATE events SET storyline_id = ?2 WHERE id = ?1") != SQLITE_OK)
    return Error("prepare");
  for (size_t i = 0; i < summaries.size(); ++i) {
    const stories::EventSummary& summary = summaries[i];
    if (json[i] != nullptr) {
      ResetOnExit reset_put{put};
      put.Bind(1, static_cast<int64_t>(summary.event));
      put.BindCopy(2, summary.date ? summary.date->ToIso() : std::string());
      put.BindCopy(3, summary.last_date ? summary.last_date->ToIso() : std::string());
      put.Bind(4, summary.headline);
      put.Bind(5, static_cast<int64_t>(summary.articles.size()));
      put.Bind(6, static_cast<int64_t>(summary.outlets.size()));
      put.Bind(7, *json[i]);
      if (new_line[i]) put.Bind(8, *new_line[i]);
      if (put.Step() != SQLITE_DONE) return Error("write events");
    } else if (new_line[i] != old_line[i]) {
      ResetOnExit reset_link{link};
      link.Bind(1, static_cast<int64_t>(summary.event));
      if (new_line[i]) link.Bind(2, *new_line[i]);
      if (link.Step() != SQLITE_DONE) return Error("write storylines of events");
    }
  }
  link_thread.join();
  disposal->Drop(std::move(*fresh));
  fresh->clear();
  if (Status s = Exec("DELETE FROM storylines"); !s.ok()) return s;
  Stmt add_line;
  if (add_line.Prepare(db_,
                       "INSERT INTO storylines(id, title, first_date, last_date, events, articles, detail) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") != SQLITE_OK)
    return Error("prepare");
  for (size_t i = 0; i < lines.size(); ++i) {
    const stories::Storyline& line = lines[i];
    if (line.events.empty()) continue;
    const int64_t id = *std::min_element(line.events.begin(), line.events.end());
    ResetOnExit reset_put{add_line};
    add_line.Bind(1, id);
    add_line.Bind(2, line.title);
    add_line.BindCopy(3, line.first_date ? line.first_date->ToIso() : std::string());
    add_line.BindCopy(4, line.last_date ? line.last_date->ToIso() : std::string());
    add_line.Bind(5, static_cast<int64_t>(line.events.size()));
    add_line.Bind(6, static_cast<int64_t>(line.articles));
    add_line.Bind(7, details[i]);
    if (add_line.Step() != SQLITE_DONE) return Error("write storylines");
    ++counts->storylines;
  }
  disposal->Drop(std::move(summaries), std::move(lines), std::move(details), std::move(index_of));
  return Status::Ok();
}

// ---- Read side --------------------------------------------------------------

Result<std::vector<StorylineRow>> SqliteStore::Storylines() {
  Stmt s;
  if (s.Prepare(db_,
                (std::string("SELECT ") + kStorylineColumns + " FROM storylines ORDER BY articles DESC, id").c_str()) !=
      SQLITE_OK)
    return Error("prepare");
  std::vector<StorylineRow> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    out.push_back(ReadStorylineRow(s));
  }
  if (rc != SQLITE_DONE) return Error("read storylines");
  return out;
}

namespace {

EventRow ReadEventRow(const Stmt& s) {
  EventRow r;
  r.id = s.Int(0);
  if (sqlite3_column_type(s.get(), 1) != SQLITE_NULL) r.storyline_id = s.Int(1);
  r.date = s.Text(2);
  r.last_date = s.Text(3);
  r.headline = s.Text(4);
  r.articles = static_cast<size_t>(s.Int(5));
  r.outlets = static_cast<size_t>(s.Int(6));
  r.summary_json = s.Text(7);
  return r;
}

constexpr const char* kEventColumns = "id, storyline_id, date, last_date, headline, articles, outlets, summary";

}  // namespace

Result<std::vector<EventRow>> SqliteStore::Events(std::optional<int64_t> storyline) {
  // Two statements rather than `?1 IS NULL OR storyline_id = ?1`, which
  // SQLite answers by scanning every event instead of using the index.
  // Sorted here, not by ORDER BY: SQLite's sorter would copy every row,
  // summaries of up to 100 KB included (a third of a storyline answer).
  std::string sql =
      std::string("SELECT ") + kEventColumns + " FROM events" + (storyline ? " WHERE storyline_id = ?1" : "");
  Stmt s;
  if (s.Prepare(db_, sql.c_str()) != SQLITE_OK) return Error("prepare");
  if (storyline) s.Bind(1, *storyline);
  std::vector<EventRow> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadEventRow(s));
  if (rc != SQLITE_DONE) return Error("read events");
  // Dated events by date, then undated ones; ties by id.
  std::sort(out.begin(), out.end(), [](const EventRow& a, const EventRow& b) {
    return std::make_tuple(a.date.empty(), std::string_view(a.date), a.id) <
           std::make_tuple(b.date.empty(), std::string_view(b.date), b.id);
  });
  return out;
}

Result<std::optional<EventRow>> SqliteStore::Event(int64_t id) {
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM events WHERE id = ?1";
  Stmt s;
  if (s.Prepare(db_, sql.c_str()) != SQLITE_OK) return Error("prepare");
  s.Bind(1, id);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<EventRow>();
  if (rc != SQLITE_ROW) return Error("read event");
  return std::optional<EventRow>(ReadEventRow(s));
}

Status SqliteStore::ForEachAssignment(const std::function<bool(const std::string&, int64_t, int64_t)>& fn) {
  Stmt s;
  if (s.Prepare(db_,
                "SELECT a.id, c.event_id, coalesce(e.storyline_id, -1) FROM clusters c JOIN articles a ON a.seq = c.seq "
                "LEFT JOIN events e ON e.id = c.event_id ORDER BY a.id") != SQLITE_OK)
    return Error("prepare");
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW)
    if (!fn(s.Text(0), s.Int(1), s.Int(2))) return Status::Ok();
  return rc == SQLITE_DONE ? Status::Ok() : Error("read events of articles");
}

Status SqliteStore::ForEachDuplicate(const std::function<bool(const std::string&, const std::string&, double)>& fn) {
  Stmt s;
  if (s.Prepare(db_, "SELECT id_a, id_b, jaccard FROM duplicates ORDER BY id_a, id_b") != SQLITE_OK)
    return Error("prepare");
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW)
    if (!fn(s.Text(0), s.Text(1), s.Double(2))) return Status::Ok();
  return rc == SQLITE_DONE ? Status::Ok() : Error("read duplicates");
}

}  // namespace akhbar::store
