// Store::UpdateClusters and the read side of clustering (contract in
// akhbar/store.h; tables in store/schema.h, version 2).
//
// UpdateClusters, in one write transaction:
//  1. resumes the event clusterer from cluster_state and rebuilds the
//     near-duplicate index from the stored signatures, in the order the
//     articles were clustered (the order is the clusterer's article list), so
//     that a resumed run decides exactly as one long run would;
//  2. reads the articles with event_id NULL, computes their features and
//     signatures, sorts them in time order (events::MakeOrderKey) and adds
//     them one by one: near-duplicate pairs and groups, then the event;
//  3. recomputes the summaries of the events that gained articles
//     (stories::SummarizeEvent) and links every event into storylines
//     (stories::LinkStorylines; the summaries of unchanged events are read
//     back from events.summary);
//  4. writes the clusterer state back.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <unordered_map>

#include "akhbar/events.h"
#include "akhbar/neardup.h"
#include "akhbar/signature.h"
#include "akhbar/storylines.h"
#include "core/embedded.h"
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

struct Pending {
  int64_t seq = 0;
  std::string id;
  events::OrderKey key;
  events::ArticleFeatures features;
  Signature signature;
};

std::optional<CivilDate> Day(const std::string& s) { return s.empty() ? std::nullopt : ParseIsoDate(s); }

}  // namespace

