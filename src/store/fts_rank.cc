// akhbar_bm25(table, w_title, w_body): FTS5's bm25() ranking, with the
// documents' token counts kept in memory on read-only connections.
//
// The built-in bm25() asks xColumnSize for every row that matches, a B-tree
// lookup in the table's docsize shadow table each time: about a tenth of a
// search's cost on news terms that match thousands of articles. A read-only
// connection (akhbar serve's) keeps each row's count once read, until the
// file's data version moves (a commit); a writable connection asks every
// time.
//
// The score is Okapi BM25 as FTS5 documents it
// (https://www.sqlite.org/fts5.html#the_bm25_function):
//   -sum_i IDF(q_i) * f(q_i, D) * (k1 + 1) / (f(q_i, D) + k1 * (1 - b + b * |D| / avgdl))
// with k1 = 1.2, b = 0.75, IDF(q) = ln((N - n(q) + 0.5) / (n(q) + 0.5)) kept
// positive (a term in more than half the rows gets a small positive weight,
// 1e-6, as in FTS5), f(q, D) the matches of phrase q in D each counted with
// its column's weight, |D| the row's tokens in all columns and avgdl the
// mean of |D|. The same arithmetic as bm25(), so the order of results is
// the same (tested against it in store_test.cc).
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "store/fts_tokenizer.h"

namespace akhbar::store {
namespace {

// Per connection (no statement of its own: one left unfinalized would keep
// sqlite3_close from closing the connection, and this state with it).
struct RankState {
  sqlite3* db = nullptr;
  bool read_only = false;
  int64_t version = -1;
  std::vector<int32_t> sizes;  // by rowid; -1: not read yet
};

// Per query (FTS5 auxiliary data, dropped with the query).
struct QueryState {
  std::vector<double> idf;  // by phrase
  double avgdl = 1;
  std::vector<double> freq;  // by phrase, for the current row
};

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* user) {
  ++*static_cast<int64_t*>(user);
  return SQLITE_OK;
}

// The per-query state, made on the query's first row; nullptr on error.
QueryState* Prepare(const Fts5ExtensionApi* api, Fts5Context* fts, RankState* conn, int* rc) {
  if (auto* q = static_cast<QueryState*>(api->xGetAuxdata(fts, 0))) return q;
  auto* q = new QueryState();
  sqlite3_int64 rows = 0, tokens = 0;
  *rc = api->xRowCount(fts, &rows);
  if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &tokens);
  const int phrases = api->xPhraseCount(fts);
  q->idf.assign(static_cast<size_t>(phrases), 0);
  q->freq.assign(static_cast<size_t>(phrases), 0);
  if (*rc == SQLITE_OK) q->avgdl = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1;
  for (int i = 0; i < phrases && *rc == SQLITE_OK; ++i) {
    int64_t hits = 0;
    *rc = api->xQueryPhrase(fts, i, &hits, CountRow);
    double idf = std::log((static_cast<double>(rows) - static_cast<double>(hits) + 0.5) /
                          (static_cast<double>(hits) + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    q->idf[static_cast<size_t>(i)] = idf;
  }
  if (*rc == SQLITE_OK && conn->read_only) {
    // A change to the file since the counts were read: forget them.
    // SQLITE_FCNTL_DATA_VERSION (https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html)
    // moves with every commit, by this connection or another.
    unsigned int v = 0;
    if (sqlite3_file_control(conn->db, "main", SQLITE_FCNTL_DATA_VERSION, &v) == SQLITE_OK) {
      if (static_cast<int64_t>(v) != conn->version) conn->sizes.clear();
      conn->version = static_cast<int64_t>(v);
    } else {
      conn->sizes.clear();
      conn->version = -1;
    }
  }
  if (*rc == SQLITE_OK) *rc = api->xSetAuxdata(fts, q, [](void* p) { delete static_cast<QueryState*>(p); });
  if (*rc != SQLITE_OK) {
    // xSetAuxdata calls the destructor itself when it fails.
    return nullptr;
  }
  return q;
}

// |D|: all columns' tokens of the current row.
int RowSize(const Fts5ExtensionApi* api, Fts5Context* fts, RankState* conn, int* size) {
  if (!conn->read_only) return api->xColumnSize(fts, -1, size);
  const sqlite3_int64 rowid = api->xRowid(fts);
  constexpr sqlite3_int64 kMaxCached = sqlite3_int64{1} << 26;  // rowids are dense from 1
  if (rowid < 0 || rowid >= kMaxCached) return api->xColumnSize(fts, -1, size);
  const auto at = static_cast<size_t>(rowid);
  if (at >= conn->sizes.size()) conn->sizes.resize(std::max(at + 1, conn->sizes.size() * 2), -1);
  if (conn->sizes[at] < 0) {
    int n = 0;
    if (int rc = api->xColumnSize(fts, -1, &n); rc != SQLITE_OK) return rc;
    conn->sizes[at] = n;
  }
  *size = conn->sizes[at];
  return SQLITE_OK;
}

void Bm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* out, int argc, sqlite3_value** argv) {
  constexpr double k1 = 1.2, b = 0.75;
  auto* conn = static_cast<RankState*>(api->xUserData(fts));
  int rc = SQLITE_OK;
  QueryState* q = Prepare(api, fts, conn, &rc);
  if (!q) {
    sqlite3_result_error_code(out, rc == SQLITE_OK ? SQLITE_NOMEM : rc);
    return;
  }
  std::fill(q->freq.begin(), q->freq.end(), 0.0);
  int count = 0;
  rc = api->xInstCount(fts, &count);
  for (int i = 0; rc == SQLITE_OK && i < count; ++i) {
    int phrase = 0, column = 0, offset = 0;
    rc = api->xInst(fts, i, &phrase, &column, &offset);
    if (rc == SQLITE_OK && phrase >= 0 && static_cast<size_t>(phrase) < q->freq.size())
      q->freq[static_cast<size_t>(phrase)] += column < argc ? sqlite3_value_double(argv[column]) : 1.0;
  }
  int size = 0;
  if (rc == SQLITE_OK) rc = RowSize(api, fts, conn, &size);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(out, rc);
    return;
  }
  double score = 0.0;
  const double d = static_cast<double>(size);
  for (size_t i = 0; i < q->freq.size(); ++i) {
    const double f = q->freq[i];
    score += q->idf[i] * (f * (k1 + 1.0)) / (f + k1 * (1 - b + b * d / q->avgdl));
  }
  sqlite3_result_double(out, -1.0 * score);
}

}  // namespace

Status RegisterRankFunction(fts5_api* api, sqlite3* db) {
  auto* state = new RankState();
  state->db = db;
  state->read_only = sqlite3_db_readonly(db, "main") == 1;
  int rc = api->xCreateFunction(api, "akhbar_bm25", state, Bm25, [](void* p) { delete static_cast<RankState*>(p); });
  if (rc != SQLITE_OK) return Status::Io(std::string("cannot register akhbar_bm25: ") + sqlite3_errstr(rc));
  return Status::Ok();
}

}  // namespace akhbar::store
