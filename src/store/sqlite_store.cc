// The SQLite implementation of Store (contract in akhbar/store.h).
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <unordered_set>

#include "akhbar/dates.h"
#include "akhbar/store.h"
#include "store/fts_tokenizer.h"
#include "store/query.h"
#include "store/schema.h"
#include "store/sqlite_internal.h"

namespace akhbar {
namespace store {

Status SqliteStore::Init(const StoreOptions& options) {
  read_only_ = options.read_only;
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db_, 1);
  if (!read_only_) prepared_ = std::make_unique<PreparedTerms>();
  if (Status s = RegisterArabicTokenizer(db_, prepared_.get()); !s.ok()) return s;
  // Reading the header tells a non-database file apart early.
  auto app = PragmaInt("PRAGMA application_id");
  if (!app.ok()) {
    return Status::Invalid(path_ + ": not an akhbar store (" + sqlite3_errmsg(db_) + ")");
  }
  if (!read_only_) {
    if (Status s = Exec("PRAGMA journal_mode=WAL"); !s.ok()) return s;
    if (Status s = Exec("PRAGMA synchronous=NORMAL"); !s.ok()) return s;
    // Fewer, larger checkpoints (each one syncs the file): 32 MiB of WAL
    // instead of SQLite's 4 MiB default. A bigger page cache for the index.
    // journal_size_limit: after a checkpoint the WAL file is cut back to
    // 64 MiB (one clustering transaction can grow it well beyond).
    if (Status s = Exec("PRAGMA wal_autocheckpoint=8192; PRAGMA cache_size=-65536; "
                        "PRAGMA journal_size_limit=67108864");
        !s.ok())
      return s;
  }
  // Readers (akhbar serve keeps one per worker) map the file instead of
  // copying pages in with a read() each: the pages are shared between the
  // connections through the OS page cache. 1 GiB of address space. A writer
  // too: its page cache misses are then no system call either.
  if (Status s = Exec("PRAGMA mmap_size=1073741824"); !s.ok()) return s;
  // Foreign keys off: the schema's REFERENCES say which rows belong to an
  // article, and DeleteArticle deletes them as ON DELETE CASCADE would (an
  // ingest deletes only teasers a page no longer has). Enforced, each
  // insert into article_entities, clusters and signatures looked its
  // article up: on an ingest of 3,000 dev articles (callgrind) SQLite's
  // statements took 1.39 G instructions with the checks, 1.29 G without
  // (about 1% of the whole; the totals also vary by some 0.1 G between
  // runs, with how the documents fall to the two analysis threads).
  if (Status s = Exec("PRAGMA foreign_keys=OFF"); !s.ok()) return s;
  if (Status s = Migrate(read_only_); !s.ok()) return s;
  // Rows a killed ingest stored without indexing them for search. Only when
  // the write lock is free at once: while another writer holds it, the rows
  // may be that live ingest's own, and its clustering (or this store's next
  // write) indexes them; opening must not wait for it.
  if (!read_only_) {
    auto left = PragmaInt("SELECT EXISTS (SELECT 1 FROM unindexed)");
    if (!left.ok()) return left.status();
    if (*left != 0) {
      sqlite3_busy_timeout(db_, 0);
      const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      sqlite3_busy_timeout(db_, options.busy_timeout_ms);
      if (rc == SQLITE_OK) {
        Status s = IndexNewRows();
        if (s.ok()) s = Exec("COMMIT");
        if (!s.ok()) {
          Exec("ROLLBACK");
          return s;
        }
      } else if ((rc & 0xFF) != SQLITE_BUSY) {
        return Error("index the rows not indexed yet");
      }
    }
  }
  return Status::Ok();
}

Status SqliteStore::Migrate(bool read_only) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto app = PragmaInt("PRAGMA application_id");
    auto version = PragmaInt("PRAGMA user_version");
    auto tables = PragmaInt("SELECT count(*) FROM sqlite_schema");
    if (!app.ok()) return app.status();
    if (!version.ok()) return version.status();
    if (!tables.ok()) return tables.status();
    bool fresh = *app == 0 && *version == 0 && *tables == 0;
    if (!fresh && *app != kApplicationId)
      return Status::Invalid(path_ + ": not an akhbar store (an SQLite file of another application)");
    if (*version > kSchemaVersion)
      return Status::Unsupported(path_ + ": store schema version " + std::to_string(*version) +
                                 " is newer than this akhbar understands (" + std::to_string(kSchemaVersion) +
                                 "): use a newer akhbar");
    if (*version == kSchemaVersion) return Status::Ok();
    if (read_only)
      return Status::Invalid(path_ + (fresh ? ": empty, not an akhbar store yet (run akhbar ingest first)"
                                            : ": store schema needs an upgrade (run akhbar ingest once)"));
    if (attempt > 0) break;
    // Another process may migrate at the same time: re-check inside the
    // write transaction.
    if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    auto v2 = PragmaInt("PRAGMA user_version");
    if (!v2.ok()) {
      Exec("ROLLBACK");
      return v2.status();
    }
    for (int v = static_cast<int>(*v2); v < kSchemaVersion; ++v) {
      if (Status s = Exec(kMigrations[v]); !s.ok()) {
        Exec("ROLLBACK");
        return Status::Io("migration to store schema " + std::to_string(v + 1) + " failed: " + s.message());
      }
    }
    std::string set = "PRAGMA application_id=" + std::to_string(kApplicationId) +
                      "; PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";";
    if (Status s = Exec(set.c_str()); !s.ok()) {
      Exec("ROLLBACK");
      return s;
    }
    if (*v2 == 0) {
      Stmt meta;
      if (meta.Prepare(db_, "INSERT OR REPLACE INTO meta(key, value) VALUES ('created_by', ?1), ('created_at', ?2)") !=
          SQLITE_OK) {
        Exec("ROLLBACK");
        return Error("meta");
      }
      meta.Bind(1, std::string_view("akhbar " AKHBAR_VERSION));
      std::string now = UtcNow();
      meta.Bind(2, now);
      if (meta.Step() != SQLITE_DONE) {
        Exec("ROLLBACK");
        return Error("meta");
      }
    }
    if (Status s = Exec("COMMIT"); !s.ok()) {
      Exec("ROLLBACK");
      return s;
    }
  }
  return Status::Ok();
}