Status SqliteStore::Transaction(const std::function<Status()>& body) {
  if (Status s = Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Status s = body();
  if (s.ok()) s = Exec("COMMIT");
  if (!s.ok()) Exec("ROLLBACK");
  return s;
}

Status SqliteStore::UpdateClusters(ClusterCounts* counts) {
  *counts = ClusterCounts{};
  if (read_only_) return Status::Invalid(path_ + ": opened read-only");
  return Transaction([&] { return ClusterPending(counts); });
}

Status SqliteStore::ClusterPending(ClusterCounts* counts) {
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  auto lap = [&t0] {
    auto t = Clock::now();
    double s = std::chrono::duration<double>(t - t0).count();
    t0 = t;
    return s;
  };
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
  NearDupIndex neardup;
  {
    std::unordered_map<std::string, Signature> sigs;
    Stmt s;
    if (s.Prepare(db_, "SELECT a.id, s.minhash, s.shingles FROM signatures s JOIN articles a ON a.seq = s.seq") !=
        SQLITE_OK)
      return Error("prepare");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      Signature sig;
      sig.minhash = FromBlob<uint32_t>(BlobView(s, 1));
      sig.shingles = FromBlob<uint32_t>(BlobView(s, 2));
      sigs.emplace(s.Text(0), std::move(sig));
    }
    if (rc != SQLITE_DONE) return Error("read signatures");
    for (const auto& id : state.article_ids) {
      auto it = sigs.find(id);
      if (it == sigs.end() || it->second.shingles.empty()) continue;
      auto added = neardup.Add(DocId(id), it->second);
      if (!added.ok()) return Status::Invalid(path_ + ": signature of " + id + ": " + added.status().message());
    }
  }
  events::EventClusterer clusterer = events::EventClusterer::FromState(std::move(state));

  // 2. The articles not clustered yet, in time order.
  std::vector<Pending> pending;
  {
    Stmt s;
    if (s.Prepare(db_,
                  "SELECT seq, id, title, body, date, fetched_at, entities FROM articles WHERE event_id IS NULL") !=
        SQLITE_OK)
      return Error("prepare");
    int rc;
    std::vector<events::TermId> entity_ids;
    while ((rc = s.Step()) == SQLITE_ROW) {
      Pending p;
      p.seq = s.Int(0);
      p.id = s.Text(1);
      std::string title = s.Text(2), body = s.Text(3), fetched = s.Text(5);
      std::optional<CivilDate> date = Day(s.Text(4));
      entity_ids.clear();
      ClusterGazetteer().Find(title, &entity_ids);
      size_t lead = std::min<size_t>(body.size(), kLeadBytes);
      ClusterGazetteer().Find(std::string_view(body).substr(0, lead), &entity_ids);
      auto x = ExtractionFromJson({s.Text(6), "[]", "[]"}, body);
      if (x.ok())
        for (const auto& e : x->entities)
          for (const auto& m : e.mentions)
            if (m.begin < kLeadBytes) {
              entity_ids.push_back(events::EntityId(e.id));
              break;
            }
      p.features = events::ExtractFeatures(p.id, title, body, date, entity_ids);
      p.key = events::MakeOrderKey(date, fetched, p.id);
      ComputeSignature(title + "\n" + body, SignatureOptions{}, &p.signature);
      pending.push_back(std::move(p));
    }
    if (rc != SQLITE_DONE) return Error("read unclustered articles");
  }
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) { return a.key < b.key; });
  counts->load_seconds = lap();

  Stmt set_event, set_dup, put_sig, put_pair;
  if (set_event.Prepare(db_, "UPDATE articles SET event_id = ?2 WHERE seq = ?1") != SQLITE_OK ||
      set_dup.Prepare(db_, "UPDATE articles SET dup_of = ?2 WHERE id = ?1") != SQLITE_OK ||
      put_sig.Prepare(db_, "INSERT OR REPLACE INTO signatures(seq, minhash, shingles) VALUES (?1, ?2, ?3)") !=
          SQLITE_OK ||
      put_pair.Prepare(db_, "INSERT OR REPLACE INTO duplicates(id_a, id_b, jaccard) VALUES (?1, ?2, ?3)") != SQLITE_OK)
    return Error("prepare");
  const size_t events_before = clusterer.state().events.size();
  std::set<uint32_t> changed;
  for (const Pending& p : pending) {
    if (!p.signature.shingles.empty() && !neardup.Contains(DocId(p.id))) {
      auto r = neardup.Add(DocId(p.id), p.signature);
      if (!r.ok()) return Status::Invalid(p.id + ": " + r.status().message());
      for (const auto& m : r->matches) {
        const std::string& other = m.id.str();
        ResetOnExit reset{put_pair};
        put_pair.Bind(1, std::min(other, p.id));
        put_pair.Bind(2, std::max(other, p.id));
        sqlite3_bind_double(put_pair.get(), 3, m.jaccard);
        if (put_pair.Step() != SQLITE_DONE) return Error("write duplicates");
        ++counts->duplicates;
      }
      if (!r->matches.empty()) {
        // Every member of the group now names its representative.
        const std::string rep = r->representative.str();
        for (const DocId& member : neardup.Group(r->representative)) {
          ResetOnExit reset{set_dup};
          set_dup.Bind(1, member.str());
          set_dup.Bind(2, rep);
          if (set_dup.Step() != SQLITE_DONE) return Error("write duplicate groups");
        }
      }
      ResetOnExit reset{put_sig};
      put_sig.Bind(1, p.seq);
      std::string_view mh = ToBlob(p.signature.minhash), sh = ToBlob(p.signature.shingles);
      sqlite3_bind_blob(put_sig.get(), 2, mh.data(), static_cast<int>(mh.size()), SQLITE_STATIC);
      sqlite3_bind_blob(put_sig.get(), 3, sh.data(), static_cast<int>(sh.size()), SQLITE_STATIC);
      if (put_sig.Step() != SQLITE_DONE) return Error("write signatures");
    }
    events::Assignment a = clusterer.Add(p.features);
    changed.insert(a.event);
    ResetOnExit reset{set_event};
    set_event.Bind(1, p.seq);
    set_event.Bind(2, static_cast<int64_t>(a.event));
    if (set_event.Step() != SQLITE_DONE) return Error("write events of articles");
  }
  counts->clustered = pending.size();
  counts->new_events = clusterer.state().events.size() - events_before;
  counts->changed_events = changed.size();
  counts->assign_seconds = lap();

  // 3. Summaries of the changed events, then storylines over all events.
  if (Status s = SummarizeEvents(changed); !s.ok()) return s;
  counts->summary_seconds = lap();
  if (Status s = RelinkStorylines(counts); !s.ok()) return s;
  counts->storyline_seconds = lap();

  // 4. The clusterer's state.
  Stmt put_state;
  if (put_state.Prepare(db_, "INSERT OR REPLACE INTO cluster_state(name, version, data) VALUES (?1, ?2, ?3)") !=
      SQLITE_OK)
    return Error("prepare");
  std::string blob = EncodeEventState(clusterer.state());
  put_state.Bind(1, std::string_view(kStateName));
  put_state.Bind(2, static_cast<int64_t>(events::EventState::kVersion));
  sqlite3_bind_blob(put_state.get(), 3, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
  if (put_state.Step() != SQLITE_DONE) return Error("write cluster state");
  counts->events = clusterer.state().events.size();
  return Status::Ok();
}

