// The read queries `akhbar serve` needs beyond the Store basics: a storyline
// by id, a filtered page of storylines, the articles of an event or of an
// entity, the storylines of an entity, article counts and the data version. Every statement is prepared with
// bound parameters and reads through the indexes of schema version 2
// (clusters_event, article_entities, articles_outlet, events_storyline).
#include <ctime>  // sqlite_internal.h uses std::time without including it
#include <string>
#include <tuple>

#include "akhbar/dates.h"
#include "store/query.h"
#include "store/sqlite_internal.h"

namespace akhbar::store {

Result<std::optional<StorylineRow>> SqliteStore::Storyline(int64_t id) {
  Stmt s;
  if (s.Prepare(db_, (std::string("SELECT ") + kStorylineColumns + " FROM storylines WHERE id = ?1").c_str()) !=
      SQLITE_OK)
    return Error("prepare");
  s.Bind(1, id);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<StorylineRow>();
  if (rc != SQLITE_ROW) return Error("read storyline");
  return std::optional<StorylineRow>(ReadStorylineRow(s));
}

StorylineRow ReadStorylineRow(const Stmt& s) {
  StorylineRow r;
  r.id = s.Int(0);
  r.title = s.Text(1);
  r.first_date = s.Text(2);
  r.last_date = s.Text(3);
  r.events = static_cast<size_t>(s.Int(4));
  r.articles = static_cast<size_t>(s.Int(5));
  r.detail_json = s.Text(6);
  return r;
}

namespace {

// Runs `sql` (binding `bind` as ?1) and hands each article row to fn inside
// one read transaction, so that the rows come from one snapshot.
template <typename BindFn>
Status ArticleRows(sqlite3* db, const std::string& sql, const BindFn& bind,
                   const std::function<bool(const StoredArticle&)>& fn,
                   StoredArticle (*read)(const Stmt&), const std::function<Status(std::string_view)>& error) {
  if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) return error("begin");
  // Ends the read transaction however the scan ends (fn may throw).
  struct EndRead {
    sqlite3* db;
    ~EndRead() { sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr); }
  } end_read{db};
  Status result;
  {
    Stmt s;
    if (s.Prepare(db, sql.c_str()) != SQLITE_OK) {
      result = error("prepare");
    } else {
      bind(s);
      int rc;
      while ((rc = s.Step()) == SQLITE_ROW) {
        if (!fn(read(s))) {
          rc = SQLITE_DONE;
          break;
        }
      }
      if (rc != SQLITE_DONE) result = error("read articles");
    }
  }
  return result;
}

}  // namespace

Status SqliteStore::ForEachArticleOfEvent(int64_t event_id, const std::function<bool(const StoredArticle&)>& fn) {
  std::string sql = std::string("SELECT ") + kArticleColumns +
                    " FROM articles WHERE seq IN (SELECT seq FROM clusters WHERE event_id = ?1) "
                    "ORDER BY date = '', date, id";
  return ArticleRows(
      db_, sql, [&](Stmt& s) { s.Bind(1, event_id); }, fn, &SqliteStore::ReadArticle,
      [this](std::string_view what) { return Error(what); });
}

Status SqliteStore::ForEachArticleOfEntity(std::string_view entity_id,
                                           const std::function<bool(const StoredArticle&)>& fn) {
  std::string sql = std::string("SELECT ") + kArticleColumns +
                    " FROM articles WHERE seq IN (SELECT seq FROM article_entities WHERE entity_id = ?1) "
                    "ORDER BY date = '', date, id";
  return ArticleRows(
      db_, sql, [&](Stmt& s) { s.Bind(1, entity_id); }, fn, &SqliteStore::ReadArticle,
      [this](std::string_view what) { return Error(what); });
}

namespace {

Result<std::vector<int64_t>> Ids(Stmt& s, const std::function<Status(std::string_view)>& error) {
  std::vector<int64_t> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(s.Int(0));
  if (rc != SQLITE_DONE) return error("read storylines");
  return out;
}

}  // namespace