Status SqliteStore::PrepareWriteStatements() {
  if (write_prepared_) return Status::Ok();
  if (read_only_) return Status::Invalid(path_ + ": opened read-only");
  struct {
    Stmt* s;
    const char* sql;
  } const kStatements[] = {
      {&get_hash_, "SELECT content_hash FROM articles WHERE id = ?1"},
      {&insert_,
       "INSERT INTO articles(id, kind, parent_id, input, locator, url, outlet, title, body, author, published_date, "
       "published_kind, published_text, date, fetched_at, flags, keywords, agencies, language, warnings, "
       "content_hash, ingested_at, happened, entities, quotes, claims) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
       "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26) RETURNING seq"},
      {&update_,
       "UPDATE articles SET kind = ?2, parent_id = ?3, input = ?4, locator = ?5, url = ?6, outlet = ?7, title = ?8, "
       "body = ?9, author = ?10, published_date = ?11, published_kind = ?12, published_text = ?13, date = ?14, "
       "fetched_at = ?15, flags = ?16, keywords = ?17, agencies = ?18, language = ?19, warnings = ?20, "
       "content_hash = ?21, ingested_at = ?22, happened = ?23, entities = ?24, quotes = ?25, claims = ?26 "
       "WHERE id = ?1 RETURNING seq"},
      {&delete_entities_, "DELETE FROM article_entities WHERE seq = ?1"},
      {&insert_entity_, "INSERT OR IGNORE INTO article_entities(entity_id, seq) VALUES (?1, ?2)"},
      {&children_, "SELECT id FROM articles WHERE parent_id = ?1"},
      // DeleteArticle: the rows ON DELETE CASCADE would delete (see Init).
      {&family_, "SELECT seq FROM articles WHERE id = ?1 OR parent_id = ?1"},
      {&delete_cluster_, "DELETE FROM clusters WHERE seq = ?1"},
      {&delete_signature_, "DELETE FROM signatures WHERE seq = ?1"},
      {&delete_, "DELETE FROM articles WHERE seq = ?1"},
      {&begin_, "BEGIN IMMEDIATE"},
      {&commit_, "COMMIT"},
      {&rollback_, "ROLLBACK"},
      // The search index of the rows inserted by a batch (schema version 3):
      // ?1 is a JSON array of their seqs.
      {&index_new_,
       "INSERT INTO articles_fts(rowid, title, body) SELECT a.seq, a.title, a.body FROM json_each(?1) j "
       "JOIN articles a ON a.seq = j.value"},
      // The same one row at a time (IndexNewRows).
      {&read_text_, "SELECT title, body FROM articles WHERE seq = ?1"},
      {&index_one_, "INSERT INTO articles_fts(rowid, title, body) VALUES (?1, ?2, ?3)"},
      // Schema version 4: rows listed as not indexed yet.
      {&list_unindexed_, "INSERT INTO unindexed(seqs) VALUES (?1)"},
      {&take_unindexed_, "DELETE FROM unindexed RETURNING seqs"},
  };
  for (const auto& st : kStatements)
    if (st.s->Prepare(db_, st.sql) != SQLITE_OK) return Error("prepare");
  write_prepared_ = true;
  return Status::Ok();
}