Status SqliteStore::SummarizeEvents(const std::set<uint32_t>& changed) {
  Stmt members, put;
  if (members.Prepare(db_,
                      "SELECT id, outlet, title, body, published_date, fetched_at, happened, dup_of, entities, "
                      "quotes, claims FROM articles WHERE event_id = ?1 ORDER BY id") != SQLITE_OK ||
      put.Prepare(db_,
                  "INSERT INTO events(id, storyline_id, date, last_date, headline, articles, outlets, summary) "
                  "VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET date = ?2, "
                  "last_date = ?3, headline = ?4, articles = ?5, outlets = ?6, summary = ?7") != SQLITE_OK)
    return Error("prepare");
  std::vector<stories::ArticleView> views;
  for (uint32_t event : changed) {
    views.clear();
    ResetOnExit reset_members{members};
    members.Bind(1, static_cast<int64_t>(event));
    int rc;
    while ((rc = members.Step()) == SQLITE_ROW) {
      stories::ArticleView v;
      v.id = members.Text(0);
      v.outlet = members.Text(1);
      v.title = members.Text(2);
      v.body = members.Text(3);
      v.published = Day(members.Text(4));
      std::string fetched = members.Text(5);
      if (fetched.size() >= 10) v.fetched = ParseIsoDate(std::string_view(fetched).substr(0, 10));
      v.happened = Day(members.Text(6));
      v.dup_group = members.Text(7);
      if (v.dup_group.empty()) v.dup_group = v.id;
      auto x = ExtractionFromJson({members.Text(8), members.Text(9), members.Text(10)}, v.body);
      if (!x.ok()) return Status::Invalid(path_ + ": " + v.id + ": " + x.status().message());
      v.entities = std::move(x->entities);
      v.quotes = std::move(x->quotes);
      v.claims = std::move(x->claims);
      views.push_back(std::move(v));
    }
    if (rc != SQLITE_DONE) return Error("read event members");
    stories::EventSummary summary = stories::SummarizeEvent(event, views);
    std::string json = EncodeSummary(summary);
    ResetOnExit reset_put{put};
    put.Bind(1, static_cast<int64_t>(event));
    put.Bind(2, summary.date ? summary.date->ToIso() : std::string());
    put.Bind(3, summary.last_date ? summary.last_date->ToIso() : std::string());
    put.Bind(4, summary.headline);
    put.Bind(5, static_cast<int64_t>(summary.articles.size()));
    put.Bind(6, static_cast<int64_t>(summary.outlets.size()));
    put.Bind(7, json);
    if (put.Step() != SQLITE_DONE) return Error("write events");
  }
  return Status::Ok();
}

