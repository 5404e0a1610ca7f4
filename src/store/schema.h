// Internal: the SQLite schema of the store, as numbered migrations.
//
// Migration N (1-based) brings a file at user_version N-1 to N. A migration
// is never edited once released: a change is a new migration appended here.
// The file is marked with PRAGMA application_id = kApplicationId.
//
// Schema (version 1):
//   meta(key, value)                 created_by, created_at
//   articles(seq INTEGER PRIMARY KEY -- internal rowid of the FTS index,
//                                       never exposed (ids are global)
//            id TEXT UNIQUE, kind, parent_id -> articles(id), ... see
//            StoredArticle in akhbar/store.h for the columns)
//   articles_fts                     FTS5 over (title, body), external
//                                    content = articles, tokenizer 'akhbar',
//                                    rank = bm25(3.0, 1.0); kept in step by
//                                    triggers on articles.
//
// Version 2 (extraction and clustering):
//   articles += happened (the day the reported happening took place, or ''),
//               entities, quotes, claims (JSON arrays in the `akhbar analyze`
//               schema, code point offsets into body)
//   clusters(seq, event_id, dup_of)  an article's event once clustered, and
//                                    the representative of its near-
//                                    duplicate group (NULL when alone); a
//                                    narrow table so that clustering never
//                                    rewrites the article rows
//   article_entities(entity_id, seq)  which articles mention an entity
//   signatures(seq, minhash, shingles) MinHash signature of a clustered article
//   duplicates(id_a, id_b, jaccard)   near-duplicate pairs (id_a < id_b)
//   events(id, storyline_id, date, last_date, headline, articles, outlets,
//          summary)                   one row per event; summary is the JSON
//                                     EventSummary (akhbar/storylines.h)
//   storylines(id, title, first_date, last_date, events, articles, detail)
//   cluster_state(name, version, data) the event clusterer's state (binary,
//                                     own magic and version)
//
// Version 3 (bulk indexing): the insert trigger articles_ai is gone; the
// store adds the new rows of a batch to articles_fts itself, with one
// INSERT .. SELECT at the end of the batch (SqliteStore::PutBatch). FTS5
// (SQLite 3.40) writes its pending terms out as a new index segment at
// every statement savepoint, so the trigger wrote one segment per article
// (each later merged) instead of one per batch. Updates and deletes keep
// their triggers (articles_au, articles_ad).
#pragma once

#include <cstdint>

namespace akhbar::store {

inline constexpr int32_t kApplicationId = 0x616B6862;  // "akhb"

inline constexpr const char* kMigrations[] = {
    // 1: articles, their search index, meta.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles(
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('page', 'teaser')),
  parent_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
  input TEXT NOT NULL,
  locator TEXT NOT NULL,
  url TEXT NOT NULL,
  outlet TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL,
  published_date TEXT NOT NULL,
  published_kind TEXT NOT NULL,
  published_text TEXT NOT NULL,
  date TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  flags TEXT NOT NULL,
  keywords TEXT NOT NULL,
  agencies TEXT NOT NULL,
  language TEXT NOT NULL,
  warnings TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  CHECK ((kind = 'page') = (parent_id IS NULL))
);
CREATE INDEX articles_parent ON articles(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet, date);
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, body, content='articles', content_rowid='seq', tokenize='akhbar');
INSERT INTO articles_fts(articles_fts, rank) VALUES('rank', 'bm25(3.0, 1.0)');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
  INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
END;
)sql",
    // 2: extraction results and clustering.
    R"sql(
ALTER TABLE articles ADD COLUMN happened TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN entities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN quotes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN claims TEXT NOT NULL DEFAULT '[]';
CREATE TABLE clusters(
  seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
  event_id INTEGER NOT NULL,
  dup_of TEXT
);
CREATE INDEX clusters_event ON clusters(event_id);
CREATE TABLE article_entities(
  entity_id TEXT NOT NULL,
  seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
  PRIMARY KEY (entity_id, seq)
) WITHOUT ROWID;
CREATE INDEX article_entities_seq ON article_entities(seq);
CREATE TABLE signatures(
  seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
  minhash BLOB NOT NULL,
  shingles BLOB NOT NULL
);
CREATE TABLE duplicates(
  id_a TEXT NOT NULL,
  id_b TEXT NOT NULL,
  jaccard REAL NOT NULL,
  PRIMARY KEY (id_a, id_b)
) WITHOUT ROWID;
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  storyline_id INTEGER,
  date TEXT NOT NULL,
  last_date TEXT NOT NULL,
  headline TEXT NOT NULL,
  articles INTEGER NOT NULL,
  outlets INTEGER NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX events_storyline ON events(storyline_id);
CREATE TABLE storylines(
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  first_date TEXT NOT NULL,
  last_date TEXT NOT NULL,
  events INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  detail TEXT NOT NULL
);
CREATE TABLE cluster_state(name TEXT PRIMARY KEY, version INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;
)sql",
    // 3: new rows are indexed by the store, once per batch.
    R"sql(
DROP TRIGGER articles_ai;
)sql",
    // 4: the search index gathers up to 64 MiB of new terms in memory
    // before writing a segment (FTS5's 'hashsize', 1 MiB by default), so
    // that a batch of new articles makes one segment instead of a few and
    // FTS5 merges less: 14% less CPU for writing the dev corpus's articles
    // (bench_store's "writing articles", 3.39 to 3.44 s against 3.91 to
    // 4.06 s), the same search latency. A persistent setting of the index,
    // stored like the documented ones
    // (https://www.sqlite.org/fts5.html#fts5_configuration_options) but
    // listed only in FTS5's source (fts5_config.c); SQLite 3.40 has it.
    //
    // And a durable list of the rows stored but not indexed for search yet
    // (the seqs of one batch as a JSON array per row): an ingest that
    // clusters indexes its new rows during the clustering, on a core the
    // event clusterer leaves idle, instead of in every batch; a writer
    // indexes whatever is listed before it updates or deletes an article,
    // and opening the store for writing, when no other writer holds the
    // lock, indexes what a killed ingest left.
    R"sql(
INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 67108864);
CREATE TABLE unindexed(batch INTEGER PRIMARY KEY, seqs TEXT NOT NULL);
)sql",
};

inline constexpr int kSchemaVersion = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

}  // namespace akhbar::store