void SqliteStore::Prepare(const StoredDocument& doc) {
  if (!prepared_) return;
  for (const StoredArticle& a : doc) {
    prepared_->Add(a.title);
    prepared_->Add(a.body);
  }
}

Status SqliteStore::PutRow(const StoredArticle& a, bool* changed, bool* existed) {
  *changed = false;
  {
    ResetOnExit r{get_hash_};
    get_hash_.Bind(1, a.id);
    int rc = get_hash_.Step();
    *existed = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW && get_hash_.Text(0) == a.content_hash) return Status::Ok();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("read " + a.id);
  }
  // The update trigger takes the old text out of the search index: a row
  // inserted earlier in this batch must be in it first.
  if (*existed)
    if (Status s = IndexNewRows(); !s.ok()) return s;
  Stmt& st = *existed ? update_ : insert_;
  ResetOnExit r{st};
  st.Bind(1, a.id);
  st.Bind(2, a.kind);
  st.BindNullable(3, a.parent_id);
  const std::string* cols[] = {&a.input,          &a.locator,        &a.url,           &a.outlet,
                               &a.title,          &a.body,           &a.author,        &a.published_date,
                               &a.published_kind, &a.published_text, &a.date,          &a.fetched_at,
                               &a.flags_json,     &a.keywords_json,  &a.agencies_json, &a.language,
                               &a.warnings_json,  &a.content_hash};
  int i = 4;
  for (const std::string* c : cols) st.Bind(i++, *c);
  st.Bind(i++, now_);
  for (const std::string* c : {&a.happened, &a.entities_json, &a.quotes_json, &a.claims_json}) st.Bind(i++, *c);
  if (st.Step() != SQLITE_ROW) return Error("write " + a.id);
  int64_t seq = st.Int(0);
  if (st.Step() != SQLITE_DONE) return Error("write " + a.id);
  *changed = true;
  if (!*existed) {
    new_rows_ += new_rows_.size() > 1 ? "," : "";
    new_rows_ += std::to_string(seq);
  }
  return IndexEntities(seq, a, !*existed);
}

// Adds the rows inserted since the last call, and (with `listed`) those
// listed as not indexed yet, to the search index.
Status SqliteStore::IndexNewRows(bool listed) {
  IndexBacklog backlog;
  if (Status s = TakeNewRows(&backlog, listed); !s.ok()) return s;
  auto more = IndexSome(&backlog, SIZE_MAX);
  return more.ok() ? Status::Ok() : more.status();
}

Status SqliteStore::TakeNewRows(IndexBacklog* backlog, bool listed) {
  if (Status s = PrepareWriteStatements(); !s.ok()) return s;
  if (listed) {
    ResetOnExit r{take_unindexed_};
    int rc;
    while ((rc = take_unindexed_.Step()) == SQLITE_ROW) backlog->lists.push_back(take_unindexed_.Text(0));
    if (rc != SQLITE_DONE) return Error("read the rows not indexed yet");
  }
  if (new_rows_.size() > 1) {
    backlog->lists.push_back(new_rows_ + "]");
    new_rows_ = "[";
  }
  return Status::Ok();
}