Status SqliteStore::RelinkStorylines(ClusterCounts* counts) {
  std::vector<stories::EventSummary> summaries;
  {
    Stmt s;
    if (s.Prepare(db_, "SELECT id, summary FROM events ORDER BY id") != SQLITE_OK) return Error("prepare");
    int rc;
    while ((rc = s.Step()) == SQLITE_ROW) {
      auto d = DecodeSummary(s.Text(1));
      if (!d.ok()) return Status::Invalid(path_ + ": event " + std::to_string(s.Int(0)) + ": " + d.status().message());
      d->event = static_cast<uint32_t>(s.Int(0));
      summaries.push_back(std::move(d).value());
    }
    if (rc != SQLITE_DONE) return Error("read events");
  }
  std::vector<stories::Storyline> lines = stories::LinkStorylines(summaries);
  std::unordered_map<uint32_t, const stories::EventSummary*> by_event;
  for (const auto& s : summaries) by_event[s.event] = &s;
  if (Status s = Exec("DELETE FROM storylines; UPDATE events SET storyline_id = NULL"); !s.ok()) return s;
  Stmt put, link;
  if (put.Prepare(db_,
                  "INSERT INTO storylines(id, title, first_date, last_date, events, articles, detail) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") != SQLITE_OK ||
      link.Prepare(db_, "UPDATE events SET storyline_id = ?2 WHERE id = ?1") != SQLITE_OK)
    return Error("prepare");
  using Json = nlohmann::ordered_json;
  for (const auto& line : lines) {
    if (line.events.empty()) continue;
    const int64_t id = *std::min_element(line.events.begin(), line.events.end());
    Json detail;
    detail["events"] = line.events;
    Json entities = Json::array();
    for (const auto& e : line.entities)
      entities.push_back({{"id", e.id},
                          {"type", e.type},
                          {"canonical", e.canonical},
                          {"latin", e.latin},
                          {"weight", e.weight},
                          {"articles", e.articles}});
    detail["entities"] = std::move(entities);
    Json volume = Json::array();
    for (const auto& [d, n] : line.volume) volume.push_back(Json::array({d.ToIso(), n}));
    detail["volume"] = std::move(volume);
    std::vector<const stories::EventSummary*> members;
    for (uint32_t e : line.events)
      if (auto it = by_event.find(e); it != by_event.end()) members.push_back(it->second);
    std::vector<stories::MergedClaim> claims = MergeEventClaims(members);
    AddClaimsJson(claims, stories::FindConflicts(claims), &detail);
    std::string json = detail.dump(-1, ' ', false, Json::error_handler_t::replace);
    ResetOnExit reset_put{put};
    put.Bind(1, id);
    put.Bind(2, line.title);
    put.Bind(3, line.first_date ? line.first_date->ToIso() : std::string());
    put.Bind(4, line.last_date ? line.last_date->ToIso() : std::string());
    put.Bind(5, static_cast<int64_t>(line.events.size()));
    put.Bind(6, static_cast<int64_t>(line.articles));
    put.Bind(7, json);
    if (put.Step() != SQLITE_DONE) return Error("write storylines");
    for (uint32_t e : line.events) {
      ResetOnExit reset_link{link};
      link.Bind(1, static_cast<int64_t>(e));
      link.Bind(2, id);
      if (link.Step() != SQLITE_DONE) return Error("write storylines of events");
    }
    ++counts->storylines;
  }
  return Status::Ok();
}

// ---- Read side --------------------------------------------------------------

Result<std::vector<StorylineRow>> SqliteStore::Storylines() {
  Stmt s;
  if (s.Prepare(db_,
                "SELECT id, title, first_date, last_date, events, articles, detail FROM storylines "
                "ORDER BY articles DESC, id") != SQLITE_OK)
    return Error("prepare");
  std::vector<StorylineRow> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    StorylineRow r;
    r.id = s.Int(0);
    r.title = s.Text(1);
    r.first_date = s.Text(2);
    r.last_date = s.Text(3);
    r.events = static_cast<size_t>(s.Int(4));
    r.articles = static_cast<size_t>(s.Int(5));
    r.detail_json = s.Text(6);
    out.push_back(std::move(r));
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
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events WHERE (?1 IS NULL OR storyline_id = ?1) ORDER BY date = '', date, id";
  Stmt s;
  if (s.Prepare(db_, sql.c_str()) != SQLITE_OK) return Error("prepare");
  if (storyline) s.Bind(1, *storyline);
  std::vector<EventRow> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back(ReadEventRow(s));
  if (rc != SQLITE_DONE) return Error("read events");
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
                "SELECT a.id, a.event_id, coalesce(e.storyline_id, -1) FROM articles a "
                "LEFT JOIN events e ON e.id = a.event_id WHERE a.event_id IS NOT NULL ORDER BY a.id") != SQLITE_OK)
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