Result<std::vector<int64_t>> SqliteStore::StorylinesWithEntity(std::string_view entity_id) {
  Stmt s;
  if (s.Prepare(db_,
                "SELECT DISTINCT e.storyline_id FROM article_entities ae JOIN clusters c ON c.seq = ae.seq "
                "JOIN events e ON e.id = c.event_id WHERE ae.entity_id = ?1 AND e.storyline_id IS NOT NULL "
                "ORDER BY 1") != SQLITE_OK)
    return Error("prepare");
  s.Bind(1, entity_id);
  return Ids(s, [this](std::string_view what) { return Error(what); });
}

Result<std::vector<StorylineRow>> SqliteStore::ListStorylines(const StorylineFilter& filter, size_t limit,
                                                              size_t offset, size_t* total) {
  // Two steps: the matching ids in order (reading the narrow columns only;
  // `detail`, the large one, is last in the row and stays unread), then the
  // rows of the requested page.
  static constexpr const char* kMatching =
      "SELECT id FROM storylines WHERE "
      "(?1 IS NULL OR id IN (SELECT e.storyline_id FROM article_entities ae JOIN clusters c ON c.seq = ae.seq "
      "JOIN events e ON e.id = c.event_id WHERE ae.entity_id = ?1)) AND "
      "(?2 IS NULL OR id IN (SELECT e.storyline_id FROM articles a JOIN clusters c ON c.seq = a.seq "
      "JOIN events e ON e.id = c.event_id WHERE a.outlet = ?2)) AND "
      "(?3 IS NULL OR (first_date <> '' AND last_date >= ?3)) AND "
      "(?4 IS NULL OR (first_date <> '' AND first_date <= ?4)) "
      "ORDER BY articles DESC, id";
  if (Status st = Exec("BEGIN"); !st.ok()) return st;
  struct EndRead {
    SqliteStore* self;
    ~EndRead() { self->Exec("COMMIT"); }
  } end_read{this};
  std::vector<int64_t> page;
  {
    Stmt s;
    if (s.Prepare(db_, kMatching) != SQLITE_OK) return Error("prepare");
    s.BindNullable(1, filter.entity);
    s.BindNullable(2, filter.outlet);
    s.BindNullable(3, filter.from);
    s.BindNullable(4, filter.to);
    size_t n = 0;
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      if (n >= offset && page.size() < limit) page.push_back(s.Int(0));
      ++n;
    }
    if (rc != SQLITE_DONE) return Error("read storylines");
    if (total) *total = n;
  }
  std::vector<StorylineRow> out;
  for (int64_t id : page) {
    auto row = Storyline(id);
    if (!row.ok()) return row.status();
    if (*row) out.push_back(std::move(**row));
  }
  return out;
}

Result<std::pair<size_t, size_t>> SqliteStore::CountArticles() {
  // All rows through the smallest index, teasers through the partial index
  // on parent_id (a teaser is the only kind with a parent).
  Stmt s;
  if (s.Prepare(db_, "SELECT (SELECT count(*) FROM articles), "
                     "(SELECT count(*) FROM articles WHERE parent_id IS NOT NULL)") != SQLITE_OK)
    return Error("prepare");
  if (s.Step() != SQLITE_ROW) return Error("count articles");
  const auto all = static_cast<size_t>(s.Int(0)), teasers = static_cast<size_t>(s.Int(1));
  return std::pair<size_t, size_t>(all - teasers, teasers);
}

Result<int64_t> SqliteStore::DataVersion() {
  if (!data_version_.get() && data_version_.Prepare(db_, "PRAGMA data_version") != SQLITE_OK)
    return Error("PRAGMA data_version");
  ResetOnExit reset{data_version_};
  if (data_version_.Step() != SQLITE_ROW) return Error("PRAGMA data_version");
  return data_version_.Int(0);
}

}  // namespace akhbar::store