Result<bool> SqliteStore::IndexSome(IndexBacklog* backlog, size_t rows) {
  // Row by row, each an INSERT of one row: a statement that may insert
  // several rows (INSERT .. SELECT) runs inside a statement savepoint, at
  // whose start and end FTS5 writes the terms it holds as a new segment, so
  // an ingest's ~20 batches made ~20 segments for FTS5 to merge. One row at
  // a time, the terms stay in memory up to the 'hashsize' (schema version
  // 4) and are written once, at COMMIT. On the dev ingest: the indexing's
  // CPU 0.79 to 1.24 s against 1.01 to 1.65 s (3 runs each, alternated),
  // the commit no slower; bench_store 2,578 to 2,683 documents/s against
  // 2,390 to 2,576 (4 rounds, alternated); the index one segment (3,678
  // rows of articles_fts_idx instead of 6,211), the same search results.
  size_t done = 0;
  size_t& pos = backlog->pos;
  for (; backlog->list < backlog->lists.size() && done < rows; ++backlog->list, pos = 1) {
    const std::string& seqs = backlog->lists[backlog->list];
    const bool plain = seqs.size() > 2 && seqs.front() == '[' && seqs.back() == ']' &&
                       seqs.find_first_not_of("0123456789,", 1) == seqs.size() - 1;
    if (!plain) {  // not as PutBatch lists them: let SQLite read the JSON
      ResetOnExit r{index_new_};
      index_new_.Bind(1, seqs);
      if (index_new_.Step() != SQLITE_DONE) return Error("index new articles");
      ++done;
      continue;
    }
    while (pos < seqs.size() && done < rows) {
      const size_t end = seqs.find_first_of(",]", pos);
      uint64_t seq = 0;  // (the lists are the store's own; an absurd length only wraps)
      for (size_t i = pos; i < end; ++i) seq = seq * 10 + static_cast<uint64_t>(seqs[i] - '0');
      pos = end + 1;
      ++done;
      ResetOnExit r1{read_text_};
      read_text_.Bind(1, static_cast<int64_t>(seq));
      const int rc = read_text_.Step();
      if (rc == SQLITE_DONE) continue;  // deleted since
      if (rc != SQLITE_ROW) return Error("index new articles");
      ResetOnExit r2{index_one_};
      index_one_.Bind(1, static_cast<int64_t>(seq));
      for (int col = 0; col < 2; ++col) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(read_text_.get(), col));
        const auto size = static_cast<size_t>(sqlite3_column_bytes(read_text_.get(), col));
        index_one_.Bind(col + 2, std::string_view(text ? text : "", text ? size : 0));
      }
      if (index_one_.Step() != SQLITE_DONE) return Error("index new articles");
    }
    if (pos < seqs.size()) return true;  // `rows` reached inside this list
  }
  if (backlog->list < backlog->lists.size()) return true;
  // FTS5 writes the terms it holds as a segment at the start of a savepoint
  // (fts5_main.c, fts5SavepointMethod) as at COMMIT; nothing is added to the
  // index after the backlog, so the commit finds none left and the index is
  // the same one segment, written while other threads work. On the dev
  // ingest that writing takes 0.13 to 0.18 s, and the clustering
  // transaction's COMMIT (with its checkpoint) 0.35 to 0.60 s instead of
  // 0.47 to 0.62 s (3 runs each).
  if (backlog->write_terms && !backlog->lists.empty())
    if (Status s = Exec("SAVEPOINT index_terms; RELEASE index_terms"); !s.ok()) return s;
  *backlog = IndexBacklog();
  return false;
}

Status SqliteStore::ListNewRows() {
  if (new_rows_.size() <= 1) return Status::Ok();
  new_rows_ += "]";
  ResetOnExit r{list_unindexed_};
  list_unindexed_.Bind(1, new_rows_);
  if (list_unindexed_.Step() != SQLITE_DONE) return Error("list new articles");
  new_rows_ = "[";
  return Status::Ok();
}

// The article_entities rows of one article: the ids of its entities,
// queued (WriteEntities).
Status SqliteStore::IndexEntities(int64_t seq, const StoredArticle& a, bool inserted) {
  // A row just inserted has none yet (the rows of a deleted article with
  // the same seq went with it: DeleteArticle). Those of a row updated
  // go first, with any of its rows still queued.
  if (!inserted) {
    if (Status s = WriteEntities(); !s.ok()) return s;
    ResetOnExit r{delete_entities_};
    delete_entities_.Bind(1, seq);
    if (delete_entities_.Step() != SQLITE_DONE) return Error("index entities of " + a.id);
  }
  if (a.entity_ids.empty() && a.entities_json.size() > 2) {  // the ids not at hand: from the JSON
    auto x = ExtractionFromJson({a.entities_json, "[]", "[]"}, "");
    if (!x.ok()) return Status::Invalid(a.id + ": " + x.status().message());
    for (Entity& e : x->entities) entity_rows_.push_back({std::move(e.id), seq, &a.id});
  }
  for (const std::string& id : a.entity_ids) entity_rows_.push_back({id, seq, &a.id});
  return Status::Ok();
}

// Deletes article `id`, its teasers, and their rows in the tables that
// refer to articles (what the schema's ON DELETE CASCADE says; the writer
// runs with foreign keys off, see Init).
Status SqliteStore::DeleteArticle(const std::string& id) {
  std::vector<int64_t> seqs;
  {
    ResetOnExit r{family_};
    family_.Bind(1, id);
    int rc;
    while ((rc = family_.Step()) == SQLITE_ROW) seqs.push_back(family_.Int(0));
    if (rc != SQLITE_DONE) return Error("delete " + id);
  }
  for (int64_t seq : seqs)
    for (Stmt* st : {&delete_entities_, &delete_cluster_, &delete_signature_, &delete_}) {
      ResetOnExit r{*st};
      st->Bind(1, seq);
      if (st->Step() != SQLITE_DONE) return Error("delete " + id);
    }
  return Status::Ok();
}

// Writes the queued article_entities rows in the table's key order. In
// the order of the articles, each row went to a leaf of the (entity, seq)
// b-tree at random (the ids are hashes); these inserts were 2.8% of the dev
// ingest's CPU samples, more than the articles' own rows. Sorted, the
// writer's CPU for writing articles was 0.80 to 0.86 s against 0.81 to
// 1.02 s (bench_store, 9 runs alternated).
Status SqliteStore::WriteEntities() {
  std::sort(entity_rows_.begin(), entity_rows_.end(), [](const EntityRow& x, const EntityRow& y) {
    return x.entity != y.entity ? x.entity < y.entity : x.seq < y.seq;
  });
  Status status;
  for (const EntityRow& row : entity_rows_) {
    ResetOnExit r{insert_entity_};
    insert_entity_.Bind(1, row.entity);
    insert_entity_.Bind(2, row.seq);
    if (insert_entity_.Step() != SQLITE_DONE) {
      status = Error("index entities of " + *row.article);
      break;
    }
  }
  entity_rows_.clear();
  return status;
}

Status SqliteStore::PutBatch(const std::vector<StoredDocument>& docs, std::vector<PutOutcome>* outcomes) {
  outcomes->clear();
  if (Status s = PrepareWriteStatements(); !s.ok()) return s;
  for (const auto& doc : docs) {
    if (doc.empty() || doc[0].kind != "page" || !doc[0].parent_id.empty())
      return Status::Invalid("PutBatch: each document starts with its page");
    for (size_t i = 1; i < doc.size(); ++i)
      if (doc[i].kind != "teaser" || doc[i].parent_id != doc[0].id)
        return Status::Invalid("PutBatch: " + doc[i].id + " is not a teaser of " + doc[0].id);
  }
  now_ = UtcNow();
  new_rows_ = "[";
  entity_rows_.clear();
  {
    ResetOnExit r{begin_};
    if (begin_.Step() != SQLITE_DONE) return Error("begin");
  }
  auto fail = [&](Status s) {
    ResetOnExit r{rollback_};
    rollback_.Step();
    outcomes->clear();
    entity_rows_.clear();
    return s;
  };
  std::unordered_set<std::string_view> keep;
  for (const auto& doc : docs) {
    bool any_changed = false, page_existed = false;
    for (size_t i = 0; i < doc.size(); ++i) {
      bool changed = false, existed = false;
      if (Status s = PutRow(doc[i], &changed, &existed); !s.ok()) return fail(s);
      if (!changed && prepared_) {  // not indexed again: its prepared terms are not needed
        prepared_->Forget(doc[i].title);
        prepared_->Forget(doc[i].body);
      }
      if (i == 0) page_existed = existed;
      any_changed = any_changed || changed;
    }
    // Teasers the page no longer has.
    if (page_existed) {
      keep.clear();
      for (const auto& a : doc) keep.insert(a.id);
      std::vector<std::string> stale;
      {
        ResetOnExit r{children_};
        children_.Bind(1, doc[0].id);
        int rc;
        while ((rc = children_.Step()) == SQLITE_ROW) {
          std::string id = children_.Text(0);
          if (!keep.count(id)) stale.push_back(std::move(id));
        }
        if (rc != SQLITE_DONE) return fail(Error("read teasers of " + doc[0].id));
      }
      // The delete trigger takes their text out of the search index, and
      // DeleteArticle their rows in the other tables (the queued entity
      // rows are written first, so that none of theirs is left behind).
      if (!stale.empty()) {
        if (Status s = IndexNewRows(); !s.ok()) return fail(s);
        if (Status s = WriteEntities(); !s.ok()) return fail(s);
      }
      for (const auto& id : stale) {
        if (Status s = DeleteArticle(id); !s.ok()) return fail(s);
        any_changed = true;
      }
    }
    outcomes->push_back(!page_existed ? PutOutcome::kNew : any_changed ? PutOutcome::kUpdated : PutOutcome::kSkipped);
  }
  if (Status s = WriteEntities(); !s.ok()) return fail(s);
  // The listed rows wait for UpdateClusters (or an update or delete).
  if (Status s = defer_index_ ? ListNewRows() : IndexNewRows(/*listed=*/false); !s.ok()) return fail(s);
  {
    ResetOnExit r{commit_};
    if (commit_.Step() != SQLITE_DONE) {
      Status s = Error("commit");
      return fail(s);
    }
  }
  return Status::Ok();
}

StoredArticle SqliteStore::ReadArticle(const Stmt& s) {
  StoredArticle a;
  std::string* cols[] = {&a.id,           &a.kind,          &a.parent_id,      &a.input,          &a.locator,
                         &a.url,          &a.outlet,        &a.title,          &a.body,           &a.author,
                         &a.published_date, &a.published_kind, &a.published_text, &a.date,        &a.fetched_at,
                         &a.flags_json,   &a.keywords_json, &a.agencies_json,  &a.language,       &a.warnings_json,
                         &a.content_hash, &a.ingested_at,  &a.happened,       &a.entities_json,  &a.quotes_json,
                         &a.claims_json};
  int i = 0;
  for (std::string* c : cols) *c = s.Text(i++);
  if (sqlite3_column_type(s.get(), i) != SQLITE_NULL) a.event_id = s.Int(i);
  a.dup_of = s.Text(i + 1);
  return a;
}

Result<std::optional<StoredArticle>> SqliteStore::Get(std::string_view id) {
  if (!get_.get()) {
    std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles WHERE id = ?1";
    if (get_.Prepare(db_, sql.c_str()) != SQLITE_OK) return Error("prepare");
  }
  ResetOnExit r{get_};
  get_.Bind(1, id);
  int rc = get_.Step();
  if (rc == SQLITE_DONE) return std::optional<StoredArticle>();
  if (rc != SQLITE_ROW) return Error("read");
  return std::optional<StoredArticle>(ReadArticle(get_));
}

Result<std::vector<SearchHit>> SqliteStore::Search(const SearchQuery& q) {
  auto fts = store::TranslateQuery(q.text);
  if (!fts.ok()) return fts.status();
  std::string from, to;
  for (auto [in, out, name] : {std::tuple{&q.from, &from, "from"}, std::tuple{&q.to, &to, "to"}}) {
    if (in->empty()) continue;
    auto d = ParseIsoDate(*in);
    if (!d) return Status::Invalid(std::string("--") + name + " " + *in + ": expected a date YYYY-MM-DD");
    *out = d->ToIso();
  }
  if (q.limit == 0 || q.limit > 1000) return Status::Invalid("limit must be 1..1000");
  if (q.snippet_tokens == 0 || q.snippet_tokens > 64) return Status::Invalid("snippet_tokens must be 1..64");
  // FTS5 returns rows in rank order itself (ORDER BY rank), so auxiliary
  // functions run only for the rows that pass the filters, up to LIMIT. The
  // rank is kRank (akhbar_bm25, fts_rank.cc: bm25 with the rows' sizes kept
  // in memory by a read-only connection).
  static constexpr const char* kSql =
      "SELECT a.id, a.kind, highlight(articles_fts, 0, ?2, ?3), a.outlet, a.date, "
      "akhbar_snippet(articles_fts, 1, ?2, ?3, '…', ?4), rank "
      "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
      "WHERE articles_fts MATCH ?1 AND rank MATCH ?10 AND (?5 IS NULL OR a.date >= ?5) AND (?6 IS NULL OR a.date <= ?6) "
      "AND (?7 IS NULL OR a.outlet = ?7) "
      "AND (?9 IS NULL OR a.seq IN (SELECT seq FROM article_entities WHERE entity_id = ?9)) ORDER BY rank LIMIT ?8";
  Stmt& s = search_;
  if (!s.get() && s.Prepare(db_, kSql) != SQLITE_OK) return Error("prepare search");
  ResetOnExit reset{s};
  s.Bind(1, *fts);
  s.Bind(2, q.mark_open);
  s.Bind(3, q.mark_close);
  s.Bind(4, static_cast<int64_t>(q.snippet_tokens));
  s.BindNullable(5, from);
  s.BindNullable(6, to);
  s.BindNullable(7, q.outlet);
  s.Bind(8, static_cast<int64_t>(q.limit));
  s.BindNullable(9, q.entity);
  s.Bind(10, std::string_view(kRank));
  std::vector<SearchHit> hits;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    SearchHit h;
    h.id = s.Text(0);
    h.kind = s.Text(1);
    h.title = s.Text(2);
    h.outlet = s.Text(3);
    h.date = s.Text(4);
    h.snippet = s.Text(5);
    h.score = s.Double(6);
    hits.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return Error("search");
  return hits;
}

Status SqliteStore::ForEach(const std::function<bool(const StoredArticle&)>& fn) {
  // One read transaction: a consistent snapshot even while a writer commits.
  if (Status st = Exec("BEGIN"); !st.ok()) return st;
  std::string sql = std::string("SELECT ") + kArticleColumns + " FROM articles ORDER BY id";
  Stmt s;
  if (s.Prepare(db_, sql.c_str()) != SQLITE_OK) {
    Status e = Error("prepare");
    Exec("ROLLBACK");
    return e;
  }
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    if (!fn(ReadArticle(s))) {
      rc = SQLITE_DONE;
      break;
    }
  }
  Status result = rc == SQLITE_DONE ? Status::Ok() : Error("read");
  s.Finalize();
  Exec("COMMIT");
  return result;
}

Result<StoreStats> SqliteStore::Stats() {
  StoreStats st;
  st.schema_version = kSchemaVersion;
  if (Status e = Exec("BEGIN"); !e.ok()) return e;
  struct Query {
    const char* sql;
    std::vector<std::pair<std::string, size_t>>* out;
  } const kQueries[] = {
      {"SELECT kind, count(*) FROM articles GROUP BY kind", nullptr},
      {"SELECT outlet, count(*) FROM articles WHERE kind = 'page' GROUP BY outlet ORDER BY outlet", &st.per_outlet},
      {"SELECT date, count(*) FROM articles WHERE kind = 'page' GROUP BY date ORDER BY date", &st.per_day},
  };
  for (const auto& q : kQueries) {
    Stmt s;
    if (s.Prepare(db_, q.sql) != SQLITE_OK) {
      Status e = Error("prepare");
      Exec("ROLLBACK");
      return e;
    }
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      std::string key = s.Text(0);
      auto n = static_cast<size_t>(s.Int(1));
      if (q.out) {
        q.out->emplace_back(std::move(key), n);
      } else if (key == "page") {
        st.pages = n;
      } else {
        st.teasers = n;
      }
    }
    if (rc != SQLITE_DONE) {
      Status e = Error("read");
      Exec("ROLLBACK");
      return e;
    }
  }
  Exec("COMMIT");
  return st;
}

}  // namespace store

int StoreSchemaVersion() { return store::kSchemaVersion; }

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const StoreOptions& options) {
  if (options.read_only) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such store");
  }
  // Before SQLite's first use: no memory statistics, whose global mutex
  // every allocation of every connection takes (a server runs many readers).
  // https://www.sqlite.org/c3ref/c_config_covering_index_scan.html
  static const int kConfigured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kConfigured;  // SQLITE_MISUSE when the program initialized SQLite before: harmless
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  // A writer's WAL writes go through WalBufferingVfs: fewer system calls.
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, options.read_only ? nullptr : store::WalBufferingVfs());
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::Io(path + ": cannot open: " + msg);
  }
  auto store = std::make_unique<store::SqliteStore>(db, path);
  if (Status s = store->Init(options); !s.ok()) return s;
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace akhbar
